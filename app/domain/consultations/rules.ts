// Counting rules fixed so that results can be checked by hand. Pure functions, unit-tested
// against worked examples; the results pages and the exports call the same ones.

/** Secret ballot: a group of 1 to 4 people is never shown (decision 0019). */
export const SUPPRESSION_THRESHOLD = 5;

export type SuppressedCell<K> = { key: K; n: number; shown: true } | { key: K; n: null; shown: false };

/**
 * One table of people (decision 0019): a cell of 1 to 4 is hidden, a cell of 0 is shown (it
 * tells of nobody); then, while the total minus the shown cells (what the hidden cells hold
 * together) is 1 to 4, the smallest shown non-zero cell is hidden too. Every hidden cell is
 * hidden the same way: no label hints at its size. `total` is the table's total (the sum of
 * the cells unless given); `alsoHidden`, cells to hide whatever they hold (the cross-table check
 * of disclosure.ts). With threshold 0 nothing is hidden.
 */
export function suppressBreakdown<K>(cells: { key: K; n: number }[], threshold = SUPPRESSION_THRESHOLD, total = cells.reduce((s, c) => s + c.n, 0), alsoHidden: ReadonlySet<K> = new Set()): SuppressedCell<K>[] {
  const hidden = new Set<number>();
  cells.forEach((c, i) => {
    if ((c.n > 0 && c.n < threshold) || (alsoHidden.has(c.key) && c.n > 0)) hidden.add(i);
  });
  for (;;) {
    const shownSum = cells.reduce((s, c, i) => (hidden.has(i) ? s : s + c.n), 0);
    const residual = total - shownSum;
    if (residual <= 0 || residual >= threshold) break;
    let smallest = -1;
    cells.forEach((c, i) => {
      if (!hidden.has(i) && c.n > 0 && (smallest === -1 || c.n < cells[smallest]!.n)) smallest = i;
    });
    if (smallest === -1) break;
    hidden.add(smallest);
  }
  return cells.map((c, i) => (hidden.has(i) ? ({ key: c.key, n: null, shown: false } as const) : ({ key: c.key, n: c.n, shown: true } as const)));
}

export interface BordaRow<K> {
  key: K;
  points: number;
  firsts: number;
  /** Share of respondents who put this option first (0..1). */
  firstShare: number;
  /** 1-based; equal for options ex æquo. */
  rank: number;
  tied: boolean;
}

/**
 * Priority ranking, top N among M options: rank r earns N − r + 1 points, an unranked
 * option 0. Order by points, then by first places; still equal → ex æquo.
 */
export function bordaCount<K>(options: K[], ballots: K[][], topN: number): BordaRow<K>[] {
  const points = new Map<K, number>(options.map((o) => [o, 0]));
  const firsts = new Map<K, number>(options.map((o) => [o, 0]));
  for (const ballot of ballots) {
    ballot.slice(0, topN).forEach((option, i) => {
      if (!points.has(option)) return;
      points.set(option, points.get(option)! + (topN - i));
      if (i === 0) firsts.set(option, firsts.get(option)! + 1);
    });
  }
  return rankRows(
    options.map((key) => ({ key, points: points.get(key)!, firsts: firsts.get(key)!, firstShare: ballots.length ? firsts.get(key)! / ballots.length : 0 })),
    (a, b) => b.points - a.points || b.firsts - a.firsts,
  );
}

/** Borda from pre-counted tallies: counts[option][r-1] = how many put it at rank r. */
export function bordaFromTallies<K>(options: K[], counts: Map<K, number[]>, topN: number, respondents: number): BordaRow<K>[] {
  return rankRows(
    options.map((key) => {
      const c = counts.get(key) ?? [];
      const points = c.slice(0, topN).reduce((sum, n, i) => sum + n * (topN - i), 0);
      const first = c[0] ?? 0;
      return { key, points, firsts: first, firstShare: respondents ? first / respondents : 0 };
    }),
    (a, b) => b.points - a.points || b.firsts - a.firsts,
  );
}

