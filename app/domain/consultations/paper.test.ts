// Paper ballots, tally sheets and the counters, against a real PostgreSQL: one voice across
// channels, serials typed once, sheets confirmed by a second entry typed blind by someone else,
// voids kept, and a full recount equal to the counters after every kind of change.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { TestDatabase } from "../../../db/testing.js";
import { formOf, openTestWorld, territory, viewerOf } from "../../../db/seed/test-world.js";
import type { Viewer } from "../../auth/guard.server.js";
import { deleteAccount } from "../accounts/privacy.server.js";
import { verifyResident } from "../accounts/ways-in.server.js";
import { compareWithRecount, recount } from "./counters.server.js";
import { addQuestion, createConsultation, publishConsultation, submitWebResponse } from "./mutations.server.js";
import { checkTallySheet, correctTallySheet, enterPaperBallot, enterTallySheet, ledgerEntries, nextSerialNumber, ownSheetEntry, printBallotSeries, tallySheetList, voidEntry } from "./paper.server.js";
import { consultationResults, countedResults, participation } from "./queries.server.js";
import { readSerial, tallyField } from "./rules.js";
import { parse as parseCsv } from "csv-parse/sync";
import { sayIn } from "../../i18n/resources.server.js";

let t: TestDatabase;
let w: Awaited<ReturnType<typeof openTestWorld>>["w"];
let epci: number;
before(async () => ({ t, w, epci } = await openTestWorld()));
after(() => t?.drop());

const hour = 3600_000;
const form = formOf;

/** A published consultation for Beau Marais: one single choice (3 options) and one scale. */
async function consultation(extra: Partial<Parameters<typeof createConsultation>[2]> = {}) {
  const c = await createConsultation(t.db, w.staff, { epciId: epci, title: "Le square", opensAt: new Date(Date.now() - hour), closesAt: new Date(Date.now() + 24 * hour), scopeTerritoryIds: [w.beauMarais], resultsVisibility: "live", ...extra });
  assert.ok(c.ok);
  const id = c.value.consultationId;
  const single = await addQuestion(t.db, w.staff, id, { kind: "single", prompt: "Que faut-il au square ?", options: [{ label: "Des bancs" }, { label: "Des jeux" }, { label: "De l'ombre" }] });
  const scale = await addQuestion(t.db, w.staff, id, { kind: "scale", prompt: "Le square vous plaît-il ?" });
  assert.ok(single.ok && scale.ok);
  assert.ok((await publishConsultation(t.db, w.staff, id)).ok);
  const options = (await t.db.selectFrom("question_option").select("id").where("question_id", "=", single.value.questionId).orderBy("position").execute()).map((o) => o.id);
  return { id, single: single.value.questionId, scale: scale.value.questionId, options };
}

let residents = 0;
async function resident(verified = true): Promise<Viewer & { identifier: string }> {
  const identifier = `papier-${++residents}`;
  await t.db.insertInto("account").values({ identifier, pin_hash: "x", territory_id: w.gagarine, verified_at: verified ? new Date() : null }).execute();
  return { ...(await viewerOf(t.db, identifier)), identifier };
}

const ballot = (c: Awaited<ReturnType<typeof consultation>>, serial: string, option: number, extra: Partial<Parameters<typeof enterPaperBallot>[3]> = {}) =>
  enterPaperBallot(t.db, w.staff, c.id, { serial, territoryId: w.gagarine, channel: "paper", source: "urne papier, centre social Matisse", identifier: null, form: form({ [`q${c.single}`]: String(c.options[option]), [`q${c.scale}`]: "4" }), ...extra });

async function assertRecountEqual(consultationId: number, when: string) {
  const { stored, recounted } = await compareWithRecount(t.db, consultationId);
  assert.ok(recounted.length > 0, `${when}: something is counted`);
  assert.deepEqual(stored, recounted, `${when}: the counters equal a full recount`);
}

