// Reads of the territory for the public pages: choosing a quartier, a quartier's page.
import { sql, type Kysely } from "kysely";
import type { Database, TerritoryKind } from "../../../db/schema.js";
import { normalizeForSearch } from "../../utils/normalize.js";

type DB = Kysely<Database>;

export interface PlaceChoice {
  id: number;
  name: string;
  kind: TerritoryKind;
  communeName: string | null;
  epciName: string;
  inForce: boolean;
  subsectorCount: number;
  /** Sous-secteur names that matched the search, when the place itself did not. */
  matchedSubsectors: string[];
}

/**
 * In-force contracts: per EPCI, the one that starts last (then ends last).
 * Everything else is an archive.
 */
export function inForceContractIds(db: DB) {
  return db
    .selectFrom("contract as c")
    .select("c.id")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("contract as newer")
            .select(sql`1`.as("one"))
            .whereRef("newer.epci_id", "=", "c.epci_id")
            .where((eb) =>
              eb.or([
                eb("newer.start_year", ">", eb.ref("c.start_year")),
                eb.and([eb("newer.start_year", "=", eb.ref("c.start_year")), eb("newer.end_year", ">", eb.ref("c.end_year"))]),
                eb.and([eb("newer.start_year", "=", eb.ref("c.start_year")), eb("newer.end_year", "=", eb.ref("c.end_year")), eb("newer.id", ">", eb.ref("c.id"))]),
              ]),
            ),
        ),
      ),
    );
}

/** QPVs and secteurs de vigilance to choose from; `query` matches names, aliases and sous-secteurs, whatever accents or dashes. */
export async function listPlaces(db: DB, query?: string | null): Promise<PlaceChoice[]> {
  const q = query ? normalizeForSearch(query) : "";
  const rows = await db
    .selectFrom("territory as t")
    .innerJoin("territory as commune", "commune.id", "t.parent_id")
    .innerJoin("territory as epci", (j) => j.onRef("epci.code", "=", "t.epci_code").onRef("epci.epci_code", "=", "t.epci_code").on("epci.kind", "=", "epci"))
    .where("t.kind", "in", ["qpv", "secteur_vigilance"])
    .where((eb) => eb.exists(eb.selectFrom("contract_territory as ct").select(sql`1`.as("one")).whereRef("ct.territory_id", "=", "t.id")))
    .select((eb) => [
      "t.id",
      "t.name",
      "t.kind",
      "commune.name as communeName",
      "epci.name as epciName",
      eb
        .exists(eb.selectFrom("contract_territory as ct").select(sql`1`.as("one")).whereRef("ct.territory_id", "=", "t.id").where("ct.contract_id", "in", inForceContractIds(db)))
        .as("inForce"),
      eb.selectFrom("territory as ss").select(sql<number>`count(*)::int`.as("n")).whereRef("ss.parent_id", "=", "t.id").where("ss.kind", "=", "sous_secteur").as("subsectorCount"),
      (q
        ? eb
            .selectFrom("territory as ss")
            .select(sql<string[]>`coalesce(array_agg(ss.name order by ss.name), '{}')`.as("names"))
            .whereRef("ss.parent_id", "=", "t.id")
            .where("ss.kind", "=", "sous_secteur")
            .where((w) => w.or([w("ss.name_search", "like", `%${q}%`), w.exists(w.selectFrom("territory_alias as a").select(sql`1`.as("one")).whereRef("a.territory_id", "=", "ss.id").where("a.alias_search", "like", `%${q}%`))]))
        : sql<string[]>`'{}'::text[]`
      ).as("matchedSubsectors"),
    ])
    .$if(q !== "", (qb) =>
      qb.where((eb) =>
        eb.or([
          eb("t.name_search", "like", `%${q}%`),
          eb.exists(eb.selectFrom("territory_alias as a").select(sql`1`.as("one")).whereRef("a.territory_id", "=", "t.id").where("a.alias_search", "like", `%${q}%`)),
          eb.exists(
            eb
              .selectFrom("territory as ss")
              .select(sql`1`.as("one"))
              .whereRef("ss.parent_id", "=", "t.id")
              .where((w) => w.or([w("ss.name_search", "like", `%${q}%`), w.exists(w.selectFrom("territory_alias as a").select(sql`1`.as("one")).whereRef("a.territory_id", "=", "ss.id").where("a.alias_search", "like", `%${q}%`))])),
          ),
        ]),
      ),
    )
    .execute();
  return rows
    .map((r) => ({ ...r, inForce: Boolean(r.inForce), subsectorCount: Number(r.subsectorCount ?? 0), matchedSubsectors: r.matchedSubsectors ?? [] }))
    .sort((a, b) => Number(b.inForce) - Number(a.inForce) || (a.kind === b.kind ? 0 : a.kind === "qpv" ? -1 : 1) || a.name.localeCompare(b.name, "fr"));
}

