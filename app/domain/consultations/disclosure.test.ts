// The secret of the vote under subtraction, comparison and time (issue 13, point 3; decision
// 0019), as a property over random datasets and random sequences of single changes, against a
// real PostgreSQL: web answers, changed answers, answers awaiting verification then verified,
// paper ballots (blanks and « non précisé » included) and voided ballots.
//
// The oracle does not call the suppression code. It keeps its own model of the people counted
// (checked against `countedResults` after every change) and every publication so far with the
// model as it was then. From the published figures of people (the total, each territory and
// channel cell, and « total minus the shown cells » of each table) it tries every sum and
// difference of up to three (pairs across all publications, triples across two near ones);
// wherever one counts exactly a group
// of people (its value is, person by person, 0 or 1), that group must hold 0 or at least 5. And
// between any two publications, the answers published over the same people (the whole, a
// sous-secteur) may differ only when at least 5 people joined, left or changed their answers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import type { TestDatabase } from "../../../db/testing.js";
import { formOf, openTestWorld, territory, viewerOf } from "../../../db/seed/test-world.js";
import { verifyResident } from "../accounts/ways-in.server.js";
import { addQuestion, createConsultation, publishConsultation, submitWebResponse } from "./mutations.server.js";
import { enterPaperBallot, voidEntry } from "./paper.server.js";
import { consultationResults, countedResults } from "./queries.server.js";

let t: TestDatabase;
let w: Awaited<ReturnType<typeof openTestWorld>>["w"];
let epci: number;
before(async () => ({ t, w, epci } = await openTestWorld()));
after(() => t?.drop());

const SEED = Number(process.env.DISCLOSURE_SEED ?? 20261204);
const RUNS = Number(process.env.DISCLOSURE_RUNS ?? 12);
const PLACES = ["bm-gagarine", "bm-greuze-vadez", "bm-manet-ferber", "bm-marinot-rodin"];

type Channel = "web" | "paper";
interface Person {
  id: number;
  territory: number; // 0: « non précisé »
  channel: Channel;
  single: number | null; // option index
  scale: number | null;
  counted: boolean;
  // How to act on them later.
  accountId?: number;
  responseId?: number;
}

type Action =
  | { kind: "web"; place: number; single: number; scale: number }
  | { kind: "pending"; place: number; single: number; scale: number }
  | { kind: "change"; pick: number; single: number; scale: number }
  | { kind: "verify"; pick: number }
  | { kind: "paper"; place: number; single: number | null; scale: number | null }
  | { kind: "void"; pick: number };

const place = fc.integer({ min: 0, max: PLACES.length });
const answer = { single: fc.integer({ min: 0, max: 2 }), scale: fc.integer({ min: 1, max: 5 }) };
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("web" as const), place: fc.integer({ min: 0, max: PLACES.length - 1 }), ...answer }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("pending" as const), place: fc.integer({ min: 0, max: PLACES.length - 1 }), ...answer }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("change" as const), pick: fc.nat(), ...answer }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("verify" as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("paper" as const), place, single: fc.option(answer.single, { nil: null }), scale: fc.option(answer.scale, { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("void" as const), pick: fc.nat() }) },
);

/** A published figure of people: its value and the people it counts, person by person. */
interface Term {
  name: string;
  seq: number;
  value: number;
  members: Int8Array;
}

interface Snapshot {
  seq: number;
  people: Person[];
  results: NonNullable<Awaited<ReturnType<typeof consultationResults>>>;
}

const hour = 3600_000;
let residents = 0;

