// Exports of the aggregated results, CSV (for French Excel) and JSON, built from the same
// published results as the pages, so the same cells are suppressed: a hidden cell gives
// « non publié » and no figure at all, in either format (decision 0019).
import { frenchCsv } from "../../lib/csv.js";
import { GRADES } from "./rules.js";
import type { consultationResults } from "./queries.server.js";

type Results = NonNullable<Awaited<ReturnType<typeof consultationResults>>>;
type Summary = NonNullable<Results["questions"][number]["overall"]>;

export const HIDDEN = "non publié";
const NOT_SPECIFIED = "non précisé";
const OVERALL = "ensemble";

/** One row per figure: where (ensemble or a sous-secteur), which question, which option, what. */
export function resultRows(r: Results): (string | number)[][] {
  const rows: (string | number)[][] = [["question", "type", "territoire", "répondants", "option", "mesure", "valeur"]];
  const place = (name: string | null) => name ?? NOT_SPECIFIED;
  const shown = (n: number | null) => n ?? HIDDEN;
  rows.push(["", "participation", OVERALL, shown(r.n), "", "personnes comptées", shown(r.n)]);
  for (const [key, n] of [["en ligne", r.method.web], ["papier", r.method.paper], ["papier non nominatif", r.method.paperUnnamed], ["atelier", r.method.atelier], ["procès-verbal", r.method.tally]] as const)
    rows.push(["", "participation", OVERALL, shown(r.n), key, "personnes comptées", shown(n)]);
  for (const s of r.subsectors) rows.push(["", "participation", place(s.name), s.shown ? s.n! : HIDDEN, "", "personnes comptées", s.shown ? s.n! : HIDDEN]);
  for (const [i, q] of r.questions.entries()) {
    const label = (id: number) => q.options.find((o) => o.id === id)?.label ?? "";
    const prompt = `${i + 1}. ${q.prompt}`;
    const emit = (where: string, s: Summary) => {
      const base = [prompt, q.kind, where, s.respondents] as const;
      if (s.kind !== "text") rows.push([...base, "sans réponse", "nombre", s.blank]);
      switch (s.kind) {
        case "single":
        case "multiple":
          for (const c of s.counts) rows.push([...base, label(c.optionId), "nombre", c.n], [...base, label(c.optionId), "part des répondants", round(c.share)]);
          break;
        case "scale":
          s.distribution.forEach((n, v) => rows.push([...base, String(v + 1), "nombre", n]));
          rows.push([...base, "", "moyenne", s.mean === null ? "" : round(s.mean)]);
          break;
        case "ranking":
          for (const b of s.borda) rows.push([...base, label(b.key), "points", b.points], [...base, label(b.key), "rang", b.tied ? `${b.rank} ex æquo` : b.rank], [...base, label(b.key), "part des premières places", round(b.firstShare)]);
          break;
        case "majority":
          for (const j of s.judgment) {
            GRADES.forEach((g, gi) => rows.push([...base, label(j.key as number), `mention ${g}`, j.profile[gi] ?? 0]));
            rows.push([...base, label(j.key as number), "mention majoritaire", j.majorityGrade ?? ""]);
          }
          break;
        case "text":
          break;
      }
    };
    if (q.overall) emit(OVERALL, q.overall);
    else rows.push([prompt, q.kind, OVERALL, HIDDEN, "", "non publié (secret du vote)", HIDDEN]);
    for (const cell of q.bySubsector) {
      if (cell.shown && cell.result) emit(place(cell.name), cell.result);
      else if (cell.shown) rows.push([prompt, q.kind, place(cell.name), 0, "", "personnes comptées", 0]);
      else rows.push([prompt, q.kind, place(cell.name), HIDDEN, "", "non publié (secret du vote)", HIDDEN]);
    }
  }
  return rows;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** `;`, a BOM and CRLF: what French Excel opens without asking (see lib/csv). */
export function resultsCsv(r: Results): string {
  return frenchCsv(resultRows(r));
}

/** A published summary as the JSON export gives it: every version of both texts, and the councils' signatures. */
export interface SummaryExport {
  said: { fr: string; falc: string | null; en: string | null; ar: string | null };
  nextSteps: { fr: string; falc: string | null; en: string | null; ar: string | null };
  publishedAt: Date;
  updatedAt: Date;
  cosignedBy: { qpv: string; signedAt: Date; onThisText: boolean }[];
}

/** The same figures as JSON: hidden cells carry `"shown": false` and no figure; the published summary, if any. */
export function resultsJson(r: Results, summary: SummaryExport | null = null) {
  const c = r.consultation;
  return {
    consultation: { id: c.id, title: c.title, opensAt: c.opens_at, closesAt: c.closes_at },
    summary,
    /** null: « non publié » (fewer than 5 people counted). */
    n: r.n,
    publishedAt: r.publishedAt,
    method: r.method,
    subsectors: r.subsectors.map((s) => (s.shown ? { name: s.name ?? NOT_SPECIFIED, shown: true, n: s.n } : { name: s.name ?? NOT_SPECIFIED, shown: false })),
    questions: r.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      options: q.options.map((o) => ({ id: o.id, label: o.label })),
      overall: q.overall ? { shown: true, ...q.overall } : { shown: false },
      bySubsector: q.bySubsector.map((cell) => (cell.shown ? { name: cell.name ?? NOT_SPECIFIED, shown: true, n: cell.n, result: cell.result } : { name: cell.name ?? NOT_SPECIFIED, shown: false })),
    })),
  };
}
