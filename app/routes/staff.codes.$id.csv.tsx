// Staff: a batch as CSV for a mailing house (; separated, BOM, CRLF: opens in French Excel).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { batchCodes } from "../domain/accounts/queries.server.js";
import { formatCode } from "../domain/accounts/rules.js";
import { csvResponse, frenchCsv } from "../lib/csv.js";
import { requireBatch } from "../utils/staff.server.js";
import { formatParisDate } from "../utils/paris-time.js";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { batch } = await requireBatch(request, context, params.id);
  const codes = await batchCodes(context.db, batch.id);
  const origin = context.publicUrl;
  const rows = codes.map((c) => [formatCode(c.code), `${origin}/code?code=${c.code}`, batch.territoryName, formatParisDate(batch.expires_at, "fr"), c.redeemed_at ? "utilisé" : c.revoked_at ? "révoqué" : "disponible"]);
  return csvResponse(frenchCsv([["code", "lien", "quartier", "expire le", "état"], ...rows]), `codes-lot-${batch.id}.csv`);
}
