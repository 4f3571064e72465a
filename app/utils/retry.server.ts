// A refused answer, kept for the page that shows it (Post/Redirect/Get). A form refused with
// its problems is not answered with a page of its own: the values and problems go in a
// short-lived cookie of that consultation's path, and the browser is sent to the form, which
// reads the cookie once and clears it. So the history holds the form, never a refusal: Back,
// after the corrected answer was recorded, shows the recorded answer, not « Votre réponse
// n'est pas enregistrée ». The cookie names the account it belongs to (a shared phone).
import { readCookie } from "./cookies.js";

const NAME = "pq_retry";
/** Cookies beyond about 4 KB are dropped by browsers: a larger refusal is answered directly. */
const MAX_BYTES = 3800;
const TTL_SECONDS = 15 * 60;

export interface Retry {
  values: Record<string, string[]>;
  problems: Record<string, string>;
}

const attributes = (consultationId: number, secure: boolean) => [`Path=/consultations/${consultationId}`, "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])];

/** The Set-Cookie that keeps a refusal, or null when it is too large for a cookie. */
export function keepRetry(consultationId: number, accountId: number, retry: Retry, secure: boolean): string | null {
  const value = Buffer.from(JSON.stringify({ a: accountId, ...retry }), "utf8").toString("base64url");
  if (value.length > MAX_BYTES) return null;
  return [`${NAME}=${value}`, ...attributes(consultationId, secure), `Max-Age=${TTL_SECONDS}`].join("; ");
}

export const clearRetry = (consultationId: number, secure: boolean) => [`${NAME}=`, ...attributes(consultationId, secure), "Max-Age=0"].join("; ");

/** The refusal kept for this account, if any (anything unreadable is ignored). */
export function readRetry(cookieHeader: string | null, accountId: number | null): Retry | null {
  const raw = readCookie(cookieHeader, NAME);
  if (!raw || accountId === null) return null;
  try {
    const data = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { a?: unknown; values?: unknown; problems?: unknown };
    if (data.a !== accountId || typeof data.values !== "object" || typeof data.problems !== "object" || !data.values || !data.problems) return null;
    const values = Object.fromEntries(Object.entries(data.values).filter(([, v]) => Array.isArray(v) && v.every((x) => typeof x === "string"))) as Record<string, string[]>;
    const problems = Object.fromEntries(Object.entries(data.problems).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    return { values, problems };
  } catch {
    return null;
  }
}
