// Reads for the account pages and the staff code pages.
import { sql, type Kysely } from "kysely";
import { epciIdList } from "../territory/queries.server.js";
import type { Database } from "../../../db/schema.js";

type DB = Kysely<Database>;

export async function listSessions(db: DB, accountId: number) {
  return db
    .selectFrom("session")
    .select(["id", "created_at", "refreshed_at", "expires_at", "persistent", "user_agent"])
    .where("account_id", "=", accountId)
    .where("expires_at", ">", sql<Date>`now()`)
    .orderBy("refreshed_at", "desc")
    .execute();
}

export async function listBatches(db: DB, epciIds: number[] | "all") {
  return db
    .selectFrom("invitation_batch as b")
    .innerJoin("territory as t", "t.id", "b.territory_id")
    .innerJoin("territory as epci", (j) => j.onRef("epci.code", "=", "t.epci_code").onRef("epci.epci_code", "=", "t.epci_code"))
    .select((eb) => [
      "b.id",
      "b.label",
      "b.size",
      "b.expires_at",
      "b.created_at",
      "t.name as territoryName",
      eb.selectFrom("invitation_code as c").select(sql<number>`count(*)::int`.as("n")).whereRef("c.batch_id", "=", "b.id").where("c.redeemed_at", "is not", null).as("redeemed"),
      eb.selectFrom("invitation_code as c").select(sql<number>`count(*)::int`.as("n")).whereRef("c.batch_id", "=", "b.id").where("c.revoked_at", "is not", null).as("revoked"),
    ])
    .$if(epciIds !== "all", (q) => q.where("epci.id", "in", epciIdList(epciIds)))
    .orderBy("b.id", "desc")
    .execute();
}

export async function getBatch(db: DB, batchId: number) {
  const batch = await db
    .selectFrom("invitation_batch as b")
    .innerJoin("territory as t", "t.id", "b.territory_id")
    .select(["b.id", "b.label", "b.size", "b.help_text", "b.expires_at", "b.created_at", "t.id as territoryId", "t.name as territoryName", "t.kind as territoryKind"])
    .where("b.id", "=", batchId)
    .executeTakeFirst();
  if (!batch) return null;
  const perSubsector = await db
    .selectFrom("invitation_code as c")
    .leftJoin("territory as t", "t.id", "c.redeemed_territory_id")
    .select(["t.name", sql<number>`count(*)::int`.as("n")])
    .where("c.batch_id", "=", batchId)
    .where("c.redeemed_at", "is not", null)
    .groupBy("t.name")
    .orderBy("t.name")
    .execute();
  const totals = await db
    .selectFrom("invitation_code")
    .select([
      sql<number>`count(*)::int`.as("issued"),
      sql<number>`count(*) filter (where redeemed_at is not null)::int`.as("redeemed"),
      sql<number>`count(*) filter (where revoked_at is not null)::int`.as("revoked"),
    ])
    .where("batch_id", "=", batchId)
    .executeTakeFirstOrThrow();
  return { ...batch, perSubsector, ...totals };
}

export async function batchCodes(db: DB, batchId: number) {
  return db.selectFrom("invitation_code").select(["code", "redeemed_at", "revoked_at"]).where("batch_id", "=", batchId).orderBy("id").execute();
}

/** Territories a staff member may issue codes for: sous-secteurs, QPVs and secteurs de vigilance of their EPCIs. */
export async function codeTargets(db: DB, epciIds: number[] | "all") {
  return db
    .selectFrom("territory as t")
    .innerJoin("territory as epci", (j) => j.onRef("epci.code", "=", "t.epci_code").onRef("epci.epci_code", "=", "t.epci_code"))
    .leftJoin("territory as parent", "parent.id", "t.parent_id")
    .select(["t.id", "t.name", "t.kind", "parent.name as parentName"])
    .where("t.kind", "in", ["qpv", "sous_secteur", "secteur_vigilance"])
    .$if(epciIds !== "all", (q) => q.where("epci.id", "in", epciIdList(epciIds)))
    .orderBy("epci.name")
    .orderBy(sql`coalesce(parent.name, t.name)`)
    .orderBy("t.kind")
    .orderBy("t.name")
    .execute();
}
