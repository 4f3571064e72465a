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
