// Results in steps (decision 0019): pages, exports and staff figures read the latest
// publication of a consultation, never the live counters. Reading results first tries to
// publish: in one snapshot it reads the counters and the logged changes not yet taken in, asks
// `mayPublish`, and when allowed stores the counters as the next publication and marks those
// changes as taken in by it. Changes that commit meanwhile are not in the snapshot: they wait
// for the next one.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { mayPublish, toGrid, type GridRow, type ResponseHistory } from "./disclosure.js";

type DB = Kysely<Database>;

export interface Publication {
  seq: number;
  publishedAt: Date;
  grid: GridRow[];
}

/** The counters of a consultation, shards added up. Small whatever the number of answers. */
export async function counters(db: Kysely<Database>, consultationId: number) {
  const rows = await db
    .selectFrom("result_counter")
    .select(["territory_id", "channel", "entry_mode", "named", "question_id", "option_id", "rank", "value", sql<string>`sum(n)`.as("n")])
    .where("consultation_id", "=", consultationId)
    .groupBy(["territory_id", "channel", "entry_mode", "named", "question_id", "option_id", "rank", "value"])
    .having(sql<string>`sum(n)`, "<>", "0")
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The same counters as grid rows, for a publication. */
async function liveGrid(db: Kysely<Database>, consultationId: number): Promise<GridRow[]> {
  return toGrid(await counters(db, consultationId));
}

/**
 * Publishes the counters if the rule allows it. Returns whether a publication was made. Two
 * attempts at once: the second finds the sequence number taken and gives up (the first wins).
 */
export async function tryPublish(db: DB, consultationId: number, territoryCells: number[]): Promise<boolean> {
  const pending = await db.selectFrom("result_change").select("id").where("consultation_id", "=", consultationId).where("consumed_by", "is", null).limit(1).executeTakeFirst();
  const latest = await db.selectFrom("result_publication").select("seq").where("consultation_id", "=", consultationId).orderBy("seq", "desc").limit(1).executeTakeFirst();
  if (latest && !pending) return false;
  try {
    return await db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        const published = await trx.selectFrom("result_publication").select(["seq", "grid"]).where("consultation_id", "=", consultationId).orderBy("seq").execute();
        const seq = (published.at(-1)?.seq ?? 0) + 1;
        const grid = await liveGrid(trx, consultationId);
        const taken = await trx.selectFrom("result_change").select("id").where("consultation_id", "=", consultationId).where("consumed_by", "is", null).execute();
        if (published.length > 0) {
          // Every response changed since the first publication, with all its changes.
          const changes = await trx
            .selectFrom("result_change")
            .select(["response_id", "consumed_by", "before", "after"])
            .where("consultation_id", "=", consultationId)
            .where((eb) => eb.or([eb("consumed_by", "is", null), eb("consumed_by", ">", published[0]!.seq)]))
            .orderBy("response_id")
            .orderBy("id")
            .execute();
          const histories = new Map<number, ResponseHistory>();
          for (const c of changes) {
            const h = histories.get(Number(c.response_id)) ?? { changes: [] };
            h.changes.push({ seq: c.consumed_by ?? seq, before: c.before as GridRow[], after: c.after as GridRow[] });
            histories.set(Number(c.response_id), h);
          }
          const verdict = mayPublish({ published: published.map((p) => ({ seq: p.seq, grid: p.grid as GridRow[] })), candidate: { seq, grid }, histories: [...histories.values()], territoryCells });
          if (!verdict.ok) return false;
        }
        const n = grid.filter((r) => r[4] === 0).reduce((s, r) => s + r[8], 0);
        await trx.insertInto("result_publication").values({ consultation_id: consultationId, seq, n, grid: JSON.stringify(grid) }).execute();
        if (taken.length)
          await trx
            .updateTable("result_change")
            .set({ consumed_by: seq })
            .where("id", "in", taken.map((t) => t.id))
            .execute();
        return true;
      });
  } catch (error) {
    // Another attempt published first (its sequence number, or the changes it took in).
    const code = (error as { code?: string }).code;
    if (code === "23505" || code === "40001") return false;
    throw error;
  }
}

/** The cells of a consultation's territory table: every sous-secteur of its scope (a QPV without any stands for itself). */
export async function scopeCells(db: DB, consultationId: number): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom("consultation_scope as s")
    .innerJoin("territory as t", (j) => j.on((eb) => eb.or([eb("t.id", "=", eb.ref("s.territory_id")), eb("t.parent_id", "=", eb.ref("s.territory_id"))])))
    .select(["t.id", "t.name"])
    .where("s.consultation_id", "=", consultationId)
    .where("t.kind", "in", ["sous_secteur", "secteur_vigilance", "qpv"])
    .where((eb) => eb.or([eb("t.kind", "<>", "qpv"), eb.not(eb.exists(eb.selectFrom("territory as c").select(sql`1`.as("one")).whereRef("c.parent_id", "=", "t.id")))]))
    .execute();
}

/** Tries to publish each of these consultations that has changes not yet taken in. */
export async function publishWhatChanged(db: DB, consultationIds: number[]): Promise<void> {
  if (consultationIds.length === 0) return;
  const changed = await db.selectFrom("result_change").select("consultation_id").distinct().where("consultation_id", "in", consultationIds).where("consumed_by", "is", null).execute();
  for (const { consultation_id } of changed) await tryPublish(db, consultation_id, (await scopeCells(db, consultation_id)).map((t) => t.id));
}

/** The latest publication, after trying to publish what changed. Null when nothing was ever counted. */
export async function latestPublication(db: DB, consultationId: number, territoryCells: number[]): Promise<Publication | null> {
  await tryPublish(db, consultationId, territoryCells);
  const p = await db.selectFrom("result_publication").select(["seq", "published_at", "grid"]).where("consultation_id", "=", consultationId).orderBy("seq", "desc").limit(1).executeTakeFirst();
  return p ? { seq: p.seq, publishedAt: p.published_at, grid: p.grid as GridRow[] } : null;
}

