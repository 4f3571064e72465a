// Importing a "contrat-de-ville/v1" file: validate everything, then write everything in
// one transaction. Re-importing the same contract updates rows in place (ids stay);
// rows missing from the new version are deleted, or kept and marked withdrawn when
// something still links to them.
import { createHash } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema.js";
import { normalizeForSearch } from "../../utils/normalize.js";
import { parseDataset, type Dataset, type Problem } from "./dataset.js";

export type ImportResult =
  | {
      ok: true;
      contractId: number;
      contractCode: string;
      created: boolean;
      counts: Record<string, number>;
      warnings: Problem[];
      withdrawn: number;
      removed: number;
      /** The EPCI the contract's code belonged to, when an admin moved it here. */
      movedFrom: { epciId: number; epciCode: string } | null;
    }
  | { ok: false; errors: Problem[]; warnings: Problem[]; conflict?: { epciCode: string; epciName: string } };

export interface ImportOptions {
  /** The EPCI the file must be for (the command's `--epci`): any other is refused. */
  epci?: string;
  /**
   * Whether a contract code already held by another EPCI may move to the file's EPCI (an
   * admin's decision, never staff's). Without it, such a file is refused and nothing is written.
   */
  moveCode?: boolean;
  afterWrite?: (trx: Transaction<Database>, result: Extract<ImportResult, { ok: true }>) => Promise<void>;
}

export async function importContractFile(
  db: Kysely<Database>,
  raw: string,
  fileName: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const checked = parseDataset(raw);
  if (!checked.ok) return checked;
  if (options.epci !== undefined && checked.dataset.contract.epci !== options.epci)
    return { ok: false, errors: [{ path: "contract.epci", message: `the file is for EPCI "${checked.dataset.contract.epci}", not "${options.epci}": nothing was written` }], warnings: checked.warnings };
  const sha256 = createHash("sha256").update(raw).digest("hex");
  return db.transaction().execute(async (trx) => {
    // Every key the import matches on stays inside the file's EPCI: territories are keyed by
    // (EPCI, code), everything else by the contract; the contract's own code is the one key
    // shared by all EPCIs, so a code another EPCI holds is refused before anything is written.
    const holder = await trx
      .selectFrom("contract as c")
      .innerJoin("territory as e", "e.id", "c.epci_id")
      .select(["c.id", "e.id as epciId", "e.code as epciCode", "e.name as epciName"])
      .where("c.code", "=", checked.dataset.contract.code)
      .forUpdate()
      .executeTakeFirst();
    const foreign = holder && holder.epciCode !== checked.dataset.contract.epci ? holder : null;
    if (foreign && !options.moveCode)
      return {
        ok: false as const,
        errors: [
          {
            path: "contract.code",
            message: `"${checked.dataset.contract.code}" is the code of a contract of another EPCI, ${foreign.epciName} (${foreign.epciCode}): nothing was written; only an admin can move or release a contract code`,
          },
        ],
        warnings: checked.warnings,
        conflict: { epciCode: foreign.epciCode, epciName: foreign.epciName },
      };
    const written = await writeDataset(trx, checked.dataset, { fileName, sha256, warnings: checked.warnings });
    const result = written.ok ? { ...written, movedFrom: foreign ? { epciId: foreign.epciId, epciCode: foreign.epciCode } : null } : written;
    if (result.ok && options.afterWrite) await options.afterWrite(trx, result);
    return result;
  });
}

/** The EPCI code a file is for, when it parses: used to decide who may upload it. */
export function datasetEpci(raw: string): string | null {
  const checked = parseDataset(raw);
  return checked.ok ? checked.dataset.contract.epci : null;
}

