// Consultations against a real PostgreSQL: lifecycle, the frozen questions, one voice per
// resident, the close at commit, malformed answers, and results checked by hand.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { TestDatabase } from "../../../db/testing.js";
import { formOf, openTestWorld, territory, viewerOf } from "../../../db/seed/test-world.js";
import type { Viewer } from "../../auth/guard.server.js";
import {
  addQuestion,
  addRankingFromPriority,
  closeConsultationEarly,
  coSignSummary,
  createConsultation,
  duplicateConsultation,
  unpublishConsultation,
  editOption,
  editQuestion,
  extendConsultation,
  publishConsultation,
  publishSummary,
  questionShapes,
  removeQuestion,
  saveSummary,
  submitWebResponse,
  unpublishSummary,
  updateConsultationDetails,
  moderateAnswerText,
  setConsultationObjectives,
} from "./mutations.server.js";
import { consultationResults, consultationsOfPlace, countedResults, consultationSummary, freeTexts, participationsOf, summaryFor, scopeQpvs, summarySignatures, textsForModerators } from "./queries.server.js";
import { verifyResident } from "../accounts/ways-in.server.js";
import { QUESTIONS_FIELD, questionsSignature } from "./rules.js";

let t: TestDatabase;
let w: Awaited<ReturnType<typeof openTestWorld>>["w"];
let epci: number;
before(async () => ({ t, w, epci } = await openTestWorld()));
after(() => t?.drop());

const hour = 3600_000;
async function newConsultation(extra: Partial<Parameters<typeof createConsultation>[2]> = {}) {
  const r = await createConsultation(t.db, w.staff, { epciId: epci, title: "Nos priorités", opensAt: new Date(Date.now() - hour), closesAt: new Date(Date.now() + 24 * hour), scopeTerritoryIds: [w.beauMarais], resultsVisibility: "live", ...extra });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value.consultationId;
}

let residentCount = 0;
async function resident(subsectorCode: string, verified = true): Promise<Viewer> {
  const identifier = `test-${++residentCount}`;
  await t.db.insertInto("account").values({ identifier, pin_hash: "x", territory_id: await territory(t.db, subsectorCode), verified_at: verified ? new Date() : null, age_band: "25_39" }).execute();
  return viewerOf(t.db, identifier);
}

const form = formOf;

async function rankingFromPrevention(consultationId: number) {
  const priority = (await t.db.selectFrom("priority").select("id").where("title", "=", "La prévention pour mieux grandir").executeTakeFirstOrThrow()).id;
  const q = await addRankingFromPriority(t.db, w.staff, consultationId, { priorityId: priority, topN: 3, prompt: "Classez vos trois priorités" });
  assert.ok(q.ok, JSON.stringify(q));
  const options = await t.db.selectFrom("question_option").select(["id", "label"]).where("question_id", "=", q.value.questionId).orderBy("position").execute();
  return { questionId: q.value.questionId, options };
}

describe("lifecycle", () => {
  test("a consultation cannot open without a question; from a priority it gets linked options", async () => {
    const cid = await newConsultation();
    assert.deepEqual(await publishConsultation(t.db, w.staff, cid), { ok: false, error: "noQuestion" });
    const { questionId, options } = await rankingFromPrevention(cid);
    assert.ok(options.length >= 4);
    const linked = await t.db.selectFrom("question_option_objective as l").innerJoin("objective as o", "o.id", "l.objective_id").select("o.code").where("l.option_id", "=", options[0]!.id).execute();
    assert.deepEqual(linked.map((l) => l.code), ["A1-OS1-OO5"]);
    const consultationObjectives = await t.db.selectFrom("consultation_objective").select("objective_id").where("consultation_id", "=", cid).execute();
    assert.ok(consultationObjectives.length >= 4);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    assert.deepEqual(await publishConsultation(t.db, w.otherStaff, cid), { ok: false, error: "forbidden" });
    assert.ok((await removeQuestion(t.db, w.staff, cid, questionId)).ok, "no answer yet: still editable");
  });

  test("scope outside the EPCI and bad dates are refused", async () => {
    assert.deepEqual(await createConsultation(t.db, w.staff, { epciId: epci, title: "x", opensAt: new Date(), closesAt: new Date(Date.now() + hour), scopeTerritoryIds: [w.epis] }), { ok: false, error: "badScope" });
    assert.deepEqual(await createConsultation(t.db, w.staff, { epciId: epci, title: "x", opensAt: new Date(Date.now() + hour), closesAt: new Date(), scopeTerritoryIds: [w.beauMarais] }), { ok: false, error: "badDates" });
    assert.deepEqual(await createConsultation(t.db, w.otherStaff, { epciId: epci, title: "x", opensAt: new Date(), closesAt: new Date(Date.now() + hour), scopeTerritoryIds: [w.beauMarais] }), { ok: false, error: "forbidden" });
  });

  test("extend, close early and duplicate are audited; a duplicate is a draft without answers", async () => {
    const cid = await newConsultation();
    await rankingFromPrevention(cid);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    assert.ok((await extendConsultation(t.db, w.staff, cid, new Date(Date.now() + 48 * hour))).ok);
    const dup = await duplicateConsultation(t.db, w.staff, cid);
    assert.ok(dup.ok);
    const copy = await t.db.selectFrom("consultation").select(["status"]).where("id", "=", dup.value.consultationId).executeTakeFirstOrThrow();
    assert.equal(copy.status, "draft");
    assert.equal((await t.db.selectFrom("question").select("id").where("consultation_id", "=", dup.value.consultationId).execute()).length, 1);
    assert.ok((await closeConsultationEarly(t.db, w.staff, cid)).ok);
    const actions = (await t.db.selectFrom("audit_event").select("action").where("target_type", "=", "consultation").where("target_id", "=", String(cid)).orderBy("id").execute()).map((a) => a.action);
    assert.deepEqual(actions, ["consultation.create", "consultation.question_add", "consultation.publish", "consultation.extend", "consultation.duplicate", "consultation.close_early"]);
  });

  test("a place lists every consultation not yet closed and its latest closed ones, however many are open", async () => {
    const closed = await newConsultation();
    await rankingFromPrevention(closed);
    assert.ok((await publishConsultation(t.db, w.staff, closed)).ok);
    assert.ok((await closeConsultationEarly(t.db, w.staff, closed)).ok);
    const open: number[] = [];
    for (let i = 0; i < 11; i++) {
      const id = await newConsultation();
      await rankingFromPrevention(id);
      assert.ok((await publishConsultation(t.db, w.staff, id)).ok);
      open.push(id);
    }
    const listed = (await consultationsOfPlace(t.db, w.beauMarais)).map((c) => c.id);
    for (const id of open) assert.ok(listed.includes(id), `open ${id} listed`);
    assert.ok(listed.includes(closed), "the closed one is not hidden behind eleven open ones");
  });

  test("a duplicate gets new dates; « Publier » refuses a window already over; unpublishing only while nothing is stored", async () => {
    // An old consultation, over for a month: its copy opens a day after the next hour, as long.
    const old = await newConsultation();
    await rankingFromPrevention(old);
    await t.db.updateTable("consultation").set({ opens_at: new Date(Date.now() - 40 * 24 * hour), closes_at: new Date(Date.now() - 30 * 24 * hour) }).where("id", "=", old).execute();
    assert.deepEqual(await publishConsultation(t.db, w.staff, old), { ok: false, error: "windowEnded" });
    const before = Date.now();
    const dup = await duplicateConsultation(t.db, w.staff, old);
    assert.ok(dup.ok);
    const copy = await t.db.selectFrom("consultation").select(["status", "opens_at", "closes_at"]).where("id", "=", dup.value.consultationId).executeTakeFirstOrThrow();
    assert.equal(copy.status, "draft");
    assert.ok(copy.opens_at.getTime() >= before + 24 * hour && copy.opens_at.getTime() <= before + 25 * hour, `opens ${copy.opens_at.toISOString()}`);
    assert.equal(copy.opens_at.getTime() % hour, 0);
    assert.equal(copy.closes_at.getTime() - copy.opens_at.getTime(), 10 * 24 * hour);
    assert.ok((await publishConsultation(t.db, w.staff, dup.value.consultationId)).ok, "the copy's window is ahead: it publishes");
    assert.deepEqual(await publishConsultation(t.db, w.staff, dup.value.consultationId), { ok: false, error: "alreadyPublished" });

    // Published by mistake, nothing stored: back to draft, audited; another EPCI's staff cannot.
    const cid = await newConsultation();
    const { questionId, options } = await rankingFromPrevention(cid);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    assert.deepEqual(await unpublishConsultation(t.db, w.otherStaff, cid), { ok: false, error: "forbidden" });
    assert.ok((await unpublishConsultation(t.db, w.staff, cid)).ok);
    const row = await t.db.selectFrom("consultation").select(["status", "published_at"]).where("id", "=", cid).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: "draft", published_at: null });
    assert.deepEqual(await unpublishConsultation(t.db, w.staff, cid), { ok: false, error: "notPublished" });
    const audited = await t.db.selectFrom("audit_event").select("action").where("target_id", "=", String(cid)).where("action", "=", "consultation.unpublish").execute();
    assert.equal(audited.length, 1);
    // Once one resident answered, never.
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    const me = await resident("bm-gagarine");
    const answered = await submitWebResponse(t.db, me, cid, form({ [`q${questionId}_o${options[0]!.id}`]: "1", [`q${questionId}_o${options[1]!.id}`]: "2", [`q${questionId}_o${options[2]!.id}`]: "3" }));
    assert.ok(answered.ok, JSON.stringify(answered));
    assert.deepEqual(await unpublishConsultation(t.db, w.staff, cid), { ok: false, error: "hasAnswers" });
  });
});

