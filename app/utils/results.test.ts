// The results page's charts and order: each scale starts at 0 and ends on a round number at or
// above the largest figure shown, with whole-number ticks; the reader's sous-secteur comes
// first; a hidden cell never feeds a scale.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chartAxis, readableResults } from "./results.server.js";

test("a chart's scale runs from 0 to a round number at or above its largest value, in whole numbers", () => {
  assert.deepEqual(chartAxis([9, 10, 10]), { max: 10, ticks: [0, 5, 10] });
  assert.deepEqual(chartAxis([5, 6, 6, 6, 6]), { max: 6, ticks: [0, 2, 4, 6] });
  assert.deepEqual(chartAxis([29]), { max: 30, ticks: [0, 10, 20, 30] });
  assert.deepEqual(chartAxis([14, 13, 8, 7, 0]), { max: 15, ticks: [0, 5, 10, 15] });
  assert.deepEqual(chartAxis([3, 2]), { max: 3, ticks: [0, 1, 2, 3] });
  // One person, nobody, or no figure at all: still a scale from 0, never a fraction of a person.
  assert.deepEqual(chartAxis([1]), { max: 1, ticks: [0, 1] });
  assert.deepEqual(chartAxis([0, 0]), { max: 1, ticks: [0, 1] });
  assert.deepEqual(chartAxis([]), { max: 1, ticks: [0, 1] });
  for (const top of [1, 2, 4, 7, 11, 23, 48, 99, 130, 999, 4321]) {
    const { max, ticks } = chartAxis([top]);
    assert.ok(max >= top, `max ${max} ≥ ${top}`);
    assert.equal(ticks[0], 0);
    assert.equal(ticks.at(-1), max, `the last tick is the end of the scale for ${top}`);
    assert.ok(ticks.length >= 2 && ticks.length <= 7, `${ticks.length} ticks for ${top}`);
    assert.ok(ticks.every(Number.isInteger));
  }
});

type Results = Parameters<typeof readableResults>[0];

/** Published figures of one single-choice question over three sous-secteurs, B hidden. */
function fixture(): Results {
  const cell = (territoryId: number, name: string, n: number | null) => ({ territoryId, name, n, shown: n !== null });
  const counts = (a: number, b: number) => ({ kind: "single" as const, respondents: a + b, blank: 0, counts: [{ optionId: 1, n: a, share: a / (a + b) }, { optionId: 2, n: b, share: b / (a + b) }] });
  return {
    subsectors: [cell(10, "A", 9), cell(20, "B", null), cell(30, "C", 7)],
    questions: [
      {
        id: 1,
        kind: "single",
        overall: counts(12, 7),
        bySubsector: [
          { ...cell(10, "A", 9), result: counts(6, 3) },
          { ...cell(20, "B", null), result: null },
          { ...cell(30, "C", 7), result: counts(4, 3) },
        ],
      },
    ],
  } as unknown as Results;
}

test("the reader's sous-secteur comes first in the participation table and in each breakdown, the others in their order", () => {
  const r = readableResults(fixture(), 30);
  assert.equal(r.own, 30);
  assert.deepEqual(r.subsectors.map((s) => s.territoryId), [30, 10, 20]);
  assert.deepEqual(r.questions[0]!.bySubsector.map((s) => s.territoryId), [30, 10, 20]);
  // A hidden one comes first as well, still hidden.
  const hidden = readableResults(fixture(), 20);
  assert.deepEqual(hidden.subsectors[0], { territoryId: 20, name: "B", n: null, shown: false });
  assert.equal(hidden.questions[0]!.bySubsector[0]!.result, null);
  // Someone from elsewhere, or nobody: the order stays, and nothing is marked.
  for (const other of [99, null]) {
    const r2 = readableResults(fixture(), other);
    assert.equal(r2.own, null);
    assert.deepEqual(r2.subsectors.map((s) => s.territoryId), [10, 20, 30]);
  }
});

test("every chart gets its scale from the figures it shows, never from a hidden cell", () => {
  const r = readableResults(fixture(), null);
  // A 9 and a C 7 are shown; B is hidden, whatever it holds.
  assert.deepEqual(r.subsectorAxis, { max: 10, ticks: [0, 5, 10] });
  assert.deepEqual(r.questions[0]!.overall!.axis, { max: 15, ticks: [0, 5, 10, 15] });
  assert.deepEqual(r.questions[0]!.bySubsector.map((c) => c.result?.axis.max ?? null), [6, null, 4]);
});
