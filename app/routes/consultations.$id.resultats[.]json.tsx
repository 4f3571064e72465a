// The aggregated results as JSON, with the same visibility and suppression as the results page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsJson } from "../domain/consultations/export.js";
import { consultationSummary, summarySignatures } from "../domain/consultations/queries.server.js";
import { visibleResults } from "../utils/results.server.js";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const results = await visibleResults(context, params.id);
  const s = await consultationSummary(context.db, results.consultation.id, { publishedOnly: true });
  const summary = s
    ? {
        said: { fr: s.said, falc: s.said_falc, en: s.said_en, ar: s.said_ar },
        nextSteps: { fr: s.next_steps, falc: s.next_steps_falc, en: s.next_steps_en, ar: s.next_steps_ar },
        publishedAt: s.published_at!,
        updatedAt: s.updated_at,
        cosignedBy: (await summarySignatures(context.db, s.consultation_id)).map((g) => ({ qpv: g.name, signedAt: g.signedAt, onThisText: g.current })),
      }
    : null;
  const body = JSON.stringify(resultsJson(results, summary), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="resultats-consultation-${results.consultation.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
