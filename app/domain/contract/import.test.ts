// The import against a real PostgreSQL: Calais and the fixture side by side, re-import in
// place, withdrawal, and broken files refused whole with the validator's paths.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../../db/testing.js";
import { formatProblem } from "./dataset.js";
import { importContractFile } from "./import.server.js";

const root = path.resolve(import.meta.dirname, "../../..");
const calais = readFileSync(path.join(root, "db/seed/calais-2024-2030.json"), "utf8");
const fixture = readFileSync(path.join(root, "db/seed/fixtures/val-de-scarpe-2024-2030.json"), "utf8");
const brokenDir = path.join(root, "db/seed/fixtures/broken");
const SHARED_VALIDATOR = path.resolve(root, "../shared/data/check-dataset.mjs");

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t?.drop();
});

const TABLES = ["territory", "territory_alias", "contract", "contract_territory", "territory_group", "territory_group_member", "objective", "transversal_theme", "priority", "priority_item", "priority_item_objective", "indicator", "contract_import"] as const;
async function rowCounts() {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return out;
}
async function ids() {
  const out: Record<string, string[]> = {};
  for (const table of ["territory", "contract", "territory_group", "objective", "transversal_theme", "priority", "priority_item", "indicator"] as const) {
    const rows = await t.db.selectFrom(table).select(["id"]).orderBy("id").execute();
    out[table] = rows.map((r) => String(r.id));
  }
  const codes = await t.db.selectFrom("objective").select(["id", "code"]).orderBy("id").execute();
  out.objectiveCodes = codes.map((r) => `${r.id}:${r.code}`);
  return out;
}

