// Worked examples, computed by hand in the comments.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bordaCount, bordaFromTallies, lowerMedianGrade, majorityJudgment, suppressBreakdown } from "./rules.js";

test("suppression: n = 4 is hidden, n = 5 is shown", () => {
  const cells = suppressBreakdown([
    { key: "gagarine", n: 5 },
    { key: "matisse", n: 4 },
    { key: "rodin", n: 12 },
  ]);
  assert.deepEqual(cells.map((c) => [c.key, c.n]), [
    ["gagarine", null], // complementary: the next smallest after the one hidden cell
    ["matisse", null],
    ["rodin", 12],
  ]);
  assert.deepEqual(cells.map((c) => c.shown), [false, false, true]);
});

test("suppression: two small cells holding 4 together hide the next smallest too (the label is no bound)", () => {
  const cells = suppressBreakdown([
    { key: "a", n: 1 },
    { key: "b", n: 3 },
    { key: "c", n: 5 },
    { key: "d", n: 40 },
  ]);
  assert.deepEqual(cells.map((c) => c.n), [null, null, null, 40]);
});

test("suppression: an empty cell is shown as 0 and never stands in for a hidden one (the Gagarine case)", () => {
  // Before: the 0 counted as a hidden cell, so « hide the next smallest » never fired and
  // total − shown gave the 3 alone.
  const cells = suppressBreakdown([
    { key: "gagarine", n: 3 },
    { key: "vide", n: 0 },
    { key: "matisse", n: 7 },
    { key: "rodin", n: 20 },
  ]);
  assert.deepEqual(cells.map((c) => c.n), [null, 0, null, 20]);
});

test("suppression: hides one more while total − shown is 1 to 4, with a table total of its own", () => {
  // 2 hidden; residual 2 → hide 5; residual 7: done.
  assert.deepEqual(suppressBreakdown([{ key: "a", n: 2 }, { key: "b", n: 5 }, { key: "c", n: 6 }, { key: "d", n: 30 }]).map((c) => c.n), [null, null, 6, 30]);
  // A total beyond the cells (people outside every listed cell): 3 unlisted → the smallest shown goes.
  assert.deepEqual(suppressBreakdown([{ key: "a", n: 6 }, { key: "b", n: 9 }], 5, 18).map((c) => c.n), [null, 9]);
  // Nothing left to hide: the total itself is under 5 (the callers hide it).
  assert.deepEqual(suppressBreakdown([{ key: "a", n: 0 }, { key: "b", n: 0 }], 5, 3).map((c) => c.n), [0, 0]);
  // Threshold 0: the counted figures.
  assert.deepEqual(suppressBreakdown([{ key: "a", n: 1 }, { key: "b", n: 2 }], 0).map((c) => c.n), [1, 2]);
});

test("suppression: nothing small, nothing hidden; all small, all hidden", () => {
  assert.deepEqual(suppressBreakdown([{ key: "a", n: 5 }, { key: "b", n: 9 }]).map((c) => c.n), [5, 9]);
  assert.deepEqual(suppressBreakdown([{ key: "a", n: 2 }, { key: "b", n: 1 }]).map((c) => c.n), [null, null]);
  // One small cell alone in its breakdown: nothing left to hide beside it.
  assert.deepEqual(suppressBreakdown([{ key: "a", n: 2 }]).map((c) => c.n), [null]);
});

test("Borda, top 3 among 4: 3-2-1 points, ranks and first-place shares", () => {
  // Ballots: A>B>C, A>C>B, B>A>D, C>A>B
  // A: 3+3+2+2 = 10, B: 2+1+3+1 = 7, C: 1+2+0+3 = 6, D: 0+0+1+0 = 1
  const rows = bordaCount(["A", "B", "C", "D"], [["A", "B", "C"], ["A", "C", "B"], ["B", "A", "D"], ["C", "A", "B"]], 3);
  assert.deepEqual(rows.map((r) => [r.key, r.points, r.rank, r.firsts]), [["A", 10, 1, 2], ["B", 7, 2, 1], ["C", 6, 3, 1], ["D", 1, 4, 0]]);
  assert.equal(rows[0]!.firstShare, 0.5);
});

test("Borda ties: broken by first places, then ex æquo", () => {
  // Top 2 among 3. Ballots: A>B, B>C, C>A, A>C, B>A
  // A: 2+0+1+2+1 = 6 (2 firsts), B: 1+2+0+0+2 = 5 (2 firsts), C: 0+1+2+1+0 = 4 (1 first)
  const clear = bordaCount(["A", "B", "C"], [["A", "B"], ["B", "C"], ["C", "A"], ["A", "C"], ["B", "A"]], 2);
  assert.deepEqual(clear.map((r) => [r.key, r.points, r.rank]), [["A", 6, 1], ["B", 5, 2], ["C", 4, 3]]);
  // Equal points, different firsts: X>Y, Y>Z, X>Z, Z>Y → X 4 (2 firsts), Y 4 (1 first), Z 4 (1 first)
  const byFirsts = bordaCount(["X", "Y", "Z"], [["X", "Y"], ["Y", "Z"], ["X", "Z"], ["Z", "Y"]], 2);
  assert.deepEqual(byFirsts.map((r) => [r.key, r.points, r.firsts, r.rank, r.tied]), [["X", 4, 2, 1, false], ["Y", 4, 1, 2, true], ["Z", 4, 1, 2, true]]);
});

