// Invitation codes end to end against a real PostgreSQL, the audit guarantee, and RGPD.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { createTestDatabase, type TestDatabase } from "../../../db/testing.js";
import { buildTestWorld, viewerOf } from "../../../db/seed/test-world.js";
import { checkPin } from "./rules.js";
import { authenticate, createInvitationBatch, redeemCode, revokeUnusedCodes, updateBatchHelp, type RedeemInput } from "./mutations.server.js";
import { deleteAccount, exportPersonalData, purge } from "./privacy.server.js";
import { issueRecoveryCode, issueRoleInvitation, setUnder15CanPost, verifyResident } from "./ways-in.server.js";
import { importContractAsStaff } from "../contract/upload.server.js";
import { FIXTURE_FILE } from "../../../db/seed/test-world.js";
import * as C from "../consultations/mutations.server.js";
import * as P from "../consultations/paper.server.js";
import { readFileSync } from "node:fs";

let t: TestDatabase;
let w: Awaited<ReturnType<typeof buildTestWorld>>;
before(async () => {
  t = await createTestDatabase();
  w = await buildTestWorld(t.db);
});
after(async () => {
  await t?.drop();
});

const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600_000);
async function newBatch(territoryId: number, size = 20) {
  const r = await createInvitationBatch(t.db, w.staff, { territoryId, label: "Boîtes aux lettres", size, expiresAt: inAMonth(), helpText: "Centre social Matisse" });
  assert.ok(r.ok);
  const codes = await t.db.selectFrom("invitation_code").select("code").where("batch_id", "=", r.value.batchId).execute();
  return { batchId: r.value.batchId, codes: codes.map((c) => c.code) };
}
const redeemInput = (code: string, extra: Partial<RedeemInput> = {}): RedeemInput => ({
  code,
  displayName: "Samira",
  secret: { kind: "pin" },
  subsectorId: null,
  ageBand: "25_39",
  gender: "femme",
  ...extra,
});