function rankRows<T>(rows: T[], compare: (a: T, b: T) => number): (T & { rank: number; tied: boolean })[] {
  const sorted = [...rows].sort(compare);
  const out: (T & { rank: number; tied: boolean })[] = [];
  sorted.forEach((row, i) => {
    const prev = out[i - 1];
    const rank = prev && compare(sorted[i - 1]!, row) === 0 ? prev.rank : i + 1;
    out.push({ ...row, rank, tied: false });
  });
  for (const row of out) row.tied = out.filter((r) => r.rank === row.rank).length > 1;
  return out;
}

/** Majority-judgment grades, best first. */
export const GRADES = ["excellent", "tres_bien", "bien", "assez_bien", "passable", "insuffisant", "a_rejeter"] as const;
export type Grade = (typeof GRADES)[number];

export interface MajorityRow<K> {
  key: K;
  /** Count per grade, in GRADES order. */
  profile: number[];
  n: number;
  majorityGrade: Grade | null;
  /** Share strictly better than the majority grade, and strictly worse. */
  above: number;
  below: number;
  /** The majority gauge: +above when above > below, otherwise −below. */
  gauge: number;
  rank: number;
  tied: boolean;
}

/** The lower median grade of a profile (counts in GRADES order, best first). */
export function lowerMedianGrade(profile: number[]): number | null {
  const n = profile.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  // Walk from the worst grade up: the lower median is the grade of the element at
  // position floor((n − 1) / 2) when grades are sorted from worst to best.
  const target = Math.floor((n - 1) / 2);
  let seen = 0;
  for (let g = GRADES.length - 1; g >= 0; g--) {
    seen += profile[g] ?? 0;
    if (seen > target) return g;
  }
  return 0;
}

/**
 * Majority judgment: the majority grade is the lower median; ties are broken by Balinski and
 * Laraki's majority gauge (the share above the median against the share below it).
 */
export function majorityJudgment<K>(profiles: { key: K; profile: number[] }[]): MajorityRow<K>[] {
  const rows = profiles.map(({ key, profile }) => {
    const n = profile.reduce((a, b) => a + b, 0);
    const g = lowerMedianGrade(profile);
    const above = g === null ? 0 : profile.slice(0, g).reduce((a, b) => a + b, 0) / n;
    const below = g === null ? 0 : profile.slice(g + 1).reduce((a, b) => a + b, 0) / n;
    return { key, profile, n, gradeIndex: g, majorityGrade: g === null ? null : GRADES[g]!, above, below, gauge: above > below ? above : -below };
  });
  const compare = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
    const ga = a.gradeIndex ?? GRADES.length;
    const gb = b.gradeIndex ?? GRADES.length;
    if (ga !== gb) return ga - gb;
    return b.gauge - a.gauge;
  };
  return rankRows(rows, compare).map(({ gradeIndex: _g, ...r }) => r);
}

/** Why a free text is not published: a fixed list, never a free-form judgement. */
export const TEXT_REASONS = ["identifies", "abusive", "off_topic", "other"] as const;
export type TextReason = (typeof TEXT_REASONS)[number];
export const readTextReason = (value: unknown): TextReason | null => ((TEXT_REASONS as readonly unknown[]).includes(value) ? (value as TextReason) : null);

export type QuestionKind = "single" | "multiple" | "scale" | "text" | "ranking" | "majority";
export const TEXT_MAX = 1000;

export interface QuestionShape {
  id: number;
  kind: QuestionKind;
  maxChoices: number | null;
  topN: number | null;
  optionIds: number[];
}

export interface AnswerRow {
  questionId: number;
  optionId: number | null;
  rank: number | null;
  value: number | null;
  text: string | null;
}

/**
 * The questions and options a form was made with (`q12:34.35;q13:`), sent back in the form's
 * `questions` field: an answer to questions that changed since the page was read (staff may
 * still edit them until the first answer) is refused as a whole rather than taken in part.
 */
