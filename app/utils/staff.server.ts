// Loading a batch or a consultation for a staff page: 404 when absent, 403 outside the viewer's EPCI.
import type { AppLoadContext } from "@remix-run/node";
import { requireRole, type Viewer } from "../auth/guard.server.js";
import { getBatch } from "../domain/accounts/queries.server.js";
import { getConsultation } from "../domain/consultations/queries.server.js";
import { notFound, parseId } from "./http.js";

export async function requireBatch(request: Request, context: AppLoadContext, rawId: string | undefined): Promise<{ viewer: Viewer; batch: NonNullable<Awaited<ReturnType<typeof getBatch>>> }> {
  const id = parseId(rawId);
  const batch = id ? await getBatch(context.db, id) : null;
  if (!batch) {
    await requireRole(request, context, "staff");
    notFound();
  }
  const viewer = await requireRole(request, context, "staff", batch.territoryId);
  return { viewer, batch };
}

/** A consultation and a staff member of its EPCI (or 403/404). */
export async function requireStaffConsultation(request: Request, context: AppLoadContext, rawId: string | undefined) {
  const id = parseId(rawId);
  const c = id ? await getConsultation(context.db, id) : null;
  if (!c) {
    await requireRole(request, context, "staff");
    notFound();
  }
  const viewer = await requireRole(request, context, "staff", c.epci_id);
  return { c, viewer };
}