describe("paper ballots", () => {
  test("serials: the number alone or the printed form, never another consultation's", () => {
    assert.equal(readSerial(12, "7"), "P12-0007");
    assert.equal(readSerial(12, " p12-0007 "), "P12-0007");
    assert.equal(readSerial(12, "٧"), "P12-0007");
    assert.equal(readSerial(12, "P13-0007"), null);
    assert.equal(readSerial(12, "abc"), null);
    assert.equal(readSerial(12, "0"), null);
  });

  test("typed ballots count once; a serial typed twice is refused; the next print run starts after the highest", async () => {
    const c = await consultation();
    for (const [i, serial] of ["1", "2", "P" + c.id + "-0003"].entries()) assert.ok((await ballot(c, serial, i)).ok);
    assert.deepEqual(await ballot(c, "0002", 0), { ok: false, error: "duplicateSerial" });
    assert.equal(await nextSerialNumber(t.db, c.id), 4);
    const r = (await countedResults(t.db, c.id))!;
    assert.equal(r.n, 3);
    assert.deepEqual([r.method.paper, r.method.paperUnnamed, r.method.web], [3, 3, 0]);
    const audit = await t.db.selectFrom("audit_event").select(["action", "detail"]).where("action", "=", "ballot.enter").where("target_id", "=", String(c.id)).execute();
    assert.equal(audit.length, 3, "each ballot typed is audited");
    assert.ok(audit.every((a) => JSON.stringify(Object.keys(a.detail as object).sort()) === JSON.stringify(["channel", "named", "serial"])), "the audit names the ballot, never what was chosen");
    // Numbers, not text: P…-10000 comes after P…-0003.
    assert.ok((await ballot(c, "10000", 0)).ok);
    assert.equal(await nextSerialNumber(t.db, c.id), 10001);
  });

  test("the typed list: newest first, a page at a time, and one ballot found by its serial", async () => {
    const c = await consultation();
    for (const serial of ["1", "2", "3", "4", "5"]) assert.ok((await ballot(c, serial, 0)).ok);
    const first = await ledgerEntries(t.db, c.id, "individual", { limit: 2 });
    assert.equal(first.total, 5);
    assert.deepEqual(first.rows.map((r) => r.serial), [`P${c.id}-0005`, `P${c.id}-0004`]);
    const second = await ledgerEntries(t.db, c.id, "individual", { limit: 2, before: first.olderThan });
    assert.deepEqual(second.rows.map((r) => r.serial), [`P${c.id}-0003`, `P${c.id}-0002`]);
    const last = await ledgerEntries(t.db, c.id, "individual", { limit: 2, before: second.olderThan });
    assert.deepEqual([last.rows.map((r) => r.serial), last.olderThan], [[`P${c.id}-0001`], null]);
    const found = await ledgerEntries(t.db, c.id, "individual", { serial: readSerial(c.id, "4") });
    assert.deepEqual([found.rows.map((r) => r.serial), found.total], [[`P${c.id}-0004`], 5]);
    assert.deepEqual((await ledgerEntries(t.db, c.id, "individual", { serial: "" })).rows, [], "an unreadable serial finds nothing");
    assert.deepEqual((await ledgerEntries(t.db, c.id, "tally")).rows, [], "ballots are not tally sheets");
  });

  test("a ballot naming a resident who voted online is refused, and the online answer stands", async () => {
    const c = await consultation();
    const me = await resident();
    assert.ok((await submitWebResponse(t.db, me, c.id, form({ [`q${c.single}`]: String(c.options[2]), [`q${c.scale}`]: "5" }))).ok);
    assert.deepEqual(await ballot(c, "1", 0, { identifier: me.identifier.toUpperCase() }), { ok: false, error: "alreadyVoted" });
    assert.deepEqual(await ballot(c, "1", 0, { identifier: "personne-0000" }), { ok: false, error: "unknownIdentifier" });
    const r = (await countedResults(t.db, c.id))!;
    assert.equal(r.n, 1);
    const q = r.questions.find((x) => x.id === c.single)!.overall!;
    assert.deepEqual(q.kind === "single" ? q.counts.map((x) => x.n) : null, [0, 0, 1]);
  });

  test("a named ballot names a resident of the consultation's scope, never someone elsewhere; every refused named ballot is audited", async () => {
    const c = await consultation();
    const audits = async () => (await t.db.selectFrom("audit_event").select(["action", "detail"]).where("target_id", "=", String(c.id)).where("action", "=", "ballot.refuse").orderBy("id").execute()).map((a) => a.detail);
    // A resident of Val de Scarpe, and one of Calais outside Beau Marais.
    const vds = (await t.db.selectFrom("territory").select("id").where("epci_code", "=", "ca-val-de-scarpe").where("kind", "=", "qpv").executeTakeFirstOrThrow()).id;
    await t.db.insertInto("account").values([
      { identifier: "scarpe-0001", pin_hash: "x", territory_id: vds, verified_at: new Date() },
      { identifier: "nieulay-0001", pin_hash: "x", territory_id: w.fortNieulay, verified_at: new Date() },
    ]).execute();
    assert.deepEqual(await ballot(c, "1", 0, { identifier: "scarpe-0001" }), { ok: false, error: "unknownIdentifier" });
    assert.deepEqual(await ballot(c, "2", 0, { identifier: "nieulay-0001" }), { ok: false, error: "unknownIdentifier" });
    const me = await resident();
    assert.ok((await ballot(c, "3", 0, { identifier: me.identifier })).ok);
    assert.deepEqual(await ballot(c, "4", 1, { identifier: me.identifier }), { ok: false, error: "alreadyVoted" });
    assert.deepEqual(await audits(), [
      { serial: `P${c.id}-0001`, channel: "paper", named: true, reason: "unknownIdentifier" },
      { serial: `P${c.id}-0002`, channel: "paper", named: true, reason: "unknownIdentifier" },
      { serial: `P${c.id}-0004`, channel: "paper", named: true, reason: "alreadyVoted" },
    ]);
    assert.equal((await countedResults(t.db, c.id))!.n, 1);
  });

  test("a wholly blank named ballot is refused as an answer and kept as a void: the resident may still vote online", async () => {
    const c = await consultation();
    const me = await resident();
    assert.deepEqual(await ballot(c, "1", 0, { identifier: me.identifier, form: form({}) }), { ok: false, error: "blankNamed" });
    const kept = await t.db.selectFrom("response").select(["serial", "account_id", "voided_at", "void_reason"]).where("consultation_id", "=", c.id).execute();
    assert.equal(kept.length, 1);
    assert.deepEqual({ ...kept[0], voided_at: kept[0]!.voided_at !== null }, { serial: `P${c.id}-0001`, account_id: null, voided_at: true, void_reason: "bulletin nominatif entièrement blanc" });
    assert.ok((await submitWebResponse(t.db, me, c.id, form({ [`q${c.single}`]: String(c.options[0]), [`q${c.scale}`]: "3" }))).ok);
    const r = (await countedResults(t.db, c.id))!;
    assert.deepEqual([r.n, r.method.web, r.method.paper, r.method.voided], [1, 1, 0, 1]);
    // An unnamed blank ballot is still a blank ballot, counted.
    assert.ok((await ballot(c, "2", 0, { form: form({}) })).ok);
  });

  test("a named paper ballot holds the voice: the resident cannot then vote online", async () => {
    const c = await consultation();
    const me = await resident();
    assert.ok((await ballot(c, "1", 1, { identifier: me.identifier })).ok);
    assert.deepEqual(await submitWebResponse(t.db, me, c.id, form({ [`q${c.single}`]: String(c.options[0]), [`q${c.scale}`]: "1" })), { ok: false, error: "votedOnPaper" });
    const r = (await countedResults(t.db, c.id))!;
    assert.deepEqual([r.n, r.method.paper, r.method.paperUnnamed], [1, 1, 0]);
  });

  test("a blank question on paper is a blank answer; a wrong option is refused with its question", async () => {
    const c = await consultation();
    assert.ok((await enterPaperBallot(t.db, w.staff, c.id, { serial: "9", territoryId: null, channel: "paper", source: "urne", identifier: null, form: form({ [`q${c.scale}`]: "2" }) })).ok);
    const bad = await enterPaperBallot(t.db, w.staff, c.id, { serial: "10", territoryId: null, channel: "paper", source: "urne", identifier: null, form: form({ [`q${c.single}`]: "999999" }) });
    assert.deepEqual(bad, { ok: false, error: "invalid", problems: { [c.single]: "unknownOption" } });
    const r = (await countedResults(t.db, c.id))!;
    // A blank counts as an answer, « sans réponse » (decision 0019): every question is over the same people.
    const single = r.questions.find((x) => x.id === c.single)!.overall!;
    assert.deepEqual([single.respondents, single.blank], [1, 1]);
    const scale = r.questions.find((x) => x.id === c.scale)!.overall!;
    assert.deepEqual([scale.respondents, scale.blank], [1, 0]);
  });

  test("staff of another EPCI cannot type ballots; a place outside the scope and a blank source are refused", async () => {
    const c = await consultation();
    assert.deepEqual(await enterPaperBallot(t.db, w.otherStaff, c.id, { serial: "1", territoryId: null, channel: "paper", source: "urne", identifier: null, form: form({}) }), { ok: false, error: "forbidden" });
    assert.deepEqual(await ballot(c, "1", 0, { territoryId: await territory(t.db, "fncsp-constantine") }), { ok: false, error: "badPlace" });
    assert.deepEqual(await ballot(c, "1", 0, { source: "  " }), { ok: false, error: "badSource" });
  });

  test("a mistyped ballot is voided with a reason, audited, and kept; its serial is typed again", async () => {
    const c = await consultation();
    const b = await ballot(c, "1", 0);
    assert.ok(b.ok);
    assert.deepEqual(await voidEntry(t.db, w.staff, c.id, b.value.responseId, " "), { ok: false, error: "badReason" });
    assert.ok((await voidEntry(t.db, w.staff, c.id, b.value.responseId, "Sous-secteur mal saisi")).ok);
    assert.deepEqual(await voidEntry(t.db, w.staff, c.id, b.value.responseId, "encore"), { ok: false, error: "alreadyVoided" });
    const row = await t.db.selectFrom("response").select(["voided_at", "void_reason", "voided_by"]).where("id", "=", b.value.responseId).executeTakeFirstOrThrow();
    assert.ok(row.voided_at);
    assert.equal(row.void_reason, "Sous-secteur mal saisi");
    assert.equal(row.voided_by, w.staff.accountId);
    const audit = await t.db.selectFrom("audit_event").select("detail").where("action", "=", "ballot.void").where("target_id", "=", String(c.id)).executeTakeFirstOrThrow();
    assert.equal((audit.detail as { reason: string }).reason, "Sous-secteur mal saisi");
    const r = (await countedResults(t.db, c.id))!;
    assert.deepEqual([r.n, r.method.voided], [0, 1]);
    // The void frees its serial: the corrected ballot is typed again under it, and both
    // entries stay in the ledger (issue 14, point 4). One live entry per serial still.
    const again = await ballot(c, "1", 1);
    assert.ok(again.ok, JSON.stringify(again));
    assert.deepEqual(await ballot(c, "1", 2), { ok: false, error: "duplicateSerial" });
    const entries = await t.db.selectFrom("response").select(["id", "voided_at"]).where("consultation_id", "=", c.id).where("serial", "=", `P${c.id}-0001`).orderBy("id").execute();
    assert.deepEqual(entries.map((e) => [Number(e.id), e.voided_at !== null]), [[b.value.responseId, true], [again.value.responseId, false]]);
    assert.equal((await countedResults(t.db, c.id))!.n, 1);
  });
});

