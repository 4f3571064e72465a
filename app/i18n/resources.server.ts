// Every language's strings. They live in public/locales/<lng>/common.json; a page
// receives only its own language's strings from the root loader. Server-only, so that the
// browser's JavaScript never bundles every language.
import ar from "../../public/locales/ar/common.json";
import en from "../../public/locales/en/common.json";
import fr from "../../public/locales/fr/common.json";
import type { TFunction } from "i18next";
import type { Language } from "./config.js";
import { createI18n } from "./i18n.js";

export type Messages = typeof fr;
export const MESSAGES: Record<Language, Messages> = { fr, en: en as Messages, ar: ar as Messages };

/** Strings only the staff area uses: residents' pages do not carry them. */
export const STAFF_ONLY_NAMESPACES = ["cstaff", "ledger", "ballot", "cards", "journal"] as const;

const publicMessages = new Map<Language, Messages>();

/** A language's strings for a page: without the staff-only namespaces outside /staff. */
export function messagesFor(lng: Language, staffArea: boolean): Messages {
  if (staffArea) return MESSAGES[lng];
  let m = publicMessages.get(lng);
  if (!m) {
    m = Object.fromEntries(Object.entries(MESSAGES[lng]).filter(([k]) => !(STAFF_ONLY_NAMESPACES as readonly string[]).includes(k))) as Messages;
    publicMessages.set(lng, m);
  }
  return m;
}


const fixedTranslators = new Map<Language, TFunction>();
/** Translates in a given language, whatever the page's (what prints in fixed languages). */
export function sayIn(lng: Language, key: string, vars?: Record<string, unknown>): string {
  let t = fixedTranslators.get(lng);
  if (!t) {
    t = createI18n(lng, MESSAGES[lng], process.env.PQ_I18N_MARKERS === "1", false).t;
    fixedTranslators.set(lng, t);
  }
  return t(key, vars) as string;
}