describe("answering", () => {
  test("one response per resident, the latest wins; questions are then frozen, by the mutation and by the database", async () => {
    const cid = await newConsultation();
    const { questionId, options } = await rankingFromPrevention(cid);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    const me = await resident("bm-gagarine");
    const first = await submitWebResponse(t.db, me, cid, form({ [`q${questionId}_o${options[0]!.id}`]: "1", [`q${questionId}_o${options[1]!.id}`]: "2", [`q${questionId}_o${options[2]!.id}`]: "3" }));
    assert.ok(first.ok && !first.value.replaced);
    const second = await submitWebResponse(t.db, me, cid, form({ [`q${questionId}_o${options[3]!.id}`]: "1", [`q${questionId}_o${options[2]!.id}`]: "2", [`q${questionId}_o${options[1]!.id}`]: "3" }));
    assert.ok(second.ok && second.value.replaced);
    const responses = await t.db.selectFrom("response").select("id").where("consultation_id", "=", cid).execute();
    assert.equal(responses.length, 1);
    const firstPlace = await t.db.selectFrom("answer").select("option_id").where("response_id", "=", responses[0]!.id).where("rank", "=", 1).executeTakeFirstOrThrow();
    assert.equal(firstPlace.option_id, options[3]!.id);
    assert.deepEqual(await removeQuestion(t.db, w.staff, cid, questionId), { ok: false, error: "frozen" });
    await assert.rejects(sql`update question set prompt = 'changé' where id = ${questionId}`.execute(t.db), /frozen/);
    // Dates, description (in every language) and FALC text stay editable.
    const edited = await updateConsultationDetails(t.db, w.staff, cid, { title: "Nos priorités", titleFalc: "Vos 3 choix", titleEn: null, titleAr: null, description: "Nouvelle description", descriptionFalc: "Plus simple", descriptionEn: "New description", descriptionAr: "وصف جديد", opensAt: new Date(Date.now() - hour), closesAt: new Date(Date.now() + 48 * hour), resultsVisibility: "live" });
    assert.ok(edited.ok);
    const texts = await t.db.selectFrom("consultation").select(["description", "description_falc", "description_en", "description_ar"]).where("id", "=", cid).executeTakeFirstOrThrow();
    assert.deepEqual(texts, { description: "Nouvelle description", description_falc: "Plus simple", description_en: "New description", description_ar: "وصف جديد" });
    await assert.rejects(sql`insert into question_option (question_id, position, label) values (${questionId}, 99, 'ajout')`.execute(t.db), /frozen/);
    // A duplicate key on the one-voice index, even written by hand.
    await assert.rejects(sql`insert into response (consultation_id, account_id, channel, entry_mode) values (${cid}, ${me.accountId}, 'web', 'individual')`.execute(t.db), /response_one_per_resident/);
  });

  test("after the close: refused by the mutation, and by the database clock at commit", async () => {
    const cid = await newConsultation();
    const { questionId, options } = await rankingFromPrevention(cid);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    const me = await resident("bm-gagarine");
    await t.db.updateTable("consultation").set({ closes_at: new Date(Date.now() - 1000) }).where("id", "=", cid).execute();
    const answers = form(Object.fromEntries(options.slice(0, 3).map((o, i) => [`q${questionId}_o${o.id}`, String(i + 1)])));
    assert.deepEqual(await submitWebResponse(t.db, me, cid, answers), { ok: false, error: "closed" });
    // A form opened before the close and committed after it: the trigger decides at commit.
    await t.db.updateTable("consultation").set({ closes_at: new Date(Date.now() + 400) }).where("id", "=", cid).execute();
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await sql`insert into response (consultation_id, account_id, channel, entry_mode) values (${cid}, ${me.accountId}, 'web', 'individual')`.execute(trx);
        await new Promise((r) => setTimeout(r, 600));
      }),
      /is closed/,
    );
  });

  test("out of scope and unverified residents are refused with their own reasons", async () => {
    const cid = await newConsultation();
    const { questionId, options } = await rankingFromPrevention(cid);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    const answers = form(Object.fromEntries(options.slice(0, 3).map((o, i) => [`q${questionId}_o${o.id}`, String(i + 1)])));
    assert.deepEqual(await submitWebResponse(t.db, await resident("fncsp-constantine"), cid, answers), { ok: false, error: "outOfScope" });
    assert.deepEqual(await submitWebResponse(t.db, await resident("bm-gagarine", false), cid, answers), { ok: false, error: "unverified" });
  });

  test("once a consultation has answers its questions are not read again, yet every refusal keeps its reason", async () => {
    const cid = await newConsultation();
    const { questionId, options } = await rankingFromPrevention(cid);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    const answers = form(Object.fromEntries(options.slice(0, 3).map((o, i) => [`q${questionId}_o${o.id}`, String(i + 1)])));
    // The first two answers: after them the questions are known (and frozen).
    assert.ok((await submitWebResponse(t.db, await resident("bm-gagarine"), cid, answers)).ok);
    assert.ok((await submitWebResponse(t.db, await resident("bm-gagarine"), cid, answers)).ok);
    // The database itself refuses what the known questions cannot tell.
    assert.deepEqual(await submitWebResponse(t.db, await resident("fncsp-constantine"), cid, answers), { ok: false, error: "outOfScope" });
    assert.deepEqual(await submitWebResponse(t.db, await resident("bm-gagarine", false), cid, answers), { ok: false, error: "unverified" });
    const bad = await submitWebResponse(t.db, await resident("bm-gagarine"), cid, form({ [`q${questionId}_o${options[0]!.id}`]: "1" }));
    assert.ok(!bad.ok && "problems" in bad);
    const late = await resident("bm-gagarine");
    assert.ok((await closeConsultationEarly(t.db, w.staff, cid)).ok);
    assert.deepEqual(await submitWebResponse(t.db, late, cid, answers), { ok: false, error: "closed" });
    const direct = await sql<{ outcome: string }>`select outcome from cast_web_answer(${cid}, ${late.accountId}, ${late.territory!.id}, ${late.territory!.parentId}, 1, '[]'::jsonb)`.execute(t.db);
    assert.equal(direct.rows[0]!.outcome, "closed");
    assert.equal((await t.db.selectFrom("response").select("id").where("consultation_id", "=", cid).execute()).length, 2);
  });

  test("questions known from before are checked by the database: changed ones are read again", async () => {
    const cid = await newConsultation();
    const q1 = await addQuestion(t.db, w.staff, cid, { kind: "scale", prompt: "Avant" });
    assert.ok(q1.ok && (await publishConsultation(t.db, w.staff, cid)).ok);
    const a = await resident("bm-gagarine");
    const b = await resident("bm-gagarine");
    assert.ok((await submitWebResponse(t.db, a, cid, form({ [`q${q1.value.questionId}`]: "3" }))).ok);
    assert.ok((await submitWebResponse(t.db, b, cid, form({ [`q${q1.value.questionId}`]: "4" }))).ok);
    // Every answer goes (as when their authors delete their accounts); the questions thaw and change.
    await sql`delete from response where consultation_id = ${cid}`.execute(t.db);
    await sql`delete from result_counter where consultation_id = ${cid}`.execute(t.db);
    assert.ok((await removeQuestion(t.db, w.staff, cid, q1.value.questionId)).ok);
    const q2 = await addQuestion(t.db, w.staff, cid, { kind: "scale", prompt: "Après" });
    assert.ok(q2.ok);
    // An answer to the old question is refused as malformed; one to the new question is taken.
    const old = await submitWebResponse(t.db, await resident("bm-gagarine"), cid, form({ [`q${q1.value.questionId}`]: "2" }));
    assert.ok(!old.ok && "problems" in old);
    assert.ok((await submitWebResponse(t.db, await resident("bm-gagarine"), cid, form({ [`q${q2.value.questionId}`]: "5" }))).ok);
    const stored = await t.db.selectFrom("answer as x").innerJoin("response as r", "r.id", "x.response_id").select(["x.question_id", "x.value"]).where("r.consultation_id", "=", cid).execute();
    assert.deepEqual(stored, [{ question_id: q2.value.questionId, value: 5 }]);
  });

  test("a form made with questions that changed since (staff edit them until the first answer) is refused whole, as « changed »", async () => {
    const cid = await newConsultation();
    const q1 = await addQuestion(t.db, w.staff, cid, { kind: "single", prompt: "Quoi d'abord ?", options: [{ label: "Des bancs" }, { label: "Des jeux" }] });
    assert.ok(q1.ok && (await publishConsultation(t.db, w.staff, cid)).ok);
    const shapes = await questionShapes(t.db, cid);
    const [bancs, jeux] = shapes[0]!.optionIds;
    const read = questionsSignature(shapes);
    assert.equal(read, `q${q1.value.questionId}:${bancs}.${jeux}`);
    // Staff add a question while a resident has the page open.
    const q2 = await addQuestion(t.db, w.staff, cid, { kind: "scale", prompt: "Le square vous plaît-il ?" });
    assert.ok(q2.ok);
    const a = await resident("bm-gagarine");
    const stale = await submitWebResponse(t.db, a, cid, form({ [QUESTIONS_FIELD]: read, [`q${q1.value.questionId}`]: String(jeux), [`q${q2.value.questionId}`]: "4" }));
    assert.deepEqual(stale, { ok: false, error: "changed" });
    assert.equal((await t.db.selectFrom("response").select("id").where("consultation_id", "=", cid).execute()).length, 0);
    // The page read again names the questions as they are: taken.
    const now = questionsSignature(await questionShapes(t.db, cid));
    assert.notEqual(now, read);
    assert.ok((await submitWebResponse(t.db, a, cid, form({ [QUESTIONS_FIELD]: now, [`q${q1.value.questionId}`]: String(jeux), [`q${q2.value.questionId}`]: "4" }))).ok);
    // An option removed changes it too; a form without the field is read against the questions as they are.
    assert.notEqual(questionsSignature([{ id: q1.value.questionId, optionIds: [bancs!] }]), read);
    const noField = await submitWebResponse(t.db, await resident("bm-gagarine"), cid, form({ [`q${q1.value.questionId}`]: String(bancs) }));
    assert.deepEqual(noField, { ok: false, error: "invalid", problems: { [q2.value.questionId]: "missing" } });
  });

  test("malformed submissions get one precise problem each", async () => {
    const cid = await newConsultation();
    const single = await addQuestion(t.db, w.staff, cid, { kind: "single", prompt: "Un seul choix", options: [{ label: "Oui" }, { label: "Non" }] });
    const scale = await addQuestion(t.db, w.staff, cid, { kind: "scale", prompt: "De 1 à 5" });
    const text = await addQuestion(t.db, w.staff, cid, { kind: "text", prompt: "Votre idée" });
    const { questionId: rq, options } = await rankingFromPrevention(cid);
    assert.ok(single.ok && scale.ok && text.ok);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    const me = await resident("bm-gagarine");
    const [o1, o2, o3] = options;
    const good = { [`q${single.value.questionId}`]: String((await t.db.selectFrom("question_option").select("id").where("question_id", "=", single.value.questionId).executeTakeFirstOrThrow()).id), [`q${scale.value.questionId}`]: "4", [`q${text.value.questionId}`]: "Des bancs", [`q${rq}_o${o1!.id}`]: "1", [`q${rq}_o${o2!.id}`]: "2", [`q${rq}_o${o3!.id}`]: "3" };
    const problem = async (change: Record<string, string>, drop?: string) => {
      const entries = { ...good, ...change };
      if (drop) delete entries[drop];
      const r = await submitWebResponse(t.db, me, cid, form(entries));
      return r.ok ? "ok" : "problems" in r ? Object.values(r.problems)[0] : r.error;
    };
    assert.equal(await problem({}, `q${scale.value.questionId}`), "missing");
    assert.equal(await problem({ [`q${single.value.questionId}`]: "999999" }), "unknownOption");
    assert.equal(await problem({ [`q${rq}_o${o2!.id}`]: "1" }), "duplicateRank");
    assert.equal(await problem({ [`q${rq}_o${o3!.id}`]: "4" }), "rankBeyondN");
    assert.equal(await problem({ [`q${text.value.questionId}`]: "é".repeat(1001) }), "tooLong");
    assert.equal(await problem({ [`q${scale.value.questionId}`]: "6" }), "scaleRange");
    assert.equal(await problem({}), "ok");
    assert.equal(await problem({ [`q${text.value.questionId}`]: "é".repeat(1000) }), "ok");
  });
});

