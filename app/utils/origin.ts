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

/** A redirect target is kept only when it is a path on this site ("/x", never "//x" or "http:"). */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}