/** Parents before children, whatever the file's order (the check rules out loops). */
function parentsFirst<T extends { code: string; parent: string | null }>(rows: T[]): T[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const depth = (r: T): number => (r.parent && byCode.has(r.parent) ? 1 + depth(byCode.get(r.parent)!) : 0);
  return rows.map((r, i) => ({ r, i, d: depth(r) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.r);
}

async function writeDataset(
  trx: Transaction<Database>,
  data: Dataset,
  meta: { fileName: string; sha256: string; warnings: Problem[] },
): Promise<ImportResult> {
  const epciCode = data.contract.epci;
  const territoryId = new Map<string, number>();
  for (const t of parentsFirst(data.territories)) {
    const row = {
      epci_code: epciCode,
      code: t.code,
      kind: t.kind,
      name: t.name,
      name_search: normalizeForSearch(t.name),
      parent_id: t.parent ? territoryId.get(t.parent)! : null,
      population: t.population,
      population_year: t.populationYear,
      area_ha: t.areaHa,
      source_ref: t.sourceRef,
    };
    const { id } = await trx
      .insertInto("territory")
      .values(row)
      .onConflict((oc) => oc.constraint("territory_epci_code_key").doUpdateSet(row))
      .returning("id")
      .executeTakeFirstOrThrow();
    territoryId.set(t.code, id);
    await trx.deleteFrom("territory_alias").where("territory_id", "=", id).execute();
    const aliases = [...new Set(t.aliases)];
    if (aliases.length > 0)
      await trx
        .insertInto("territory_alias")
        .values(aliases.map((alias) => ({ territory_id: id, alias, alias_search: normalizeForSearch(alias) })))
        .execute();
  }

  const existing = await trx.selectFrom("contract").select("id").where("code", "=", data.contract.code).executeTakeFirst();
  const contractRow = {
    code: data.contract.code,
    name: data.contract.name,
    epci_id: territoryId.get(epciCode)!,
    start_year: data.contract.startYear,
    end_year: data.contract.endYear,
    ambitions: JSON.stringify(data.contract.ambitions),
    source_title: data.source.title,
    source_publisher: data.source.publisher,
    source_period: data.source.period,
    source_note: data.source.note,
  };
  const contractId = existing
    ? (await trx.updateTable("contract").set({ ...contractRow, updated_at: sql<Date>`now()` }).where("id", "=", existing.id).returning("id").executeTakeFirstOrThrow()).id
    : (await trx.insertInto("contract").values(contractRow).returning("id").executeTakeFirstOrThrow()).id;

  await trx.deleteFrom("contract_territory").where("contract_id", "=", contractId).execute();
  if (territoryId.size > 0)
    await trx
      .insertInto("contract_territory")
      .values([...territoryId.values()].map((territory_id) => ({ contract_id: contractId, territory_id })))
      .execute();

  const groupId = new Map<string, number>();
  for (const [position, g] of data.territoryGroups.entries()) {
    const row = { contract_id: contractId, code: g.code, name: g.name, purpose: g.purpose, note: g.note, position, withdrawn_at: null };
    const { id } = await trx
      .insertInto("territory_group")
      .values(row)
      .onConflict((oc) => oc.constraint("territory_group_code_key").doUpdateSet(row))
      .returning("id")
      .executeTakeFirstOrThrow();
    groupId.set(g.code, id);
    await trx.deleteFrom("territory_group_member").where("territory_group_id", "=", id).execute();
    if (g.members.length > 0)
      await trx
        .insertInto("territory_group_member")
        .values(g.members.map((m) => ({ territory_group_id: id, territory_id: territoryId.get(m)! })))
        .execute();
  }

  const objectiveId = new Map<string, number>();
  const position = new Map(data.objectives.map((o, i) => [o.code, i]));
  for (const o of parentsFirst(data.objectives)) {
    const row = {
      contract_id: contractId,
      code: o.code,
      kind: o.kind,
      parent_id: o.parent ? objectiveId.get(o.parent)! : null,
      title: o.title,
      title_search: normalizeForSearch(o.title),
      source_ref: o.sourceRef,
      position: position.get(o.code)!,
      withdrawn_at: null,
    };
    const { id } = await trx
      .insertInto("objective")
      .values(row)
      .onConflict((oc) => oc.constraint("objective_code_key").doUpdateSet(row))
      .returning("id")
      .executeTakeFirstOrThrow();
    objectiveId.set(o.code, id);
  }

  const themeId = new Map<string, number>();
  for (const [pos, th] of data.transversalThemes.entries()) {
    const row = { contract_id: contractId, code: th.code, title: th.title, source_ref: th.sourceRef, position: pos, withdrawn_at: null };
    const { id } = await trx
      .insertInto("transversal_theme")
      .values(row)
      .onConflict((oc) => oc.constraint("transversal_theme_code_key").doUpdateSet(row))
      .returning("id")
      .executeTakeFirstOrThrow();
    themeId.set(th.code, id);
  }

  // Item links are rewritten from the file; old links of this contract go first.
  await trx
    .deleteFrom("priority_item_objective")
    .where("priority_item_id", "in", (qb) =>
      qb.selectFrom("priority_item").innerJoin("priority", "priority.id", "priority_item.priority_id").select("priority_item.id").where("priority.contract_id", "=", contractId),
    )
    .execute();
  const priorityIds: number[] = [];
  const itemIds: number[] = [];
  for (const [pos, p] of data.priorities.entries()) {
    const row = {
      contract_id: contractId,
      code: p.code,
      title: p.title,
      scope: p.scope,
      territory_group_id: p.scope === "territory_group" && p.territoryGroup ? groupId.get(p.territoryGroup)! : null,
      summary: p.summary,
      source_ref: p.sourceRef,
      position: pos,
      withdrawn_at: null,
    };
    const { id } = await trx
      .insertInto("priority")
      .values(row)
      .onConflict((oc) => oc.constraint("priority_code_key").doUpdateSet(row))
      .returning("id")
      .executeTakeFirstOrThrow();
    priorityIds.push(id);
    for (const [itemPos, item] of p.items.entries()) {
      const itemRow = { priority_id: id, position: itemPos, label: item.label, withdrawn_at: null };
      const { id: itemId } = await trx
        .insertInto("priority_item")
        .values(itemRow)
        .onConflict((oc) => oc.constraint("priority_item_position_key").doUpdateSet(itemRow))
        .returning("id")
        .executeTakeFirstOrThrow();
      itemIds.push(itemId);
      await trx
        .insertInto("priority_item_objective")
        .values(item.objectives.map((code) => ({ priority_item_id: itemId, objective_id: objectiveId.get(code)!, confidence: item.linkConfidence })))
        .execute();
    }
  }

  const indicatorIds: number[] = [];
  for (const [pos, ind] of data.indicators.entries()) {
    const row = {
      contract_id: contractId,
      code: ind.code,
      objective_id: ind.objective ? objectiveId.get(ind.objective)! : null,
      transversal_theme_id: ind.transversalTheme ? themeId.get(ind.transversalTheme)! : null,
      label: ind.label,
      kind: ind.kind,
      source_ref: ind.sourceRef,
      position: pos,
      withdrawn_at: null,
    };
    const { id } = await trx
      .insertInto("indicator")
      .values(row)
      .onConflict((oc) => oc.constraint("indicator_code_key").doUpdateSet(row))
      .returning("id")
      .executeTakeFirstOrThrow();
    indicatorIds.push(id);
  }

  // What the new version dropped: deleted when nothing refers to it, otherwise withdrawn.
  let removed = 0;
  let withdrawn = 0;
  const retire = async (table: RetirableTable, ids: number[]) => {
    for (const id of ids) {
      if (await deleteOrWithdraw(trx, table, id)) removed++;
      else withdrawn++;
    }
  };
  const missing = async (table: "indicator" | "transversal_theme" | "priority" | "territory_group", kept: number[]) =>
    (await trx.selectFrom(table).select("id").where("contract_id", "=", contractId).where("withdrawn_at", "is", null).$if(kept.length > 0, (q) => q.where("id", "not in", kept)).execute()).map((r) => r.id);

  await retire("indicator", await missing("indicator", indicatorIds));
  const staleItems = await trx
    .selectFrom("priority_item")
    .innerJoin("priority", "priority.id", "priority_item.priority_id")
    .select("priority_item.id")
    .where("priority.contract_id", "=", contractId)
    .where("priority_item.withdrawn_at", "is", null)
    .$if(itemIds.length > 0, (q) => q.where("priority_item.id", "not in", itemIds))
    .execute();
  await retire("priority_item", staleItems.map((r) => r.id));
  await retire("priority", await missing("priority", priorityIds));
  await retire("transversal_theme", await missing("transversal_theme", [...themeId.values()]));
  const staleObjectives = await trx
    .selectFrom("objective")
    .select(["id", "parent_id"])
    .where("contract_id", "=", contractId)
    .where("withdrawn_at", "is", null)
    .$if(objectiveId.size > 0, (q) => q.where("id", "not in", [...objectiveId.values()]))
    .orderBy("id", "desc")
    .execute();
  await retire("objective", leavesFirst(staleObjectives));
  await retire("territory_group", await missing("territory_group", [...groupId.values()]));

  const counts = {
    territories: data.territories.length,
    territoryGroups: data.territoryGroups.length,
    objectives: data.objectives.length,
    transversalThemes: data.transversalThemes.length,
    priorities: data.priorities.length,
    priorityItems: data.priorities.reduce((n, p) => n + p.items.length, 0),
    indicators: data.indicators.length,
  };
  await trx
    .insertInto("contract_import")
    .values({
      contract_id: contractId,
      file_name: meta.fileName,
      sha256: meta.sha256,
      counts: JSON.stringify(counts),
      warnings: JSON.stringify(meta.warnings.map((w) => `${w.path}: ${w.message}`)),
    })
    .execute();

  return { ok: true, contractId, contractCode: data.contract.code, created: !existing, counts, warnings: meta.warnings, withdrawn, removed, movedFrom: null };
}

type RetirableTable = "indicator" | "priority_item" | "priority" | "transversal_theme" | "objective" | "territory_group";

function leavesFirst(rows: { id: number; parent_id: number | null }[]): number[] {
  const ids = new Set(rows.map((r) => r.id));
  const parent = new Map(rows.map((r) => [r.id, r.parent_id]));
  const depth = (id: number): number => {
    const p = parent.get(id);
    return p != null && ids.has(p) ? 1 + depth(p) : 0;
  };
  return [...ids].sort((a, b) => depth(b) - depth(a));
}

/** Deletes the row inside a savepoint; when a foreign key still points at it, marks it withdrawn instead. */
async function deleteOrWithdraw(trx: Transaction<Database>, table: RetirableTable, id: number): Promise<boolean> {
  await sql`savepoint retire_row`.execute(trx);
  try {
    if (table === "territory_group") await trx.deleteFrom("territory_group_member").where("territory_group_id", "=", id).execute();
    await trx.deleteFrom(table).where("id", "=", id).execute();
    await sql`release savepoint retire_row`.execute(trx);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== "23503") throw error;
    await sql`rollback to savepoint retire_row`.execute(trx);
    await trx.updateTable(table).set({ withdrawn_at: sql<Date>`now()` }).where("id", "=", id).execute();
    return false;
  }
}