describe("summaries", () => {
  const text = { said: "Vous voulez des bancs.", saidFalc: "Des bancs.", saidEn: null, saidAr: "تريدون مقاعد.", nextSteps: "Trois bancs au printemps.", nextStepsFalc: null, nextStepsEn: "Three benches in spring.", nextStepsAr: null };
  const actions = async (cid: number) =>
    (await t.db.selectFrom("audit_event").select("action").where("target_type", "=", "consultation").where("target_id", "=", String(cid)).where("action", "like", "consultation.summary%").orderBy("id").execute()).map((r) => r.action);

  test("written any time, published only once closed (by the mutation and by the database), shown in the reader's version, every write audited", async () => {
    const cid = await newConsultation();
    const q = await addQuestion(t.db, w.staff, cid, { kind: "scale", prompt: "Le square ?" });
    assert.ok(q.ok && (await publishConsultation(t.db, w.staff, cid)).ok);
    const someone = await resident("bm-gagarine");
    assert.ok((await submitWebResponse(t.db, someone, cid, form({ [`q${q.value.questionId}`]: "4" }))).ok);
    assert.deepEqual(await publishSummary(t.db, w.staff, cid), { ok: false, error: "noSummary" });
    assert.ok((await saveSummary(t.db, w.staff, cid, text)).ok);
    // Open: not yet, whoever asks.
    assert.deepEqual(await publishSummary(t.db, w.staff, cid), { ok: false, error: "summaryBeforeClose" });
    await assert.rejects(sql`update consultation_summary set published_at = now() where consultation_id = ${cid}`.execute(t.db), /not closed/);
    assert.equal(await consultationSummary(t.db, cid, { publishedOnly: true }), null);
    // Another EPCI's staff may do nothing with it.
    assert.deepEqual(await saveSummary(t.db, w.otherStaff, cid, text), { ok: false, error: "forbidden" });
    assert.ok((await closeConsultationEarly(t.db, w.staff, cid)).ok);
    assert.ok((await publishSummary(t.db, w.staff, cid)).ok);
    const shown = await consultationSummary(t.db, cid, { publishedOnly: true });
    assert.ok(shown?.published_at);
    // Those who answered find it from their account.
    assert.deepEqual((await participationsOf(t.db, someone.accountId)).map((p) => [p.id, p.channel, p.summary]), [[cid, "web", true]]);
    assert.deepEqual(summaryFor(shown, "fr", true).said, { text: "Des bancs.", lang: "fr" });
    assert.deepEqual(summaryFor(shown, "ar", false).said, { text: "تريدون مقاعد.", lang: "ar" });
    assert.deepEqual(summaryFor(shown, "ar", false).nextSteps, { text: "Trois bancs au printemps.", lang: "fr" });
    assert.deepEqual(summaryFor(shown, "en", false).nextSteps, { text: "Three benches in spring.", lang: "en" });
    // Rewritten once published: still published, same day of publication.
    assert.ok((await saveSummary(t.db, w.staff, cid, { ...text, nextSteps: "Quatre bancs au printemps." })).ok);
    const rewritten = await consultationSummary(t.db, cid, { publishedOnly: true });
    assert.equal(rewritten?.next_steps, "Quatre bancs au printemps.");
    assert.equal(rewritten?.published_at?.getTime(), shown.published_at.getTime());
    // A published summary keeps the consultation closed: withdraw it first.
    assert.deepEqual(await extendConsultation(t.db, w.staff, cid, new Date(Date.now() + 48 * hour)), { ok: false, error: "summaryPublished" });
    assert.ok((await unpublishSummary(t.db, w.staff, cid)).ok);
    assert.deepEqual(await unpublishSummary(t.db, w.staff, cid), { ok: false, error: "notPublished" });
    assert.equal(await consultationSummary(t.db, cid, { publishedOnly: true }), null);
    assert.deepEqual(await actions(cid), ["consultation.summary_save", "consultation.summary_publish", "consultation.summary_save", "consultation.summary_unpublish"]);
    // The audit names the write, never the text.
    const details = await t.db.selectFrom("audit_event").select("detail").where("target_id", "=", String(cid)).where("action", "like", "consultation.summary%").execute();
    assert.ok(details.every((d) => !JSON.stringify(d.detail).includes("bancs")));
  });

  test("the conseil citoyen of a QPV in scope co-signs a published summary; a rewrite leaves the signature on the earlier version", async () => {
    const council = await viewerOf(t.db, "conseil-beaumarais");
    const cid = await newConsultation();
    assert.ok((await addQuestion(t.db, w.staff, cid, { kind: "scale", prompt: "Le square ?" })).ok && (await publishConsultation(t.db, w.staff, cid)).ok);
    assert.ok((await saveSummary(t.db, w.staff, cid, text)).ok);
    assert.deepEqual(await scopeQpvs(t.db, cid), [{ id: w.beauMarais, name: "Beau Marais" }]);
    assert.deepEqual(await coSignSummary(t.db, council, cid, w.beauMarais), { ok: false, error: "notPublished" });
    assert.ok((await closeConsultationEarly(t.db, w.staff, cid)).ok && (await publishSummary(t.db, w.staff, cid)).ok);
    // Staff, a resident, or the council of a QPV outside the scope cannot sign for it.
    assert.deepEqual(await coSignSummary(t.db, w.staff, cid, w.beauMarais), { ok: false, error: "forbidden" });
    assert.deepEqual(await coSignSummary(t.db, await resident("bm-gagarine"), cid, w.beauMarais), { ok: false, error: "forbidden" });
    assert.deepEqual(await coSignSummary(t.db, council, cid, w.fortNieulay), { ok: false, error: "forbidden" });
    assert.ok((await coSignSummary(t.db, council, cid, w.beauMarais)).ok);
    let signed = await summarySignatures(t.db, cid);
    assert.deepEqual(signed.map((g) => [g.name, g.current]), [["Beau Marais", true]]);
    // Signing again is the same one signature.
    assert.ok((await coSignSummary(t.db, council, cid, w.beauMarais)).ok);
    assert.equal((await summarySignatures(t.db, cid)).length, 1);
    // Staff change the text: the signature stands for the earlier version, until signed again.
    assert.ok((await saveSummary(t.db, w.staff, cid, { ...text, said: "Vous voulez des bancs et de l'ombre." })).ok);
    signed = await summarySignatures(t.db, cid);
    assert.deepEqual(signed.map((g) => g.current), [false]);
    assert.ok((await coSignSummary(t.db, council, cid, w.beauMarais)).ok);
    assert.deepEqual((await summarySignatures(t.db, cid)).map((g) => g.current), [true]);
    const cosigns = await t.db.selectFrom("audit_event").select(["actor_role", "actor_account_id"]).where("target_id", "=", String(cid)).where("action", "=", "consultation.summary_cosign").execute();
    assert.deepEqual(cosigns, Array(3).fill({ actor_role: "council_member", actor_account_id: council.accountId }));
  });

  test("the database refuses a blank text and an overlong one", async () => {
    const cid = await newConsultation();
    await assert.rejects(sql`insert into consultation_summary (consultation_id, said, next_steps) values (${cid}, '  ', 'x')`.execute(t.db), /consultation_summary_said_not_blank/);
    await assert.rejects(sql`insert into consultation_summary (consultation_id, said, next_steps, said_ar) values (${cid}, 'x', 'y', ${"ب".repeat(8001)})`.execute(t.db), /consultation_summary_length_check/);
  });
});

