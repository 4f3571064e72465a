import assert from "node:assert/strict";
import { test } from "node:test";
import { buildObjectiveTree, distinctSummaries, type TreeRow } from "./rules.js";

const rows: TreeRow[] = [
  { id: 1, code: "A1", kind: "axe", parentId: null, title: "Des quartiers épanouis", withdrawn: false },
  { id: 2, code: "A1-OS1", kind: "objectif_strategique", parentId: 1, title: "Accompagner les parcours scolaires", withdrawn: false },
  { id: 3, code: "A1-OS1-OO1", kind: "objectif_operationnel", parentId: 2, title: "Favoriser la sociabilisation précoce", withdrawn: false },
  { id: 4, code: "A2", kind: "axe", parentId: null, title: "Emploi", withdrawn: false },
];

test("the tree nests rows under their parents, in order", () => {
  const { roots } = buildObjectiveTree(rows);
  assert.deepEqual(roots.map((r) => r.code), ["A1", "A2"]);
  assert.equal(roots[0]!.children[0]!.children[0]!.code, "A1-OS1-OO1");
});

test("a search keeps matches and their ancestors, with the same normalisation", () => {
  const { roots, matches } = buildObjectiveTree(rows, "SOCIABILISATION precoce");
  assert.equal(matches, 1);
  assert.deepEqual(roots.map((r) => r.code), ["A1"]);
  assert.equal(roots[0]!.matched, false);
  assert.equal(roots[0]!.children[0]!.children[0]!.matched, true);
  assert.equal(buildObjectiveTree(rows, "épanouis").matches, 1);
  assert.equal(buildObjectiveTree(rows, "zzz").roots.length, 0);
});

test("an area's summary repeated by each priority is kept once", () => {
  assert.deepEqual(distinctSummaries(["A", "A ", null, "", "B", "A"]), ["A", "B"]);
});
