// Results are public when the consultation's visibility allows it, and always for its staff.
// One rule for the results page and its exports.
import type { AppLoadContext } from "@remix-run/node";
import { getViewer, isStaffOf } from "../auth/guard.server.js";
import { consultationResults } from "../domain/consultations/queries.server.js";
import { resultsVisible } from "../domain/consultations/rules.js";
import { notFound, parseId } from "./http.js";

export async function visibleResults(context: AppLoadContext, rawId: string | undefined) {
  const id = parseId(rawId);
  const results = id ? await consultationResults(context.db, id) : null;
  if (!results || results.consultation.status !== "published") notFound();
  const c = results.consultation;
  if (!resultsVisible(c, new Date()) && !(await isStaffOf(context.db, await getViewer(context), c.epci_id))) throw new Response(null, { status: 403 });
  return results;
}