describe("free texts", () => {
  test("a text is public only once approved, detached; the audit record never holds it", async () => {
    const cid = await newConsultation();
    const q = await addQuestion(t.db, w.staff, cid, { kind: "text", prompt: "Votre idée pour le quartier" });
    assert.ok(q.ok && (await publishConsultation(t.db, w.staff, cid)).ok);
    const r = await submitWebResponse(t.db, await resident("bm-gagarine"), cid, form({ [`q${q.value.questionId}`]: "Un terrain de basket éclairé" }));
    assert.ok(r.ok);
    assert.deepEqual(await freeTexts(t.db, cid, "approved"), []);
    const [pending] = await freeTexts(t.db, cid, "pending");
    assert.equal(pending!.text, "Un terrain de basket éclairé");
    assert.deepEqual(await moderateAnswerText(t.db, w.otherStaff, cid, Number(pending!.id), "approved"), { ok: false, error: "forbidden" });
    assert.ok((await moderateAnswerText(t.db, w.staff, cid, Number(pending!.id), "approved")).ok);
    assert.deepEqual((await freeTexts(t.db, cid, "approved")).map((x) => Object.keys(x).sort()), [["id", "question_id", "text"]]);
    const audit = await t.db.selectFrom("audit_event").select("detail").where("action", "=", "consultation.text_approved").where("target_id", "=", String(cid)).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(audit.detail).includes("basket"));
  });

  test("moderators read « publié » only once the text is shown: with results after the close, an approved text waits", async () => {
    const cid = await newConsultation({ resultsVisibility: "after_close", scopeTerritoryIds: [w.gagarine] });
    const q = await addQuestion(t.db, w.staff, cid, { kind: "text", prompt: "Votre idée" });
    assert.ok(q.ok && (await publishConsultation(t.db, w.staff, cid)).ok);
    assert.ok((await submitWebResponse(t.db, await resident("bm-gagarine"), cid, form({ [`q${q.value.questionId}`]: "Des poubelles de tri" }))).ok);
    const [pending] = await freeTexts(t.db, cid, "pending");
    assert.ok((await moderateAnswerText(t.db, w.staff, cid, Number(pending!.id), "approved")).ok);
    const shown = async () => (await textsForModerators(t.db, [w.beauMarais], "read")).find((x) => x.text === "Des poubelles de tri")?.shownNow;
    assert.equal(await shown(), false, "open, results after the close: approved, not yet shown");
    assert.ok((await closeConsultationEarly(t.db, w.staff, cid)).ok);
    assert.equal(await shown(), true, "closed: shown with the results");
  });

  test("a refused text stays stored with a reason from the list; a moderator of a QPV in scope decides too, and only there", async () => {
    const moderator = await viewerOf(t.db, "moderation-beaumarais");
    const ask = async (scope: number) => {
      const cid = await newConsultation({ scopeTerritoryIds: [scope] });
      const q = await addQuestion(t.db, w.staff, cid, { kind: "text", prompt: "Votre idée" });
      assert.ok(q.ok && (await publishConsultation(t.db, w.staff, cid)).ok);
      return { cid, q: q.value.questionId };
    };
    const here = await ask(w.gagarine);
    const texts = ["Marc du 3e fait du bruit", "Un banc", "Un abri"];
    for (const text of texts) assert.ok((await submitWebResponse(t.db, await resident("bm-gagarine"), here.cid, form({ [`q${here.q}`]: text }))).ok);
    const ids = new Map((await freeTexts(t.db, here.cid, "pending")).map((x) => [x.text, Number(x.id)]));
    // Refused only with a reason; then stored, with it, never deleted.
    assert.deepEqual(await moderateAnswerText(t.db, moderator, here.cid, ids.get(texts[0]!)!, "rejected"), { ok: false, error: "reasonNeeded" });
    assert.ok((await moderateAnswerText(t.db, moderator, here.cid, ids.get(texts[0]!)!, "rejected", "identifies")).ok);
    assert.ok((await moderateAnswerText(t.db, moderator, here.cid, ids.get(texts[1]!)!, "approved")).ok);
    assert.ok((await moderateAnswerText(t.db, w.staff, here.cid, ids.get(texts[2]!)!, "rejected", "off_topic")).ok);
    const stored = await t.db.selectFrom("answer").select(["text", "text_status", "text_reason"]).where("id", "in", [...ids.values()]).orderBy("id").execute();
    assert.deepEqual(stored, [
      { text: texts[0], text_status: "rejected", text_reason: "identifies" },
      { text: texts[1], text_status: "approved", text_reason: null },
      { text: texts[2], text_status: "rejected", text_reason: "off_topic" },
    ]);
    // Published again later: the reason goes with the refusal.
    assert.ok((await moderateAnswerText(t.db, w.staff, here.cid, ids.get(texts[2]!)!, "approved")).ok);
    assert.equal((await t.db.selectFrom("answer").select("text_reason").where("id", "=", ids.get(texts[2]!)!).executeTakeFirstOrThrow()).text_reason, null);
    const audit = await t.db.selectFrom("audit_event").select(["action", "actor_role", "detail"]).where("target_id", "=", String(here.cid)).where("action", "like", "consultation.text_%").orderBy("id").execute();
    assert.deepEqual(audit.map((a) => [a.action, a.actor_role]), [
      ["consultation.text_rejected", "moderator"],
      ["consultation.text_approved", "moderator"],
      ["consultation.text_rejected", "staff"],
      ["consultation.text_approved", "staff"],
    ]);
    assert.ok(audit.every((a) => !JSON.stringify(a.detail).includes("Marc")));
    // The moderator of Beau Marais has nothing to say in Fort Nieulay, and the list they read holds only their QPV.
    const there = await ask(w.fortNieulay);
    assert.ok((await submitWebResponse(t.db, await resident("fncsp-constantine"), there.cid, form({ [`q${there.q}`]: "Ailleurs" }))).ok);
    const [elsewhere] = await freeTexts(t.db, there.cid, "pending");
    assert.deepEqual(await moderateAnswerText(t.db, moderator, there.cid, Number(elsewhere!.id), "approved"), { ok: false, error: "forbidden" });
    const listed = (await textsForModerators(t.db, [w.beauMarais], "pending")).map((x) => x.text);
    assert.ok(!listed.includes("Ailleurs"));
    assert.ok((await textsForModerators(t.db, [w.fortNieulay], "pending")).some((x) => x.text === "Ailleurs"));
    // What they read stays in reach, to take a decision back: with its status and reason.
    const read = (await textsForModerators(t.db, [w.beauMarais], "read")).filter((x) => texts.includes(x.text));
    assert.deepEqual(
      read.map((x) => [x.text, x.status, x.reason]).sort(),
      [
        [texts[0], "rejected", "identifies"],
        [texts[1], "approved", null],
        [texts[2], "approved", null],
      ].sort(),
    );
    // The database holds: a reason only on a refusal, and only from the list.
    await assert.rejects(sql`update answer set text_reason = 'identifies' where id = ${ids.get(texts[1]!)!}`.execute(t.db), /answer_text_reason_only_rejected/);
    await assert.rejects(sql`update answer set text_reason = 'boring' where id = ${ids.get(texts[0]!)!}`.execute(t.db), /answer_text_reason_check/);
  });
});