export const QUESTIONS_FIELD = "questions";
export const questionsSignature = (questions: { id: number; optionIds: number[] }[]) => questions.map((q) => `q${q.id}:${q.optionIds.join(".")}`).join(";");
/** True when the form says nothing of its questions (an older page, a script) or names the current ones. */
export const formFitsQuestions = (questions: { id: number; optionIds: number[] }[], form: Map<string, string[]>) => {
  const sent = form.get(QUESTIONS_FIELD)?.[0];
  return sent === undefined || sent === questionsSignature(questions);
};

export type AnswerProblem = "missing" | "unknownOption" | "duplicateRank" | "rankBeyondN" | "tooMany" | "tooLong" | "scaleRange" | "gradeUnknown";

/**
 * Reads a submitted form (field names `q<id>`, and `q<id>_o<option>` for ranks and grades)
 * into answer rows, or one problem per question. Every question must be answered: a ranking
 * needs its top N (or every option when there are fewer), majority judgment a grade per option.
 * A paper ballot (`blankAllowed`) may leave a question blank, and rank fewer than N.
 */
export function readSubmission(
  questions: QuestionShape[],
  form: Map<string, string[]>,
  { blankAllowed = false }: { blankAllowed?: boolean } = {},
): { ok: true; answers: AnswerRow[] } | { ok: false; problems: Record<number, AnswerProblem> } {
  const problems: Record<number, AnswerProblem> = {};
  const answers: AnswerRow[] = [];
  const one = (name: string) => (form.get(name) ?? []).find((v) => v.trim() !== "")?.trim() ?? null;
  for (const q of questions) {
    const name = `q${q.id}`;
    const known = (v: string) => /^\d+$/.test(v) && q.optionIds.includes(Number(v));
    switch (q.kind) {
      case "single": {
        const v = one(name);
        if (v === null) problems[q.id] = "missing";
        else if (!known(v)) problems[q.id] = "unknownOption";
        else answers.push({ questionId: q.id, optionId: Number(v), rank: null, value: null, text: null });
        break;
      }
      case "multiple": {
        const values = [...new Set((form.get(name) ?? []).map((v) => v.trim()).filter(Boolean))];
        if (values.length === 0) problems[q.id] = "missing";
        else if (!values.every(known)) problems[q.id] = "unknownOption";
        else if (values.length > (q.maxChoices ?? Infinity)) problems[q.id] = "tooMany";
        else for (const v of values) answers.push({ questionId: q.id, optionId: Number(v), rank: null, value: null, text: null });
        break;
      }
      case "scale": {
        const v = one(name);
        if (v === null) problems[q.id] = "missing";
        else if (!/^[1-5]$/.test(v)) problems[q.id] = "scaleRange";
        else answers.push({ questionId: q.id, optionId: null, rank: null, value: Number(v), text: null });
        break;
      }
      case "text": {
        const v = (form.get(name) ?? [])[0]?.trim() ?? "";
        if (v === "") problems[q.id] = "missing";
        else if ([...v].length > TEXT_MAX) problems[q.id] = "tooLong";
        else answers.push({ questionId: q.id, optionId: null, rank: null, value: null, text: v });
        break;
      }
      case "ranking": {
        // One rank <select> per option (works without JavaScript); blank = unranked.
        const topN = q.topN ?? 1;
        const ranks = new Map<number, number>();
        let problem: AnswerProblem | null = null;
        for (const key of form.keys()) {
          const m = key.match(/^q(\d+)_o(.+)$/);
          if (!m || Number(m[1]) !== q.id) continue;
          if (!known(m[2]!)) problem ??= "unknownOption";
        }
        for (const optionId of q.optionIds) {
          const v = one(`${name}_o${optionId}`);
          if (v === null) continue;
          if (!/^\d+$/.test(v) || Number(v) < 1) problem ??= "rankBeyondN";
          else if (Number(v) > topN) problem ??= "rankBeyondN";
          else if ([...ranks.values()].includes(Number(v))) problem ??= "duplicateRank";
          else ranks.set(optionId, Number(v));
        }
        const wanted = Math.min(topN, q.optionIds.length);
        if (!problem && ranks.size < wanted && !(blankAllowed && ranks.size > 0)) problem = "missing";
        if (problem) problems[q.id] = problem;
        else for (const [optionId, rank] of ranks) answers.push({ questionId: q.id, optionId, rank, value: null, text: null });
        break;
      }
      case "majority": {
        let problem: AnswerProblem | null = null;
        const rows: AnswerRow[] = [];
        for (const optionId of q.optionIds) {
          const v = one(`${name}_o${optionId}`);
          if (v === null) problem ??= "missing";
          else if (!GRADES.includes(v as Grade)) problem ??= "gradeUnknown";
          else rows.push({ questionId: q.id, optionId, rank: null, value: GRADES.indexOf(v as Grade), text: null });
        }
        if (problem) problems[q.id] = problem;
        else answers.push(...rows);
        break;
      }
    }
    // On paper, a question left wholly blank is a blank answer, not a mistake.
    if (blankAllowed && problems[q.id] === "missing" && !answers.some((a) => a.questionId === q.id) && ![...form.entries()].some(([k, vs]) => (k === name || k.startsWith(`${name}_o`)) && vs.some((v) => v.trim() !== ""))) delete problems[q.id];
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, answers };
}

