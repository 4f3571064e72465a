// Result counters. A GROUP BY over a million answers is too slow for a results page, so every
// change to what is counted updates `result_counter` in the same transaction, and results read
// the counters. What a set of responses contributes is stated once, by the database function
// `response_contributions` (migration 0008): a full recount, every change to the ledger and the
// web answer all use it, so they cannot disagree.
import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { Selectable } from "kysely";
import type { Database, ResultCounterTable } from "../../../db/schema.js";
import { toGrid } from "./disclosure.js";

type DB = Kysely<Database>;
type Trx = Transaction<Database>;

/**
 * What counts: not voided; a tally only once confirmed; an account's answer only once the
 * account is verified (paper without an identifier has no account and counts). The same rule
 * as in `response_contributions`, for the participation figures; a test holds them equal.
 */
export const COUNTED = sql<boolean>`r.voided_at is null
  and (r.entry_mode <> 'tally' or r.confirmed_at is not null)
  and (r.account_id is null or exists (select 1 from account acc where acc.id = r.account_id and acc.verified_at is not null))`;

/** A counter row with its count as a number. */
export type CounterRow = Omit<Selectable<ResultCounterTable>, "n"> & { n: number };

const KEY = ["consultation_id", "territory_id", "channel", "entry_mode", "named", "question_id", "option_id", "rank", "value", "shard"] as const;

/** The counter rows that the counted responses matching `filter` add up to. */
function contributionQuery(filter: RawBuilder<boolean>) {
  return sql<CounterRow>`select * from response_contributions(array(select r.id from response r where ${filter}))`;
}

