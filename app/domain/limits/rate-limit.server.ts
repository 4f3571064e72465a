// Brute-force limits kept in a table of our own (fixed windows), so they survive a restart
// and hold across app instances. Strict per account or code; loose per IP, because a
// centre social's Wi-Fi or a mobile carrier puts many residents behind one address.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";

export interface Limit {
  max: number;
  /** A window of so many seconds from the first hit, or the calendar day in Europe/Paris. */
  windowSeconds: number | "parisDay";
}

export const LIMITS = {
  loginPerAccount: { max: 5, windowSeconds: 15 * 60 },
  redeemPerCode: { max: 5, windowSeconds: 15 * 60 },
  signupPerContact: { max: 5, windowSeconds: 60 * 60 },
  perIp: { max: 100, windowSeconds: 60 },
  // Sign-in (decision 0019). Failures only; a success gives its slot back.
  /** From a device the account signed in on: per device. */
  signInPerDevice: { max: 5, windowSeconds: 15 * 60 },
  signInPerDeviceDay: { max: 20, windowSeconds: "parisDay" },
  /** From anywhere else: per account, whatever spelling was typed. */
  signInPerAccountDay: { max: 5, windowSeconds: "parisDay" },
  signInPerAccount30Days: { max: 20, windowSeconds: 30 * 24 * 60 * 60 },
  /** From anywhere else: all accounts together (F). Past it, new devices wait for midnight. */
  signInPlatformDay: { max: 200, windowSeconds: "parisDay" },
} satisfies Record<string, Limit>;

// The window a first hit opens: now, or today's midnight in Paris (23, 24 or 25 hours long).
const parisMidnight = sql`(date_trunc('day', now() at time zone 'Europe/Paris') at time zone 'Europe/Paris')`;
const nextParisMidnight = sql`((date_trunc('day', now() at time zone 'Europe/Paris') + interval '1 day') at time zone 'Europe/Paris')`;
const windowStart = (limit: Limit) => (limit.windowSeconds === "parisDay" ? parisMidnight : sql`now()`);
const windowLength = (limit: Limit) => (limit.windowSeconds === "parisDay" ? sql`extract(epoch from ${nextParisMidnight} - ${parisMidnight})::int` : sql`${limit.windowSeconds}::int`);
const expired = sql`r.window_start + make_interval(secs => r.window_seconds) <= now()`;

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts one attempt under each key; refused when any key is over its limit. */
export async function hitLimits(db: Kysely<Database>, checks: { key: string; limit: Limit }[]): Promise<LimitResult> {
  let retry = 0;
  for (const { key, limit } of checks) {
    const row = await sql<{ hits: number; retry: number }>`
      insert into rate_limit as r (key, hits, window_start, window_seconds)
      values (${key}, 1, ${windowStart(limit)}, ${windowLength(limit)})
      on conflict (key) do update set
        hits = case when ${expired} then 1 else r.hits + 1 end,
        window_start = case when ${expired} then excluded.window_start else r.window_start end,
        window_seconds = excluded.window_seconds
      returning hits, ceil(extract(epoch from (window_start + make_interval(secs => window_seconds) - now())))::int as retry`.execute(db);
    const r = row.rows[0]!;
    if (r.hits > limit.max) retry = Math.max(retry, r.retry);
  }
  return retry > 0 ? { ok: false, retryAfterSeconds: retry } : { ok: true };
}

export type Reservation = { ok: true; hits: Record<string, number> } | { ok: false; refusedKey: string; retryAfterSeconds: number };

class Refused extends Error {
  constructor(
    readonly refusedKey: string,
    readonly retryAfterSeconds: number,
  ) {
    super("refused");
  }
}

/**
 * Takes one slot under each key, all or none, in one transaction: a key already at its
 * maximum refuses the whole attempt and nothing is counted. A slot taken before checking a
 * secret is the failure it may turn out to be; `giveBack` returns it after a success. Two
 * attempts at once cannot both take the last slot (the row is locked until commit).
 */
export async function reserve(db: Kysely<Database>, checks: { key: string; limit: Limit }[]): Promise<Reservation> {
  try {
    return await db.transaction().execute(async (trx) => {
      const hits: Record<string, number> = {};
      for (const { key, limit } of checks) {
        const row = await sql<{ hits: number }>`
          insert into rate_limit as r (key, hits, window_start, window_seconds)
          values (${key}, 1, ${windowStart(limit)}, ${windowLength(limit)})
          on conflict (key) do update set
            hits = case when ${expired} then 1 else r.hits + 1 end,
            window_start = case when ${expired} then excluded.window_start else r.window_start end,
            window_seconds = case when ${expired} then excluded.window_seconds else r.window_seconds end
          where ${expired} or r.hits < ${limit.max}
          returning hits`.execute(trx);
        if (row.rows[0]) {
          hits[key] = row.rows[0].hits;
          continue;
        }
        const left = await sql<{ retry: number }>`
          select greatest(1, ceil(extract(epoch from (window_start + make_interval(secs => window_seconds) - now()))))::int as retry
          from rate_limit where key = ${key}`.execute(trx);
        throw new Refused(key, left.rows[0]?.retry ?? 1);
      }
      return { ok: true as const, hits };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusedKey: error.refusedKey, retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
}

/** Gives back the slots `reserve` took, after the attempt turned out right. */
export async function giveBack(db: Kysely<Database>, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.updateTable("rate_limit").set((eb) => ({ hits: eb("hits", "-", 1) })).where("key", "in", keys).where("hits", ">", 0).execute();
}