test(`no sum or difference of published figures singles out 1 to 4 people (property, seed ${SEED}, ${RUNS} runs)`, async () => {
  console.log(`# disclosure property: seed ${SEED} (DISCLOSURE_SEED), ${RUNS} runs (DISCLOSURE_RUNS)`);
  const territories = await Promise.all(PLACES.map((code) => territory(t.db, code)));
  let checkedCombinations = 0;
  let publications = 0;
  let runsWithSteps = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 0, maxLength: 40, size: "max" }), fc.array(action, { minLength: 20, maxLength: Number(process.env.DISCLOSURE_STEPS ?? 100), size: "max" }), async (initial, changes) => {
      const c = await createConsultation(t.db, w.staff, { epciId: epci, title: "Propriété", opensAt: new Date(Date.now() - hour), closesAt: new Date(Date.now() + 24 * hour), scopeTerritoryIds: [w.beauMarais], resultsVisibility: "live", eligibility: "any" });
      assert.ok(c.ok);
      const cid = c.value.consultationId;
      const single = await addQuestion(t.db, w.staff, cid, { kind: "single", prompt: "Que faut-il au square ?", options: [{ label: "Des bancs" }, { label: "Des jeux" }, { label: "De l'ombre" }] });
      const scale = await addQuestion(t.db, w.staff, cid, { kind: "scale", prompt: "Le square vous plaît-il ?" });
      assert.ok(single.ok && scale.ok);
      assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
      const options = (await t.db.selectFrom("question_option").select("id").where("question_id", "=", single.value.questionId).orderBy("position").execute()).map((o) => o.id);
      const people: Person[] = [];
      let serial = 0;
      const answerForm = (s: number | null, v: number | null) => formOf({ ...(s !== null ? { [`q${single.value.questionId}`]: String(options[s]) } : {}), ...(v !== null ? { [`q${scale.value.questionId}`]: String(v) } : {}) });

      const apply = async (a: Action) => {
        const pick = (pred: (p: Person) => boolean, n: number) => {
          const xs = people.filter(pred);
          return xs.length ? xs[n % xs.length]! : null;
        };
        if (a.kind === "web" || a.kind === "pending") {
          const identifier = `prop-${++residents}`;
          await t.db.insertInto("account").values({ identifier, pin_hash: "x", territory_id: territories[a.place]!, verified_at: a.kind === "web" ? new Date() : null }).execute();
          const viewer = await viewerOf(t.db, identifier);
          const r = await submitWebResponse(t.db, viewer, cid, answerForm(a.single, a.scale));
          assert.ok(r.ok, JSON.stringify(r));
          people.push({ id: people.length, territory: territories[a.place]!, channel: "web", single: a.single, scale: a.scale, counted: a.kind === "web", accountId: viewer.accountId });
        } else if (a.kind === "change") {
          const p = pick((x) => x.channel === "web", a.pick);
          if (!p) return;
          const viewer = await viewerOf(t.db, (await t.db.selectFrom("account").select("identifier").where("id", "=", p.accountId!).executeTakeFirstOrThrow()).identifier!);
          assert.ok((await submitWebResponse(t.db, viewer, cid, answerForm(a.single, a.scale))).ok);
          Object.assign(p, { single: a.single, scale: a.scale });
        } else if (a.kind === "verify") {
          const p = pick((x) => x.channel === "web" && !x.counted, a.pick);
          if (!p) return;
          assert.ok((await verifyResident(t.db, w.staff, p.accountId!)).ok);
          p.counted = true;
        } else if (a.kind === "paper") {
          const r = await enterPaperBallot(t.db, w.staff, cid, { serial: String(++serial), territoryId: a.place === PLACES.length ? null : territories[a.place]!, channel: "paper", source: "urne", identifier: null, form: answerForm(a.single, a.scale) });
          assert.ok(r.ok, JSON.stringify(r));
          people.push({ id: people.length, territory: a.place === PLACES.length ? 0 : territories[a.place]!, channel: "paper", single: a.single, scale: a.scale, counted: true, responseId: r.value.responseId });
        } else {
          const p = pick((x) => x.channel === "paper" && x.counted, a.pick);
          if (!p) return;
          assert.ok((await voidEntry(t.db, w.staff, cid, p.responseId!, "erreur de saisie")).ok);
          p.counted = false;
        }
      };

      const snapshots: Snapshot[] = [];
      const read = async () => {
        const results = (await consultationResults(t.db, cid))!;
        // The model agrees with the database's own counts.
        const counted = (await countedResults(t.db, cid))!;
        assert.equal(counted.n, people.filter((p) => p.counted).length, "model and counters agree");
        const seq = (await t.db.selectFrom("result_publication").select("seq").where("consultation_id", "=", cid).orderBy("seq", "desc").executeTakeFirstOrThrow()).seq;
        if (snapshots.at(-1)?.seq !== seq) snapshots.push({ seq, people: people.filter((p) => p.counted).map((p) => ({ ...p })), results });
        else assert.deepEqual(stripLive(results), stripLive(snapshots.at(-1)!.results), "between publications, nothing published moves");
      };
      for (const a of initial) await apply(a);
      await read();
      for (const a of changes) {
        await apply(a);
        await read();
      }
      publications += snapshots.length;
      if (snapshots.filter((s) => s.results.n !== null).length >= 2) runsWithSteps++;
      try {
        checkedCombinations += checkSnapshots(snapshots, people.length);
      } catch (error) {
        console.log(`# failing run: ${(error as Error).message}\n# publications: ${JSON.stringify(snapshots.map((s) => [s.seq, s.results.n, s.results.subsectors.map((c) => c.n), s.results.method.web, s.results.method.paperUnnamed]))}`);
        throw error;
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  console.log(`# disclosure property: ${publications} publications (${runsWithSteps} runs with two or more showing figures), ${checkedCombinations} combinations that count a group, every one 0 or ≥ 5 people`);
  assert.ok(runsWithSteps >= RUNS / 4, "figures were published in several steps in a quarter of the runs at least");
});