/** The counter rows of these responses, by `response_contributions` (migration 0008). */
async function contributions(trx: Trx, responseIds: number[]): Promise<CounterRow[]> {
  if (responseIds.length === 0) return [];
  const { rows } = await sql<CounterRow>`select * from response_contributions(${responseIds}::bigint[])`.execute(trx);
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

const keyOf = (row: CounterRow) => KEY.map((k) => String(row[k])).join("\u0000");

function compareKeys(a: CounterRow, b: CounterRow): number {
  for (const k of KEY) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    if (typeof x === "boolean") return x ? 1 : -1;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** after − before, without zero rows, in key order. */
function counterDelta(before: CounterRow[], after: CounterRow[]): CounterRow[] {
  const delta = new Map<string, CounterRow>();
  for (const [rows, sign] of [[before, -1], [after, 1]] as const)
    for (const row of rows) {
      const k = keyOf(row);
      const prev = delta.get(k);
      delta.set(k, { ...row, n: (prev?.n ?? 0) + sign * row.n });
    }
  return [...delta.values()].filter((r) => r.n !== 0).sort(compareKeys);
}

/**
 * Moves the counters by `delta` (rows in key order: every transaction locks counter rows in
 * the same order, so two of them can wait for each other but never deadlock).
 */
async function applyDelta(trx: Trx, delta: CounterRow[]): Promise<void> {
  if (delta.length === 0) return;
  const values = sql.join(
    delta.map((d) => sql`(${d.consultation_id}::int, ${d.territory_id}::int, ${d.channel}, ${d.entry_mode}, ${d.named}::boolean, ${d.question_id}::int, ${d.option_id}::int, ${d.rank}::int, ${d.value}::int, ${d.shard}::smallint, ${d.n}::bigint)`),
  );
  await sql`insert into result_counter (consultation_id, territory_id, channel, entry_mode, named, question_id, option_id, rank, value, shard, n)
    values ${values}
    on conflict (consultation_id, territory_id, channel, entry_mode, named, question_id, option_id, rank, value, shard)
    do update set n = result_counter.n + excluded.n`.execute(trx);
}

/**
 * Runs a change to some responses (or to what decides whether they count) and moves the
 * counters by exactly what changed. The responses are locked first, so two changes to the same
 * response see each other. `change` returns the ids of the responses afterwards (new ones too).
 */
export async function changingCounted<T>(trx: Trx, responseIds: number[], change: () => Promise<{ result: T; responseIds: number[] }>): Promise<T> {
  if (responseIds.length) await trx.selectFrom("response").select("id").where("id", "in", responseIds).orderBy("id").forUpdate().execute();
  const before = await contributionsByResponse(trx, responseIds);
  const { result, responseIds: afterIds } = await change();
  const after = await contributionsByResponse(trx, afterIds);
  await applyDelta(trx, counterDelta([...before.values()].flat(), [...after.values()].flat()));
  await logChanges(trx, before, after);
  return result;
}

/** Each response's counter rows, by `response_contributions` one response at a time. */
async function contributionsByResponse(trx: Trx, responseIds: number[]): Promise<Map<number, CounterRow[]>> {
  const out = new Map<number, CounterRow[]>(responseIds.map((id) => [id, []]));
  if (responseIds.length === 0) return out;
  const { rows } = await sql<CounterRow & { response_id: string }>`select r.id as response_id, c.*
    from unnest(${responseIds}::bigint[]) as r(id) cross join lateral response_contributions(array[r.id]) c`.execute(trx);
  for (const row of rows) {
    const { response_id, ...rest } = row;
    out.get(Number(response_id))!.push({ ...rest, n: Number(rest.n) });
  }
  return out;
}

const logRows = (rows: CounterRow[]) =>
  JSON.stringify(toGrid(rows));

/**
 * The log that publishing in steps reads (migration 0012): per response whose contribution
 * changed, before and after, in the transaction that moved the counters.
 */
async function logChanges(trx: Trx, before: Map<number, CounterRow[]>, after: Map<number, CounterRow[]>): Promise<void> {
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const changed = ids.filter((id) => logRows(before.get(id) ?? []) !== logRows(after.get(id) ?? []));
  if (changed.length === 0) return;
  const consultations = await trx.selectFrom("response").select(["id", "consultation_id"]).where("id", "in", changed).execute();
  const of = new Map(consultations.map((r) => [Number(r.id), r.consultation_id]));
  await trx
    .insertInto("result_change")
    .values(changed.map((id) => ({ consultation_id: of.get(id)!, response_id: id, before: logRows(before.get(id) ?? []), after: logRows(after.get(id) ?? []) })))
    .execute();
}

/** The responses of an account, for a change to the account that may change whether they count. */
export async function responsesOfAccount(trx: Trx, accountId: number): Promise<number[]> {
  return (await trx.selectFrom("response").select("id").where("account_id", "=", accountId).execute()).map((r) => Number(r.id));
}

/** Rebuilds the counters of one consultation, or of all, from the ledger. */
export async function recount(db: DB, consultationId?: number): Promise<{ rows: number }> {
  return db.transaction().execute(async (trx) => {
    // Writers hold ROW EXCLUSIVE on the counters until they commit: wait for them, and make
    // new ones wait, so the recount reads a ledger that matches what it replaces.
    await sql`lock table result_counter in exclusive mode`.execute(trx);
    const filter = consultationId === undefined ? sql<boolean>`true` : sql<boolean>`r.consultation_id = ${consultationId}`;
    await trx
      .deleteFrom("result_counter")
      .$if(consultationId !== undefined, (q) => q.where("consultation_id", "=", consultationId!))
      .execute();
    const inserted = await sql`insert into result_counter (${sql.raw(KEY.join(", "))}, n) ${contributionQuery(filter)}`.execute(trx);
    return { rows: Number(inserted.numAffectedRows ?? 0) };
  });
}

/** Counter rows as a full recount would build them, and as they are: for checks and tests. */
export async function compareWithRecount(db: DB, consultationId: number): Promise<{ stored: CounterRow[]; recounted: CounterRow[] }> {
  const stored = await db
    .selectFrom("result_counter")
    .selectAll()
    .where("consultation_id", "=", consultationId)
    .where("n", "<>", 0)
    .execute();
  const { rows } = await contributionQuery(sql<boolean>`r.consultation_id = ${consultationId}`).execute(db);
  const norm = (rs: CounterRow[]) => rs.map((r) => ({ ...r, n: Number(r.n) })).filter((r) => r.n !== 0).sort(compareKeys);
  return { stored: norm(stored as CounterRow[]), recounted: norm(rows) };
}