export interface PlaceContract {
  id: number;
  code: string;
  name: string;
  startYear: number;
  endYear: number;
  inForce: boolean;
  sourceTitle: string;
  sourcePublisher: string;
}

export interface Place {
  id: number;
  code: string;
  kind: TerritoryKind;
  name: string;
  aliases: string[];
  population: number | null;
  populationYear: number | null;
  communeName: string | null;
  subsectors: { id: number; name: string }[];
  contracts: PlaceContract[];
}

export async function getPlace(db: DB, id: number): Promise<Place | null> {
  const t = await db
    .selectFrom("territory as t")
    .leftJoin("territory as parent", "parent.id", "t.parent_id")
    .select(["t.id", "t.code", "t.kind", "t.name", "t.population", "t.population_year", "parent.name as parentName"])
    .where("t.id", "=", id)
    .where("t.kind", "in", ["qpv", "secteur_vigilance"])
    .executeTakeFirst();
  if (!t) return null;
  const [aliases, subsectors, contracts, inForce] = await Promise.all([
    db.selectFrom("territory_alias").select("alias").where("territory_id", "=", id).orderBy("alias").execute(),
    db.selectFrom("territory").select(["id", "name"]).where("parent_id", "=", id).where("kind", "=", "sous_secteur").orderBy("name").execute(),
    db
      .selectFrom("contract as c")
      .innerJoin("contract_territory as ct", "ct.contract_id", "c.id")
      .select(["c.id", "c.code", "c.name", "c.start_year", "c.end_year", "c.source_title", "c.source_publisher"])
      .where("ct.territory_id", "=", id)
      .orderBy("c.start_year", "desc")
      .execute(),
    inForceContractIds(db).execute(),
  ]);
  const inForceIds = new Set(inForce.map((r) => r.id));
  return {
    id: t.id,
    code: t.code,
    kind: t.kind,
    name: t.name,
    aliases: aliases.map((a) => a.alias),
    population: t.population,
    populationYear: t.population_year,
    communeName: t.parentName,
    subsectors,
    contracts: contracts
      .map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        startYear: c.start_year,
        endYear: c.end_year,
        inForce: inForceIds.has(c.id),
        sourceTitle: c.source_title,
        sourcePublisher: c.source_publisher,
      }))
      .sort((a, b) => Number(b.inForce) - Number(a.inForce) || b.startYear - a.startYear),
  };
}

export async function getSubsector(db: DB, id: number) {
  return db.selectFrom("territory").select(["id", "name", "parent_id"]).where("id", "=", id).where("kind", "=", "sous_secteur").executeTakeFirst();
}

/** The EPCI territory of a given EPCI code, or of any territory (a transaction works too). */
export async function epciIdByCode(db: DB, epciCode: string): Promise<number | null> {
  const row = await db.selectFrom("territory").select("id").where("kind", "=", "epci").where("code", "=", epciCode).where("epci_code", "=", epciCode).executeTakeFirst();
  return row?.id ?? null;
}

export async function epciIdOfTerritory(db: DB, territoryId: number): Promise<number | null> {
  const t = await db.selectFrom("territory").select("epci_code").where("id", "=", territoryId).executeTakeFirst();
  return t ? epciIdByCode(db, t.epci_code) : null;
}

/** A staff viewer's EPCI ids as a list for `where … in`: never empty (an empty `in` is invalid SQL). */
export function epciIdList(epciIds: number[] | "all"): number[] {
  return epciIds === "all" || epciIds.length === 0 ? [-1] : epciIds;
}

/** The EPCIs a staff viewer covers, by name. */
export async function listEpcis(db: DB, epciIds: number[] | "all") {
  return db.selectFrom("territory").select(["id", "name"]).where("kind", "=", "epci").$if(epciIds !== "all", (q) => q.where("id", "in", epciIdList(epciIds))).orderBy("name").execute();
}