describe("invitation codes", () => {
  test("a batch holds its size of distinct codes and leaves an audit record without them", async () => {
    const { batchId, codes } = await newBatch(w.gagarine, 20);
    assert.equal(new Set(codes).size, 20);
    const audit = await t.db.selectFrom("audit_event").selectAll().where("target_id", "=", String(batchId)).where("action", "=", "invitation_batch.create").executeTakeFirstOrThrow();
    assert.equal(audit.actor_account_id, w.staff.accountId);
    for (const c of codes) assert.ok(!JSON.stringify(audit.detail).includes(c));
  });

  test("staff of another EPCI cannot create a batch for Calais", async () => {
    const r = await createInvitationBatch(t.db, w.otherStaff, { territoryId: w.gagarine, label: "x", size: 1, expiresAt: inAMonth(), helpText: "x" });
    assert.deepEqual(r, { ok: false, error: "forbidden" });
  });

  test("redeeming creates a verified resident of the sous-secteur with a drawn PIN; the same code is then refused", async () => {
    const { codes } = await newBatch(w.gagarine, 2);
    const r = await redeemCode(t.db, redeemInput(codes[0]!), null);
    assert.ok(r.ok);
    assert.match(r.value.identifier!, /^gagarine-\d{4}$/);
    const pin = r.value.pin!;
    assert.equal(checkPin(pin), null, "the drawn PIN is an allowed one");
    const account = await t.db.selectFrom("account").selectAll().where("id", "=", r.value.accountId).executeTakeFirstOrThrow();
    assert.equal(account.territory_id, w.gagarine);
    assert.ok(account.verified_at);
    assert.equal(account.pin_chosen, false);
    assert.notEqual(account.pin_hash, pin);
    assert.deepEqual(await authenticate(t.db, r.value.identifier!.toUpperCase(), pin), { accountId: r.value.accountId });
    assert.equal(await authenticate(t.db, r.value.identifier!, pin === "482913" ? "482914" : "482913"), null);
    assert.deepEqual(await redeemCode(t.db, redeemInput(codes[0]!), null), { ok: false, error: "spent" });
  });

  test("a QPV batch asks for the sous-secteur; revoked and expired codes are refused", async () => {
    const { batchId, codes } = await newBatch(w.beauMarais, 3);
    assert.deepEqual(await redeemCode(t.db, redeemInput(codes[0]!), null), { ok: false, error: "badSubsector" });
    assert.deepEqual(await redeemCode(t.db, redeemInput(codes[0]!, { subsectorId: w.fortNieulay }), null), { ok: false, error: "badSubsector" });
    const ok = await redeemCode(t.db, redeemInput(codes[0]!, { subsectorId: w.gagarine }), null);
    assert.ok(ok.ok);
    const revoked = await revokeUnusedCodes(t.db, w.staff, batchId);
    assert.deepEqual(revoked, { ok: true, value: { revoked: 2 } });
    assert.deepEqual(await redeemCode(t.db, redeemInput(codes[1]!, { subsectorId: w.gagarine }), null), { ok: false, error: "revoked" });
    const spent = await t.db.selectFrom("invitation_code").select(["redeemed_at", "revoked_at"]).where("code", "=", codes[0]!).executeTakeFirstOrThrow();
    assert.equal(spent.revoked_at, null, "a redeemed code is never revoked");
    const other = await newBatch(w.gagarine, 1);
    await t.db.updateTable("invitation_batch").set({ expires_at: sql<Date>`now() - interval '1 minute'` }).where("id", "=", other.batchId).execute();
    assert.deepEqual(await redeemCode(t.db, redeemInput(other.codes[0]!), null), { ok: false, error: "expired" });
    assert.deepEqual(await redeemCode(t.db, redeemInput("ABCDEFGHJK"), null), { ok: false, error: "unknown" });
  });

  test("redeeming while signed in verifies the current account and never creates a second one", async () => {
    const { id } = await t.db.insertInto("account").values({ email: "amina@example.org", password_hash: "h", display_name: "Amina", territory_id: w.gagarine }).returning("id").executeTakeFirstOrThrow();
    const before = Number((await t.db.selectFrom("account").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const { codes } = await newBatch(w.gagarine, 1);
    const viewer = await viewerOf(t.db, "agent-calais");
    const me = { ...viewer, accountId: id, grants: [], identifier: null };
    const r = await redeemCode(t.db, redeemInput(codes[0]!), me);
    assert.ok(r.ok && !r.value.created && r.value.accountId === id);
    const after = Number((await t.db.selectFrom("account").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    assert.equal(after, before);
    assert.ok((await t.db.selectFrom("account").select("verified_at").where("id", "=", id).executeTakeFirstOrThrow()).verified_at);
  });

  test("50 concurrent redemptions of one code create exactly one account", async () => {
    const { codes } = await newBatch(w.gagarine, 1);
    const before = Number((await t.db.selectFrom("account").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => redeemCode(t.db, redeemInput(codes[0]!, { displayName: `R${i}` }), null)));
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === "spent"));
    const after = Number((await t.db.selectFrom("account").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    assert.equal(after, before + 1);
  });
});

describe("audit", () => {
  // Every exported staff mutation, each forced to fail after its audit insert (a deferred
  // trigger raises at commit): nothing of it may remain, the audit row included.
  const STAFF_MUTATIONS: { name: string; setup?: () => Promise<void>; run: () => Promise<unknown>; changed: () => Promise<number> }[] = [
    {
      name: "createInvitationBatch",
      run: () => createInvitationBatch(t.db, w.staff, { territoryId: w.gagarine, label: "doit disparaître", size: 3, expiresAt: inAMonth(), helpText: "x" }),
      changed: async () => (await t.db.selectFrom("invitation_batch").select("id").where("label", "=", "doit disparaître").execute()).length,
    },
    {
      name: "revokeUnusedCodes",
      run: async () => revokeUnusedCodes(t.db, w.staff, (await t.db.selectFrom("invitation_batch").select("id").where("label", "=", "à révoquer").executeTakeFirstOrThrow()).id),
      changed: async () => (await t.db.selectFrom("invitation_code as c").innerJoin("invitation_batch as b", "b.id", "c.batch_id").select("c.id").where("b.label", "=", "à révoquer").where("c.revoked_at", "is not", null).execute()).length,
    },
    {
      name: "updateBatchHelp",
      run: async () => updateBatchHelp(t.db, w.staff, (await t.db.selectFrom("invitation_batch").select("id").where("label", "=", "à révoquer").executeTakeFirstOrThrow()).id, { helpText: "doit disparaître" }),
      changed: async () => (await t.db.selectFrom("invitation_batch").select("id").where("help_text", "=", "doit disparaître").execute()).length,
    },
    {
      name: "verifyResident",
      run: async () => verifyResident(t.db, w.staff, await auditTarget()),
      changed: async () => (await t.db.selectFrom("account").select("id").where("email", "=", "audit-target@example.org").where("verified_at", "is not", null).execute()).length,
    },
    {
      name: "issueRecoveryCode",
      run: async () => issueRecoveryCode(t.db, w.staff, await auditTarget()),
      changed: async () => (await t.db.selectFrom("account_token").select("id").where("account_id", "=", await auditTarget()).execute()).length,
    },
    {
      name: "issueRoleInvitation",
      run: () => issueRoleInvitation(t.db, w.staff, { role: "moderator", territoryId: w.beauMarais, college: null, note: "doit disparaître" }),
      changed: async () => (await t.db.selectFrom("role_invitation").select("id").where("note", "=", "doit disparaître").execute()).length,
    },
    {
      name: "setUnder15CanPost",
      run: async () => setUnder15CanPost(t.db, w.staff, await calaisEpci(), true),
      changed: async () => (await t.db.selectFrom("epci_setting").select("epci_id").where("under_15_can_post", "=", true).execute()).length,
    },
    {
      name: "importContractAsStaff",
      run: () => {
        const data = JSON.parse(readFileSync(FIXTURE_FILE, "utf8"));
        data.contract.code = "val-de-scarpe-audit";
        return importContractAsStaff(t.db, w.otherStaff, JSON.stringify(data), "x.json");
      },
      changed: async () => (await t.db.selectFrom("contract").select("id").where("code", "=", "val-de-scarpe-audit").execute()).length,
    },
    ...consultationMutations(),
  ];
  const auditTarget = async () => (await t.db.selectFrom("account").select("id").where("email", "=", "audit-target@example.org").executeTakeFirstOrThrow()).id;
  const calaisEpci = async () => (await t.db.selectFrom("territory").select("id").where("code", "=", "ca-grand-calais-terres-et-mers").executeTakeFirstOrThrow()).id;

  before(async () => {
    await createInvitationBatch(t.db, w.staff, { territoryId: w.gagarine, label: "à révoquer", size: 2, expiresAt: inAMonth(), helpText: "x" });
    await t.db.insertInto("account").values({ email: "audit-target@example.org", password_hash: "h", territory_id: w.gagarine }).execute();
  });

  for (const m of STAFF_MUTATIONS)
    test(`${m.name}: a failure after the audit insert leaves no audit row and no change`, async () => {
      await m.setup?.();
      const auditBefore = Number((await t.db.selectFrom("audit_event").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
      await sql`create function fail_after_audit() returns trigger language plpgsql as $$ begin raise exception 'forced failure after audit'; end $$`.execute(t.db);
      await sql`create constraint trigger audit_event_forced_failure after insert on audit_event deferrable initially deferred for each row execute function fail_after_audit()`.execute(t.db);
      try {
        await assert.rejects(m.run(), /forced failure after audit/);
      } finally {
        await sql`drop trigger audit_event_forced_failure on audit_event`.execute(t.db);
        await sql`drop function fail_after_audit()`.execute(t.db);
      }
      const auditAfter = Number((await t.db.selectFrom("audit_event").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
      assert.equal(auditAfter, auditBefore);
      assert.equal(await m.changed(), 0);
    });

  test("the list covers every exported staff mutation", async () => {
    // Staff mutations take (db, viewer, …) and write an audit record: found by their source.
    const modules = ["./mutations.server.ts", "./ways-in.server.ts", "../contract/upload.server.ts", "../consultations/mutations.server.ts", "../consultations/paper.server.ts"];
    const found: string[] = [];
    for (const m of modules) {
      const source = readFileSync(new URL(m, import.meta.url), "utf8");
      for (const match of source.matchAll(/export async function (\w+)\(\s*db: [^,]+,\s*viewer: Viewer/g)) found.push(match[1]!);
    }
    assert.deepEqual(found.sort(), STAFF_MUTATIONS.map((m) => m.name).sort());
  });
});

/** The consultation staff mutations, each on a consultation of its own made before the forced failure. */
function consultationMutations(): { name: string; setup?: () => Promise<void>; run: () => Promise<unknown>; changed: () => Promise<number> }[] {
  const epci = () => t.db.selectFrom("territory").select("id").where("code", "=", "ca-grand-calais-terres-et-mers").executeTakeFirstOrThrow().then((r) => r.id);
  const byTitle = (title: string) => t.db.selectFrom("consultation").select("id").where("title", "=", title).executeTakeFirstOrThrow().then((r) => r.id);
  const make = async (title: string, opts: { question?: boolean; published?: boolean } = {}) => {
    const r = await C.createConsultation(t.db, w.staff, { epciId: await epci(), title, opensAt: new Date(Date.now() - 3600_000), closesAt: new Date(Date.now() + 86400_000), scopeTerritoryIds: [w.beauMarais] });
    assert.ok(r.ok);
    if (opts.question) assert.ok((await C.addQuestion(t.db, w.staff, r.value.consultationId, { kind: "single", prompt: "Q", options: [{ label: "a" }, { label: "b" }] })).ok);
    if (opts.published) assert.ok((await C.publishConsultation(t.db, w.staff, r.value.consultationId)).ok);
  };
  const questions = async (title: string) => (await t.db.selectFrom("question").select("id").where("consultation_id", "=", await byTitle(title)).execute()).length;
  const summary = { said: "dit", saidFalc: null, saidEn: null, saidAr: null, nextSteps: "fait", nextStepsFalc: null, nextStepsEn: null, nextStepsAr: null };
  const summaries = async (title: string, which: "any" | "published") => {
    let q = t.db.selectFrom("consultation_summary").select("consultation_id").where("consultation_id", "=", await byTitle(title));
    if (which === "published") q = q.where("published_at", "is not", null);
    return (await q.execute()).length;
  };
  const priority = () => t.db.selectFrom("priority").select("id").where("title", "=", "La prévention pour mieux grandir").executeTakeFirstOrThrow().then((r) => r.id);
  return [
    { name: "createConsultation", run: async () => C.createConsultation(t.db, w.staff, { epciId: await epci(), title: "jamais créée", opensAt: new Date(), closesAt: new Date(Date.now() + 1e6), scopeTerritoryIds: [w.beauMarais] }), changed: async () => (await t.db.selectFrom("consultation").select("id").where("title", "=", "jamais créée").execute()).length },
    { name: "addQuestion", setup: () => make("aq"), run: async () => { return C.addQuestion(t.db, w.staff, await byTitle("aq"), { kind: "scale", prompt: "x" }); }, changed: () => questions("aq") },
    { name: "addRankingFromPriority", setup: () => make("arp"), run: async () => { return C.addRankingFromPriority(t.db, w.staff, await byTitle("arp"), { priorityId: await priority(), topN: 3, prompt: "x" }); }, changed: () => questions("arp") },
    { name: "removeQuestion", setup: () => make("rq", { question: true }), run: async () => { const id = await byTitle("rq"); const q = await t.db.selectFrom("question").select("id").where("consultation_id", "=", id).executeTakeFirstOrThrow(); return C.removeQuestion(t.db, w.staff, id, q.id); }, changed: async () => 1 - (await questions("rq")) },
    { name: "publishConsultation", setup: () => make("pub", { question: true }), run: async () => { return C.publishConsultation(t.db, w.staff, await byTitle("pub")); }, changed: async () => (await t.db.selectFrom("consultation").select("id").where("title", "=", "pub").where("status", "=", "published").execute()).length },
    { name: "closeConsultationEarly", setup: () => make("close", { question: true, published: true }), run: async () => { return C.closeConsultationEarly(t.db, w.staff, await byTitle("close")); }, changed: async () => (await t.db.selectFrom("consultation").select("id").where("title", "=", "close").where("closes_at", "<", new Date()).execute()).length },
    { name: "extendConsultation", setup: () => make("ext", { question: true, published: true }), run: async () => { return C.extendConsultation(t.db, w.staff, await byTitle("ext"), new Date(Date.now() + 10 * 86400_000)); }, changed: async () => (await t.db.selectFrom("consultation").select("id").where("title", "=", "ext").where("closes_at", ">", new Date(Date.now() + 5 * 86400_000)).execute()).length },
    { name: "updateConsultationDetails", setup: () => make("edit", { question: true }), run: async () => C.updateConsultationDetails(t.db, w.staff, await byTitle("edit"), { title: "edit", titleFalc: "changé", titleEn: null, titleAr: null, description: "", descriptionFalc: null, descriptionEn: null, descriptionAr: null, opensAt: new Date(), closesAt: new Date(Date.now() + 1e6), resultsVisibility: "live" }), changed: async () => (await t.db.selectFrom("consultation").select("id").where("title_falc", "=", "changé").execute()).length },
    {
      name: "moderateAnswerText",
      setup: async () => {
        await make("mod", { question: false });
        const id = await byTitle("mod");
        assert.ok((await C.addQuestion(t.db, w.staff, id, { kind: "text", prompt: "Une idée ?" })).ok);
        assert.ok((await C.publishConsultation(t.db, w.staff, id)).ok);
        const q = await t.db.selectFrom("question").select("id").where("consultation_id", "=", id).executeTakeFirstOrThrow();
        const { id: rid } = await t.db.insertInto("response").values({ consultation_id: id, channel: "paper", entry_mode: "individual" }).returning("id").executeTakeFirstOrThrow();
        await t.db.insertInto("answer").values({ response_id: rid, question_id: q.id, text: "Un banc près de l'école", text_status: "pending" }).execute();
      },
      run: async () => {
        const id = await byTitle("mod");
        const a = await t.db.selectFrom("answer as a").innerJoin("response as r", "r.id", "a.response_id").select("a.id").where("r.consultation_id", "=", id).executeTakeFirstOrThrow();
        return C.moderateAnswerText(t.db, w.staff, id, Number(a.id), "approved");
      },
      changed: async () => (await t.db.selectFrom("answer").select("id").where("text_status", "=", "approved").where("text", "=", "Un banc près de l'école").execute()).length,
    },
    ...paperMutations(make, byTitle),
    {
      name: "setConsultationObjectives",
      setup: () => make("objectives"),
      run: async () => {
        const objective = await t.db.selectFrom("objective as o").innerJoin("contract as k", "k.id", "o.contract_id").select("o.id").where("k.code", "=", "calais-2024-2030").executeTakeFirstOrThrow();
        return C.setConsultationObjectives(t.db, w.staff, await byTitle("objectives"), [objective.id]);
      },
      changed: async () => (await t.db.selectFrom("consultation_objective").select("objective_id").where("consultation_id", "=", await byTitle("objectives")).execute()).length,
    },
    {
      name: "editQuestion",
      setup: () => make("eq", { question: true }),
      run: async () => { const id = await byTitle("eq"); const q = await t.db.selectFrom("question").select("id").where("consultation_id", "=", id).executeTakeFirstOrThrow(); return C.editQuestion(t.db, w.staff, id, q.id, { promptFalc: "changée" }); },
      changed: async () => (await t.db.selectFrom("question").select("id").where("prompt_falc", "=", "changée").execute()).length,
    },
    {
      name: "editOption",
      setup: () => make("eo", { question: true }),
      run: async () => { const id = await byTitle("eo"); const o = await t.db.selectFrom("question_option as o").innerJoin("question as q", "q.id", "o.question_id").select("o.id").where("q.consultation_id", "=", id).executeTakeFirstOrThrow(); return C.editOption(t.db, w.staff, id, o.id, { labelFalc: "changé" }); },
      changed: async () => (await t.db.selectFrom("question_option").select("id").where("label_falc", "=", "changé").execute()).length,
    },
    { name: "saveSummary", setup: () => make("sum", { question: true, published: true }), run: async () => C.saveSummary(t.db, w.staff, await byTitle("sum"), summary), changed: () => summaries("sum", "any") },
    {
      name: "publishSummary",
      setup: async () => { await make("sumpub", { question: true, published: true }); const id = await byTitle("sumpub"); assert.ok((await C.saveSummary(t.db, w.staff, id, summary)).ok && (await C.closeConsultationEarly(t.db, w.staff, id)).ok); },
      run: async () => C.publishSummary(t.db, w.staff, await byTitle("sumpub")),
      changed: () => summaries("sumpub", "published"),
    },
    {
      name: "unpublishSummary",
      setup: async () => { await make("sumunpub", { question: true, published: true }); const id = await byTitle("sumunpub"); assert.ok((await C.saveSummary(t.db, w.staff, id, summary)).ok && (await C.closeConsultationEarly(t.db, w.staff, id)).ok && (await C.publishSummary(t.db, w.staff, id)).ok); },
      run: async () => C.unpublishSummary(t.db, w.staff, await byTitle("sumunpub")),
      changed: async () => 1 - (await summaries("sumunpub", "published")),
    },
    {
      name: "coSignSummary",
      setup: async () => { await make("cosign", { question: true, published: true }); const id = await byTitle("cosign"); assert.ok((await C.saveSummary(t.db, w.staff, id, summary)).ok && (await C.closeConsultationEarly(t.db, w.staff, id)).ok && (await C.publishSummary(t.db, w.staff, id)).ok); },
      run: async () => C.coSignSummary(t.db, await viewerOf(t.db, "conseil-beaumarais"), await byTitle("cosign"), w.beauMarais),
      changed: async () => (await t.db.selectFrom("consultation_summary_signature").select("qpv_id").where("consultation_id", "=", await byTitle("cosign")).execute()).length,
    },
    { name: "unpublishConsultation", setup: () => make("unpub", { question: true, published: true }), run: async () => C.unpublishConsultation(t.db, w.staff, await byTitle("unpub")), changed: async () => (await t.db.selectFrom("consultation").select("id").where("title", "=", "unpub").where("status", "=", "draft").execute()).length },
    { name: "duplicateConsultation", setup: () => make("dup", { question: true }), run: async () => { return C.duplicateConsultation(t.db, w.staff, await byTitle("dup")); }, changed: async () => (await t.db.selectFrom("consultation").select("id").where("title", "=", "dup").execute()).length - 1 },
  ];
}

/** Paper ballots and tally sheets: typing, second entries, corrections and voiding are staff writes too. */
function paperMutations(make: (title: string, opts?: { question?: boolean; published?: boolean }) => Promise<void>, byTitle: (title: string) => Promise<number>) {
  const entry = (serial: string) => ({ territoryId: null, channel: "paper" as const, source: "urne papier", serial, identifier: null, form: new Map<string, string[]>() });
  const sheet = async (title: string) => (await t.db.selectFrom("response").select("id").where("consultation_id", "=", await byTitle(title)).where("entry_mode", "=", "tally").executeTakeFirstOrThrow()).id;
  // A sheet of all blanks: its one question left blank on every ballot.
  const blanks = async (title: string, n: number) => new Map([["blank_q" + (await t.db.selectFrom("question").select("id").where("consultation_id", "=", await byTitle(title)).executeTakeFirstOrThrow()).id, [String(n)]]]);
  const enterSheet = async (title: string) => assert.ok((await P.enterTallySheet(t.db, w.staff, await byTitle(title), { territoryId: null, channel: "atelier", source: "atelier", ballots: "2", form: await blanks(title, 2) })).ok);
  return [
    { name: "printBallotSeries", setup: () => make("series", { question: true, published: true }), run: async () => P.printBallotSeries(t.db, w.staff, await byTitle("series"), 5), changed: async () => (await t.db.selectFrom("ballot_print_run").select("id").where("consultation_id", "=", await byTitle("series")).execute()).length },
    { name: "enterPaperBallot", setup: () => make("ballot", { question: true, published: true }), run: async () => P.enterPaperBallot(t.db, w.staff, await byTitle("ballot"), entry("1")), changed: async () => (await t.db.selectFrom("response").select("id").where("consultation_id", "=", await byTitle("ballot")).execute()).length },
    { name: "enterTallySheet", setup: () => make("sheet", { question: true, published: true }), run: async () => P.enterTallySheet(t.db, w.staff, await byTitle("sheet"), { territoryId: null, channel: "atelier", source: "atelier", ballots: "1", form: await blanks("sheet", 1) }), changed: async () => (await t.db.selectFrom("response").select("id").where("consultation_id", "=", await byTitle("sheet")).execute()).length },
    {
      name: "checkTallySheet",
      setup: async () => { await make("confirm", { question: true, published: true }); await enterSheet("confirm"); },
      run: async () => P.checkTallySheet(t.db, w.secondStaff, await byTitle("confirm"), Number(await sheet("confirm")), { ballots: "2", form: await blanks("confirm", 2) }),
      changed: async () =>
        (await t.db.selectFrom("response").select("id").where("consultation_id", "=", await byTitle("confirm")).where("confirmed_at", "is not", null).execute()).length +
        (await t.db.selectFrom("result_counter").select("n").where("consultation_id", "=", await byTitle("confirm")).execute()).length +
        (await t.db.selectFrom("tally_check").select("response_id").where("response_id", "=", await sheet("confirm")).execute()).length,
    },
    {
      name: "correctTallySheet",
      setup: async () => { await make("correct", { question: true, published: true }); await enterSheet("correct"); },
      run: async () => P.correctTallySheet(t.db, w.staff, await byTitle("correct"), Number(await sheet("correct")), { territoryId: null, channel: "atelier", source: "corrigé", ballots: "3", form: await blanks("correct", 3) }),
      changed: async () => (await t.db.selectFrom("response").select("id").where("consultation_id", "=", await byTitle("correct")).where("source", "=", "corrigé").execute()).length,
    },
    {
      name: "voidEntry",
      setup: async () => { await make("void", { question: true, published: true }); assert.ok((await P.enterPaperBallot(t.db, w.staff, await byTitle("void"), entry("1"))).ok); },
      run: async () => P.voidEntry(t.db, w.staff, await byTitle("void"), Number((await t.db.selectFrom("response").select("id").where("consultation_id", "=", await byTitle("void")).executeTakeFirstOrThrow()).id), "erreur"),
      changed: async () => (await t.db.selectFrom("response").select("id").where("consultation_id", "=", await byTitle("void")).where("voided_at", "is not", null).execute()).length,
    },
  ];
}

/** A published consultation with one answer by this account, written straight to the ledger. */
async function seedOneResponse(accountId: number) {
  const epci = (await t.db.selectFrom("territory").select("id").where("code", "=", "ca-grand-calais-terres-et-mers").executeTakeFirstOrThrow()).id;
  const { id: cid } = await t.db.insertInto("consultation").values({ epci_id: epci, title: "RGPD", status: "published", opens_at: new Date(Date.now() - 1e6), closes_at: new Date(Date.now() + 1e6) }).returning("id").executeTakeFirstOrThrow();
  const { id: qid } = await t.db.insertInto("question").values({ consultation_id: cid, position: 1, kind: "text", prompt: "Un mot ?", max_choices: null, top_n: null }).returning("id").executeTakeFirstOrThrow();
  const { id: rid } = await t.db.insertInto("response").values({ consultation_id: cid, account_id: accountId, channel: "web", entry_mode: "individual", territory_id: w.gagarine, age_band: "25_39", gender: "femme" }).returning("id").executeTakeFirstOrThrow();
  await t.db.insertInto("answer").values({ response_id: rid, question_id: qid, text: "Plus de bancs", text_status: "pending" }).execute();
  return rid;
}

describe("RGPD", () => {
  // Every column of every table that holds something about a person: exported, or excluded with a reason.
  const EXCLUDED: Record<string, string> = {
    "account.pin_hash": "a hash of a secret: useless to the person, dangerous to hand out",
    "account.password_hash": "same as pin_hash",
    "account.deleted_at": "always null for a live account",
    "account.pin_chosen": "how the PIN was made (chosen before decision 0018, or drawn): about the secret, not the person",
    "sign_in_device.id": "internal key",
    "sign_in_device.account_id": "the person themselves",
    "sign_in_device.token_hash": "a hash of a live credential",
    "role_assignment.id": "internal key",
    "role_assignment.account_id": "the person themselves",
    "role_assignment.granted_by": "another person's identity",
    "session.id": "a live credential's public half",
    "session.secret_hash": "a hash of a live credential",
    "session.account_id": "the person themselves",
    "invitation_code.id": "internal key",
    "invitation_code.batch_id": "internal key; the batch label is exported",
    "invitation_code.redeemed_by": "the person themselves",
    "invitation_code.revoked_at": "always null for a code they redeemed",
    "audit_event.id": "internal key",
    "audit_event.actor_account_id": "the person themselves",
    "audit_event.actor_role": "the role is in the roles list",
    "audit_event.epci_id": "the territory of the target, not about the person",
    "audit_event.detail": "describes the target of a staff action, not the person",
    "response.account_id": "the person themselves",
    "response.entered_by": "another person's identity: the staff member who typed a paper ballot",
    "response.voided_by": "another person's identity: the staff member who voided an entry",
    "response.confirmed_by": "only on tally sheets, which hold no person",
    "response.confirmed_at": "only on tally sheets, which hold no person",
    "answer.id": "internal key",
    "consultation_summary_signature.account_id": "the person themselves",
  };
  const PERSON_TABLES = ["account", "role_assignment", "session", "sign_in_device", "invitation_code", "audit_event", "response", "answer", "consultation_summary_signature"];
  const EXPORT_SECTIONS: Record<string, string> = {
    account: "account",
    role_assignment: "roles",
    session: "sessions",
    sign_in_device: "sign_in_devices",
    invitation_code: "invitation_codes",
    audit_event: "actions_as_staff_or_council",
    response: "responses",
    answer: "answers",
    consultation_summary_signature: "summary_signatures",
  };
  // References to an account outside the tables above: not exported, each for a reason.
  const NOT_EXPORTED_REFERENCES: Record<string, string> = {
    "account_token.account_id": "one-time credentials (reset links, recovery codes): hashes of secrets, short-lived",
    "account_token.created_by": "another person's identity: the staff member who issued a recovery code",
    "ballot_print_run.printed_by": "work done as staff, listed in the actions (audit) of the export",
    "tally_check.entered_by": "work done as staff (a tally sheet's second entry), listed in the actions (audit) of the export",
    "consultation.created_by": "work done as staff, listed in the actions (audit) of the export",
    "consultation_summary.updated_by": "work done as staff, listed in the actions (audit) of the export",
    "invitation_batch.created_by": "work done as staff, listed in the actions (audit) of the export",
    "role_invitation.created_by": "work done as staff or admin, listed in the actions (audit) of the export",
    "role_invitation.used_by": "the role it gave is in the roles list",
  };

  test("every reference to an account is in an exported table or set aside with a reason", async () => {
    const refs = await sql<{ ref: string; table_name: string }>`
      select tc.table_name || '.' || kcu.column_name as ref, tc.table_name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public' and ccu.table_name = 'account' and tc.table_name <> 'account'`.execute(t.db);
    assert.ok(refs.rows.length > 0);
    const unaccounted = refs.rows.filter((r) => !PERSON_TABLES.includes(r.table_name) && !NOT_EXPORTED_REFERENCES[r.ref]).map((r) => r.ref);
    assert.deepEqual(unaccounted, []);
  });

  test("every column about a person is exported or excluded with a reason", async () => {
    const id = (await t.db.selectFrom("account").select("id").where("identifier", "=", "conseil-beaumarais").executeTakeFirstOrThrow()).id;
    await t.db.insertInto("session").values({ id: "rgpd-test", account_id: id, secret_hash: new Uint8Array(32), persistent: true, expires_at: new Date(Date.now() + 1e6), user_agent: "Firefox" }).execute();
    await t.db.insertInto("sign_in_device").values({ account_id: id, token_hash: new Uint8Array(32), expires_at: new Date(Date.now() + 1e6) }).execute();
    await t.db.insertInto("audit_event").values({ actor_account_id: id, actor_role: "council_member", action: "test.action", target_type: "x", target_id: "1", epci_id: null, detail: "{}" }).execute();
    const { codes } = await newBatch(w.gagarine, 1);
    await t.db.updateTable("invitation_code").set({ redeemed_by: id, redeemed_at: new Date(), redeemed_territory_id: w.gagarine }).where("code", "=", codes[0]!).execute();
    const rid = await seedOneResponse(id);
    // A summary they co-signed for their council.
    const { consultation_id } = await t.db.selectFrom("response").select("consultation_id").where("id", "=", rid).executeTakeFirstOrThrow();
    await t.db.insertInto("consultation_summary").values({ consultation_id, said: "dit", next_steps: "fait" }).execute();
    await t.db.insertInto("consultation_summary_signature").values({ consultation_id, qpv_id: w.beauMarais, account_id: id }).execute();
    const data = (await exportPersonalData(t.db, id)) as unknown as Record<string, unknown>;
    const columns = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name = any(${PERSON_TABLES})`.execute(t.db);
    const missing: string[] = [];
    for (const { table_name, column_name } of columns.rows) {
      const key = `${table_name}.${column_name}`;
      if (EXCLUDED[key]) continue;
      const section = data[EXPORT_SECTIONS[table_name]!];
      const sample = Array.isArray(section) ? section[0] : section;
      if (!sample || !(column_name in (sample as object))) missing.push(key);
    }
    assert.deepEqual(missing, []);
  });

  test("after deletion no text column anywhere holds the person's name, e-mail or phone", async () => {
    const { id } = await t.db.insertInto("account").values({ display_name: "Zoubida Unique", email: "zoubida.unique@example.org", phone: "+33612345678", password_hash: "h", territory_id: w.gagarine, age_band: "40_59", gender: "femme" }).returning("id").executeTakeFirstOrThrow();
    await t.db.insertInto("rate_limit").values({ key: "login:account:zoubida.unique@example.org", hits: 2, window_start: new Date(), window_seconds: 900 }).execute();
    const rid = await seedOneResponse(id);
    await deleteAccount(t.db, id);
    const response = await t.db.selectFrom("response").selectAll().where("id", "=", rid).executeTakeFirstOrThrow();
    assert.deepEqual([response.territory_id, response.channel, response.age_band, response.gender, response.submitted_at, response.updated_at], [w.gagarine, "web", null, null, null, null], "the answer stays, with only its sous-secteur and channel");
    const textColumns = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb')`.execute(t.db);
    for (const { table_name, column_name } of textColumns.rows) {
      for (const needle of ["Zoubida Unique", "zoubida.unique@example.org", "+33612345678"]) {
        const hit = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)} where ${sql.ref(column_name)}::text ilike ${"%" + needle + "%"}`.execute(t.db);
        assert.equal(hit.rows[0]!.n, 0, `${table_name}.${column_name} still holds ${needle}`);
      }
    }
    const row = await t.db.selectFrom("account").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.territory_id, w.gagarine, "the sous-secteur stays for what was cast");
    assert.equal(row.age_band, null);
    assert.ok(row.deleted_at);
  });

  test("npm run purge enforces each stated duration", async () => {
    const acc = (await t.db.selectFrom("account").select("id").where("identifier", "=", "gagarine-0001").executeTakeFirstOrThrow()).id;
    await t.db.insertInto("session").values({ id: "old-session", account_id: acc, secret_hash: new Uint8Array(32), persistent: true, expires_at: new Date(Date.now() - 1000) }).execute();
    const device = (n: number, expires: Date) => t.db.insertInto("sign_in_device").values({ account_id: acc, token_hash: new Uint8Array(32).fill(n), expires_at: expires }).returning("id").executeTakeFirstOrThrow();
    const { id: oldDevice } = await device(1, new Date(Date.now() - 1000));
    const { id: liveDevice } = await device(2, new Date(Date.now() + 364 * 24 * 3600_000));
    await t.db.insertInto("rate_limit").values({ key: "old-limit", hits: 9, window_start: new Date(Date.now() - 3 * 24 * 3600_000), window_seconds: 60 }).execute();
    await t.db.insertInto("rate_limit").values({ key: "fresh-limit", hits: 1, window_start: new Date(), window_seconds: 60 }).execute();
    const { batchId } = await newBatch(w.gagarine, 2);
    await t.db.updateTable("invitation_batch").set({ expires_at: new Date(Date.now() - 91 * 24 * 3600_000) }).where("id", "=", batchId).execute();
    const { id: unverified } = await t.db.insertInto("account").values({ email: "old@example.org", password_hash: "h", created_at: new Date(Date.now() - 400 * 24 * 3600_000) }).returning("id").executeTakeFirstOrThrow();
    const { id: recent } = await t.db.insertInto("account").values({ email: "new@example.org", password_hash: "h" }).returning("id").executeTakeFirstOrThrow();
    const report = await purge(t.db);
    assert.ok(report.sessions >= 1 && report.devices >= 1 && report.rateLimits >= 1 && report.expiredCodes === 2 && report.unverifiedAccounts === 1, JSON.stringify(report));
    assert.deepEqual((await t.db.selectFrom("sign_in_device").select("id").where("id", "in", [oldDevice, liveDevice]).execute()).map((d) => d.id), [liveDevice], "an expired device row goes, a live one stays");
    assert.equal(await t.db.selectFrom("session").select("id").where("id", "=", "old-session").executeTakeFirst(), undefined);
    assert.ok(await t.db.selectFrom("rate_limit").select("key").where("key", "=", "fresh-limit").executeTakeFirst());
    assert.ok((await t.db.selectFrom("account").select("deleted_at").where("id", "=", unverified).executeTakeFirstOrThrow()).deleted_at);
    assert.equal((await t.db.selectFrom("account").select("deleted_at").where("id", "=", recent).executeTakeFirstOrThrow()).deleted_at, null);
  });
});