test("Borda from tallies equals Borda from ballots", () => {
  const ballots = [["A", "B", "C"], ["A", "C", "B"], ["B", "A", "D"], ["C", "A", "B"]];
  const counts = new Map<string, number[]>();
  for (const o of ["A", "B", "C", "D"]) counts.set(o, [0, 1, 2].map((r) => ballots.filter((b) => b[r] === o).length));
  assert.deepEqual(bordaFromTallies(["A", "B", "C", "D"], counts, 3, ballots.length), bordaCount(["A", "B", "C", "D"], ballots, 3));
});

test("majority judgment: the majority grade is the lower median", () => {
  // Grades best first: Excellent, Très bien, Bien, Assez bien, Passable, Insuffisant, À rejeter.
  assert.equal(lowerMedianGrade([1, 0, 0, 0, 0, 0, 0]), 0);
  // 4 votes: Excellent, Bien, Passable, À rejeter → sorted worst→best: rejeter, passable, bien, excellent → lower median = passable (4)
  assert.equal(lowerMedianGrade([1, 0, 1, 0, 1, 0, 1]), 4);
  // 5 votes: 2 Très bien, 3 Bien → median Bien (2)
  assert.equal(lowerMedianGrade([0, 2, 3, 0, 0, 0, 0]), 2);
  assert.equal(lowerMedianGrade([0, 0, 0, 0, 0, 0, 0]), null);
});

test("majority judgment: ties decided by the majority gauge", () => {
  // Both have majority grade Bien with 10 voters.
  // P: 4 above (Très bien), 4 Bien, 2 below (Passable) → above 0.4 > below 0.2 → gauge +0.4
  // Q: 3 above, 5 Bien, 2 below → +0.3
  // R: 1 above, 5 Bien, 4 below → below wins → −0.4
  // S: majority grade Très bien → first whatever its gauge.
  const rows = majorityJudgment([
    { key: "P", profile: [0, 4, 4, 0, 2, 0, 0] },
    { key: "Q", profile: [0, 3, 5, 0, 2, 0, 0] },
    { key: "R", profile: [0, 1, 5, 0, 4, 0, 0] },
    { key: "S", profile: [0, 6, 2, 0, 2, 0, 0] },
  ]);
  assert.deepEqual(rows.map((r) => [r.key, r.majorityGrade, r.rank]), [["S", "tres_bien", 1], ["P", "bien", 2], ["Q", "bien", 3], ["R", "bien", 4]]);
  assert.equal(rows.find((r) => r.key === "P")!.gauge, 0.4);
  assert.equal(rows.find((r) => r.key === "R")!.gauge, -0.4);
  // Identical profiles are ex æquo.
  const tie = majorityJudgment([{ key: "a", profile: [1, 1, 1, 0, 0, 0, 0] }, { key: "b", profile: [1, 1, 1, 0, 0, 0, 0] }]);
  assert.deepEqual(tie.map((r) => [r.rank, r.tied]), [[1, true], [1, true]]);
});

test("pictograms: a built-in SVG by name, or one emoji; anything else is refused", async () => {
  const { readPictogram } = await import("./rules.js");
  assert.equal(readPictogram("banc"), "svg:banc");
  assert.equal(readPictogram("svg:arbre"), "svg:arbre");
  assert.equal(readPictogram(" 🌳 "), "🌳");
  assert.equal(readPictogram("👩🏽‍🦱"), "👩🏽‍🦱");
  assert.equal(readPictogram(""), null);
  assert.equal(readPictogram("toboggan"), "invalid");
  assert.equal(readPictogram("<img src=x>"), "invalid");
  assert.equal(readPictogram("🌳🌳"), "invalid");
});