export type ConsultationState = "draft" | "scheduled" | "open" | "closed";

export function consultationState(c: { status: "draft" | "published"; opens_at: Date; closes_at: Date }, now: Date): ConsultationState {
  if (c.status === "draft") return "draft";
  if (now.getTime() < c.opens_at.getTime()) return "scheduled";
  if (now.getTime() < c.closes_at.getTime()) return "open";
  return "closed";
}

/**
 * A duplicate's window: it keeps the original's length (at least a day) and opens a day after
 * the next full hour, so the copy never starts in the past nor opens before staff reread it.
 */
export function duplicateWindow(c: { opens_at: Date; closes_at: Date }, now: Date): { opens_at: Date; closes_at: Date } {
  const length = Math.max(24 * 3600_000, c.closes_at.getTime() - c.opens_at.getTime());
  const nextHour = Math.ceil(now.getTime() / 3600_000) * 3600_000;
  const opens = new Date(nextHour + 24 * 3600_000);
  return { opens_at: opens, closes_at: new Date(opens.getTime() + length) };
}

/** Results are public while open only when staff chose live results. */
export function resultsVisible(c: { status: "draft" | "published"; opens_at: Date; closes_at: Date; results_visibility: "live" | "after_close" }, now: Date): boolean {
  const state = consultationState(c, now);
  return state === "closed" || (state === "open" && c.results_visibility === "live");
}

// ——— Paper ballots ———

/** The most copies one print series reserves (the editor's limit, shown on the form). */
export const MAX_PRINT_COPIES = 500;

/** A paper ballot's serial: `P<consultation>-<number>`, printed on each copy. */
export function paperSerial(consultationId: number, n: number): string {
  return `P${consultationId}-${String(n).padStart(4, "0")}`;
}

/**
 * Reads a typed serial: the number alone (« 12 », « 0012 ») or the printed form, in any case,
 * with spaces. A serial printed for another consultation is refused (null).
 */
export function readSerial(consultationId: number, raw: string): string | null {
  const s = raw.normalize("NFKC").replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/\s+/g, "").toUpperCase();
  const m = s.match(/^(?:P(\d+)-?)?(\d{1,7})$/);
  if (!m || (m[1] !== undefined && Number(m[1]) !== consultationId) || Number(m[2]) < 1) return null;
  return paperSerial(consultationId, Number(m[2]));
}

// ——— Tally sheets (« procès-verbal ») ———

export type TallyProblem = "notANumber" | "blanksExceed" | "doesNotAddUp" | "overBallots" | "rankOrder";

export interface TallyCount {
  questionId: number;
  optionId: number | null;
  rank: number | null;
  value: number | null;
  count: number;
}

