// Which language a page is in: ?lng=xx, then the lng cookie, then Accept-Language, then French.
export const LANGUAGES = ["fr", "en", "ar"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "fr";
export const LANGUAGE_COOKIE = "lng";

export const isLanguage = (value: unknown): value is Language => typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
export const directionOf = (lng: Language): "ltr" | "rtl" => (lng === "ar" ? "rtl" : "ltr");

/** The first supported language of an Accept-Language header, by quality then order. */
export function fromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number.parseFloat(q.slice(2)) : 1, index };
    })
    .filter((x) => x.tag && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLanguage(base)) return base;
  }
  return null;
}

export function resolveLanguage(input: { query?: string | null; cookie?: string | null; acceptLanguage?: string | null }): {
  lng: Language;
  /** Set when ?lng= chose the language: the cookie should remember it. */
  remember: boolean;
} {
  if (isLanguage(input.query)) return { lng: input.query, remember: true };
  if (isLanguage(input.cookie)) return { lng: input.cookie, remember: false };
  return { lng: fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LANGUAGE, remember: false };
}

/** The staff area: its pages carry the staff-only strings (see resources.server.ts). */
export const isStaffArea = (pathname: string) => pathname === "/staff" || pathname.startsWith("/staff/");
