// How a paper ballot falls on A4 pages. The print page cannot measure itself (it works
// without JavaScript, and a print preview runs none), so the server lays each ballot out from
// a conservative estimate of every block's height in millimetres, under the print styles of
// public/css/app.css (`.ballot`, fixed sizes in pt and mm). Whatever the estimate puts on one
// page fits on one sheet; the editor shows the same count, so staff know before printing.
// A longer ballot is cut between options, never inside one, and every page then carries the
// serial and « page x/y ».
import type { QuestionKind } from "../../../db/schema.js";
import { GRADES } from "./rules.js";

/** Printable A4 area with 10 mm margins, less a reserve for the estimate's error. */
export const PAGE_HEIGHT_MM = 277;
const USABLE_MM = 262;
const WIDTH_MM = 190;
/** Millimetres per character, rounded up from DejaVu Sans / Liberation Sans at each size. */
const CHAR_MM = { body: 2.0, small: 1.85, prompt: 2.35, title: 3.0 } as const;
/** Line heights at line-height 1.3: 10 pt, 9 pt, 11 pt bold, 14 pt bold. */
const LINE_MM = { body: 4.6, small: 4.2, prompt: 5.1, title: 6.5 } as const;
type Size = keyof typeof LINE_MM;

export interface PaperText {
  fr: string;
  /** Only with a bilingual print; null when the text has no Arabic version. */
  ar?: string | null;
}

export interface PaperQuestion {
  kind: QuestionKind;
  prompt: PaperText;
  falc: string | null;
  /** The question's instruction (« Cochez une seule case. »), already in words. */
  instruction: PaperText;
  options: PaperText[];
}

export interface PaperBallot {
  title: PaperText;
  titleFalc: string | null;
  places: string[];
  questions: PaperQuestion[];
  bilingual: boolean;
}

/** A run of one question on one page: its options from `from` to `to` (exclusive). */
export interface Segment {
  question: number;
  from: number;
  to: number;
  /** The question's prompt starts here (false on a continuation page: « (suite) »). */
  first: boolean;
}
export interface PaperPage {
  segments: Segment[];
}

/** Lines a text takes at a width, with a margin for words that do not break evenly. */
function lines(text: string, widthMm: number, size: Size): number {
  const perLine = Math.max(8, Math.floor(widthMm / CHAR_MM[size]));
  return text.split("\n").reduce((n, p) => n + Math.max(1, Math.ceil((p.trim().length * 1.12) / perLine)), 0);
}

/** Height of a text, in one column, or in two columns side by side (French | Arabic). */
function textMm(t: PaperText, widthMm: number, size: Size, bilingual: boolean): number {
  if (!bilingual) return lines(t.fr, widthMm, size) * LINE_MM[size];
  const half = (widthMm - 6) / 2;
  return Math.max(lines(t.fr, half, size), t.ar ? lines(t.ar, half, size) : 0) * LINE_MM[size];
}

/** Boxes with words flowing on lines (the sous-secteur line, the scale). */
function flowMm(words: string[], widthMm: number, rowMm: number): number {
  let rows = 1;
  let used = 0;
  for (const w of words) {
    const width = Math.min(widthMm, (w.length + 3) * CHAR_MM.body + 5);
    if (used > 0 && used + width > widthMm) {
      rows += 1;
      used = 0;
    }
    used += width;
  }
  return rows * rowMm;
}

function headMm(b: PaperBallot): number {
  const title = textMm(b.title, WIDTH_MM - 40, "title", b.bilingual) + 2;
  const falc = b.titleFalc ? lines(b.titleFalc, WIDTH_MM, "body") * LINE_MM.body + 1 : 0;
  const deadline = LINE_MM.small * (b.bilingual ? 2 : 1) + 2;
  const places = flowMm([...b.places, "je ne sais pas"], WIDTH_MM - 45, 6.5) + 3;
  const identifier = 9;
  return 4 + title + falc + deadline + places + identifier;
}
/** The slim header of a continuation page: title, serial, page x/y. */
const CONTINUED_HEAD_MM = 10;
const FOOT_MM = 2 * LINE_MM.small + 4;

