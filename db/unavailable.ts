// When the database cannot be reached (not running, restarting, its network gone, the
// database dropped), a request gets « service momentanément indisponible » with a 503, not a
// 500: nothing is wrong with what was asked. The error is a Response so that Remix's loaders
// and actions, which treat a thrown Response as the page's status, show the 503 page as they
// show a 404; the Express layer does the same for the routes it serves before Remix.

/** Errors that say the database is out of reach, not that a query was wrong. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export function isUnreachable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailable) return true;
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  const code = typeof e.code === "string" ? e.code : "";
  // SQLSTATE 08 (connection exception), 57P01-57P03 (shut down, crashed, starting), 3D000 (no such database), 53300 (too many connections).
  if (NETWORK_CODES.has(code) || code.startsWith("08") || ["57P01", "57P02", "57P03", "3D000", "53300"].includes(code)) return true;
  const message = typeof e.message === "string" ? e.message : "";
  return /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(message);
}

export class DatabaseUnavailable extends Response {
  readonly reason: string;
  constructor(cause: unknown) {
    super("Service momentanément indisponible", { status: 503, statusText: "Service Unavailable", headers: { "Retry-After": "30", "Content-Type": "text/plain; charset=utf-8" } });
    const e = cause as { code?: string; message?: string } | null;
    this.reason = [e?.code, e?.message].filter(Boolean).join(" ") || String(cause);
  }
}

/** The error to throw for `error`: a DatabaseUnavailable when the database is out of reach, the error itself otherwise. */
export function asUnavailable(error: unknown): unknown {
  return isUnreachable(error) && !(error instanceof DatabaseUnavailable) ? new DatabaseUnavailable(error) : error;
}

/** One line for the console when the database cannot be reached at start-up: what is wrong, and what to do. */
export function startupDatabaseProblem(error: unknown, description: string): string | null {
  if (!isUnreachable(error)) return null;
  const e = (error instanceof DatabaseUnavailable ? { code: undefined, message: error.reason } : error) as { code?: string; message?: string };
  const why = e.code === "3D000" ? "that database does not exist" : [e.code, e.message].filter(Boolean).join(": ");
  return `Cannot use the database (${description}): ${why}. Start PostgreSQL, create the database, or fix DATABASE_URL (unset it to use the embedded PGlite).`;
}