/** What may move between publications: the counts of what waits (verification, sheets) and voids. */
function stripLive(r: Snapshot["results"]) {
  return { n: r.n, subsectors: r.subsectors, questions: r.questions, method: { ...r.method, pendingVerification: 0, pendingTallies: 0, voided: 0 } };
}

const channelOf = (p: Person) => (p.channel === "web" ? "web" : "paper_unnamed");

/** The oracle. Returns how many combinations counted a group of people. */
function checkSnapshots(snapshots: Snapshot[], population: number): number {
  const terms: Term[] = [];
  const setOf = (people: Person[], pred: (p: Person) => boolean) => {
    const m = new Int8Array(population);
    for (const p of people) if (pred(p)) m[p.id] = 1;
    return m;
  };
  for (const s of snapshots) {
    const r = s.results;
    if (r.n === null) continue;
    assert.equal(r.n, s.people.length, "the published total is the people of its snapshot");
    terms.push({ seq: s.seq, name: `n@${s.seq}`, value: r.n, members: setOf(s.people, () => true) });
    const hiddenTerritories: number[] = [];
    for (const cell of r.subsectors) {
      if (!cell.shown) {
        hiddenTerritories.push(cell.territoryId);
        continue;
      }
      const members = setOf(s.people, (p) => p.territory === cell.territoryId);
      assert.equal(cell.n, members.reduce((a, b) => a + b, 0), `cell ${cell.territoryId}@${s.seq} counts its people`);
      terms.push({ seq: s.seq, name: `t${cell.territoryId}@${s.seq}`, value: cell.n!, members });
    }
    terms.push({ seq: s.seq, name: `hidden-territories@${s.seq}`, value: r.n - r.subsectors.reduce((a, c) => a + (c.shown ? c.n! : 0), 0), members: setOf(s.people, (p) => hiddenTerritories.includes(p.territory)) });
    const channels = { web: r.method.web, paper_unnamed: r.method.paperUnnamed } as const;
    for (const [key, value] of Object.entries(channels)) if (value !== null) terms.push({ seq: s.seq, name: `${key}@${s.seq}`, value, members: setOf(s.people, (p) => channelOf(p) === key) });
    const hiddenChannels = Object.entries(channels).filter(([, v]) => v === null).map(([k]) => k);
    terms.push({ seq: s.seq, name: `hidden-channels@${s.seq}`, value: r.n - Object.values(channels).reduce<number>((a, v) => a + (v ?? 0), 0), members: setOf(s.people, (p) => hiddenChannels.includes(channelOf(p))) });
  }
  for (const term of terms) assert.equal(term.value, term.members.reduce((a, b) => a + b, 0), `${term.name}: the figure counts its people`);

  let combos = 0;
  const check = (parts: [number, Term][]) => {
    let ones = 0;
    for (let i = 0; i < population; i++) {
      let v = 0;
      for (const [c, term] of parts) v += c * term.members[i]!;
      if (v !== 0 && v !== 1) return;
      ones += v;
    }
    combos++;
    assert.ok(ones === 0 || ones >= 5, `${parts.map(([c, term]) => `${c > 0 ? "+" : "−"}${term.name}`).join(" ")} counts exactly ${ones} people`);
  };
  // Every single figure and every pair, across all publications; every triple whose figures
  // come from at most two publications no more than two apart (all triples would be too many).
  const near = (...xs: Term[]) => {
    const seqs = [...new Set(xs.map((x) => x.seq))];
    return seqs.length <= 2 && Math.max(...seqs) - Math.min(...seqs) <= 2;
  };
  for (let i = 0; i < terms.length; i++) {
    check([[1, terms[i]!]]);
    for (let j = i + 1; j < terms.length; j++) {
      for (const cj of [1, -1]) check([[1, terms[i]!], [cj, terms[j]!]]);
      check([[-1, terms[i]!], [1, terms[j]!]]);
      if (!near(terms[i]!, terms[j]!)) continue;
      for (let k = j + 1; k < terms.length; k++) {
        if (!near(terms[i]!, terms[j]!, terms[k]!)) continue;
        for (const [ci, cj, ck] of [[1, 1, 1], [1, 1, -1], [1, -1, 1], [-1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]] as const) check([[ci, terms[i]!], [cj, terms[j]!], [ck, terms[k]!]]);
      }
    }
  }

  // Answers published over the same people at two publications.
  const key = (p: Person) => `${p.single}:${p.scale}`;
  for (let a = 0; a < snapshots.length; a++)
    for (let b = a + 1; b < snapshots.length; b++) {
      const [A, B] = [snapshots[a]!, snapshots[b]!];
      const scopes: { name: string; inA: unknown; inB: unknown; pred: (p: Person) => boolean }[] = [];
      const figures = (r: Snapshot["results"], territoryId: number | null) => JSON.stringify(r.questions.map((q) => (territoryId === null ? q.overall : q.bySubsector.find((c) => c.territoryId === territoryId)?.result ?? null)));
      if (A.results.n !== null && B.results.n !== null) scopes.push({ name: "the whole", inA: figures(A.results, null), inB: figures(B.results, null), pred: () => true });
      for (const cell of A.results.subsectors) {
        const other = B.results.subsectors.find((c) => c.territoryId === cell.territoryId);
        if (cell.shown && other?.shown && cell.n && other.n) scopes.push({ name: `territory ${cell.territoryId}`, inA: figures(A.results, cell.territoryId), inB: figures(B.results, cell.territoryId), pred: (p) => p.territory === cell.territoryId });
      }
      for (const scope of scopes) {
        if (scope.inA === scope.inB) continue;
        const before = new Map(A.people.filter(scope.pred).map((p) => [p.id, key(p)]));
        const after = new Map(B.people.filter(scope.pred).map((p) => [p.id, key(p)]));
        const moved = [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id)).length;
        combos++;
        assert.ok(moved >= 5, `answers over ${scope.name} changed between publications ${A.seq} and ${B.seq} with ${moved} people moved`);
      }
    }
  return combos;
}

