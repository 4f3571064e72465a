// The aggregated results as CSV, with the same visibility and suppression as the results page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsCsv } from "../domain/consultations/export.js";
import { csvResponse } from "../lib/csv.js";
import { visibleResults } from "../utils/results.server.js";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const results = await visibleResults(context, params.id);
  return csvResponse(resultsCsv(results), `resultats-consultation-${results.consultation.id}.csv`);
}
