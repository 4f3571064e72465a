// Reads of contracts for the public pages: the list, the objective tree, one objective,
// and the priorities that apply to a quartier.
import { sql, type Kysely } from "kysely";
import type { Database, LinkConfidence, ObjectiveKind } from "../../../db/schema.js";
import { inForceContractIds } from "../territory/queries.server.js";
import { distinctSummaries, type TreeRow } from "./rules.js";

type DB = Kysely<Database>;

export async function listContracts(db: DB) {
  const [rows, inForce] = await Promise.all([
    db
      .selectFrom("contract as c")
      .innerJoin("territory as epci", "epci.id", "c.epci_id")
      .select((eb) => [
        "c.id",
        "c.code",
        "c.name",
        "c.start_year as startYear",
        "c.end_year as endYear",
        "epci.name as epciName",
        eb.selectFrom("objective as o").select(sql<number>`count(*)::int`.as("n")).whereRef("o.contract_id", "=", "c.id").where("o.withdrawn_at", "is", null).as("objectiveCount"),
      ])
      .orderBy("epci.name")
      .orderBy("c.start_year", "desc")
      .execute(),
    inForceContractIds(db).execute(),
  ]);
  const ids = new Set(inForce.map((r) => r.id));
  return rows.map((r) => ({ ...r, objectiveCount: Number(r.objectiveCount ?? 0), inForce: ids.has(r.id) })).sort((a, b) => Number(b.inForce) - Number(a.inForce));
}

export async function getContract(db: DB, code: string) {
  const c = await db
    .selectFrom("contract as c")
    .innerJoin("territory as epci", "epci.id", "c.epci_id")
    .select(["c.id", "c.code", "c.name", "c.start_year as startYear", "c.end_year as endYear", "c.ambitions", "c.source_title as sourceTitle", "c.source_publisher as sourcePublisher", "c.source_note as sourceNote", "epci.name as epciName"])
    .where("c.code", "=", code)
    .executeTakeFirst();
  if (!c) return null;
  const inForce = (await inForceContractIds(db).where("c.id", "=", c.id).executeTakeFirst()) !== undefined;
  return { ...c, ambitions: c.ambitions as unknown as string[], inForce };
}

export async function objectiveRows(db: DB, contractId: number): Promise<TreeRow[]> {
  const rows = await db
    .selectFrom("objective")
    .select(["id", "code", "kind", "parent_id", "title", "withdrawn_at"])
    .where("contract_id", "=", contractId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, parentId: r.parent_id, title: r.title, withdrawn: r.withdrawn_at !== null }));
}

export interface CitingItem {
  itemId: number;
  label: string;
  confidence: LinkConfidence;
  priorityCode: string;
  priorityTitle: string;
  areaName: string | null;
}