describe("results", () => {
  test("seven residents: exact Borda points; Gagarine's 5 hidden beside two cells of 1, an empty cell shows 0", async () => {
    const cid = await newConsultation();
    const { questionId, options } = await rankingFromPrevention(cid);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    const [A, B, C, D] = options.map((o) => o.id);
    // Top 3: rank 1 = 3 points, rank 2 = 2, rank 3 = 1.
    const ballots: [string, number[]][] = [
      ["bm-gagarine", [A!, B!, C!]],
      ["bm-gagarine", [A!, C!, B!]],
      ["bm-gagarine", [B!, A!, D!]],
      ["bm-gagarine", [C!, A!, B!]],
      ["bm-gagarine", [A!, B!, D!]],
      ["bm-greuze-vadez", [D!, C!, B!]],
      ["bm-manet-ferber", [B!, D!, A!]],
    ];
    for (const [place, order] of ballots) {
      const r = await submitWebResponse(t.db, await resident(place), cid, form(Object.fromEntries(order.map((o, i) => [`q${questionId}_o${o}`, String(i + 1)]))));
      assert.ok(r.ok, JSON.stringify(r));
    }
    // By hand: A = 3+3+2+2+3+0+1 = 14; B = 2+1+3+1+2+1+3 = 13; C = 1+2+0+3+0+2+0 = 8; D = 0+0+1+0+1+3+2 = 7.
    const results = (await consultationResults(t.db, cid))!;
    assert.equal(results.n, 7);
    assert.deepEqual([results.method.web, results.method.paper, results.method.atelier, results.method.tally], [7, 0, 0, 0]);
    const q = results.questions[0]!;
    assert.equal(q.overall?.kind, "ranking");
    const borda = q.overall?.kind === "ranking" ? q.overall.borda : [];
    const points = Object.fromEntries(borda.map((r) => [r.key, r.points]));
    assert.equal(points[A!], 14);
    assert.equal(points[B!], 13);
    assert.equal(points[C!], 8);
    assert.equal(points[D!], 7);
    assert.equal(borda[0]!.key, A);
    assert.equal(borda[0]!.firstShare, 3 / 7);
    // Greuze-Vadez 1 and Manet-Ferber 1 are hidden; together they hold 2, which « 7 − Gagarine »
    // would give: Gagarine is hidden too (decision 0019). An empty sous-secteur tells of nobody.
    const cells = Object.fromEntries(q.bySubsector.map((c) => [c.name, c.n]));
    assert.equal(cells["Gagarine"], null);
    assert.equal(cells["Greuze-Vadez"], null);
    assert.equal(cells["Manet-Ferber"], null);
    assert.equal(cells["Marinot-Rodin"], 0, "no answer shows 0");
    assert.equal(q.bySubsector.find((c) => c.name === "Gagarine")!.result, null);
    assert.deepEqual(Object.fromEntries(results.subsectors.map((c) => [c.name, c.n])), cells, "one pattern: the participation table and the question hide the same cells");
  });

  test("unverified answers wait, count once verified, and verifying reveals no one: published figures move only by 5 people (issue 13, point 4)", async () => {
    const cid = await newConsultation({ eligibility: "any" });
    const { questionId, options } = await rankingFromPrevention(cid);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    const pending: Viewer[] = [];
    for (let i = 0; i < 6; i++) {
      const me = await resident("bm-gagarine", false);
      const order = i % 2 ? options.slice(0, 3) : options.slice(1, 4);
      const r = await submitWebResponse(t.db, me, cid, form(Object.fromEntries(order.map((o, rank) => [`q${questionId}_o${o.id}`, String(rank + 1)]))));
      assert.ok(r.ok, "an unverified account may answer when staff allow it");
      pending.push(me);
    }
    let results = (await consultationResults(t.db, cid))!;
    assert.deepEqual([results.n, results.pendingVerification], [0, 6]);
    const published = async () => {
      const r = (await consultationResults(t.db, cid))!;
      return { n: r.n, overall: r.questions[0]!.overall, pending: r.pendingVerification };
    };
    const counted = async () => (await countedResults(t.db, cid))!.n;
    // Staff verify one resident: the counted figures take the answer at once; the published
    // ones, which staff and the public see, stay as they were (before/after would give it).
    assert.ok((await verifyResident(t.db, w.staff, pending[0]!.accountId)).ok);
    assert.equal(await counted(), 1);
    // (1 to 4 people counted: the total itself is « non publié », and so is every figure.)
    assert.deepEqual(await published(), { n: null, overall: null, pending: 5 });
    for (const me of pending.slice(1, 4)) assert.ok((await verifyResident(t.db, w.staff, me.accountId)).ok);
    assert.equal(await counted(), 4);
    assert.deepEqual(await published(), { n: null, overall: null, pending: 2 }, "4 people: still nothing of them");
    assert.ok((await verifyResident(t.db, w.staff, pending[4]!.accountId)).ok);
    const five = await published();
    assert.equal(five.n, 5, "5 people moved: published");
    assert.equal(five.overall?.kind, "ranking");
    assert.ok((await verifyResident(t.db, w.staff, pending[5]!.accountId)).ok);
    assert.equal(await counted(), 6);
    const six = await published();
    assert.deepEqual([six.n, six.overall], [five.n, five.overall], "the sixth waits for four more");
    assert.equal(six.pending, 0, "what waits for verification is counted live: it holds no answer");
    results = (await consultationResults(t.db, cid))!;
    assert.equal(results.pendingVerification, 0);
  });
});

