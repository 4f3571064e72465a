// Text that may not be in the page's language says which language it is in: `lang`, and in
// an Arabic page `dir="ltr"` for French or English (an English or French page gets `dir="rtl"`
// for Arabic), so that screen readers pick the right voice and punctuation lands on the right side.
import type { ElementType, HTMLAttributes, ReactNode } from "react";
import { useT } from "../i18n/i18n.js";

/** A staff-written text in the version a reader gets (`pickVersion`), and its language. */
export interface Version {
  text: string;
  lang: string;
}

/** The attributes of a passage in `lang` inside a page in `lng`: none when they are the same. */
export function langAttrs(lang: string, lng: string): { lang?: string; dir?: "ltr" | "rtl" } {
  if (lang === lng) return {};
  if (lang === "ar") return { lang, dir: "rtl" };
  return lng === "ar" ? { lang, dir: "ltr" } : { lang };
}

/** Contract text is French. */
export function Fr({ children, as: Tag = "span", className }: { children: ReactNode; as?: ElementType; className?: string }) {
  const { lng } = useT();
  return (
    <Tag {...langAttrs("fr", lng)} className={className}>
      {children}
    </Tag>
  );
}

/** One version of a staff-written text, marked with its language when it is not the page's. */
export function InLang({ v, as: Tag = "span", children, ...rest }: { v: Version; as?: ElementType; htmlFor?: string } & HTMLAttributes<HTMLElement>) {
  const { lng } = useT();
  return (
    <Tag {...rest} {...langAttrs(v.lang, lng)}>
      {children}
      {v.text}
    </Tag>
  );
}

/** For staff form fields: the attributes of the language a field holds, by its name (…En English, …Ar Arabic, the rest French). */
export function useFieldLang(): (name: string) => ReturnType<typeof langAttrs> {
  const { lng } = useT();
  return (name) => langAttrs(/En$/.test(name) ? "en" : /Ar$/.test(name) ? "ar" : "fr", lng);
}

// Letters only (Arabic-Indic digits and Arabic punctuation are not), in ranges rather than
// Unicode property escapes, which the browsers of old phones cannot parse.
const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g;
const LATIN_LETTER = /[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]/g;

/**
 * The language a resident's own text is in, as far as its script tells: mostly Arabic letters
 * is Arabic, anything else French (the platform's language: English cannot be told from French
 * by its script, nor Arabic written in Latin letters from French).
 */
export function writtenLang(text: string): "ar" | "fr" {
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  return arabic > latin ? "ar" : "fr";
}

/** A resident's text (a free answer), marked with the language of its script and that script's direction when it differs from the page's (else its direction follows its first letters). */
export function Written({ text, as: Tag = "span", className }: { text: string; as?: ElementType; className?: string }) {
  const { lng } = useT();
  const { lang, dir } = langAttrs(writtenLang(text), lng);
  return (
    <Tag lang={lang} dir={dir ?? "auto"} className={className}>
      {text}
    </Tag>
  );
}
