// My data as JSON (RGPD right of access and portability).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireViewer } from "../auth/guard.server.js";
import { exportPersonalData } from "../domain/accounts/privacy.server.js";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const data = await exportPersonalData(context.db, viewer.accountId);
  return new Response(JSON.stringify(data, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": 'attachment; filename="mes-donnees-parlons-quartier.json"', "Cache-Control": "no-store" },
  });
}