describe("options in every language, with pictograms", () => {
  test("English, Arabic and FALC labels and a pictogram are stored per option; an unknown pictogram is refused", async () => {
    const cid = await newConsultation();
    const q = await addQuestion(t.db, w.staff, cid, {
      kind: "single",
      prompt: "Que faut-il au square ?",
      promptEn: "What does the square need?",
      promptAr: "ماذا تحتاج الساحة؟",
      options: [
        { label: "Des bancs", labelFalc: "Des bancs pour s'asseoir", labelEn: "Benches", labelAr: "مقاعد", pictogram: "banc" },
        { label: "De l'ombre", pictogram: "🌳" },
      ],
    });
    assert.ok(q.ok);
    const stored = await t.db.selectFrom("question_option").select(["label_falc", "label_en", "label_ar", "pictogram"]).where("question_id", "=", q.value.questionId).orderBy("position").execute();
    assert.deepEqual(stored, [
      { label_falc: "Des bancs pour s'asseoir", label_en: "Benches", label_ar: "مقاعد", pictogram: "svg:banc" },
      { label_falc: null, label_en: null, label_ar: null, pictogram: "🌳" },
    ]);
    const prompt = await t.db.selectFrom("question").select(["prompt_en", "prompt_ar"]).where("id", "=", q.value.questionId).executeTakeFirstOrThrow();
    assert.deepEqual(prompt, { prompt_en: "What does the square need?", prompt_ar: "ماذا تحتاج الساحة؟" });
    assert.deepEqual(await addQuestion(t.db, w.staff, cid, { kind: "single", prompt: "x", options: [{ label: "a", pictogram: "toboggan" }, { label: "b" }] }), { ok: false, error: "badPictogram" });
  });
});