test("publishing in steps compares with every earlier publication, not only the latest (5+3 join, then the 5 leave)", async () => {
  const { mayPublish } = await import("./disclosure.js");
  type Row = import("./disclosure.js").GridRow;
  // One person on paper in territory t, who chose option o of question 1.
  const person = (t: number, o: number): Row[] => [
    [t, "paper", "individual", false, 0, 0, 0, -1, 1],
    [t, "paper", "individual", false, 1, 0, 0, -1, 1],
    [t, "paper", "individual", false, 1, o, 0, -1, 1],
  ];
  const grid = (people: Row[][]): Row[] => {
    const sum = new Map<string, Row>();
    for (const row of people.flat()) {
      const key = JSON.stringify(row.slice(0, 8));
      const prev = sum.get(key);
      sum.set(key, prev ? [...row.slice(0, 8), prev[8] + row[8]] as Row : row);
    }
    return [...sum.values()];
  };
  const base = [...Array.from({ length: 6 }, () => person(1, 10)), ...Array.from({ length: 6 }, () => person(2, 10))];
  const newcomers = Array.from({ length: 8 }, (_, i) => person(1, i % 2 ? 10 : 11));
  const pub1 = { seq: 1, grid: grid(base) };
  const pub2 = { seq: 2, grid: grid([...base, ...newcomers]) };
  // Eight came in for publication 2; five of them are voided before publication 3.
  const candidate = { seq: 3, grid: grid([...base, ...newcomers.slice(5)]) };
  const histories = newcomers.map((rows, i) => ({ changes: [{ seq: 2, before: [] as Row[], after: rows }, ...(i < 5 ? [{ seq: 3, before: rows, after: [] as Row[] }] : [])] }));
  // Since publication 2 alone, the step is fine: 5 went out, no one came in…
  assert.deepEqual(mayPublish({ published: [pub2], candidate, histories, territoryCells: [1, 2] }), { ok: true });
  // …but publication 1 and this one would give the 3 who stayed, so it waits.
  const verdict = mayPublish({ published: [pub1, pub2], candidate, histories, territoryCells: [1, 2] });
  assert.equal(verdict.ok, false);
  assert.match(verdict.ok ? "" : verdict.why, /: 3 (moved|joined) since publication 1$/);
});
