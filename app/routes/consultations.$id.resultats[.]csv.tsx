// The aggregated results as CSV, with the same visibility and suppression as the results page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsCsv } from "../domain/consultations/export.js";
import { visibleResults } from "../utils/results.server.js";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const results = await visibleResults(context, params.id);
  const body = resultsCsv(results);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="resultats-consultation-${results.consultation.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