/** Field names of a tally sheet, shared by the form and its reader. */
export const tallyField = {
  blanks: (q: number) => `blank_q${q}`,
  option: (q: number, o: number) => `t_q${q}_o${o}`,
  scale: (q: number, v: number) => `t_q${q}_v${v}`,
  rank: (q: number, o: number, r: number) => `t_q${q}_o${o}_r${r}`,
  grade: (q: number, o: number, g: number) => `t_q${q}_o${o}_g${g}`,
};

/** The ballot count among a sheet's cells: its field name, and the cell a difference names. */
export const BALLOTS_CELL = "ballots";

/**
 * One cell of a tally sheet, by its field name: the ballots (no question), a question's blanks
 * (no option, rank nor value), or a count — per option, per scale value (no option), per option ×
 * rank, or per option × grade (the grade's index in `value`).
 */
export interface TallyCell {
  name: string;
  questionId: number | null;
  optionId: number | null;
  rank: number | null;
  value: number | null;
}

/** A question's cells in the form's order: its blanks, then its counts (none for free text). */
export function questionCells(q: Pick<QuestionShape, "id" | "kind" | "topN" | "optionIds">): TallyCell[] {
  const cell = (name: string, optionId: number | null, rank: number | null, value: number | null): TallyCell => ({ name, questionId: q.id, optionId, rank, value });
  const topN = Math.min(q.topN ?? 1, q.optionIds.length);
  switch (q.kind) {
    case "text":
      return [];
    case "single":
    case "multiple":
      return [cell(tallyField.blanks(q.id), null, null, null), ...q.optionIds.map((o) => cell(tallyField.option(q.id, o), o, null, null))];
    case "scale":
      return [cell(tallyField.blanks(q.id), null, null, null), ...[1, 2, 3, 4, 5].map((v) => cell(tallyField.scale(q.id, v), null, null, v))];
    case "ranking":
      return [cell(tallyField.blanks(q.id), null, null, null), ...q.optionIds.flatMap((o) => Array.from({ length: topN }, (_, r) => cell(tallyField.rank(q.id, o, r + 1), o, r + 1, null)))];
    case "majority":
      return [cell(tallyField.blanks(q.id), null, null, null), ...q.optionIds.flatMap((o) => GRADES.map((_, g) => cell(tallyField.grade(q.id, o, g), o, null, g)))];
  }
}

/**
 * Reads a tally sheet: per question, the blank ballots and the counts, which must add up to
 * the number of ballots. With `answered = ballots − blanks`:
 * - single choice and scale: the counts add up to `answered`;
 * - multiple choice: each option at most `answered`, and between `answered` and k × `answered` ticks;
 * - ranking: rank 1 adds up to `answered`, each further rank at most the one before, and each
 *   option at most `answered` over all ranks;
 * - majority judgment: each option's grades add up to `answered`.
 * Free-text questions are not on a tally sheet. Each question yields a row with no option nor
 * value whose count is `answered` (its respondents), then one row per non-zero count.
 */
