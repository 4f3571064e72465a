// Staff: a batch as CSV for a mailing house (; separated, BOM, CRLF: opens in French Excel).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { batchCodes } from "../domain/accounts/queries.server.js";
import { formatCode } from "../domain/accounts/rules.js";
import { requireBatch } from "../utils/staff.server.js";
import { formatParisDate } from "../utils/paris-time.js";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { batch } = await requireBatch(request, context, params.id);
  const codes = await batchCodes(context.db, batch.id);
  const origin = process.env.PUBLIC_URL ?? new URL(request.url).origin;
  const rows = codes.map((c) => [formatCode(c.code), `${origin}/code?code=${c.code}`, batch.territoryName, formatParisDate(batch.expires_at, "fr"), c.redeemed_at ? "utilisé" : c.revoked_at ? "révoqué" : "disponible"]);
  const body = stringify([["code", "lien", "quartier", "expire le", "état"], ...rows], { delimiter: ";", bom: true, record_delimiter: "\r\n" });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="codes-lot-${batch.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
