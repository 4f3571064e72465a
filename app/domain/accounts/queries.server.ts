// Reads for the account pages and the staff code pages.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import { epciIdList } from "../territory/queries.server.js";
import type { CardDesk } from "./rules.js";
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
    .select(["b.id", "b.label", "b.size", "b.help_text", "b.help_text_falc", "b.help_text_en", "b.help_text_ar", "b.expires_at", "b.created_at", "t.id as territoryId", "t.name as territoryName", "t.kind as territoryKind"])
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

/** At most this many desks on a page: a list to read on a phone, not a directory. */
export const MAX_CARD_DESKS = 30;

/**
 * Where a newcomer can get an invitation card: the help text of every batch that still has a
 * code to give (one neither redeemed nor revoked, in a batch not expired), once per place and
 * text. `near` is the visitor's quartier (a QPV or secteur, or a sous-secteur: then its QPV's
 * batches count too). `within: "place"` gives only the batches for it (none without one);
 * `"epci"` every batch of its EPCI, its own first — of every EPCI when there is no `near`.
 * Selects no code, nor the batch's label (staff's own words).
 */
export async function cardDesks(db: DB, near: number | null, within: "place" | "epci"): Promise<CardDesk[]> {
  const place = near === null ? null : await db.selectFrom("territory").select(["id", "kind", "parent_id", "epci_code"]).where("id", "=", near).executeTakeFirst();
  if (within === "place" && (!place || !["qpv", "secteur_vigilance", "sous_secteur"].includes(place.kind))) return [];
  const isHere = (eb: ExpressionBuilder<Database & { b: Database["invitation_batch"]; t: Database["territory"] }, "b" | "t">): Expression<SqlBool> => {
    if (!place || !["qpv", "secteur_vigilance", "sous_secteur"].includes(place.kind)) return sql<SqlBool>`false`;
    return place.kind === "sous_secteur" && place.parent_id !== null
      ? eb.or([eb("t.id", "=", place.id), eb("t.id", "=", place.parent_id)])
      : eb.or([eb("t.id", "=", place.id), eb("t.parent_id", "=", place.id)]);
  };
  const rows = await db
    .selectFrom("invitation_batch as b")
    .innerJoin("territory as t", "t.id", "b.territory_id")
    .leftJoin("territory as qpv", (j) => j.onRef("qpv.id", "=", "t.parent_id").on("t.kind", "=", "sous_secteur"))
    .innerJoin("territory as epci", (j) => j.onRef("epci.code", "=", "t.epci_code").onRef("epci.epci_code", "=", "t.epci_code").on("epci.kind", "=", "epci"))
    .select((eb) => ["t.name as territoryName", "qpv.name as qpvName", "epci.name as epciName", "b.help_text", "b.help_text_falc", "b.help_text_en", "b.help_text_ar", sql<boolean>`(${isHere(eb)})`.as("here"), sql<string>`coalesce(qpv.name, t.name)`.as("sortName")])
    .distinct()
    .where("b.expires_at", ">", sql<Date>`now()`)
    .where((eb) => eb.exists(eb.selectFrom("invitation_code as c").select(sql`1`.as("one")).whereRef("c.batch_id", "=", "b.id").where("c.redeemed_at", "is", null).where("c.revoked_at", "is", null)))
    .$if(within === "place", (q) => q.where((eb) => isHere(eb)))
    .$if(within === "epci" && place !== null && place !== undefined, (q) => q.where("t.epci_code", "=", place!.epci_code))
    .orderBy("here", "desc")
    .orderBy("epci.name")
    .orderBy("sortName")
    .orderBy("t.name")
    .orderBy("b.help_text")
    .limit(MAX_CARD_DESKS)
    .execute();
  return rows.map((r) => ({
    territoryName: r.territoryName,
    qpvName: r.qpvName,
    epciName: r.epciName,
    help: { fr: r.help_text, falc: r.help_text_falc, en: r.help_text_en, ar: r.help_text_ar },
    here: Boolean(r.here),
  }));
}

/**
 * Who confirms an account awaiting verification, and where: the staff of its EPCI (by name),
 * and the desks that hand out cards for its quartier — a card's code, typed while signed in,
 * confirms the account at once — or, when none does, the EPCI's other desks.
 */
export async function whoVerifies(db: DB, territoryId: number | null): Promise<{ epciName: string | null; desks: CardDesk[] }> {
  if (territoryId === null) return { epciName: null, desks: [] };
  const epci = await db
    .selectFrom("territory as t")
    .innerJoin("territory as epci", (j) => j.onRef("epci.code", "=", "t.epci_code").onRef("epci.epci_code", "=", "t.epci_code").on("epci.kind", "=", "epci"))
    .select("epci.name")
    .where("t.id", "=", territoryId)
    .executeTakeFirst();
  const own = await cardDesks(db, territoryId, "place");
  return { epciName: epci?.name ?? null, desks: own.length > 0 ? own : await cardDesks(db, territoryId, "epci") };
}