describe("links to objectives", () => {
  test("staff link a consultation to objectives of their EPCI's contracts, replace the links, and cannot link another EPCI's", async () => {
    const cid = await newConsultation();
    const calais = await t.db.selectFrom("objective as o").innerJoin("contract as k", "k.id", "o.contract_id").select(["o.id", "o.code"]).where("k.code", "=", "calais-2024-2030").orderBy("o.position").limit(2).execute();
    const scarpe = await t.db.selectFrom("objective as o").innerJoin("contract as k", "k.id", "o.contract_id").select("o.id").where("k.code", "=", "val-de-scarpe-2024-2030").executeTakeFirstOrThrow();
    assert.ok((await setConsultationObjectives(t.db, w.staff, cid, calais.map((o) => o.id))).ok);
    assert.ok((await setConsultationObjectives(t.db, w.staff, cid, [calais[1]!.id])).ok);
    const linked = await t.db.selectFrom("consultation_objective").select("objective_id").where("consultation_id", "=", cid).execute();
    assert.deepEqual(linked.map((l) => l.objective_id), [calais[1]!.id]);
    assert.deepEqual(await setConsultationObjectives(t.db, w.staff, cid, [scarpe.id]), { ok: false, error: "badObjective" });
    assert.deepEqual(await setConsultationObjectives(t.db, w.otherStaff, cid, []), { ok: false, error: "forbidden" });
    const audit = await t.db.selectFrom("audit_event").select("detail").where("action", "=", "consultation.objectives_set").where("target_id", "=", String(cid)).execute();
    assert.equal(audit.length, 2);
  });
});

