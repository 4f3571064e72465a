// The paper layout: questions in order, none lost or repeated, a prompt never alone at the
// foot of a page, and a long question continued with « (suite) » rather than cut inside an option.
import assert from "node:assert/strict";
import { test } from "node:test";
import { layBallot, type PaperBallot, type PaperQuestion } from "./ballot-layout.js";

const question = (options: number, label = "Une réponse possible, de longueur moyenne"): PaperQuestion => ({
  kind: "single",
  prompt: { fr: "Que faut-il d'abord dans le quartier ?" },
  falc: null,
  instruction: { fr: "Cochez une seule case." },
  options: Array.from({ length: options }, (_, i) => ({ fr: `${label} ${i + 1}` })),
});
const ballot = (questions: PaperQuestion[], bilingual = false): PaperBallot => ({ title: { fr: "Square Gagarine" }, titleFalc: null, places: ["Gagarine", "Matisse"], questions, bilingual });
const scale = ["1 — pas du tout", "2", "3", "4", "5 — tout à fait"];

test("a short ballot is one page holding every option of every question", () => {
  const pages = layBallot(ballot([question(3), question(4)]), scale);
  assert.equal(pages.length, 1);
  assert.deepEqual(pages[0]!.segments, [
    { question: 0, from: 0, to: 3, first: true },
    { question: 1, from: 0, to: 4, first: true },
  ]);
});

test("a long ballot runs on several pages, every option once and in order, a prompt never alone", () => {
  const qs = Array.from({ length: 12 }, () => question(7, "Une réponse longue qui prend presque toute la ligne du bulletin imprimé, et même un peu plus"));
  const pages = layBallot(ballot(qs), scale);
  assert.ok(pages.length > 1);
  const seen = pages.flatMap((p) => p.segments.flatMap((s) => Array.from({ length: s.to - s.from }, (_, i) => `${s.question}:${s.from + i}`)));
  assert.deepEqual(seen, qs.flatMap((q, qi) => q.options.map((_, oi) => `${qi}:${oi}`)));
  for (const p of pages) for (const s of p.segments) assert.ok(s.to > s.from, "a segment holds at least one option");
  // Only the first segment of a question carries its prompt as « first ».
  const firsts = pages.flatMap((p) => p.segments.filter((s) => s.first).map((s) => s.question));
  assert.deepEqual(firsts, qs.map((_, i) => i));
});

test("a question longer than a page is continued on the next one", () => {
  const pages = layBallot(ballot([question(80)]), scale);
  assert.ok(pages.length >= 2);
  assert.equal(pages[0]!.segments[0]!.first, true);
  assert.equal(pages[1]!.segments[0]!.first, false);
  assert.equal(pages[1]!.segments[0]!.from, pages[0]!.segments[0]!.to);
});

test("side by side with Arabic, a ballot never takes fewer pages than in French alone", () => {
  for (const n of [2, 6, 10, 14]) {
    const qs = Array.from({ length: n }, () => ({ ...question(5), options: question(5).options.map((o) => ({ ...o, ar: "خيار ممكن بطول متوسط" })) }));
    assert.ok(layBallot(ballot(qs, true), scale).length >= layBallot(ballot(qs), scale).length);
  }
});