export async function getObjective(db: DB, contractId: number, code: string) {
  const o = await db
    .selectFrom("objective")
    .select(["id", "code", "kind", "parent_id", "title", "source_ref", "withdrawn_at"])
    .where("contract_id", "=", contractId)
    .where("code", "=", code)
    .executeTakeFirst();
  if (!o) return null;
  const [chain, children, indicators, items] = await Promise.all([
    sql<{ id: number; code: string; kind: ObjectiveKind; title: string; depth: number }>`
      with recursive chain as (
        select id, code, kind, title, parent_id, 0 as depth from objective where id = ${o.parent_id}
        union all
        select p.id, p.code, p.kind, p.title, p.parent_id, chain.depth + 1 from objective p join chain on p.id = chain.parent_id
      )
      select id, code, kind, title, depth from chain order by depth desc`.execute(db),
    db.selectFrom("objective").select(["id", "code", "kind", "title", "withdrawn_at"]).where("parent_id", "=", o.id).orderBy("position").execute(),
    db
      .selectFrom("indicator as i")
      .leftJoin("transversal_theme as th", "th.id", "i.transversal_theme_id")
      .select(["i.id", "i.code", "i.label", "i.kind", "th.title as themeTitle"])
      .where("i.objective_id", "=", o.id)
      .where("i.withdrawn_at", "is", null)
      .orderBy("i.position")
      .execute(),
    db
      .selectFrom("priority_item_objective as l")
      .innerJoin("priority_item as it", "it.id", "l.priority_item_id")
      .innerJoin("priority as p", "p.id", "it.priority_id")
      .leftJoin("territory_group as g", "g.id", "p.territory_group_id")
      .select(["it.id as itemId", "it.label", "l.confidence", "p.code as priorityCode", "p.title as priorityTitle", "g.name as areaName"])
      .where("l.objective_id", "=", o.id)
      .where("it.withdrawn_at", "is", null)
      .where("p.withdrawn_at", "is", null)
      .orderBy("p.position")
      .orderBy("it.position")
      .execute(),
  ]);
  return {
    id: o.id,
    code: o.code,
    kind: o.kind,
    title: o.title,
    sourceRef: o.source_ref,
    withdrawn: o.withdrawn_at !== null,
    chain: chain.rows,
    children: children.map((c) => ({ ...c, withdrawn: c.withdrawn_at !== null })),
    indicators,
    citingItems: items as CitingItem[],
  };
}

export interface AreaPriorities {
  /** null for the priorities that apply to the whole contract. */
  area: { id: number; name: string; note: string | null } | null;
  summaries: string[];
  containsChosenSubsector: boolean;
  priorities: {
    id: number;
    code: string;
    title: string;
    items: { id: number; label: string; objectives: { code: string; title: string; kind: ObjectiveKind; confidence: LinkConfidence }[] }[];
  }[];
}

/**
 * The priorities that apply to a quartier under one contract: the contract-wide ones, plus
 * those of every area holding the quartier, one of its sous-secteurs, or a territory above it.
 */
export async function prioritiesForPlace(db: DB, contractId: number, placeId: number, chosenSubsectorId: number | null): Promise<AreaPriorities[]> {
  const related = await sql<{ id: number }>`
    with recursive up as (
      select id, parent_id from territory where id = ${placeId}
      union all
      select t.id, t.parent_id from territory t join up on t.id = up.parent_id
    )
    select id from up
    union
    select id from territory where parent_id = ${placeId}`.execute(db);
  const relatedIds = related.rows.map((r) => r.id);

  const priorities = await db
    .selectFrom("priority as p")
    .leftJoin("territory_group as g", "g.id", "p.territory_group_id")
    .select(["p.id", "p.code", "p.title", "p.summary", "p.position", "g.id as groupId", "g.name as groupName", "g.note as groupNote", "g.position as groupPosition"])
    .where("p.contract_id", "=", contractId)
    .where("p.withdrawn_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("p.scope", "=", "all"),
        eb.exists(eb.selectFrom("territory_group_member as m").select(sql`1`.as("one")).whereRef("m.territory_group_id", "=", "p.territory_group_id").where("m.territory_id", "in", relatedIds)),
      ]),
    )
    .orderBy("p.position")
    .execute();
  if (priorities.length === 0) return [];

  const items = await db
    .selectFrom("priority_item as it")
    .select(["it.id", "it.priority_id", "it.label"])
    .where("it.priority_id", "in", priorities.map((p) => p.id))
    .where("it.withdrawn_at", "is", null)
    .orderBy("it.position")
    .execute();
  const links = items.length
    ? await db
        .selectFrom("priority_item_objective as l")
        .innerJoin("objective as o", "o.id", "l.objective_id")
        .select(["l.priority_item_id", "l.confidence", "o.code", "o.title", "o.kind"])
        .where("l.priority_item_id", "in", items.map((i) => i.id))
        .orderBy("o.position")
        .execute()
    : [];
  const chosenGroups = new Set(
    chosenSubsectorId
      ? (await db.selectFrom("territory_group_member").select("territory_group_id").where("territory_id", "=", chosenSubsectorId).execute()).map((r) => r.territory_group_id)
      : [],
  );

  const areas = new Map<string, AreaPriorities & { rawSummaries: (string | null)[]; order: number }>();
  for (const p of priorities) {
    const key = p.groupId === null ? "all" : `g${p.groupId}`;
    if (!areas.has(key))
      areas.set(key, {
        area: p.groupId === null ? null : { id: p.groupId, name: p.groupName!, note: p.groupNote },
        summaries: [],
        rawSummaries: [],
        containsChosenSubsector: p.groupId !== null && chosenGroups.has(p.groupId),
        priorities: [],
        order: p.groupId === null ? Number.MAX_SAFE_INTEGER : (p.groupPosition ?? 0),
      });
    const area = areas.get(key)!;
    area.rawSummaries.push(p.summary);
    area.priorities.push({
      id: p.id,
      code: p.code,
      title: p.title,
      items: items
        .filter((i) => i.priority_id === p.id)
        .map((i) => ({
          id: i.id,
          label: i.label,
          objectives: links.filter((l) => l.priority_item_id === i.id).map((l) => ({ code: l.code, title: l.title, kind: l.kind, confidence: l.confidence })),
        })),
    });
  }
  // Areas of this quartier first (the chosen sous-secteur's on top), the contract-wide priorities last.
  return [...areas.values()]
    .sort((a, b) => Number(b.containsChosenSubsector) - Number(a.containsChosenSubsector) || a.order - b.order)
    .map(({ rawSummaries, order: _order, ...rest }) => ({ ...rest, summaries: distinctSummaries(rawSummaries) }));
}