describe("tally sheets", () => {
  const sheet = (c: Awaited<ReturnType<typeof consultation>>, ballots: number, single: number[], scale: number[], blanks: Record<number, number> = {}) =>
    form({
      ...Object.fromEntries(single.map((n, i) => [tallyField.option(c.single, c.options[i]!), String(n)])),
      ...Object.fromEntries(scale.map((n, i) => [tallyField.scale(c.scale, i + 1), String(n)])),
      ...Object.fromEntries(Object.entries(blanks).map(([q, n]) => [tallyField.blanks(Number(q)), String(n)])),
      ballots: String(ballots),
    });

  test("counts that do not add up are refused with the question", async () => {
    const c = await consultation();
    const bad = await enterTallySheet(t.db, w.staff, c.id, { territoryId: null, channel: "atelier", source: "atelier du square", ballots: "10", form: sheet(c, 10, [5, 4, 0], [2, 2, 2, 2, 2]) });
    assert.deepEqual(bad, { ok: false, error: "invalid", problems: { [c.single]: "doesNotAddUp" } });
    const blanksOver = await enterTallySheet(t.db, w.staff, c.id, { territoryId: null, channel: "atelier", source: "atelier", ballots: "3", form: sheet(c, 3, [1, 1, 1], [1, 1, 1, 0, 0], { [c.scale]: 4 }) });
    assert.equal(blanksOver.ok ? null : "problems" in blanksOver ? blanksOver.problems[c.scale] : null, "blanksExceed");
    assert.deepEqual(await enterTallySheet(t.db, w.staff, c.id, { territoryId: null, channel: "atelier", source: "atelier", ballots: "0", form: sheet(c, 0, [], []) }), { ok: false, error: "badBallots" });
    assert.equal(await t.db.selectFrom("response").select("id").where("consultation_id", "=", c.id).executeTakeFirst(), undefined, "nothing stored");
  });

  test("a sheet counts only once a second entry by another staff member matches it; a mismatch names the cells and counts nothing; the first typist corrects", async () => {
    const c = await consultation();
    const entered = { territoryId: null, channel: "atelier" as const, source: "atelier du square" };
    const first = sheet(c, 12, [6, 4, 1], [1, 2, 3, 3, 2], { [c.single]: 1, [c.scale]: 1 });
    const s = await enterTallySheet(t.db, w.staff, c.id, { ...entered, ballots: "12", form: first });
    assert.ok(s.ok, JSON.stringify(s));
    const id = s.value.responseId;
    let r = (await countedResults(t.db, c.id))!;
    assert.deepEqual([r.n, r.method.pendingTallies], [0, 1], "entered, not yet counted");

    // The first typist never types the second entry, nor does any other path.
    assert.deepEqual(await checkTallySheet(t.db, w.staff, c.id, id, { ballots: "12", form: first }), { ok: false, error: "sameStaff" });
    await assert.rejects(t.db.updateTable("response").set({ confirmed_by: w.staff.accountId, confirmed_at: new Date() }).where("id", "=", id).execute(), /response_confirmer_differs/, "the database refuses the same person");
    await assert.rejects(
      t.db.insertInto("tally_check").values({ response_id: id, first_entered_by: w.staff.accountId, entered_by: w.staff.accountId, ballots: 12, counts: "[]" }).execute(),
      /tally_check_typist_differs/,
      "a second entry by the first typist is refused by the database",
    );
    await assert.rejects(
      t.db.insertInto("tally_check").values({ response_id: id, first_entered_by: w.secondStaff.accountId, entered_by: w.staff.accountId, ballots: 12, counts: "[]" }).execute(),
      /tally_check_response_fkey/,
      "the first typist is the sheet's own, not one a caller names",
    );
    await assert.rejects(t.db.updateTable("response").set({ confirmed_by: w.secondStaff.accountId, confirmed_at: new Date() }).where("id", "=", id).execute(), /response_confirmed_by_second_entry/, "no confirmation without the confirmer's second entry");

    // The second entry, typed blind, differs on two cells: nothing is counted, the cells are named.
    const second = sheet(c, 12, [6, 3, 2], [1, 2, 3, 3, 2], { [c.single]: 1, [c.scale]: 1 });
    const mismatch = await checkTallySheet(t.db, w.secondStaff, c.id, id, { ballots: "12", form: second });
    assert.ok(mismatch.ok, JSON.stringify(mismatch));
    assert.equal(mismatch.value.confirmed, false);
    const named = [tallyField.option(c.single, c.options[1]!), tallyField.option(c.single, c.options[2]!)];
    assert.deepEqual(mismatch.value.differences.map((d) => d.name), named);
    assert.deepEqual(mismatch.value.differences.map((d) => [d.questionId, d.optionId]), [[c.single, c.options[1]], [c.single, c.options[2]]]);
    r = (await countedResults(t.db, c.id))!;
    assert.deepEqual([r.n, r.method.tally, r.method.pendingTallies], [0, 0, 1], "a mismatch counts nothing");
    assert.equal((await t.db.selectFrom("result_counter").select("n").where("consultation_id", "=", c.id).execute()).length, 0);
    // Both typists are shown the same cells (no figure); the ballots only to the first; each form starts from its own entry only.
    const listed = async (accountId: number) => (await tallySheetList(t.db, c.id, accountId)).rows.find((x) => x.id === id)!;
    for (const who of [w.staff, w.secondStaff]) assert.deepEqual((await listed(who.accountId)).check?.differences.map((d) => d.name), named);
    assert.deepEqual([(await listed(w.staff.accountId)).ballots, (await listed(w.secondStaff.accountId)).ballots], [12, null]);
    assert.deepEqual([(await listed(w.staff.accountId)).check?.mine, (await listed(w.secondStaff.accountId)).check?.mine], [false, true]);
    const own = (await ownSheetEntry(t.db, c.id, id, w.staff.accountId))!;
    const theirs = (await ownSheetEntry(t.db, c.id, id, w.secondStaff.accountId))!;
    assert.deepEqual([own.role, own.values[named[0]!], own.values.ballots, own.values.source], ["first", "4", "12", "atelier du square"]);
    assert.deepEqual([theirs.role, theirs.values[named[0]!], theirs.values.source], ["second", "3", undefined]);

    // Only the first typist corrects the first entry; once corrected to match, it is confirmed at once, and counted once.
    assert.deepEqual(await correctTallySheet(t.db, w.secondStaff, c.id, id, { ...entered, ballots: "12", form: second }), { ok: false, error: "notYours" });
    const corrected = await correctTallySheet(t.db, w.staff, c.id, id, { ...entered, ballots: "12", form: second });
    assert.deepEqual(corrected, { ok: true, value: { confirmed: true, checked: true, differences: [] } });
    const row = await t.db.selectFrom("response").select(["entered_by", "confirmed_by"]).where("id", "=", id).executeTakeFirstOrThrow();
    assert.deepEqual([row.entered_by, row.confirmed_by], [w.staff.accountId, w.secondStaff.accountId], "the second typist confirms");
    assert.deepEqual(await checkTallySheet(t.db, w.secondStaff, c.id, id, { ballots: "12", form: second }), { ok: false, error: "alreadyConfirmed" });
    assert.deepEqual(await correctTallySheet(t.db, w.staff, c.id, id, { ...entered, ballots: "12", form: first }), { ok: false, error: "alreadyConfirmed" });
    assert.equal(await ownSheetEntry(t.db, c.id, id, w.staff.accountId), null, "a confirmed sheet has no form");
    r = (await countedResults(t.db, c.id))!;
    assert.deepEqual([r.n, r.method.tally, r.method.tallySheets, r.method.pendingTallies], [12, 12, 1, 0]);
    const single = r.questions.find((x) => x.id === c.single)!.overall!;
    assert.deepEqual(single.kind === "single" ? [single.respondents, single.blank, ...single.counts.map((x) => x.n)] : null, [12, 1, 6, 3, 2]);
    const scale = r.questions.find((x) => x.id === c.scale)!.overall!;
    assert.deepEqual(scale.kind === "scale" ? scale.distribution : null, [1, 2, 3, 3, 2]);
    await assertRecountEqual(c.id, "a sheet confirmed by its correction");
    const audits = await t.db.selectFrom("audit_event").select(["action", "actor_account_id", "detail"]).where("target_id", "=", String(c.id)).where("action", "like", "tally.%").orderBy("id").execute();
    assert.deepEqual(audits.map((a) => [a.action, a.actor_account_id]), [
      ["tally.enter", w.staff.accountId],
      ["tally.check", w.secondStaff.accountId],
      ["tally.mismatch", w.secondStaff.accountId],
      ["tally.correct", w.staff.accountId],
      ["tally.confirm", w.staff.accountId],
    ]);
    assert.deepEqual(audits.find((a) => a.action === "tally.mismatch")!.detail, { sheet: id, cells: named }, "the cells, never their figures");
    assert.deepEqual(audits.find((a) => a.action === "tally.correct")!.detail, { sheet: id, channel: "atelier", cells: named });
  });

  test("the second typist retypes theirs: the ballots and the blanks are named when they differ; a match confirms it", async () => {
    const c = await consultation();
    const first = sheet(c, 12, [6, 4, 1], [1, 2, 3, 3, 2], { [c.single]: 1, [c.scale]: 1 });
    const s = await enterTallySheet(t.db, w.staff, c.id, { territoryId: w.gagarine, channel: "paper", source: "urne", ballots: "12", form: first });
    assert.ok(s.ok);
    const id = s.value.responseId;
    const wrong = await checkTallySheet(t.db, w.secondStaff, c.id, id, { ballots: "13", form: sheet(c, 13, [6, 4, 1], [1, 2, 3, 3, 3], { [c.single]: 2, [c.scale]: 1 }) });
    assert.ok(wrong.ok);
    assert.deepEqual(wrong.value.differences.map((d) => d.name), ["ballots", tallyField.blanks(c.single), tallyField.scale(c.scale, 5)]);
    // A second entry that does not add up is refused like a first one, and stores nothing.
    assert.deepEqual(await checkTallySheet(t.db, w.secondStaff, c.id, id, { ballots: "12", form: sheet(c, 12, [9, 4, 1], [1, 2, 3, 3, 2], { [c.scale]: 1 }) }), { ok: false, error: "invalid", problems: { [c.single]: "doesNotAddUp" } });
    const listed = async () => (await tallySheetList(t.db, c.id, w.secondStaff.accountId)).rows.find((x) => x.id === id)!;
    assert.equal((await listed()).check?.differences.length, 3, "the refused entry left the earlier one");
    const right = await checkTallySheet(t.db, w.secondStaff, c.id, id, { ballots: "12", form: first });
    assert.deepEqual(right, { ok: true, value: { confirmed: true, checked: true, differences: [] } });
    assert.deepEqual([(await listed()).check, (await listed()).ballots], [null, 12], "a confirmed sheet: no mismatch left, its figures shown");
    const r = (await countedResults(t.db, c.id))!;
    assert.deepEqual([r.n, r.method.tallySheets, r.method.pendingTallies], [12, 1, 0]);
    await assertRecountEqual(c.id, "a sheet confirmed by its second entry");
    const actions = (await t.db.selectFrom("audit_event").select("action").where("target_id", "=", String(c.id)).where("action", "like", "tally.%").orderBy("id").execute()).map((a) => a.action);
    assert.deepEqual(actions, ["tally.enter", "tally.check", "tally.mismatch", "tally.check", "tally.confirm"]);
    // A voided sheet takes no second entry.
    const other = await enterTallySheet(t.db, w.staff, c.id, { territoryId: null, channel: "paper", source: "urne", ballots: "12", form: first });
    assert.ok(other.ok && (await voidEntry(t.db, w.staff, c.id, other.value.responseId, "doublon")).ok);
    assert.deepEqual(await checkTallySheet(t.db, w.secondStaff, c.id, other.value.responseId, { ballots: "12", form: first }), { ok: false, error: "voided" });
  });
});

