// The other ways in, against a real PostgreSQL.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../../db/testing.js";
import { buildTestWorld, FIXTURE_FILE } from "../../../db/seed/test-world.js";
import { createSession, validateSessionToken } from "../../auth/session.server.js";
import { importContractAsStaff } from "../contract/upload.server.js";
import { authenticate } from "./mutations.server.js";
import { checkPin } from "./rules.js";
import { rememberDevice } from "./sign-in.server.js";
import {
  acceptRoleInvitation,
  issueRecoveryCode,
  issueRoleInvitation,
  normalizePhone,
  recoverWithCode,
  requestPasswordReset,
  resetPassword,
  signUp,
  under15CanPost,
  verifyResident,
} from "./ways-in.server.js";

let t: TestDatabase;
let w: Awaited<ReturnType<typeof buildTestWorld>>;
before(async () => {
  t = await createTestDatabase();
  w = await buildTestWorld(t.db);
});
after(async () => {
  await t?.drop();
});

test("phone numbers are kept in one form", () => {
  assert.equal(normalizePhone("06 12 34 56 78"), "+33612345678");
  assert.equal(normalizePhone("06.12.34.56.78"), "+33612345678");
  assert.equal(normalizePhone("0033612345678"), "+33612345678");
  assert.equal(normalizePhone("+212 6 12 34 56 78"), "+212612345678");
  assert.equal(normalizePhone("12"), null);
});

describe("sign-up and verification", () => {
  test("an e-mail sign-up is unverified until staff verify it; the contact is unique", async () => {
    const r = await signUp(t.db, { contact: { email: "karim@example.org" }, password: "un-long-mot-de-passe", displayName: "Karim", territoryId: w.gagarine, ageBand: "18_24", gender: null });
    assert.ok(r.ok);
    assert.equal((await t.db.selectFrom("account").select("verified_at").where("id", "=", r.value.accountId).executeTakeFirstOrThrow()).verified_at, null);
    assert.deepEqual(await signUp(t.db, { contact: { email: "karim@example.org" }, password: "x".repeat(12), displayName: "K", territoryId: w.gagarine, ageBand: null, gender: null }), { ok: false, error: "contactTaken" });
    assert.deepEqual(await authenticate(t.db, "KARIM@example.org", "un-long-mot-de-passe"), { accountId: r.value.accountId });
    assert.deepEqual(await verifyResident(t.db, w.otherStaff, r.value.accountId), { ok: false, error: "forbidden" });
    assert.deepEqual(await verifyResident(t.db, w.staff, r.value.accountId), { ok: true, value: null });
    assert.ok((await t.db.selectFrom("account").select("verified_at").where("id", "=", r.value.accountId).executeTakeFirstOrThrow()).verified_at);
    const audit = await t.db.selectFrom("audit_event").select(["action", "actor_account_id"]).where("target_id", "=", String(r.value.accountId)).execute();
    assert.deepEqual(audit, [{ action: "account.verify", actor_account_id: w.staff.accountId }]);
  });

  test("a resident belongs to a sous-secteur, a QPV without sous-secteurs or a secteur de vigilance — not a QPV that has them", async () => {
    const r = await signUp(t.db, { contact: { phone: "+33600000001" }, password: "x".repeat(12), displayName: "P", territoryId: w.beauMarais, ageBand: null, gender: null });
    assert.deepEqual(r, { ok: false, error: "badTerritory" });
    assert.ok((await signUp(t.db, { contact: { phone: "+33600000001" }, password: "x".repeat(12), displayName: "P", territoryId: w.epis, ageBand: null, gender: null })).ok);
  });
});