describe("contract import", () => {
  test("Calais imports with every row the file holds", async () => {
    const result = await importContractFile(t.db, calais, "calais.json");
    assert.ok(result.ok, result.ok ? "" : result.errors.map(formatProblem).join("\n"));
    assert.equal(result.created, true);
    const data = JSON.parse(calais);
    const counts = await rowCounts();
    assert.equal(counts.territory, data.territories.length);
    assert.equal(counts.objective, data.objectives.length);
    assert.equal(counts.indicator, data.indicators.length);
    assert.equal(counts.priority, data.priorities.length);
    assert.equal(counts.priority_item, data.priorities.reduce((n: number, p: { items: unknown[] }) => n + p.items.length, 0));
    assert.equal(counts.contract_import, 1);
    const inferred = await t.db.selectFrom("priority_item_objective").select("confidence").where("confidence", "=", "inferred").execute();
    assert.equal(inferred.length, data.priorities.flatMap((p: { items: { linkConfidence: string; objectives: unknown[] }[] }) => p.items).filter((i: { linkConfidence: string }) => i.linkConfidence === "inferred").reduce((n: number, i: { objectives: unknown[] }) => n + i.objectives.length, 0));
    const gagarine = await t.db.selectFrom("territory").select(["name", "name_search", "source_ref"]).where("code", "=", "bm-gagarine").executeTakeFirstOrThrow();
    assert.equal(gagarine.source_ref, "001:L644");
    const alias = await t.db.selectFrom("territory_alias").select("alias_search").where("alias", "=", "Crèveœur / Curie").executeTakeFirstOrThrow();
    assert.equal(alias.alias_search, "creveoeurcurie");
  });

  test("the fixture imports beside Calais: no thématique, indicators on an axe and on nothing, a QPV without sous-secteur, groups of a QPV and a commune", async () => {
    const result = await importContractFile(t.db, fixture, "fixture.json");
    assert.ok(result.ok, result.ok ? "" : result.errors.map(formatProblem).join("\n"));
    const contracts = await t.db.selectFrom("contract").select("code").orderBy("code").execute();
    assert.deepEqual(contracts.map((c) => c.code), ["calais-2024-2030", "val-de-scarpe-2024-2030"]);
    const onAxe = await t.db.selectFrom("indicator").innerJoin("objective", "objective.id", "indicator.objective_id").select(["indicator.code", "objective.kind"]).where("indicator.code", "=", "VS-IND-1").executeTakeFirstOrThrow();
    assert.equal(onAxe.kind, "axe");
    const loose = await t.db.selectFrom("indicator").select(["objective_id", "transversal_theme_id"]).where("code", "=", "VS-IND-2").executeTakeFirstOrThrow();
    assert.deepEqual(loose, { objective_id: null, transversal_theme_id: null });
    const stats = await t.db.selectFrom("territory_group").select("purpose").where("code", "=", "stats-saint-aubert").executeTakeFirstOrThrow();
    assert.equal(stats.purpose, "statistics");
    const epis = await t.db
      .selectFrom("territory_group_member as m")
      .innerJoin("territory_group as g", "g.id", "m.territory_group_id")
      .innerJoin("territory as tt", "tt.id", "m.territory_id")
      .select(["tt.kind"])
      .where("g.code", "=", "zone-epis")
      .execute();
    assert.deepEqual(epis.map((e) => e.kind), ["qpv"]);
  });

  test("re-importing Calais keeps every row id", async () => {
    const before = await ids();
    const result = await importContractFile(t.db, calais, "calais.json");
    assert.ok(result.ok);
    assert.equal(result.created, false);
    assert.equal(result.removed + result.withdrawn, 0);
    assert.deepEqual(await ids(), before);
  });

  test("an objective dropped from a new version is deleted when unused, withdrawn when something links to it", async () => {
    const data = JSON.parse(fixture);
    // VS-A1-E1 (an enjeu) has no link; VS-A2-OS1 carries indicator VS-IND-3, kept in the new version.
    data.objectives = data.objectives.filter((o: { code: string }) => o.code !== "VS-A1-E1" && o.code !== "VS-A2-OS1" && o.code !== "VS-A2-OS1-OO1");
    data.priorities[1].items.pop();
    data.indicators[2].objective = null;
    const linked = await t.db.selectFrom("objective").select("id").where("code", "=", "VS-A2-OS1").executeTakeFirstOrThrow();
    // Something outside the file still points at VS-A2-OS1: a second indicator row of another import.
    await t.db.insertInto("indicator").values({ contract_id: (await t.db.selectFrom("contract").select("id").where("code", "=", "calais-2024-2030").executeTakeFirstOrThrow()).id, code: "EXT-1", objective_id: linked.id, label: "lien extérieur", kind: "unknown", source_ref: null }).execute();
    const result = await importContractFile(t.db, JSON.stringify(data), "fixture-v2.json");
    assert.ok(result.ok, result.ok ? "" : result.errors.map(formatProblem).join("\n"));
    const rows = await t.db.selectFrom("objective").select(["code", "withdrawn_at"]).where("code", "in", ["VS-A1-E1", "VS-A2-OS1", "VS-A2-OS1-OO1"]).execute();
    const state = Object.fromEntries(rows.map((r) => [r.code, r.withdrawn_at ? "withdrawn" : "active"]));
    assert.deepEqual(state, { "VS-A2-OS1": "withdrawn" });
    // Restoring the objective in a later version brings it back, same id.
    const again = await importContractFile(t.db, fixture, "fixture.json");
    assert.ok(again.ok);
    const restored = await t.db.selectFrom("objective").select(["id", "withdrawn_at"]).where("code", "=", "VS-A2-OS1").executeTakeFirstOrThrow();
    assert.equal(restored.id, linked.id);
    assert.equal(restored.withdrawn_at, null);
  });

  test("a NUL character in a text (which the validator lets through) is dropped, not a crash", async () => {
    const data = JSON.parse(fixture);
    data.objectives[0].title = `${data.objectives[0].title}\u0000`;
    const result = await importContractFile(t.db, JSON.stringify(data), "fixture-nul.json");
    assert.ok(result.ok, result.ok ? "" : result.errors.map(formatProblem).join("\n"));
    const stored = await t.db.selectFrom("objective").select("title").where("code", "=", data.objectives[0].code).executeTakeFirstOrThrow();
    assert.equal(stored.title, JSON.parse(fixture).objectives[0].title);
  });

  test("broken files write nothing, not even an import row, and name every problem", async () => {
    const before = await rowCounts();
    for (const file of readdirSync(brokenDir)) {
      const result = await importContractFile(t.db, readFileSync(path.join(brokenDir, file), "utf8"), file);
      assert.equal(result.ok, false, `${file} should be refused`);
      if (!result.ok) assert.ok(result.errors.length > 0);
    }
    assert.deepEqual(await rowCounts(), before);
  });

  test("a failure in the middle of the write rolls everything back", async () => {
    const before = await rowCounts();
    const data = JSON.parse(fixture);
    data.contract.code = "val-de-scarpe-autre";
    data.territories[1].name = "x".repeat(10);
    // A name that passes the check but breaks a database constraint: a blank alias.
    data.territories[2].aliases = ["\u200b"];
    await t.db.schema.alterTable("territory_alias").addCheckConstraint("territory_alias_test_no_zwsp", (await import("kysely")).sql`alias <> '\u200b'`).execute();
    try {
      await assert.rejects(importContractFile(t.db, JSON.stringify(data), "x.json"));
    } finally {
      await t.db.schema.alterTable("territory_alias").dropConstraint("territory_alias_test_no_zwsp").execute();
    }
    assert.deepEqual(await rowCounts(), before);
  });

  test("the importer reports the same JSON paths as the shared validator", { skip: !existsSync(SHARED_VALIDATOR) && "../shared/data/check-dataset.mjs is not beside the project" }, async () => {
    const element = (p: string) => {
      const top = p.replace(/ \([^)]*\)/g, "").match(/^[A-Za-z]+(\[\d+\])?/)?.[0] ?? p;
      return ["format", "root"].includes(top) ? "root" : top;
    };
    for (const file of readdirSync(brokenDir).filter((f) => f !== "not-json.json")) {
      const full = path.join(brokenDir, file);
      let stderr = "";
      try {
        execFileSync(process.execPath, [SHARED_VALIDATOR, "--max=1000", full], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      } catch (error) {
        stderr = (error as { stderr: string }).stderr;
      }
      const theirs = new Set(
        stderr
          .split("\n")
          .filter((l) => l.startsWith("    ✗ "))
          .map((l) => element(l.slice(6).split(": ")[0]!)),
      );
      const result = await importContractFile(t.db, readFileSync(full, "utf8"), file);
      assert.equal(result.ok, false);
      const ours = new Set(result.ok ? [] : result.errors.map((e) => element(e.path)));
      assert.ok(theirs.size > 0, `${file}: the validator found no error`);
      assert.deepEqual([...ours].sort(), [...theirs].sort(), file);
    }
  });

  test("a contract code held by another EPCI is refused, naming that EPCI, and nothing is written; only a move says otherwise", async () => {
    const before = await rowCounts();
    const beforeIds = await ids();
    // Calais's own file under Val de Scarpe's code: what took Val de Scarpe's contract over.
    const data = JSON.parse(calais);
    data.contract.code = "val-de-scarpe-2024-2030";
    const result = await importContractFile(t.db, JSON.stringify(data), "calais-as-vds.json");
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.deepEqual(result.conflict, { epciCode: "ca-val-de-scarpe", epciName: JSON.parse(fixture).territories.find((x: { kind: string }) => x.kind === "epci").name });
      assert.match(formatProblem(result.errors[0]!), /^contract\.code: "val-de-scarpe-2024-2030" is the code of a contract of another EPCI, .* \(ca-val-de-scarpe\): nothing was written/);
    }
    assert.deepEqual(await rowCounts(), before);
    assert.deepEqual(await ids(), beforeIds);
    const vds = await t.db.selectFrom("contract as c").innerJoin("territory as e", "e.id", "c.epci_id").select("e.code").where("c.code", "=", "val-de-scarpe-2024-2030").executeTakeFirstOrThrow();
    assert.equal(vds.code, "ca-val-de-scarpe");

    // --epci: a file for another EPCI than the one named is refused too.
    const wrongEpci = await importContractFile(t.db, calais, "calais.json", { epci: "ca-val-de-scarpe" });
    assert.equal(wrongEpci.ok, false);
    if (!wrongEpci.ok) assert.match(formatProblem(wrongEpci.errors[0]!), /^contract\.epci: the file is for EPCI "ca-grand-calais-terres-et-mers", not "ca-val-de-scarpe"/);
    assert.deepEqual(await rowCounts(), before);

    // An admin's move: the code changes EPCI, and the result says from where.
    const copy = JSON.parse(fixture);
    copy.contract.code = "calais-copie";
    const other = await importContractFile(t.db, JSON.stringify(copy), "vds-copie.json");
    assert.ok(other.ok);
    const moved = JSON.parse(calais);
    moved.contract.code = "calais-copie";
    const move = await importContractFile(t.db, JSON.stringify(moved), "calais-copie.json", { moveCode: true });
    assert.ok(move.ok, move.ok ? "" : move.errors.map(formatProblem).join("\n"));
    assert.deepEqual(move.movedFrom?.epciCode, "ca-val-de-scarpe");
    assert.equal(move.contractId, other.contractId);
  });

  test("the command line refuses the same conflicts: a code of another EPCI, and with --epci a file of another EPCI", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(path.join(tmpdir(), "pq-import-"));
    const data = JSON.parse(calais);
    data.contract.code = "val-de-scarpe-2024-2030";
    const taken = path.join(dir, "calais-as-vds.json");
    writeFileSync(taken, JSON.stringify(data));
    const calaisFile = path.join(dir, "calais.json");
    writeFileSync(calaisFile, calais);
    assert.ok((await importContractFile(t.db, fixture, "vds.json")).ok, "Val de Scarpe holds its code");
    const run = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", path.join(root, "db/import-cli.ts"), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: t.url }, encoding: "utf8", timeout: 120_000 });
    const before = await rowCounts();
    const conflict = run(["--epci", "ca-grand-calais-terres-et-mers", taken]);
    assert.notEqual(conflict.status, 0);
    assert.match(conflict.stderr + conflict.stdout, /contract\.code: "val-de-scarpe-2024-2030" is the code of a contract of another EPCI, .*\(ca-val-de-scarpe\): nothing was written/);
    const wrong = run(["--epci", "ca-val-de-scarpe", calaisFile]);
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.stderr + wrong.stdout, /contract\.epci: the file is for EPCI "ca-grand-calais-terres-et-mers", not "ca-val-de-scarpe"/);
    assert.deepEqual(await rowCounts(), before, "nothing written");
    const ok = run(["--epci", "ca-grand-calais-terres-et-mers", calaisFile]);
    assert.equal(ok.status, 0, ok.stderr);
  });

  test("the importer's messages name the path and the reason", async () => {
    const result = await importContractFile(t.db, readFileSync(path.join(brokenDir, "unknown-references.json"), "utf8"), "x.json");
    assert.equal(result.ok, false);
    if (!result.ok) assert.ok(result.errors.map(formatProblem).includes('objectives[3].parent: unknown objective code "A9"'));
  });
});