describe("counters equal a full recount", () => {
  test("after an answer changed, a tally confirmed, a ballot voided, an account verified and an account deleted", async () => {
    const c = await consultation({ eligibility: "any" });
    const residentsNow = await Promise.all([resident(), resident(), resident(false)]);
    for (const [i, r] of residentsNow.entries()) assert.ok((await submitWebResponse(t.db, r, c.id, form({ [`q${c.single}`]: String(c.options[i]), [`q${c.scale}`]: String(i + 1) }))).ok);
    for (const serial of ["1", "2", "3"]) assert.ok((await ballot(c, serial, Number(serial) % 3)).ok);
    await assertRecountEqual(c.id, "answers typed");

    assert.ok((await submitWebResponse(t.db, residentsNow[0]!, c.id, form({ [`q${c.single}`]: String(c.options[2]), [`q${c.scale}`]: "5" }))).ok);
    await assertRecountEqual(c.id, "an answer changed");

    const counts = form({ [tallyField.option(c.single, c.options[0]!)]: "5", [tallyField.scale(c.scale, 3)]: "5" });
    const s = await enterTallySheet(t.db, w.staff, c.id, { territoryId: w.gagarine, channel: "atelier", source: "atelier", ballots: "5", form: counts });
    assert.ok(s.ok);
    const confirmed = await checkTallySheet(t.db, w.secondStaff, c.id, s.value.responseId, { ballots: "5", form: counts });
    assert.ok(confirmed.ok && confirmed.value.confirmed, JSON.stringify(confirmed));
    await assertRecountEqual(c.id, "a tally confirmed");

    const voided = await t.db.selectFrom("response").select("id").where("consultation_id", "=", c.id).where("serial", "=", `P${c.id}-0002`).executeTakeFirstOrThrow();
    assert.ok((await voidEntry(t.db, w.staff, c.id, Number(voided.id), "doublon")).ok);
    await assertRecountEqual(c.id, "a ballot voided");

    assert.ok((await verifyResident(t.db, w.staff, residentsNow[2]!.accountId)).ok);
    await assertRecountEqual(c.id, "an account verified");

    await deleteAccount(t.db, residentsNow[1]!.accountId);
    await assertRecountEqual(c.id, "an account deleted");

    // What the counters say, checked by hand: 3 web (one changed) + 2 paper (one voided) + 5 tallied.
    const r = (await countedResults(t.db, c.id))!;
    assert.deepEqual([r.n, r.method.web, r.method.paper, r.method.tally], [10, 3, 2, 5]);
    const single = r.questions.find((x) => x.id === c.single)!.overall!;
    // web: option 2 (changed), 1, 2; paper serials 1 and 3: options 1 and 0; tally: 5 × option 0.
    assert.deepEqual(single.kind === "single" ? single.counts.map((x) => x.n) : null, [6, 2, 2]);

    // Staff and public totals are the same numbers, whatever waits: an unconfirmed sheet and
    // an unverified resident's answer are named, not counted, on both.
    assert.ok((await enterTallySheet(t.db, w.staff, c.id, { territoryId: null, channel: "atelier", source: "atelier", ballots: "7", form: form({ [tallyField.option(c.single, c.options[1]!)]: "7", [tallyField.scale(c.scale, 2)]: "7" }) })).ok);
    assert.ok((await submitWebResponse(t.db, await resident(false), c.id, form({ [`q${c.single}`]: String(c.options[0]), [`q${c.scale}`]: "1" }))).ok);
    const both = (await countedResults(t.db, c.id))!;
    assert.deepEqual([both.n, both.method.pendingTallies, both.method.pendingVerification], [10, 1, 1]);
    assert.equal((await participation(t.db, c.id)).n, both.n);
    await assertRecountEqual(c.id, "things waiting");

    // A recount from scratch gives the same page.
    await recount(t.db, c.id);
    assert.deepEqual((await countedResults(t.db, c.id))!.questions, r.questions);
  });

  test("printed series never share a number, even printed at the same moment; each is audited", async () => {
    const c = await consultation();
    const first = await printBallotSeries(t.db, w.staff, c.id, 6);
    assert.deepEqual(first, { ok: true, value: { first: 1, copies: 6 } });
    // A serial typed beyond the series (a ballot printed by hand): the next series starts after it.
    assert.ok((await ballot(c, "9", 0)).ok);
    assert.equal(await nextSerialNumber(t.db, c.id), 10);
    const together = await Promise.all(Array.from({ length: 5 }, () => printBallotSeries(t.db, w.secondStaff, c.id, 3)));
    const ranges = together.map((r) => (r.ok ? [r.value.first, r.value.first + r.value.copies - 1] : [0, 0])).sort((a, b) => a[0]! - b[0]!);
    assert.deepEqual(ranges, [[10, 12], [13, 15], [16, 18], [19, 21], [22, 24]]);
    assert.equal(await nextSerialNumber(t.db, c.id), 25);
    assert.deepEqual(await printBallotSeries(t.db, w.staff, c.id, 0), { ok: false, error: "badCopies" });
    assert.deepEqual(await printBallotSeries(t.db, w.staff, c.id, 501), { ok: false, error: "badCopies" });
    assert.deepEqual(await printBallotSeries(t.db, w.otherStaff, c.id, 5), { ok: false, error: "forbidden" });
    const audited = await t.db.selectFrom("audit_event").select("detail").where("action", "=", "ballots.print").where("target_id", "=", String(c.id)).execute();
    assert.equal(audited.length, 6);
  });

  test("staff participation by sous-secteur, age band and gender equals the ledger grouped directly", async () => {
    const c = await consultation({ eligibility: "any" });
    // Twelve web answers with age bands and genders and one unverified (stored, not counted),
    // six unnamed paper ballots (no age, no gender) of which one voided, a confirmed tally of 5.
    const people = await Promise.all(Array.from({ length: 13 }, (_, i) => resident(i !== 12)));
    for (const [i, p] of people.entries()) {
      await t.db.updateTable("account").set({ age_band: i < 7 ? "25_39" : "40_59", gender: i % 2 ? "femme" : "homme" }).where("id", "=", p.accountId).execute();
      assert.ok((await submitWebResponse(t.db, p, c.id, form({ [`q${c.single}`]: String(c.options[0]), [`q${c.scale}`]: "3" }))).ok);
    }
    for (let i = 1; i <= 6; i++) assert.ok((await ballot(c, String(100 + i), i % 3, i === 6 ? { territoryId: null } : {})).ok);
    const voided = await t.db.selectFrom("response").select("id").where("consultation_id", "=", c.id).where("channel", "=", "paper").orderBy("id").executeTakeFirstOrThrow();
    assert.ok((await voidEntry(t.db, w.staff, c.id, Number(voided.id), "mal saisi")).ok);
    const counts = form({ [tallyField.option(c.single, c.options[1]!)]: "5", [tallyField.scale(c.scale, 4)]: "5" });
    assert.ok((await enterTallySheet(t.db, w.staff, c.id, { territoryId: null, channel: "atelier", source: "atelier", ballots: "5", form: counts })).ok);
    const sheet = await t.db.selectFrom("response").select("id").where("consultation_id", "=", c.id).where("entry_mode", "=", "tally").executeTakeFirstOrThrow();
    assert.ok((await checkTallySheet(t.db, w.secondStaff, c.id, Number(sheet.id), { ballots: "5", form: counts })).ok);

    const p = await participation(t.db, c.id);
    const direct = async (key: string, individualOnly: boolean) => {
      const { rows } = await sql<{ key: string | null; n: number }>`
        select ${sql.raw(key)} as key, sum(coalesce(r.ballots, 1))::int as n
        from response r left join territory t on t.id = r.territory_id
        where r.consultation_id = ${c.id} and r.voided_at is null and (r.entry_mode <> 'tally' or r.confirmed_at is not null)
          and (r.account_id is null or exists (select 1 from account a where a.id = r.account_id and a.verified_at is not null))
          ${individualOnly ? sql`and r.entry_mode = 'individual'` : sql``}
        group by 1`.execute(t.db);
      return Object.fromEntries(rows.map((r) => [r.key ?? "", r.n]));
    };
    const shown = (cells: { key: string; n: number | null }[]) => Object.fromEntries(cells.map((x) => [x.key, x.n]));
    // 12 verified web + 5 paper + 5 tallied.
    assert.equal(p.n, 22);
    assert.deepEqual(await direct("r.age_band", true), { "25_39": 7, "40_59": 5, "": 5 });
    assert.deepEqual(shown(p.byAgeBand), { "25_39": 7, "40_59": 5, "": 5 });
    assert.deepEqual(await direct("r.gender", true), { homme: 6, femme: 6, "": 5 });
    assert.deepEqual(shown(p.byGender), { homme: 6, femme: 6, "": 5 });
    // Where: Gagarine (12 web + 4 paper), « non précisé » (1 paper + 5 tallied).
    assert.deepEqual(await direct("t.name", false), { Gagarine: 16, "": 6 });
    assert.deepEqual(shown(p.bySubsector), { Gagarine: 16, "": 6 });
  });

  test("one resident sending several answers at once (a double tap) keeps exactly one of them", async () => {
    const c = await consultation();
    const me = await resident();
    const sent = Array.from({ length: 6 }, (_, i) => ({ option: c.options[i % 3]!, value: 1 + (i % 5) }));
    const results = await Promise.all(sent.map((x) => submitWebResponse(t.db, me, c.id, form({ [`q${c.single}`]: String(x.option), [`q${c.scale}`]: String(x.value) }))));
    assert.ok(results.every((x) => x.ok));
    const answers = await t.db.selectFrom("answer as a").innerJoin("response as r", "r.id", "a.response_id").select(["a.question_id", "a.option_id", "a.value"]).where("r.consultation_id", "=", c.id).orderBy("a.question_id").execute();
    assert.equal(answers.length, 2, "one response's two answers, never a mix of several");
    const kept = { option: answers.find((a) => a.question_id === c.single)!.option_id, value: answers.find((a) => a.question_id === c.scale)!.value };
    assert.ok(sent.some((x) => x.option === kept.option && x.value === kept.value), "the answers kept were sent together");
    await assertRecountEqual(c.id, "a double tap");
    assert.equal((await countedResults(t.db, c.id))!.n, 1);
  });

  test("concurrent answers to the same counters neither deadlock nor lose a count", async () => {
    const c = await consultation();
    const many = await Promise.all(Array.from({ length: 24 }, () => resident()));
    const results = await Promise.all(many.map((r, i) => submitWebResponse(t.db, r, c.id, form({ [`q${c.single}`]: String(c.options[i % 3]), [`q${c.scale}`]: String(1 + (i % 5)) }))));
    assert.ok(results.every((x) => x.ok));
    await assertRecountEqual(c.id, "24 concurrent answers");
    assert.equal((await countedResults(t.db, c.id))!.n, 24);
    const [{ n }] = (await sql<{ n: number }>`select count(*)::int as n from response where consultation_id = ${c.id}`.execute(t.db)).rows as [{ n: number }];
    assert.equal(n, 24);
  });
});

