// Brute-force limits kept in a table of our own (fixed windows), so they survive a restart
// and hold across app instances. Strict per account or code; loose per IP, because a
// centre social's Wi-Fi or a mobile carrier puts many residents behind one address.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";

export interface Limit {
  max: number;
  windowSeconds: number;
}

export const LIMITS = {
  loginPerAccount: { max: 5, windowSeconds: 15 * 60 },
  redeemPerCode: { max: 5, windowSeconds: 15 * 60 },
  signupPerContact: { max: 5, windowSeconds: 60 * 60 },
  perIp: { max: 100, windowSeconds: 60 },
} satisfies Record<string, Limit>;

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts one attempt under each key; refused when any key is over its limit. */
export async function hitLimits(db: Kysely<Database>, checks: { key: string; limit: Limit }[]): Promise<LimitResult> {
  let retry = 0;
  for (const { key, limit } of checks) {
    const row = await sql<{ hits: number; retry: number }>`
      insert into rate_limit as r (key, hits, window_start, window_seconds)
      values (${key}, 1, now(), ${limit.windowSeconds})
      on conflict (key) do update set
        hits = case when r.window_start + make_interval(secs => r.window_seconds) <= now() then 1 else r.hits + 1 end,
        window_start = case when r.window_start + make_interval(secs => r.window_seconds) <= now() then now() else r.window_start end,
        window_seconds = ${limit.windowSeconds}
      returning hits, ceil(extract(epoch from (window_start + make_interval(secs => window_seconds) - now())))::int as retry`.execute(db);
    const r = row.rows[0]!;
    if (r.hits > limit.max) retry = Math.max(retry, r.retry);
  }
  return retry > 0 ? { ok: false, retryAfterSeconds: retry } : { ok: true };
}

/** After a success, the per-account counter starts again. */
export async function clearLimit(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("rate_limit").where("key", "=", key).execute();
}
