// The site's own address, for every link that leaves the site (mails, QR codes, CSV exports,
// printed cards and invitation links). It never comes from a request header: a request's
// `Host` (or `X-Forwarded-Host`) is the sender's to choose, so a reset link built from it
// would carry a valid token to the sender's own site.
export type PublicUrl = { ok: true; url: string; warning: string | null } | { ok: false; error: string };

export function resolvePublicUrl(env: { PUBLIC_URL?: string; NODE_ENV?: string; PORT?: string }): PublicUrl {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) {
    if (env.NODE_ENV === "production")
      return { ok: false, error: "PUBLIC_URL is required in production: set it to the site's address, e.g. PUBLIC_URL=https://participation.example.fr" };
    const url = `http://localhost:${env.PORT ?? 3000}`;
    return { ok: true, url, warning: `PUBLIC_URL is not set: links in mails, QR codes, exports and printed cards use ${url}` };
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { ok: false, error: `PUBLIC_URL is not an address: ${JSON.stringify(raw)} (expected e.g. https://participation.example.fr)` };
  }
  if ((parsed.protocol !== "https:" && parsed.protocol !== "http:") || parsed.username || parsed.password || parsed.search || parsed.hash)
    return { ok: false, error: `PUBLIC_URL must be a plain http(s) address without credentials, query or fragment: ${JSON.stringify(raw)}` };
  return { ok: true, url: `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`, warning: null };
}