/** For each sous-secteur of a quartier, the names of the areas that hold it under a contract. */
export async function subsectorAreas(db: DB, contractId: number, placeId: number) {
  const rows = await db
    .selectFrom("territory as ss")
    .leftJoin("territory_group_member as m", "m.territory_id", "ss.id")
    .leftJoin("territory_group as g", (j) => j.onRef("g.id", "=", "m.territory_group_id").on("g.contract_id", "=", contractId).on("g.purpose", "=", "priority_area"))
    .select(["ss.id", "ss.name", "g.name as areaName"])
    .where("ss.parent_id", "=", placeId)
    .where("ss.kind", "=", "sous_secteur")
    .orderBy("ss.name")
    .execute();
  const map = new Map<number, { id: number; name: string; areas: string[] }>();
  for (const r of rows) {
    if (!map.has(r.id)) map.set(r.id, { id: r.id, name: r.name, areas: [] });
    if (r.areaName) map.get(r.id)!.areas.push(r.areaName);
  }
  return [...map.values()];
}

/** The priorities of an EPCI's contracts, latest contract first (to build a ranking from one). */
export async function prioritiesOfEpci(db: DB, epciId: number) {
  return db
    .selectFrom("priority as p")
    .innerJoin("contract as k", "k.id", "p.contract_id")
    .leftJoin("territory_group as g", "g.id", "p.territory_group_id")
    .select(["p.id", "p.title", "g.name as area", "k.name as contract"])
    .where("k.epci_id", "=", epciId)
    .where("p.withdrawn_at", "is", null)
    .orderBy("k.start_year", "desc")
    .orderBy("p.position")
    .execute();
}

/** The objectives of an EPCI's contracts in force, in tree order, for linking a consultation. */
export async function objectivesOfEpci(db: DB, epciId: number) {
  return db
    .selectFrom("objective as o")
    .innerJoin("contract as k", "k.id", "o.contract_id")
    .select(["o.id", "o.code", "o.title", "o.kind", "o.parent_id", "k.name as contract"])
    .where("k.epci_id", "=", epciId)
    .where("k.id", "in", inForceContractIds(db))
    .where("o.withdrawn_at", "is", null)
    .orderBy("k.start_year", "desc")
    .orderBy("o.position")
    .execute();
}
