// Which version of a staff text a reader gets: easy-read (FALC) when the switch is on and one
// exists, else their language's version, else French. Says which language it is in.
import { GRADES, type QuestionKind } from "./rules.js";

export interface Versions {
  fr: string;
  falc?: string | null;
  en?: string | null;
  ar?: string | null;
}

export function pickVersion(v: Versions, lng: string, falc: boolean): { text: string; lang: "fr" | "en" | "ar" } {
  if (falc && v.falc?.trim()) return { text: v.falc, lang: "fr" };
  if (lng === "en" && v.en?.trim()) return { text: v.en, lang: "en" };
  if (lng === "ar" && v.ar?.trim()) return { text: v.ar, lang: "ar" };
  return { text: v.fr, lang: "fr" };
}

/** What « Écouter » reads aloud: the question, then each option, numbered. */
export function speechText(question: { prompt: string; kind: QuestionKind; topN?: number | null }, options: string[], words: { option: string; scale: string; rankHint: string }): string {
  const parts = [question.prompt.trim()];
  if (question.kind === "ranking" && question.topN) parts.push(words.rankHint.replace("{{n}}", String(question.topN)));
  if (question.kind === "scale") parts.push(words.scale);
  options.forEach((o, i) => parts.push(`${words.option} ${i + 1} : ${o.trim()}.`));
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

export const GRADE_KEYS = GRADES;

/** A scale's average as pages show it: one decimal, in the reader's digits and separator. */
export const formatMean = (mean: number, lng: string) => new Intl.NumberFormat(lng, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);