describe("editing questions and options", () => {
  const optionRow = (id: number) => t.db.selectFrom("question_option").select(["label", "label_falc", "label_en", "label_ar", "pictogram"]).where("id", "=", id).executeTakeFirstOrThrow();
  const linksOf = async (id: number) => (await t.db.selectFrom("question_option_objective").select("objective_id").where("option_id", "=", id).orderBy("objective_id").execute()).map((l) => l.objective_id);
  const calaisObjectives = () => t.db.selectFrom("objective as o").innerJoin("contract as k", "k.id", "o.contract_id").select("o.id").where("k.code", "=", "calais-2024-2030").orderBy("o.id").limit(3).execute();

  test("before answers: every label, the pictogram and the objectives of an option from a priority change, audited", async () => {
    const cid = await newConsultation();
    const { questionId, options } = await rankingFromPrevention(cid);
    const o = options[0]!;
    const [a, b] = await calaisObjectives();
    const r = await editOption(t.db, w.staff, cid, o.id, { label: "Des éducateurs de rue", labelFalc: "Des adultes pour aider les jeunes dehors", labelEn: "Street youth workers", labelAr: "مربّون في الشارع", pictogram: "jeux", objectiveIds: [a!.id, b!.id, a!.id] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(await optionRow(o.id), { label: "Des éducateurs de rue", label_falc: "Des adultes pour aider les jeunes dehors", label_en: "Street youth workers", label_ar: "مربّون في الشارع", pictogram: "svg:jeux" });
    assert.deepEqual(await linksOf(o.id), [a!.id, b!.id]);
    // An absent field keeps its value; an emptied one (null) is cleared; an empty list unlinks.
    assert.ok((await editOption(t.db, w.staff, cid, o.id, { labelEn: null, objectiveIds: [] })).ok);
    assert.deepEqual(await optionRow(o.id), { label: "Des éducateurs de rue", label_falc: "Des adultes pour aider les jeunes dehors", label_en: null, label_ar: "مربّون في الشارع", pictogram: "svg:jeux" });
    assert.deepEqual(await linksOf(o.id), []);
    assert.ok((await editQuestion(t.db, w.staff, cid, questionId, { prompt: "Classez vos priorités", promptFalc: "Mettez en ordre ce qui compte" })).ok);
    assert.deepEqual(await t.db.selectFrom("question").select(["prompt", "prompt_falc"]).where("id", "=", questionId).executeTakeFirstOrThrow(), { prompt: "Classez vos priorités", prompt_falc: "Mettez en ordre ce qui compte" });
    const audit = await t.db.selectFrom("audit_event").select(["action", "detail"]).where("target_id", "=", String(cid)).where("action", "in", ["consultation.option_edit", "consultation.question_edit"]).execute();
    assert.equal(audit.length, 3);
  });

  test("refused: a foreign objective, an unknown pictogram, an option or question of another consultation, another EPCI's staff", async () => {
    const cid = await newConsultation();
    const other = await newConsultation();
    const { questionId, options } = await rankingFromPrevention(cid);
    const scarpe = await t.db.selectFrom("objective as o").innerJoin("contract as k", "k.id", "o.contract_id").select("o.id").where("k.code", "=", "val-de-scarpe-2024-2030").executeTakeFirstOrThrow();
    const before = await optionRow(options[0]!.id);
    assert.deepEqual(await editOption(t.db, w.staff, cid, options[0]!.id, { labelFalc: "ne doit pas rester", objectiveIds: [scarpe.id] }), { ok: false, error: "badObjective" });
    assert.deepEqual(await editOption(t.db, w.staff, cid, options[0]!.id, { pictogram: "toboggan" }), { ok: false, error: "badPictogram" });
    assert.deepEqual(await editOption(t.db, w.staff, other, options[0]!.id, { labelFalc: "x" }), { ok: false, error: "noOption" });
    assert.deepEqual(await editQuestion(t.db, w.staff, other, questionId, { promptFalc: "x" }), { ok: false, error: "noQuestionHere" });
    assert.deepEqual(await editOption(t.db, w.otherStaff, cid, options[0]!.id, { labelFalc: "x" }), { ok: false, error: "forbidden" });
    assert.deepEqual(await optionRow(options[0]!.id), before);
  });

  test("after the first answer: FALC texts and objectives still change; labels and prompts do not, by the mutation and by the database", async () => {
    const cid = await newConsultation();
    const { questionId, options } = await rankingFromPrevention(cid);
    assert.ok((await publishConsultation(t.db, w.staff, cid)).ok);
    const voter = await resident("bm-gagarine");
    const ranks = Object.fromEntries(options.slice(0, 3).map((o, i) => [`q${questionId}_o${o.id}`, String(i + 1)]));
    assert.ok((await submitWebResponse(t.db, voter, cid, form(ranks))).ok);
    const o = options[1]!;
    const [a] = await calaisObjectives();
    assert.ok((await editOption(t.db, w.staff, cid, o.id, { labelFalc: "Plus facile à lire", objectiveIds: [a!.id] })).ok);
    assert.ok((await editQuestion(t.db, w.staff, cid, questionId, { promptFalc: "Mettez en ordre" })).ok);
    // Resending the stored label with a new FALC version passes: only a real change is frozen.
    assert.ok((await editOption(t.db, w.staff, cid, o.id, { label: o.label, labelFalc: "Encore plus facile" })).ok);
    const before = await optionRow(o.id);
    assert.equal(before.label_falc, "Encore plus facile");
    assert.deepEqual(await editOption(t.db, w.staff, cid, o.id, { label: "Autre chose", labelFalc: "perdu", objectiveIds: [] }), { ok: false, error: "frozen" });
    assert.deepEqual(await editOption(t.db, w.staff, cid, o.id, { pictogram: "banc" }), { ok: false, error: "frozen" });
    assert.deepEqual(await editQuestion(t.db, w.staff, cid, questionId, { prompt: "Autre question" }), { ok: false, error: "frozen" });
    assert.deepEqual(await optionRow(o.id), before);
    assert.deepEqual(await linksOf(o.id), [a!.id]);
    await assert.rejects(sql`update question_option set label = 'direct' where id = ${o.id}`.execute(t.db), /frozen/);
    await assert.rejects(sql`update question set prompt_en = 'direct' where id = ${questionId}`.execute(t.db), /frozen/);
    await sql`update question_option set label_falc = 'direct' where id = ${o.id}`.execute(t.db);
    await sql`update question set prompt_falc = 'direct' where id = ${questionId}`.execute(t.db);
  });

  test("a duplicate keeps every label, the pictograms and the objectives of its options", async () => {
    const cid = await newConsultation();
    const q = await addQuestion(t.db, w.staff, cid, { kind: "single", prompt: "Que faut-il ?", options: [{ label: "Des bancs", labelFalc: "Des bancs", labelEn: "Benches", labelAr: "مقاعد", pictogram: "banc" }, { label: "De l'ombre", pictogram: "🌳" }] });
    assert.ok(q.ok);
    const r = await duplicateConsultation(t.db, w.staff, cid);
    assert.ok(r.ok);
    const copied = await t.db.selectFrom("question_option as o").innerJoin("question as q", "q.id", "o.question_id").select(["o.label", "o.label_falc", "o.label_en", "o.label_ar", "o.pictogram"]).where("q.consultation_id", "=", r.value.consultationId).orderBy("o.position").execute();
    assert.deepEqual(copied, [
      { label: "Des bancs", label_falc: "Des bancs", label_en: "Benches", label_ar: "مقاعد", pictogram: "svg:banc" },
      { label: "De l'ombre", label_falc: null, label_en: null, label_ar: null, pictogram: "🌳" },
    ]);
  });
});
