// Reading and writing the plain preference cookies (language, easy-read, chosen quartier).
// None of them identifies a person; none is used for tracking.
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

const ONE_YEAR = 60 * 60 * 24 * 365;

export function preferenceCookie(name: string, value: string | null, options: { secure?: boolean } = {}): string {
  const parts = [`${name}=${value === null ? "" : encodeURIComponent(value)}`, "Path=/", "SameSite=Lax", `Max-Age=${value === null ? 0 : ONE_YEAR}`];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
