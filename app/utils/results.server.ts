// Results are public when the consultation's visibility allows it, and always for its staff.
// One rule for the results page and its exports.
import type { AppLoadContext } from "@remix-run/node";
import { scaleLinear } from "d3-scale";
import { getViewer, isStaffOf } from "../auth/guard.server.js";
import { consultationResults } from "../domain/consultations/queries.server.js";
import { resultsVisible, type Grade, type QuestionKind } from "../domain/consultations/rules.js";
import { formatMean, pickVersion } from "../domain/consultations/text.js";
import { notFound, parseId } from "./http.js";

export async function visibleResults(context: AppLoadContext, rawId: string | undefined) {
  const id = parseId(rawId);
  const results = id ? await consultationResults(context.db, id) : null;
  if (!results || results.consultation.status !== "published") notFound();
  const c = results.consultation;
  if (!resultsVisible(c, new Date()) && !(await isStaffOf(context.db, await getViewer(context), c.epci_id))) throw new Response(null, { status: 403 });
  return results;
}

type Results = NonNullable<Awaited<ReturnType<typeof consultationResults>>>;
type Summary = NonNullable<Results["questions"][number]["overall"]>;

/** A bar chart's scale: from 0 to a round number at or above its largest value, with whole-number ticks. */
export interface ChartAxis {
  max: number;
  ticks: number[];
}

/**
 * The scale of bars showing these counts (d3-scale, on the server only: no chart code goes to
 * the phone): 0 to a round maximum (0-10 for 9, 0-30 for 29), 3 or 4 whole-number ticks.
 */
export function chartAxis(values: number[]): ChartAxis {
  const scale = scaleLinear().domain([0, Math.max(1, ...values)]).nice(3);
  return { max: scale.domain()[1]!, ticks: scale.ticks(3).filter(Number.isInteger) };
}

/** The counts a question's chart draws: people per option or per value, points, or people per grade. */
function chartValues(s: Summary): number[] {
  switch (s.kind) {
    case "single":
    case "multiple":
      return s.counts.map((c) => c.n);
    case "scale":
      return s.distribution;
    case "ranking":
      return s.borda.map((r) => r.points);
    case "majority":
      return s.judgment.flatMap((j) => j.profile);
    case "text":
      return [];
  }
}

const withAxis = (s: Summary) => ({ ...s, axis: chartAxis(chartValues(s)) });

/**
 * The published figures as the results page shows them: each chart with its scale from 0, and
 * the reader's own sous-secteur (`own`, when it is one of the consultation's cells) first in
 * the participation table and in every question's breakdown. Hidden cells stay hidden: the
 * scales are drawn from the figures shown only.
 */
export function readableResults(results: Results, ownSubsectorId: number | null) {
  const own = ownSubsectorId !== null && results.subsectors.some((s) => s.territoryId === ownSubsectorId) ? ownSubsectorId : null;
  const ownFirst = <T extends { territoryId: number }>(cells: T[]) => (own === null ? cells : [...cells.filter((c) => c.territoryId === own), ...cells.filter((c) => c.territoryId !== own)]);
  return {
    own,
    subsectors: ownFirst(results.subsectors),
    subsectorAxis: chartAxis(results.subsectors.map((s) => (s.shown && s.n) || 0)),
    questions: results.questions.map((q) => ({
      ...q,
      overall: q.overall ? withAxis(q.overall) : null,
      bySubsector: ownFirst(q.bySubsector).map((cell) => ({ ...cell, result: cell.result ? withAxis(cell.result) : null })),
    })),
  };
}

/** One figure of a question as a line: an option and its rank and points, its count and share, or its majority grade. */
export interface FigureLine {
  label: { text: string; lang: string };
  figure: { kind: "rank"; rank: number; tied: boolean; points: number } | { kind: "count"; n: number; share: string } | { kind: "grade"; grade: Grade | null };
}

/**
 * A consultation's visible figures question by question, as the objective and QPV pages list
 * them: how many answered, one line per option (rank and points of a ranking, count and share
 * of a choice, majority grade of a judgment; best first), a scale's average; `hidden` when
 * fewer than 5 answered the question. `keep` chooses the questions, `keepOption` their options.
 */
export function questionFigures(
  results: Results,
  reader: { lng: string; falc: boolean },
  keep: (q: { id: number; kind: QuestionKind }) => boolean,
  keepOption: (optionId: number) => boolean = () => true,
) {
  const percent = new Intl.NumberFormat(reader.lng, { style: "percent", maximumFractionDigits: 0 });
  return results.questions.filter(keep).map((q) => {
    const src = results.consultation.questions.find((x) => x.id === q.id)!;
    const label = (id: number) => {
      const o = src.options.find((x) => x.id === id)!;
      return pickVersion({ fr: o.label, falc: o.label_falc, en: o.label_en, ar: o.label_ar }, reader.lng, reader.falc);
    };
    const s = q.overall;
    const lines: FigureLine[] =
      s?.kind === "ranking"
        ? s.borda.filter((r) => keepOption(r.key)).map((r) => ({ label: label(r.key), figure: { kind: "rank" as const, rank: r.rank, tied: r.tied, points: r.points } }))
        : s?.kind === "single" || s?.kind === "multiple"
          ? [...s.counts].sort((a, b) => b.n - a.n).filter((x) => keepOption(x.optionId)).map((x) => ({ label: label(x.optionId), figure: { kind: "count" as const, n: x.n, share: percent.format(x.share) } }))
          : s?.kind === "majority"
            ? s.judgment.filter((j) => keepOption(j.key)).map((j) => ({ label: label(j.key), figure: { kind: "grade" as const, grade: j.majorityGrade } }))
            : [];
    return {
      id: q.id,
      prompt: pickVersion({ fr: src.prompt, falc: src.prompt_falc, en: src.prompt_en, ar: src.prompt_ar }, reader.lng, reader.falc),
      hidden: s === null,
      respondents: s?.respondents ?? null,
      mean: s?.kind === "scale" && s.mean !== null ? formatMean(s.mean, reader.lng) : null,
      /** A scale's people per value, 1 to 5, each with its share of those who answered (as a choice's). */
      distribution: s?.kind === "scale" ? s.distribution.map((n) => ({ n, share: percent.format(s.respondents ? n / s.respondents : 0) })) : null,
      lines,
    };
  });
}

export type QuestionFigures = ReturnType<typeof questionFigures>[number];
