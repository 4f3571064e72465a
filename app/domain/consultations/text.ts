// Which version of a staff text a reader gets: easy-read (FALC) when the switch is on and one
// exists, else their language's version, else French. Says which language it is in.
import { GRADES } from "./rules.js";

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

/** A passage to read aloud, in the language it is shown in. */
export interface Passage {
  text: string;
  lang: string;
}

/**
 * What « Écouter » reads aloud, one passage per utterance, each in the language it is shown in:
 * the question, the page's hint, then each option, numbered (« Choix 2 : … » when the option is
 * in the page's language, else the bare number, which its own voice reads).
 */
export function speechParts(prompt: Passage, hint: string | null, options: Passage[], page: { lng: string; option: string }): Passage[] {
  const clean = (s: string) => s.replace(/\s+/g, " ").trim();
  const parts: Passage[] = [{ text: clean(prompt.text), lang: prompt.lang }];
  if (hint?.trim()) parts.push({ text: clean(hint), lang: page.lng });
  options.forEach((o, i) => parts.push({ text: `${o.lang === page.lng ? `${page.option} ` : ""}${i + 1} : ${clean(o.text)}.`, lang: o.lang }));
  return parts.filter((p) => p.text);
}

export const GRADE_KEYS = GRADES;

/** A scale's average as pages show it: one decimal, in the reader's digits and separator. */
export const formatMean = (mean: number, lng: string) => new Intl.NumberFormat(lng, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);
