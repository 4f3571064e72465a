// Choosing a quartier and what its page shows, against a real PostgreSQL with Calais and the fixture.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../../db/testing.js";
import { prioritiesForPlace, subsectorAreas } from "../contract/queries.server.js";
import { importContractFile } from "../contract/import.server.js";
import { getPlace, listPlaces } from "./queries.server.js";

const root = path.resolve(import.meta.dirname, "../../..");
const read = (p: string) => readFileSync(path.join(root, p), "utf8");

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
  for (const file of ["db/seed/calais-2024-2030.json", "db/seed/fixtures/val-de-scarpe-2024-2030.json"]) {
    const r = await importContractFile(t.db, read(file), file);
    assert.ok(r.ok);
  }
  // An older contract of the fixture's EPCI that lists one QPV the new one dropped: an archive.
  const old = JSON.parse(read("db/seed/fixtures/val-de-scarpe-2024-2030.json"));
  old.contract.code = "val-de-scarpe-2015-2020";
  old.contract.startYear = 2015;
  old.contract.endYear = 2020;
  old.source.period = "2015-2020";
  old.territories.push({ code: "qpv-ancien-centre", kind: "qpv", name: "Ancien Centre", parent: "saint-aubert", population: null, populationYear: null, areaHa: null, aliases: [], sourceRef: "900:L99" });
  const r = await importContractFile(t.db, JSON.stringify(old), "old.json");
  assert.ok(r.ok);
});
after(async () => {
  await t?.drop();
});

const idOf = async (code: string) => (await t.db.selectFrom("territory").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;

describe("choosing a quartier", () => {
  test("« beaumarais » and « crevecoeur » find their places", async () => {
    assert.deepEqual((await listPlaces(t.db, "beaumarais")).map((p) => p.name), ["Beau Marais"]);
    const creve = await listPlaces(t.db, "crevecoeur");
    assert.deepEqual(creve.map((p) => [p.name, p.kind]), [["Crèvecœur / Curie", "secteur_vigilance"]]);
    assert.deepEqual((await listPlaces(t.db, "les epis")).map((p) => p.name), ["Les Épis"]);
  });

  test("a sous-secteur's name finds its QPV and says so", async () => {
    const [found] = await listPlaces(t.db, "gagarine");
    assert.equal(found?.name, "Beau Marais");
    assert.deepEqual(found?.matchedSubsectors, ["Gagarine"]);
  });

  test("QPVs of both contracts are listed, in-force first, archives marked", async () => {
    const all = await listPlaces(t.db);
    const names = all.map((p) => p.name);
    for (const n of ["Beau Marais", "Fort Nieulay - Cailloux - Saint Pierre", "Les Épis", "La Sucrerie", "Ancien Centre"]) assert.ok(names.includes(n), n);
    const archive = all.find((p) => p.name === "Ancien Centre")!;
    assert.equal(archive.inForce, false);
    assert.equal(all.at(-1)!.name, "Ancien Centre");
    assert.ok(all.filter((p) => p.name !== "Ancien Centre").every((p) => p.inForce));
    assert.equal(all.find((p) => p.name === "La Sucrerie")!.subsectorCount, 0);
  });
});

describe("a quartier's page", () => {
  test("Beau Marais with Gagarine: its area first with one summary, then the contract-wide priorities", async () => {
    const place = (await getPlace(t.db, await idOf("qpv-beau-marais")))!;
    assert.equal(place.population, 7963);
    assert.equal(place.populationYear, 2018);
    assert.equal(place.subsectors.length, 6);
    const contract = place.contracts[0]!;
    const gagarine = await idOf("bm-gagarine");
    const areas = await prioritiesForPlace(t.db, contract.id, place.id, gagarine);
    assert.equal(areas[0]!.area?.name, "Beau Marais");
    assert.equal(areas[0]!.containsChosenSubsector, true);
    assert.equal(areas[0]!.summaries.length, 1, "the area summary is shown once");
    assert.ok(areas[0]!.priorities.some((p) => p.title === "La prévention pour mieux grandir"));
    assert.equal(areas.at(-1)!.area, null);
    assert.deepEqual(areas.at(-1)!.priorities.map((p) => p.code), ["PC1", "PC2", "PC3"]);
    // No Fort Nieulay area here.
    assert.ok(!areas.some((a) => a.area?.name === "Fort Nieulay"));
  });

  test("a sous-secteur in no area says so; Fort Nieulay's areas come with their own sous-secteurs", async () => {
    const fn = await idOf("qpv-fort-nieulay-cailloux-saint-pierre");
    const place = (await getPlace(t.db, fn))!;
    assert.equal(place.populationYear, null);
    const subs = await subsectorAreas(t.db, place.contracts[0]!.id, fn);
    assert.deepEqual(subs.find((s) => s.name === "Louise Michel")!.areas, []);
    assert.deepEqual(subs.find((s) => s.name === "Constantine")!.areas, ["Fort Nieulay"]);
    const areas = await prioritiesForPlace(t.db, place.contracts[0]!.id, fn, await idOf("fncsp-louise-michel"));
    assert.ok(areas.every((a) => !a.containsChosenSubsector));
    assert.deepEqual(areas.filter((a) => a.area).map((a) => a.area!.name).sort(), ["Cailloux", "Fort Nieulay", "Quinet - Vauxhall", "Saint Pierre"]);
  });

  test("groups holding a QPV or a commune apply to it; a secteur de vigilance gets its commune's area", async () => {
    const sucrerie = (await getPlace(t.db, await idOf("qpv-la-sucrerie")))!;
    const inForce = sucrerie.contracts.find((c) => c.inForce)!;
    const areas = await prioritiesForPlace(t.db, inForce.id, sucrerie.id, null);
    assert.ok(areas.some((a) => a.area?.name === "Hornaing"));
    const epis = await idOf("qpv-les-epis");
    const episAreas = await prioritiesForPlace(t.db, inForce.id, epis, null);
    assert.ok(episAreas.some((a) => a.area?.name === "Les Épis" && a.priorities[0]!.items.some((i) => i.objectives.some((o) => o.confidence === "inferred"))));
    const preFleuri = (await getPlace(t.db, await idOf("sv-pre-fleuri")))!;
    assert.equal(preFleuri.kind, "secteur_vigilance");
    assert.ok((await prioritiesForPlace(t.db, inForce.id, preFleuri.id, null)).some((a) => a.area?.name === "Hornaing"));
  });
});
