// Exports of the aggregated results, CSV (for French Excel, decision 0021) and JSON, built from
// the same published results as the pages, so the same cells are suppressed: a hidden cell
// gives « non publié » and no figure at all, in either format (decision 0019).
import { frenchCsv, type CsvCell } from "../../lib/csv.js";
import { GRADES } from "./rules.js";
import type { consultationResults } from "./queries.server.js";

type Results = NonNullable<Awaited<ReturnType<typeof consultationResults>>>;
type Summary = NonNullable<Results["questions"][number]["overall"]>;
/** Translates into the export's language (French): `sayIn("fr", …)` on the server. */
export type Say = (key: string, vars?: Record<string, unknown>) => string;

export const HIDDEN = "non publié";
const NOT_SPECIFIED = "non précisé";
const OVERALL = "ensemble";
export const TIED = "ex æquo";

/** The header row: figures only in « répondants » and « valeur », words in « remarque ». */
export const RESULT_COLUMNS = ["question", "type", "territoire", "répondants", "option", "mesure", "valeur", "remarque"] as const;

/**
 * One row per figure: where (ensemble or a sous-secteur), which question, which option, what.
 * « répondants » and « valeur » hold numbers or nothing: a hidden figure leaves both empty and
 * says « non publié » in « remarque », as a tie says « ex æquo » there, so a spreadsheet sums
 * and sorts those two columns as numbers. Question kinds and grades read as words.
 */
export function resultRows(r: Results, t: Say): CsvCell[][] {
  const rows: CsvCell[][] = [[...RESULT_COLUMNS]];
  const place = (name: string | null) => name ?? NOT_SPECIFIED;
  const note = (n: number | null) => (n === null ? HIDDEN : "");
  const kind = (k: string) => t(`kinds2.${k}`);
  const grade = (g: string) => t(`grades.${g}`);
  rows.push(["", "participation", OVERALL, r.n, "", "personnes comptées", r.n, note(r.n)]);
  for (const [key, n] of [["en ligne", r.method.web], ["papier", r.method.paper], ["papier non nominatif", r.method.paperUnnamed], ["atelier", r.method.atelier], ["procès-verbal", r.method.tally]] as const)
    rows.push(["", "participation", OVERALL, r.n, key, "personnes comptées", n, note(n)]);
  for (const s of r.subsectors) rows.push(["", "participation", place(s.name), s.shown ? s.n : null, "", "personnes comptées", s.shown ? s.n : null, s.shown ? "" : HIDDEN]);
  for (const [i, q] of r.questions.entries()) {
    const label = (id: number) => q.options.find((o) => o.id === id)?.label ?? "";
    const prompt = `${i + 1}. ${q.prompt}`;
    const emit = (where: string, s: Summary) => {
      const row = (option: string, measure: string, value: number | null, remark = "") => rows.push([prompt, kind(q.kind), where, s.respondents, option, measure, value, remark]);
      if (s.kind !== "text") row("sans réponse", "nombre", s.blank);
      switch (s.kind) {
        case "single":
        case "multiple":
          for (const c of s.counts) row(label(c.optionId), "nombre", c.n), row(label(c.optionId), "part des répondants", round(c.share));
          break;
        case "scale":
          s.distribution.forEach((n, v) => row(String(v + 1), "nombre", n));
          row("", "moyenne", s.mean === null ? null : round(s.mean));
          break;
        case "ranking":
          for (const b of s.borda) row(label(b.key), "points", b.points), row(label(b.key), "rang", b.rank, b.tied ? TIED : ""), row(label(b.key), "part des premières places", round(b.firstShare));
          break;
        case "majority":
          for (const j of s.judgment) {
            GRADES.forEach((g, gi) => row(label(j.key as number), `mention « ${grade(g)} »`, j.profile[gi] ?? 0));
            rows.push([prompt, kind(q.kind), where, s.respondents, label(j.key as number), "mention majoritaire", null, j.majorityGrade ? grade(j.majorityGrade) : ""]);
          }
          break;
        case "text":
          break;
      }
    };
    const hidden = (where: string) => rows.push([prompt, kind(q.kind), where, null, "", "secret du vote", null, HIDDEN]);
    if (q.overall) emit(OVERALL, q.overall);
    else hidden(OVERALL);
    for (const cell of q.bySubsector) {
      if (cell.shown && cell.result) emit(place(cell.name), cell.result);
      else if (cell.shown) rows.push([prompt, kind(q.kind), place(cell.name), 0, "", "personnes comptées", 0, ""]);
      else hidden(place(cell.name));
    }
  }
  return rows;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The rows for French Excel (see lib/csv): `;`, a BOM, CRLF and decimal commas. */
export function resultsCsv(r: Results, t: Say): string {
  return frenchCsv(resultRows(r, t));
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
