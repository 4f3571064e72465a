// The aggregated results as CSV for French Excel, with the same visibility and suppression as
// the results page; kinds and grades in French words (decision 0021).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsCsv } from "../domain/consultations/export.js";
import { sayIn } from "../i18n/resources.server.js";
import { csvResponse } from "../lib/csv.js";
import { visibleResults } from "../utils/results.server.js";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const results = await visibleResults(context, params.id);
  return csvResponse(resultsCsv(results, (key, vars) => sayIn("fr", key, vars)), `resultats-consultation-${results.consultation.id}.csv`);
}