test("tally sheets: counts must add up, per question kind", async () => {
  const { readTally, tallyField: f } = await import("./rules.js");
  const form = (e: Record<string, string>) => new Map(Object.entries(e).map(([k, v]) => [k, [v]]));
  const ranking = { id: 1, kind: "ranking" as const, maxChoices: null, topN: 2, optionIds: [10, 11, 12] };
  // 6 ballots, 1 blank: rank 1 must add up to 5; rank 2 at most rank 1; each option at most 5.
  const ok = readTally([ranking], 6, form({ [f.blanks(1)]: "1", [f.rank(1, 10, 1)]: "3", [f.rank(1, 11, 1)]: "2", [f.rank(1, 11, 2)]: "3", [f.rank(1, 12, 2)]: "1" }));
  assert.ok(ok.ok);
  assert.deepEqual(ok.ok ? ok.counts.filter((c) => c.optionId === null) : null, [{ questionId: 1, optionId: null, rank: null, value: null, count: 5 }]);
  assert.equal(ok.ok ? ok.counts.filter((c) => c.optionId !== null).reduce((s, c) => s + c.count, 0) : null, 9);
  assert.deepEqual(readTally([ranking], 6, form({ [f.rank(1, 10, 1)]: "3", [f.rank(1, 11, 1)]: "2" })), { ok: false, problems: { 1: "doesNotAddUp" } });
  assert.deepEqual(readTally([ranking], 5, form({ [f.rank(1, 10, 1)]: "3", [f.rank(1, 11, 1)]: "2", [f.rank(1, 12, 2)]: "6" })), { ok: false, problems: { 1: "rankOrder" } });
  assert.deepEqual(readTally([ranking], 5, form({ [f.rank(1, 10, 1)]: "3", [f.rank(1, 11, 1)]: "2", [f.rank(1, 10, 2)]: "3" })), { ok: false, problems: { 1: "overBallots" } });
  const majority = { id: 2, kind: "majority" as const, maxChoices: null, topN: null, optionIds: [20, 21] };
  assert.ok(readTally([majority], 3, form({ [f.grade(2, 20, 0)]: "2", [f.grade(2, 20, 6)]: "1", [f.grade(2, 21, 3)]: "3" })).ok);
  assert.deepEqual(readTally([majority], 3, form({ [f.grade(2, 20, 0)]: "2", [f.grade(2, 21, 3)]: "3" })), { ok: false, problems: { 2: "doesNotAddUp" } });
  const multiple = { id: 3, kind: "multiple" as const, maxChoices: 2, topN: null, optionIds: [30, 31, 32] };
  assert.ok(readTally([multiple], 4, form({ [f.option(3, 30)]: "4", [f.option(3, 31)]: "3" })).ok);
  assert.deepEqual(readTally([multiple], 4, form({ [f.option(3, 30)]: "4", [f.option(3, 31)]: "3", [f.option(3, 32)]: "2" })), { ok: false, problems: { 3: "doesNotAddUp" } }, "more than k ticks per ballot");
  assert.deepEqual(readTally([multiple], 4, form({ [f.option(3, 30)]: "5" })), { ok: false, problems: { 3: "overBallots" } });
  assert.deepEqual(readTally([multiple], 4, form({ [f.option(3, 30)]: "deux" })), { ok: false, problems: { 3: "notANumber" } });
  const text = { id: 4, kind: "text" as const, maxChoices: null, topN: null, optionIds: [] };
  assert.deepEqual(readTally([text], 4, form({})), { ok: true, counts: [] }, "free text is not on a tally sheet");
});

test("tally sheets: two entries compared cell for cell, an empty cell being 0, the differing cells named in the form's order", async () => {
  const { readTally, tallyDifferences, tallyField: f } = await import("./rules.js");
  const form = (e: Record<string, string>) => new Map(Object.entries(e).map(([k, v]) => [k, [v]]));
  const ranking = { id: 1, kind: "ranking" as const, maxChoices: null, topN: 2, optionIds: [10, 11] };
  const majority = { id: 2, kind: "majority" as const, maxChoices: null, topN: null, optionIds: [20] };
  const questions = [ranking, majority];
  const entry = (ballots: number, e: Record<string, string>) => {
    const read = readTally(questions, ballots, form(e));
    assert.ok(read.ok, JSON.stringify(read));
    return { ballots, counts: read.counts };
  };
  const first = entry(2, { [f.rank(1, 10, 1)]: "2", [f.rank(1, 11, 2)]: "1", [f.grade(2, 20, 1)]: "2" });
  assert.deepEqual(tallyDifferences(questions, first, entry(2, { [f.rank(1, 10, 1)]: "2", [f.rank(1, 11, 2)]: "1", [f.rank(1, 10, 2)]: "0", [f.grade(2, 20, 1)]: "2" })), [], "a 0 typed is an empty cell");
  const second = entry(3, { [f.blanks(1)]: "1", [f.rank(1, 10, 1)]: "1", [f.rank(1, 11, 1)]: "1", [f.rank(1, 10, 2)]: "1", [f.grade(2, 20, 1)]: "2", [f.grade(2, 20, 4)]: "1" });
  const named = tallyDifferences(questions, first, second);
  assert.deepEqual(named.map((c) => c.name), ["ballots", f.blanks(1), f.rank(1, 10, 1), f.rank(1, 10, 2), f.rank(1, 11, 1), f.rank(1, 11, 2), f.grade(2, 20, 4)]);
  assert.deepEqual(named.map((c) => [c.questionId, c.optionId, c.rank, c.value]), [[null, null, null, null], [1, null, null, null], [1, 10, 1, null], [1, 10, 2, null], [1, 11, 1, null], [1, 11, 2, null], [2, 20, null, 4]]);
  assert.deepEqual(tallyDifferences(questions, second, first).map((c) => c.name), named.map((c) => c.name), "the same cells either way");
});
