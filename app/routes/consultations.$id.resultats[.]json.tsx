// The aggregated results as JSON, with the same visibility and suppression as the results page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsJson } from "../domain/consultations/export.js";
import { visibleResults } from "../utils/results.server.js";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const results = await visibleResults(context, params.id);
  const body = JSON.stringify(resultsJson(results), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="resultats-consultation-${results.consultation.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
