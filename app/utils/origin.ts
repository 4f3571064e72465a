// A write (POST, PUT, PATCH, DELETE) is refused when it comes from another site.
// Sec-Fetch-Site decides when present; old phones do not send it, so then a present
// Origin decides, and failing both, the Referer. A write with none of them passes
// (curl, very old browsers): the session cookie is SameSite=Lax anyway.
export function isCrossSiteWrite(input: {
  method: string;
  host: string | undefined;
  secFetchSite?: string | null;
  origin?: string | null;
  referer?: string | null;
}): boolean {
  const method = input.method.toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  if (input.secFetchSite === "cross-site") return true;
  const foreign = (url: string) => {
    try {
      return new URL(url).host.toLowerCase() !== (input.host ?? "").toLowerCase();
    } catch {
      return true;
    }
  };
  if (input.origin) return foreign(input.origin);
  if (input.secFetchSite) return false;
  if (input.referer) return foreign(input.referer);
  return false;
}

/**
 * A redirect target is kept only when it is a path on this site: no control character at all
 * (a browser drops a tab or a newline, so `/\t/evil.example` would become `//evil.example`),
 * and a path that the URL parser reads back on this same origin, as the very same path.
 */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/")) return fallback;
  // C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators.
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(target)) return fallback;
  const base = "http://same-origin.invalid";
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = url.pathname + url.search + url.hash;
  // « //x », « /\x » and the like parse to another host, or to a path that is not what was sent.
  if (path !== target || path.startsWith("//")) return fallback;
  return path;
}