export function readTally(questions: QuestionShape[], ballots: number, form: Map<string, string[]>): { ok: true; counts: TallyCount[] } | { ok: false; problems: Record<number, TallyProblem> } {
  const problems: Record<number, TallyProblem> = {};
  const counts: TallyCount[] = [];
  for (const q of questions) {
    if (q.kind === "text") continue;
    let bad = false;
    const num = (name: string) => {
      const raw = (form.get(name)?.[0] ?? "").trim().replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
      if (raw === "") return 0;
      if (!/^\d{1,7}$/.test(raw)) {
        bad = true;
        return 0;
      }
      return Number(raw);
    };
    const [blanksCell, ...cells] = questionCells(q);
    const blanks = num(blanksCell!.name);
    const answered = ballots - blanks;
    const rows: TallyCount[] = cells.map((c) => ({ questionId: q.id, optionId: c.optionId, rank: c.rank, value: c.value, count: num(c.name) }));
    const per = rows.map((r) => r.count);
    // Per option, its counts over ranks or grades (`width` of them), in the cells' order.
    const grid = (width: number) => q.optionIds.map((_, i) => per.slice(i * width, (i + 1) * width));
    let problem: TallyProblem | null = null;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    switch (q.kind) {
      case "single":
      case "multiple": {
        const total = sum(per);
        if (q.kind === "single" && total !== answered) problem = "doesNotAddUp";
        if (q.kind === "multiple") {
          if (per.some((n) => n > answered)) problem = "overBallots";
          else if (total < answered || total > answered * (q.maxChoices ?? 1)) problem = "doesNotAddUp";
        }
        break;
      }
      case "scale": {
        if (sum(per) !== answered) problem = "doesNotAddUp";
        break;
      }
      case "ranking": {
        const topN = Math.min(q.topN ?? 1, q.optionIds.length);
        const byOption = grid(topN);
        const perRank = Array.from({ length: topN }, (_, r) => sum(byOption.map((g) => g[r]!)));
        if (perRank[0] !== answered) problem = "doesNotAddUp";
        else if (perRank.some((n, r) => r > 0 && n > perRank[r - 1]!)) problem = "rankOrder";
        else if (byOption.some((g) => sum(g) > answered)) problem = "overBallots";
        break;
      }
      case "majority": {
        if (grid(GRADES.length).some((g) => sum(g) !== answered)) problem = "doesNotAddUp";
        break;
      }
    }
    if (bad) problem = "notANumber";
    else if (blanks > ballots) problem = "blanksExceed";
    if (problem) problems[q.id] = problem;
    else counts.push({ questionId: q.id, optionId: null, rank: null, value: null, count: answered }, ...rows.filter((r) => r.count > 0));
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, counts };
}

/**
 * Every cell of a sheet, in the form's order, with what it holds: the ballots, then per
 * question its blanks (ballots − its respondents) and its counts (0 where `counts`, as
 * `readTally` gives them, has no row).
 */
export function tallyCells(questions: QuestionShape[], ballots: number, counts: TallyCount[]): { cell: TallyCell; n: number }[] {
  const key = (q: number | null, o: number | null, r: number | null, v: number | null) => `${q}:${o}:${r}:${v}`;
  const held = new Map(counts.map((c) => [key(c.questionId, c.optionId, c.rank, c.value), c.count]));
  const out: { cell: TallyCell; n: number }[] = [{ cell: { name: BALLOTS_CELL, questionId: null, optionId: null, rank: null, value: null }, n: ballots }];
  for (const q of questions)
    for (const cell of questionCells(q)) {
      const isBlanks = cell.optionId === null && cell.rank === null && cell.value === null;
      out.push({ cell, n: isBlanks ? ballots - (held.get(key(q.id, null, null, null)) ?? 0) : (held.get(key(q.id, cell.optionId, cell.rank, cell.value)) ?? 0) });
    }
  return out;
}

/** The cells where two entries of the same sheet differ, in the form's order (none: they match). */
export function tallyDifferences(questions: QuestionShape[], a: { ballots: number; counts: TallyCount[] }, b: { ballots: number; counts: TallyCount[] }): TallyCell[] {
  const theirs = tallyCells(questions, b.ballots, b.counts);
  return tallyCells(questions, a.ballots, a.counts)
    .filter((x, i) => x.n !== theirs[i]!.n)
    .map((x) => x.cell);
}

// ——— Pictograms ———

/** The built-in SVG pictograms in public/pictos/ (CC0, see its LICENCE.md). */
export const PICTOGRAMS = ["arbre", "banc", "bus", "ecole", "jeux", "lumiere", "proprete", "sante", "securite", "sport"] as const;

/**
 * A pictogram is a built-in SVG (`svg:banc`) or a single emoji (« 🌳 »). Returns the stored
 * value, null for none, or "invalid".
 */
export function readPictogram(raw: string | null | undefined): string | null | "invalid" {
  const v = (raw ?? "").trim();
  if (v === "") return null;
  const name = v.replace(/^svg:/, "");
  if ((PICTOGRAMS as readonly string[]).includes(name)) return `svg:${name}`;
  return /^\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*$/u.test(v) ? v : "invalid";
}

/** Where a resident lands once their answer is stored (the route and the server's fast path). */
export const thanksPath = (consultationId: number) => `/consultations/${consultationId}/merci`;