describe("lost PIN at a desk", () => {
  test("a recovery code gives the same account a drawn PIN, once, and ends its sessions and known devices", async () => {
    const resident = (await t.db.selectFrom("account").select("id").where("identifier", "=", "gagarine-0001").executeTakeFirstOrThrow()).id;
    const { token } = await createSession(t.db, resident, { persistent: true });
    await rememberDevice(t.db, resident, null);
    const before = Number((await t.db.selectFrom("account").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const issued = await issueRecoveryCode(t.db, w.staff, resident);
    assert.ok(issued.ok);
    assert.deepEqual(await recoverWithCode(t.db, { identifier: "gagarine-0001", code: "ABCD-EFGH-JK" }), { ok: false, error: "invalid" });
    const recovered = await recoverWithCode(t.db, { identifier: "gagarine-0001", code: issued.value.code.toLowerCase() });
    assert.ok(recovered.ok && recovered.value.accountId === resident);
    assert.equal(checkPin(recovered.value.pin), null, "the new PIN is drawn among the allowed ones");
    assert.deepEqual(await authenticate(t.db, "gagarine-0001", recovered.value.pin), { accountId: resident });
    assert.equal(await authenticate(t.db, "gagarine-0001", "482913"), null, "the old PIN no longer works");
    assert.equal(await validateSessionToken(t.db, token), null, "old sessions end");
    assert.equal((await t.db.selectFrom("sign_in_device").select("id").where("account_id", "=", resident).execute()).length, 0, "known devices are forgotten");
    assert.deepEqual(await recoverWithCode(t.db, { identifier: "gagarine-0001", code: issued.value.code }), { ok: false, error: "invalid" }, "once only");
    const after = Number((await t.db.selectFrom("account").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    assert.equal(after, before, "never a second account");
    assert.ok(await t.db.selectFrom("audit_event").select("id").where("action", "=", "account.issue_recovery").where("target_id", "=", String(resident)).executeTakeFirst());
    assert.deepEqual(await issueRecoveryCode(t.db, w.otherStaff, resident), { ok: false, error: "forbidden" });
  });
});

describe("password reset by mail", () => {
  test("the link goes to the outbox, works once, and ends every session", async () => {
    const r = await signUp(t.db, { contact: { email: "lina@example.org" }, password: "ancien-mot-de-passe", displayName: "Lina", territoryId: w.gagarine, ageBand: null, gender: null });
    assert.ok(r.ok);
    const { token: session } = await createSession(t.db, r.value.accountId, { persistent: true });
    await requestPasswordReset(t.db, "nobody@example.org", "http://localhost:3000");
    await requestPasswordReset(t.db, "Lina@Example.org", "http://localhost:3000");
    const mails = await t.db.selectFrom("mail_outbox").selectAll().execute();
    assert.deepEqual(mails.map((m) => m.recipient), ["Lina@Example.org"]);
    const link = mails[0]!.body.match(/http:\/\/localhost:3000\/mot-de-passe\/([a-z2-7]+)/)![1]!;
    assert.deepEqual(await resetPassword(t.db, link, "nouveau-mot-de-passe"), { ok: true, value: { accountId: r.value.accountId } });
    assert.deepEqual(await resetPassword(t.db, link, "encore-un-autre"), { ok: false, error: "invalid" });
    assert.deepEqual(await authenticate(t.db, "lina@example.org", "nouveau-mot-de-passe"), { accountId: r.value.accountId });
    assert.equal(await validateSessionToken(t.db, session), null);
  });
});

describe("invitation links", () => {
  test("staff invite a council member of their EPCI; the link grants the role once", async () => {
    const inv = await issueRoleInvitation(t.db, w.staff, { role: "council_member", territoryId: w.beauMarais, college: "associations", note: null });
    assert.ok(inv.ok);
    assert.deepEqual(await issueRoleInvitation(t.db, w.otherStaff, { role: "moderator", territoryId: w.beauMarais, college: null, note: null }), { ok: false, error: "forbidden" });
    assert.deepEqual(await issueRoleInvitation(t.db, w.staff, { role: "staff", territoryId: w.beauMarais, college: null, note: null }), { ok: false, error: "forbidden" });
    const accepted = await acceptRoleInvitation(t.db, inv.value.token, { identifier: "nadia.cc", displayName: "Nadia", password: "mot-de-passe-nadia" });
    assert.ok(accepted.ok);
    const roles = await t.db.selectFrom("role_assignment").select(["role", "territory_id", "college"]).where("account_id", "=", accepted.value.accountId).execute();
    assert.deepEqual(roles, [{ role: "council_member", territory_id: w.beauMarais, college: "associations" }]);
    assert.deepEqual(await acceptRoleInvitation(t.db, inv.value.token, { identifier: "autre", displayName: "X", password: "x".repeat(12) }), { ok: false, error: "invalid" });
  });

  test("a taken identifier leaves the invitation usable", async () => {
    const inv = await issueRoleInvitation(t.db, w.staff, { role: "moderator", territoryId: w.fortNieulay, college: null, note: null });
    assert.ok(inv.ok);
    assert.deepEqual(await acceptRoleInvitation(t.db, inv.value.token, { identifier: "agent-calais", displayName: "X", password: "x".repeat(12) }), { ok: false, error: "identifierTaken" });
    assert.ok((await acceptRoleInvitation(t.db, inv.value.token, { identifier: "modo.fn", displayName: "Y", password: "y".repeat(12) })).ok);
  });
});

describe("the two-person rule cannot be met alone", () => {
  test("staff cannot invite staff (so no second account of their own, and no chain of them); an admin can, and an older staff-issued staff link is void", async () => {
    const { loadViewer } = await import("../../auth/guard.server.js");
    const calaisEpci = (await t.db.selectFrom("territory").select("id").where("code", "=", "ca-grand-calais-terres-et-mers").where("kind", "=", "epci").executeTakeFirstOrThrow()).id;
    // A invites B: refused, so B never exists and cannot invite C either (the two-hop case).
    assert.deepEqual(await issueRoleInvitation(t.db, w.staff, { role: "staff", territoryId: calaisEpci, college: null, note: "mon second compte" }), { ok: false, error: "forbidden" });
    // A link a staff member issued before this rule (written as the old code did) grants nothing.
    const { hashToken } = await import("./ways-in.server.js");
    const oldToken = "ancienlienagentcalais0000";
    await t.db.insertInto("role_invitation").values({ token_hash: hashToken(oldToken), role: "staff", territory_id: calaisEpci, college: null, note: null, created_by: w.staff.accountId, expires_at: new Date(Date.now() + 3600_000) }).execute();
    assert.deepEqual(await acceptRoleInvitation(t.db, oldToken, { identifier: "agent-calais-bis", displayName: "Moi encore", password: "mot-de-passe-bis" }), { ok: false, error: "invalid" });
    assert.equal(await t.db.selectFrom("account").select("id").where("identifier", "=", "agent-calais-bis").executeTakeFirst(), undefined);
    // An admin invites staff, and the link works.
    const { id: adminId } = await t.db.insertInto("account").values({ identifier: "admin-test", display_name: "Admin", password_hash: "x", verified_at: new Date() }).returning("id").executeTakeFirstOrThrow();
    await t.db.insertInto("role_assignment").values({ account_id: adminId, role: "admin", territory_id: null, college: null }).execute();
    const admin = (await loadViewer(t.db, { id: "t", accountId: adminId, persistent: true }))!;
    const inv = await issueRoleInvitation(t.db, admin, { role: "staff", territoryId: calaisEpci, college: null, note: null });
    assert.ok(inv.ok);
    const accepted = await acceptRoleInvitation(t.db, inv.value.token, { identifier: "agent-nouveau", displayName: "Nouvel agent", password: "mot-de-passe-nouveau" });
    assert.ok(accepted.ok);
    const roles = await t.db.selectFrom("role_assignment").select(["role", "granted_by"]).where("account_id", "=", accepted.value.accountId).execute();
    assert.deepEqual(roles, [{ role: "staff", granted_by: adminId }]);
  });
});

describe("settings and contract upload", () => {
  test("under-15s may not post in debates until staff say so", async () => {
    const epci = (await t.db.selectFrom("territory").select("id").where("code", "=", "ca-grand-calais-terres-et-mers").executeTakeFirstOrThrow()).id;
    assert.equal(await under15CanPost(t.db, epci), false);
  });

  test("staff upload contracts of their own EPCI only, audited", async () => {
    const raw = readFileSync(FIXTURE_FILE, "utf8");
    const refused = await importContractAsStaff(t.db, w.staff, raw, "scarpe.json");
    assert.equal(refused.ok, false);
    assert.ok("forbidden" in refused);
    const ok = await importContractAsStaff(t.db, w.otherStaff, raw, "scarpe.json");
    assert.ok(ok.ok && !ok.created);
    assert.ok(await t.db.selectFrom("audit_event").select("id").where("action", "=", "contract.reimport").where("actor_account_id", "=", w.otherStaff.accountId).executeTakeFirst());
    const broken = await importContractAsStaff(t.db, w.otherStaff, "{", "broken.json");
    assert.equal(broken.ok, false);
  });
});