function questionHeadMm(q: PaperQuestion, bilingual: boolean): number {
  const prompt = textMm(q.prompt, WIDTH_MM, "prompt", bilingual);
  const falc = q.falc ? lines(q.falc, WIDTH_MM, "body") * LINE_MM.body : 0;
  const instruction = textMm(q.instruction, WIDTH_MM, "small", bilingual);
  const table = q.kind === "majority" ? GRADE_HEADER_MM * (bilingual ? 2 : 1) : 0;
  return 5 + prompt + falc + instruction + 2 + table;
}
const GRADE_HEADER_MM = 2 * 3.9 + 2.5;

/** One option's row; a scale or a text box is one block. */
function optionMm(q: PaperQuestion, o: PaperText, bilingual: boolean): number {
  if (q.kind === "majority") return Math.max(7, textMm(o, WIDTH_MM * 0.4 - 4, "body", bilingual) + 2.5);
  return Math.max(6.5, textMm(o, WIDTH_MM - 14, "body", bilingual) + 1.5);
}
function bodyUnits(q: PaperQuestion, scaleWords: string[], bilingual: boolean): number[] {
  if (q.kind === "scale") return [flowMm(scaleWords, WIDTH_MM, 7) * (bilingual ? 2 : 1) + 1];
  if (q.kind === "text") return [30];
  return q.options.map((o) => optionMm(q, o, bilingual));
}

/**
 * Pages of one ballot: questions in order, a question's prompt always with at least its first
 * option, a long question continued on the next page. `scaleWords` are the printed scale
 * labels (they flow on one line or two).
 */
export function layBallot(b: PaperBallot, scaleWords: string[]): PaperPage[] {
  const pages: PaperPage[] = [];
  let page: PaperPage = { segments: [] };
  let left = USABLE_MM - headMm(b);
  const newPage = () => {
    pages.push(page);
    page = { segments: [] };
    left = USABLE_MM - CONTINUED_HEAD_MM;
  };
  b.questions.forEach((q, qi) => {
    const units = bodyUnits(q, scaleWords, b.bilingual);
    const head = questionHeadMm(q, b.bilingual);
    let i = 0;
    let first = true;
    while (i < units.length) {
      const start = first ? head : 6 + (q.kind === "majority" ? GRADE_HEADER_MM * (b.bilingual ? 2 : 1) : 0);
      // The prompt never ends a page alone: it needs room for its first row too.
      if (start + units[i]! > left && page.segments.length > 0) {
        newPage();
        continue;
      }
      left -= start;
      const from = i;
      while (i < units.length && (units[i]! <= left || i === from)) {
        left -= units[i]!;
        i += 1;
      }
      page.segments.push({ question: qi, from, to: i, first });
      first = false;
      if (i < units.length) newPage();
    }
  });
  if (FOOT_MM > left && page.segments.length > 0) newPage();
  pages.push(page);
  return pages;
}

// ——— The printed ballot's words ———

export type PaperLanguages = "fr" | "fr-ar";
/** The print's languages from the query: French, or French and Arabic side by side. */
export const readPaperLanguages = (raw: string | null): PaperLanguages => (raw === "fr-ar" ? "fr-ar" : "fr");

/** Translates in a fixed language (a ballot prints in French, or French and Arabic). */
export type Say = (lng: "fr" | "ar", key: string, vars?: Record<string, unknown>) => string;

export interface PaperSource {
  title: string;
  title_falc: string | null;
  title_ar: string | null;
  closesAt: string;
  places: string[];
  questions: {
    kind: QuestionKind;
    prompt: string;
    prompt_falc: string | null;
    prompt_ar: string | null;
    top_n: number | null;
    max_choices: number | null;
    options: { label: string; label_ar: string | null; pictogram: string | null }[];
  }[];
}

export interface PaperView {
  languages: PaperLanguages;
  ballot: PaperBallot & { questions: (PaperQuestion & { options: (PaperText & { pictogram: string | null })[] })[] };
  labels: Record<"serial" | "deadline" | "place" | "dontKnow" | "identifier" | "secret" | "continued", PaperText>;
  grades: PaperText[];
  scale: PaperText[];
  pages: PaperPage[];
  /** « page 1/2 »… for each page, when a ballot takes more than one. */
  pageLabels: PaperText[];
  /** The texts that print in French only in a bilingual print (no Arabic version). */
  missingArabic: string[];
}