describe("exports", () => {
  /** Paper ballots per sous-secteur code, on a consultation scoped to those sous-secteurs. */
  async function withBallots(perPlace: Record<string, number>) {
    const scope = await Promise.all(Object.keys(perPlace).map((code) => territory(t.db, code)));
    const c = await consultation({ scopeTerritoryIds: scope });
    let serial = 0;
    for (const [i, [, n]] of Object.entries(perPlace).entries())
      for (let k = 0; k < n; k++) assert.ok((await ballot(c, String(++serial), k % 3, { territoryId: scope[i]! })).ok);
    return (await consultationResults(t.db, c.id))!;
  }
  const fr = (key: string, vars?: Record<string, unknown>) => sayIn("fr", key, vars);
  /** Read back as French Excel reads it: UTF-8 after a BOM, « ; » between cells, CRLF. */
  const parse = (csv: string): string[][] => parseCsv(csv, { bom: true, delimiter: ";", record_delimiter: "\r\n", relax_column_count: false });
  /** A French number cell (« 0,333 »), or empty; anything else fails. */
  const frNumber = (cell: string) => {
    assert.match(cell, /^(-?\d+(,\d+)?)?$/, `« ${cell} » is a French number or empty`);
    return cell === "" ? null : Number(cell.replace(",", "."));
  };

  test("CSV for French Excel: BOM, « ; », CRLF", async () => {
    const { resultsCsv } = await import("./export.js");
    const csv = resultsCsv(await withBallots({ "bm-gagarine": 6 }), fr);
    assert.ok(csv.startsWith("\uFEFF"), "a BOM");
    assert.ok(csv.includes("\r\n") && !/[^\r]\n/.test(csv), "CRLF only");
    const rows = parse(csv);
    assert.deepEqual(rows[0], ["question", "type", "territoire", "répondants", "option", "mesure", "valeur", "remarque"]);
    // « répondants » and « valeur » hold French numbers or nothing, on every row.
    for (const row of rows.slice(1)) frNumber(row[3]!), frNumber(row[6]!);
    assert.ok(rows.some((row) => row[5] === "part des répondants" && /^0,\d+$/.test(row[6]!)), "a share reads 0,xxx");
    assert.ok(rows.some((row) => row[1] === fr("kinds2.single")) && !rows.some((row) => row[1] === "single"), "kinds in words");
  });

  test("n = 4 is hidden, and n = 5 with it when it alone would give the 4 away; no hidden figure in CSV or JSON", async () => {
    const { resultsCsv, resultsJson, HIDDEN } = await import("./export.js");
    const r = await withBallots({ "bm-gagarine": 5, "bm-manet-ferber": 4, "bm-greuze-vadez": 7 });
    const rows = parse(resultsCsv(r, fr));
    const of = (place: string) => rows.filter((row) => row[2] === place);
    for (const place of ["Manet-Ferber", "Gagarine"]) {
      assert.ok(of(place).length > 0);
      assert.ok(of(place).every((row) => row[3] === "" && row[6] === "" && row[4] === "" && row[7] === HIDDEN), `${place}: no figure, « ${HIDDEN} » in its own column`);
    }
    const greuze = of("Greuze-Vadez");
    assert.ok(greuze.some((row) => row[5] === "personnes comptées" && row[6] === "7"));
    assert.ok(greuze.some((row) => row[5] === "nombre" && row[3] === "7"), "a shown sous-secteur has its figures");
    const json = resultsJson(r);
    for (const name of ["Manet-Ferber", "Gagarine"]) {
      assert.deepEqual(json.subsectors.find((s) => s.name === name), { name, shown: false });
      for (const q of json.questions) assert.deepEqual(q.bySubsector.find((s) => s.name === name), { name, shown: false });
    }
    assert.equal(json.subsectors.find((s) => s.name === "Greuze-Vadez")?.n, 7);
  });

  test("per question: a blank is « sans réponse », so every question shows the cells of the participation table, and fewer than 5 people show nothing", async () => {
    const { resultsCsv, resultsJson, HIDDEN } = await import("./export.js");
    const scope = [await territory(t.db, "bm-gagarine"), await territory(t.db, "bm-greuze-vadez")];
    const c = await consultation({ scopeTerritoryIds: scope });
    // Gagarine: 6 ballots, the scale answered on 3 of them; Greuze-Vadez: 6 ballots, the scale on all.
    let serial = 0;
    for (const [place, scaled] of [[scope[0]!, 3], [scope[1]!, 6]] as const)
      for (let k = 0; k < 6; k++)
        assert.ok((await enterPaperBallot(t.db, w.staff, c.id, { serial: String(++serial), territoryId: place, channel: "paper", source: "urne", identifier: null, form: form({ [`q${c.single}`]: String(c.options[k % 3]), ...(k < scaled ? { [`q${c.scale}`]: "4" } : {}) }) })).ok);
    const r = (await consultationResults(t.db, c.id))!;
    const single = r.questions.find((q) => q.id === c.single)!;
    const scale = r.questions.find((q) => q.id === c.scale)!;
    const pattern = r.subsectors.map((x) => [x.name, x.shown, x.n]);
    assert.deepEqual(pattern, [["Gagarine", true, 6], ["Greuze-Vadez", true, 6]]);
    for (const q of [single, scale]) assert.deepEqual(q.bySubsector.map((x) => [x.name, x.shown, x.n]), pattern, "the same cells as the participation table");
    const gagarine = scale.bySubsector[0]!.result!;
    assert.deepEqual(gagarine.kind === "scale" ? [gagarine.respondents, gagarine.blank, gagarine.distribution] : null, [6, 3, [0, 0, 0, 3, 0]]);
    assert.deepEqual(scale.overall?.kind === "scale" ? [scale.overall.respondents, scale.overall.blank] : null, [12, 3]);
    assert.ok(parse(resultsCsv(r, fr)).some((row) => row[1] === fr("kinds2.scale") && row[2] === "Gagarine" && row[4] === "sans réponse" && row[6] === "3"));

    // 3 people in all: no figure anywhere, and the count itself « non publié ».
    const d = await consultation();
    for (let k = 0; k < 3; k++) assert.ok((await enterPaperBallot(t.db, w.staff, d.id, { serial: String(k + 1), territoryId: w.gagarine, channel: "paper", source: "urne", identifier: null, form: form({ [`q${d.single}`]: String(d.options[0]), [`q${d.scale}`]: "2" }) })).ok);
    const few = (await consultationResults(t.db, d.id))!;
    assert.equal(few.n, null);
    assert.deepEqual([few.method.web, few.method.paper, few.method.paperUnnamed], [null, null, null]);
    for (const q of few.questions) {
      assert.equal(q.overall, null);
      assert.ok(q.bySubsector.every((x) => !x.shown && x.result === null));
    }
    const rows = parse(resultsCsv(few, fr)).filter((row) => row[1] === fr("kinds2.scale"));
    assert.ok(rows.length > 0 && rows.every((row) => row[3] === "" && row[6] === "" && row[7] === HIDDEN), "the CSV holds no figure of the scale");
    assert.deepEqual(resultsJson(few).questions.find((q) => q.id === d.scale)?.overall, { shown: false });
    assert.equal(resultsJson(few).n, null);
    // As counted (tests only), the figures are there: 3 answers of 2.
    const counted = (await countedResults(t.db, d.id))!.questions.find((q) => q.id === d.scale)!.overall;
    assert.deepEqual(counted?.kind === "scale" ? counted.distribution : null, [0, 3, 0, 0, 0]);
  });

  test("a cell of 5 beside a hidden cell of 4 is hidden too (total − shown would give the 4); an empty cell shows 0; one neutral label", async () => {
    const { resultsCsv, resultsJson, HIDDEN } = await import("./export.js");
    const r = await withBallots({ "bm-gagarine": 5, "bm-manet-ferber": 4, "bm-greuze-vadez": 0 });
    assert.equal(HIDDEN, "non publié");
    const rows = parse(resultsCsv(r, fr));
    const participation = (name: string) => rows.find((row) => row[1] === "participation" && row[2] === name && row[4] === "");
    assert.deepEqual([participation("Gagarine"), participation("Manet-Ferber"), participation("Greuze-Vadez"), participation("ensemble")].map((row) => [row?.[6], row?.[7]]), [["", HIDDEN], ["", HIDDEN], ["0", ""], ["9", ""]]);
    assert.equal(resultsJson(r).subsectors.find((s) => s.name === "Gagarine")?.shown, false);
    assert.ok(!rows.some((row) => /moins de 5/.test(row.join(";"))), "no label hints at a size");
  });

  test("French Excel reads the figures: decimal commas, grades and kinds in words, a tie and a hidden cell in « remarque », never text among the numbers", async () => {
    const { resultsCsv, HIDDEN, TIED } = await import("./export.js");
    const gagarine = await territory(t.db, "bm-gagarine");
    const manet = await territory(t.db, "bm-manet-ferber");
    const greuze = await territory(t.db, "bm-greuze-vadez");
    const c = await createConsultation(t.db, w.staff, { epciId: epci, title: "Le square", opensAt: new Date(Date.now() - hour), closesAt: new Date(Date.now() + 24 * hour), scopeTerritoryIds: [gagarine, manet, greuze], resultsVisibility: "live" });
    assert.ok(c.ok);
    const id = c.value.consultationId;
    const single = await addQuestion(t.db, w.staff, id, { kind: "single", prompt: "Que faut-il au square ?", options: [{ label: "Des bancs" }, { label: "Des jeux" }, { label: "De l'ombre" }] });
    const scale = await addQuestion(t.db, w.staff, id, { kind: "scale", prompt: "Le square vous plaît-il ?" });
    const ranking = await addQuestion(t.db, w.staff, id, { kind: "ranking", prompt: "Par quoi commencer ?", topN: 1, options: [{ label: "Les bancs" }, { label: "Les arbres" }] });
    const majority = await addQuestion(t.db, w.staff, id, { kind: "majority", prompt: "Que pensez-vous du projet ?", options: [{ label: "Le projet" }, { label: "Le calendrier" }] });
    assert.ok(single.ok && scale.ok && ranking.ok && majority.ok);
    const published = await publishConsultation(t.db, w.staff, id);
    assert.ok(published.ok, JSON.stringify(published));
    const optionsOf = async (questionId: number) => (await t.db.selectFrom("question_option").select("id").where("question_id", "=", questionId).orderBy("position").execute()).map((o) => o.id);
    const [choice, rank, judged] = [await optionsOf(single.value.questionId), await optionsOf(ranking.value.questionId), await optionsOf(majority.value.questionId)];
    // Gagarine: 6 ballots; the choice 1, 1, 2 (shares of thirds), the scale 4, 4, 5, the
    // ranking 3 against 3 (ex æquo), the project « Très bien » 4 times and « Bien » twice.
    // Manet-Ferber: 2 ballots, so hidden, and Greuze-Vadez's 5 with it (8 + 5 − 2 would give them away).
    let serial = 0;
    for (const [place, k] of [...[0, 1, 2, 3, 4, 5].map((k) => [gagarine, k] as const), ...[0, 1].map((k) => [manet, k] as const), ...[0, 1, 2, 3, 4].map((k) => [greuze, k] as const)]) {
      const f = { [`q${single.value.questionId}`]: String(choice[k % 3 === 2 ? 1 : 0]), [`q${scale.value.questionId}`]: String(k % 3 === 2 ? 5 : 4), [`q${ranking.value.questionId}_o${rank[k % 2]}`]: "1", [`q${majority.value.questionId}_o${judged[0]}`]: k < 4 ? "tres_bien" : "bien", [`q${majority.value.questionId}_o${judged[1]}`]: "passable" };
      assert.ok((await enterPaperBallot(t.db, w.staff, id, { serial: String(++serial), territoryId: place, channel: "paper", source: "urne", identifier: null, form: form(f) })).ok);
    }
    const rows = parse(resultsCsv((await consultationResults(t.db, id))!, fr));
    assert.ok(rows.length > 20 && rows.every((row) => row.length === 8), "8 cells on every row");
    // The two figure columns hold French numbers or nothing: « 1.5 » would be a date, « non publié » text.
    for (const row of rows.slice(1)) frNumber(row[3]!), frNumber(row[6]!);
    const find = (where: string, option: string, measure: string) => rows.find((row) => row[2] === where && row[4] === option && row[5] === measure);
    assert.equal(find("Gagarine", "Des bancs", "part des répondants")?.[6], "0,667");
    assert.equal(find("Gagarine", "", "moyenne")?.[6], "4,333");
    assert.deepEqual(find("Gagarine", "Les bancs", "rang")?.slice(6), ["1", TIED], "the rank is a number, the tie a remark");
    assert.deepEqual(find("Gagarine", "Le projet", "mention majoritaire")?.slice(6), ["", fr("grades.tres_bien")], "the majority grade in words");
    assert.equal(fr("grades.tres_bien"), "Très bien");
    assert.equal(find("Gagarine", "Le projet", `mention « ${fr("grades.bien")} »`)?.[6], "2");
    assert.ok(!rows.some((row) => row.some((cell) => /^(tres_bien|assez_bien|a_rejeter|single|multiple|scale|ranking|majority)$/.test(cell))), "no code anywhere");
    assert.deepEqual(new Set(rows.filter((row) => row[1] === fr("kinds2.majority")).map((row) => row[1])), new Set([fr("kinds2.majority")]));
    const hidden = rows.filter((row) => row[2] === "Manet-Ferber" || row[2] === "Greuze-Vadez");
    assert.ok(hidden.length > 0 && hidden.every((row) => row[3] === "" && row[6] === "" && row[7] === HIDDEN), "Manet-Ferber: empty figures, « non publié » beside them");
  });
});
