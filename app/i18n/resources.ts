// Every language's strings. They live in public/locales/<lng>/common.json; a page
// receives only its own language's strings from the root loader.
import ar from "../../public/locales/ar/common.json";
import en from "../../public/locales/en/common.json";
import fr from "../../public/locales/fr/common.json";
import type { Language } from "./config.js";

export type Messages = typeof fr;
export const MESSAGES: Record<Language, Messages> = { fr, en: en as Messages, ar: ar as Messages };