/** What a question asks on paper: how many answers it takes. */
function instruction(say: Say, lng: "fr" | "ar", q: PaperSource["questions"][number]): string {
  switch (q.kind) {
    case "single":
      return say(lng, "ballot.takeSingle");
    case "multiple":
      return say(lng, "ballot.atMost", { count: q.max_choices ?? 1 });
    case "scale":
      return say(lng, "ballot.takeScale");
    case "ranking":
      return say(lng, "ballot.rankHint", { n: Math.min(q.top_n ?? 1, q.options.length) });
    case "majority":
      return say(lng, "ballot.takeMajority");
    case "text":
      return say(lng, "ballot.takeText");
  }
}

/** The whole printed ballot: every word in French (and Arabic), and its pages. */
export function paperView(src: PaperSource, languages: PaperLanguages, say: Say, formatDate: (iso: string, lng: "fr" | "ar") => string): PaperView {
  const bilingual = languages === "fr-ar";
  const missingArabic: string[] = [];
  const text = (fr: string, ar: string | null | undefined): PaperText => {
    if (!bilingual) return { fr };
    if (!ar?.trim()) missingArabic.push(fr);
    return { fr, ar: ar?.trim() ? ar : null };
  };
  const fixed = (key: string, vars?: Record<string, unknown>): PaperText => (bilingual ? { fr: say("fr", key, vars), ar: say("ar", key, vars) } : { fr: say("fr", key, vars) });
  const questions = src.questions.map((q) => ({
    kind: q.kind,
    prompt: text(q.prompt, q.prompt_ar),
    falc: q.prompt_falc,
    instruction: bilingual ? { fr: instruction(say, "fr", q), ar: instruction(say, "ar", q) } : { fr: instruction(say, "fr", q) },
    options: q.options.map((o) => ({ ...text(o.label, o.label_ar), pictogram: o.pictogram })),
  }));
  const ballot = { title: text(src.title, src.title_ar), titleFalc: src.title_falc, places: src.places, questions, bilingual };
  // « 1 — pas du tout | إطلاقاً »: the number once, and the middle numbers alone.
  const scale = [1, 2, 3, 4, 5].map((v): PaperText => {
    const words = fixed(`consult.scale.${v}`);
    const ar = words.ar?.replace(/^\d+\s*—\s*/, "");
    return ar && ar !== words.fr ? { fr: words.fr, ar } : { fr: words.fr };
  });
  const pages = layBallot(ballot, scale.map((s) => (s.ar ? `${s.fr} ${s.ar}` : s.fr)));
  return {
    languages,
    ballot,
    labels: {
      serial: fixed("ballot.serial"),
      deadline: bilingual ? { fr: say("fr", "ballot.deadline", { date: formatDate(src.closesAt, "fr") }), ar: say("ar", "ballot.deadline", { date: formatDate(src.closesAt, "ar") }) } : { fr: say("fr", "ballot.deadline", { date: formatDate(src.closesAt, "fr") }) },
      place: fixed("ballot.place"),
      dontKnow: fixed("ballot.dontKnow"),
      identifier: fixed("ballot.identifier"),
      secret: fixed("ballot.secret"),
      continued: fixed("ballot.continued"),
    },
    grades: GRADES.map((g) => fixed(`grades.${g}`)),
    scale,
    pages,
    pageLabels: pages.length > 1 ? pages.map((_, i) => fixed("ballot.page", { page: i + 1, pages: pages.length })) : [],
    missingArabic,
  };
}

/** The estimate's parts, for the layout's calibration (scripts/calibrate-ballot.ts). */
export const estimateParts = (b: PaperBallot, scaleWords: string[]) => ({
  head: headMm(b),
  questions: b.questions.map((q) => ({ head: questionHeadMm(q, b.bilingual), units: bodyUnits(q, scaleWords, b.bilingual) })),
});
