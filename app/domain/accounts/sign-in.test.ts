// PIN guessing and lockouts (decision 0018), against a real PostgreSQL. Windows are moved by
// back-dating rate_limit rows, never by waiting; argon2 is counted, never timed.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { sql } from "kysely";
import { createTestDatabase, type TestDatabase } from "../../../db/testing.js";
import { argon2Checks, hashSecret } from "../../auth/password.server.js";
import { LIMITS } from "../limits/rate-limit.server.js";
import { PLATFORM_KEY, accountKeys, authenticate, deviceKeys, rememberDevice, signIn, type SignInResult } from "./sign-in.server.js";

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t?.drop();
});
beforeEach(async () => {
  await t.db.deleteFrom("rate_limit").execute();
  await t.db.deleteFrom("audit_event").execute();
  await t.db.deleteFrom("mail_outbox").execute();
});

const PIN = "381946";
const WRONG = "735163";
let n = 0;
/** A resident with an identifier, an e-mail and a phone, and the PIN above. */
async function resident(extra: { pin_chosen?: boolean } = {}) {
  n++;
  const identifier = `essai-${String(n).padStart(4, "0")}`;
  const { id } = await t.db
    .insertInto("account")
    .values({ identifier, email: `Essai.${n}@Example.org`, phone: `+3361234${String(n).padStart(4, "0")}`, pin_hash: await hashSecret(PIN), display_name: identifier, verified_at: new Date(), ...extra })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, identifier, email: `essai.${n}@example.org`, nationalPhone: `06 12 34 ${String(n).padStart(4, "0").replace(/(..)(..)/, "$1 $2")}` };
}

let ipCounter = 0;
/** Each attempt from its own address unless told: the attacker of the defect report has many. */
const attempt = (login: string, secret: string, options: { device?: string | null; ip?: string } = {}) =>
  signIn(t.db, { login, secret, deviceToken: options.device ?? null, clientIp: options.ip ?? `203.0.113.${++ipCounter % 250}` });

/** The result, and how many argon2 checks it cost. */
async function costed(run: () => Promise<SignInResult>): Promise<{ result: SignInResult; argon2: number }> {
  const before = argon2Checks.count;
  const result = await run();
  return { result, argon2: argon2Checks.count - before };
}

const hits = async (key: string) => (await t.db.selectFrom("rate_limit").select("hits").where("key", "=", key).executeTakeFirst())?.hits ?? 0;
/** Moves a counter's window into the past, as if that much time had gone by. */
const backDate = (key: string, seconds: number) =>
  t.db
    .updateTable("rate_limit")
    .set({ window_start: sql<Date>`window_start - make_interval(secs => ${seconds})` })
    .where("key", "=", key)
    .execute();
/** A platform that already counted this many failures today. */
const platformAt = (failures: number) =>
  t.db
    .insertInto("rate_limit")
    .values({ key: PLATFORM_KEY, hits: failures, window_start: sql<Date>`date_trunc('day', now() at time zone 'Europe/Paris') at time zone 'Europe/Paris'`, window_seconds: 86400 })
    .onConflict((oc) => oc.column("key").doUpdateSet({ hits: failures }))
    .execute();
const DAY = 24 * 3600;
const refusalOf = (r: SignInResult) => (r.ok ? null : r.refusal);

/** The owner signs in once on their phone, which is then a known device. */
async function ownerDevice(account: { id: number; identifier: string }) {
  const first = await attempt(account.identifier, PIN);
  assert.ok(first.ok);
  return rememberDevice(t.db, account.id, null);
}

describe("one budget per account, from unknown devices", () => {
  test("identifier, e-mail and phone share one budget of 5 failures a day", async () => {
    const a = await resident();
    for (const login of [a.identifier, a.identifier.toUpperCase(), a.email.toUpperCase(), ` ${a.email} `, a.nationalPhone]) assert.deepEqual(await attempt(login, WRONG), { ok: false, refusal: "wrong", retryAfterSeconds: null }, login);
    assert.equal(await hits(accountKeys(`a${a.id}`).day), 5);
    for (const login of [a.identifier, a.email, `+3361234${a.identifier.slice(-4)}`]) {
      const { result, argon2 } = await costed(() => attempt(login, PIN));
      assert.equal(result.ok, false, login);
      assert.equal(!result.ok && result.refusal, "accountLimited", login);
      assert.ok(!result.ok && result.retryAfterSeconds! > 0 && result.retryAfterSeconds! <= 25 * 3600, "until midnight in Paris");
      assert.equal(argon2, 0, "a refused attempt never runs argon2");
    }
  });

  test("a day's window passes (back-dated), but 20 failures in 30 days still refuse; then 30 days pass", async () => {
    const a = await resident();
    const keys = accountKeys(`a${a.id}`);
    for (let day = 0; day < 4; day++) {
      for (let i = 0; i < LIMITS.signInPerAccountDay.max; i++) assert.equal(refusalOf(await attempt(a.identifier, WRONG)), "wrong");
      assert.equal(refusalOf(await attempt(a.identifier, WRONG)), "accountLimited");
      await backDate(keys.day, DAY + 3600);
    }
    assert.equal(await hits(keys.month), 20);
    const { result, argon2 } = await costed(() => attempt(a.identifier, PIN));
    assert.equal(!result.ok && result.refusal, "accountLimited", "the 30-day budget is spent");
    assert.ok(!result.ok && result.retryAfterSeconds! > 25 * DAY, "about 30 days to wait");
    assert.equal(argon2, 0);
    await backDate(keys.month, 31 * DAY);
    assert.equal((await attempt(a.identifier, PIN)).ok, true);
  });

  test("a success gives its slot back: failures only are counted", async () => {
    const a = await resident();
    for (let i = 0; i < 4; i++) await attempt(a.identifier, WRONG);
    assert.equal((await attempt(a.email, PIN)).ok, true);
    assert.equal(await hits(accountKeys(`a${a.id}`).day), 4);
    assert.equal(refusalOf(await attempt(a.identifier, WRONG)), "wrong");
    assert.equal(refusalOf(await attempt(a.identifier, PIN)), "accountLimited", "the fifth failure was the last one");
  });

  test("20 attempts at once take exactly the 5 slots: 5 argon2 checks, 15 refusals", async () => {
    const a = await resident();
    const before = argon2Checks.count;
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(a.identifier, WRONG)));
    assert.equal(results.filter((r) => !r.ok && r.refusal === "wrong").length, 5);
    assert.equal(results.filter((r) => !r.ok && r.refusal === "accountLimited").length, 15);
    assert.equal(argon2Checks.count - before, 5);
  });
});

describe("a known device", () => {
  test("five failures from an unknown device do not block the owner's device, and an attack on the account does not either", async () => {
    const a = await resident();
    const phone = await ownerDevice(a);
    for (let i = 0; i < 5; i++) await attempt(a.identifier, WRONG);
    assert.equal(refusalOf(await attempt(a.identifier, PIN)), "accountLimited", "an unknown device is refused now");
    const { result, argon2 } = await costed(() => attempt(a.identifier, PIN, { device: phone }));
    assert.deepEqual(result, { ok: true, accountId: a.id, newPin: null });
    assert.equal(argon2, 1);
    // The attack goes on: the 30-day budget spent too; the phone still gets in.
    for (let day = 0; day < 4; day++) {
      await backDate(accountKeys(`a${a.id}`).day, DAY + 60);
      for (let i = 0; i < 5; i++) await attempt(a.email, WRONG);
    }
    assert.equal(await hits(accountKeys(`a${a.id}`).month), 20);
    assert.equal((await attempt(a.identifier, PIN, { device: phone })).ok, true);
  });

  test("a known device is limited on its own: 5 failures per 15 minutes, which leave the account's other budget alone", async () => {
    const a = await resident();
    const phone = await ownerDevice(a);
    const deviceId = (await t.db.selectFrom("sign_in_device").select("id").where("account_id", "=", a.id).executeTakeFirstOrThrow()).id;
    for (let i = 0; i < 5; i++) assert.equal(refusalOf(await attempt(a.identifier, WRONG, { device: phone })), "wrong");
    const { result, argon2 } = await costed(() => attempt(a.identifier, PIN, { device: phone }));
    assert.equal(!result.ok && result.refusal, "deviceLimited");
    assert.ok(!result.ok && result.retryAfterSeconds! <= 15 * 60);
    assert.equal(argon2, 0);
    assert.equal(await hits(accountKeys(`a${a.id}`).day), 0, "the unknown-device budget is untouched");
    assert.equal((await attempt(a.identifier, PIN)).ok, true, "another device still may try");
    await backDate(deviceKeys(deviceId).quarter, 16 * 60);
    assert.equal((await attempt(a.identifier, PIN, { device: phone })).ok, true);
  });

  test("a device is known for the account it signed in to, not for another one", async () => {
    const a = await resident();
    const b = await resident();
    const phone = await ownerDevice(a);
    for (let i = 0; i < 5; i++) await attempt(b.identifier, WRONG, { device: phone });
    assert.equal(await hits(accountKeys(`a${b.id}`).day), 5, "on b, a's phone is an unknown device");
  });

  test("the cookie's value changes at each sign-in, and the other accounts of the device follow; a value planted before is worth nothing", async () => {
    const a = await resident();
    const b = await resident();
    const planted = await rememberDevice(t.db, a.id, null); // a's own device, say the attacker's
    const afterB = await rememberDevice(t.db, b.id, planted); // b signs in on a device carrying it
    assert.notEqual(afterB, planted);
    for (let i = 0; i < 5; i++) await attempt(b.identifier, WRONG, { device: planted });
    assert.equal(await hits(accountKeys(`a${b.id}`).day), 5, "the planted value is not a known device of b");
    assert.equal((await attempt(a.identifier, PIN, { device: afterB })).ok, true);
    assert.equal(await hits(accountKeys(`a${a.id}`).day), 0, "a's row moved to the new value: known there");
  });

  test("a device expires a year after its last sign-in", async () => {
    const a = await resident();
    const phone = await ownerDevice(a);
    await t.db.updateTable("sign_in_device").set({ expires_at: sql<Date>`now() - interval '1 second'` }).where("account_id", "=", a.id).execute();
    await attempt(a.identifier, WRONG, { device: phone });
    assert.equal(await hits(accountKeys(`a${a.id}`).day), 1, "counted as an unknown device");
  });
});

describe("the whole platform", () => {
  test("past 200 failures a day, unknown devices wait for midnight, admins are told once; known devices keep working", async () => {
    const a = await resident();
    const phone = await ownerDevice(a);
    const { id: admin } = await t.db.insertInto("account").values({ identifier: "admin-essai", email: "admin@example.org", password_hash: "h", verified_at: new Date() }).returning("id").executeTakeFirstOrThrow();
    await t.db.insertInto("role_assignment").values({ account_id: admin, role: "admin", territory_id: null, college: null }).execute();
    const { id: admin2 } = await t.db.insertInto("account").values({ identifier: "admin-sans-mail", password_hash: "h", verified_at: new Date() }).returning("id").executeTakeFirstOrThrow();
    await t.db.insertInto("role_assignment").values({ account_id: admin2, role: "admin", territory_id: null, college: null }).execute();
    await platformAt(LIMITS.signInPlatformDay.max - 1);
    const other = await resident();
    assert.equal(refusalOf(await attempt(other.identifier, WRONG)), "wrong", "the 200th failure");
    assert.equal(await hits(PLATFORM_KEY), 200);
    for (const login of [other.identifier, a.identifier, "nobody-0000"]) {
      const { result, argon2 } = await costed(() => attempt(login, PIN));
      assert.equal(!result.ok && result.refusal, "paused", login);
      assert.ok(!result.ok && result.retryAfterSeconds! <= 25 * 3600, "until midnight in Paris");
      assert.equal(argon2, 0);
    }
    const alerts = await t.db.selectFrom("audit_event").select(["action", "actor_role", "actor_account_id"]).where("action", "=", "login.platform_pause").execute();
    assert.deepEqual(alerts, [{ action: "login.platform_pause", actor_role: "system", actor_account_id: null }], "one record a day, not one per attempt");
    const mails = await t.db.selectFrom("mail_outbox").select(["recipient", "subject"]).execute();
    assert.deepEqual(mails.map((m) => m.recipient), ["admin@example.org"], "one mail to each admin with an e-mail");
    assert.match(mails[0]!.subject, /suspendues jusqu'à minuit/);
    const { result } = await costed(() => attempt(a.identifier, PIN, { device: phone }));
    assert.deepEqual(result, { ok: true, accountId: a.id, newPin: null }, "the owner's phone gets in during the pause");
    // The next day (the window back-dated), new devices may try again, and a new pause would be told again.
    await backDate(PLATFORM_KEY, DAY + 60);
    await backDate("login:platform-alert", DAY + 60);
    assert.equal((await attempt(other.email, PIN)).ok, true);
  });

  test("a login that names no account takes the same steps: its own budget, the IP and the platform counted, argon2 on a stand-in", async () => {
    const real = await resident();
    const ip = "192.0.2.77";
    const platformBefore = await hits(PLATFORM_KEY);
    const outcomes: { real: unknown[]; none: unknown[] } = { real: [], none: [] };
    for (let i = 0; i < 6; i++) {
      outcomes.real.push(await costed(() => attempt(real.identifier, WRONG, { ip })));
      outcomes.none.push(await costed(() => attempt("personne-9999", WRONG, { ip })));
    }
    assert.deepEqual(
      outcomes.none.map((o) => JSON.stringify(o).replace(/"retryAfterSeconds":\d+/, "")),
      outcomes.real.map((o) => JSON.stringify(o).replace(/"retryAfterSeconds":\d+/, "")),
      "the same answers and the same argon2 count: nothing tells whether the account exists",
    );
    assert.equal(await hits(PLATFORM_KEY), platformBefore + 10);
    assert.equal(await hits(`login:ip:${ip}`), 12);
    assert.equal(await authenticate(t.db, "personne-9999", WRONG), null);
  });

  test("an IP over 100 tries a minute is refused before argon2; a known device on the same IP is not", async () => {
    const a = await resident();
    const phone = await ownerDevice(a);
    const ip = "192.0.2.100";
    await t.db.insertInto("rate_limit").values({ key: `login:ip:${ip}`, hits: LIMITS.perIp.max, window_start: new Date(), window_seconds: 60 }).execute();
    const { result, argon2 } = await costed(() => attempt(a.identifier, PIN, { ip }));
    assert.equal(!result.ok && result.refusal, "networkLimited");
    assert.equal(argon2, 0);
    assert.equal((await attempt(a.identifier, PIN, { ip, device: phone })).ok, true);
    await backDate(`login:ip:${ip}`, 61);
    assert.equal((await attempt(a.identifier, PIN, { ip })).ok, true);
  });
});

describe("PINs", () => {
  test("a weak PIN is refused before anything is looked up or counted, and never hashed", async () => {
    const a = await resident();
    for (const weak of ["123456", "150387", "147258", "112233", "١٢٣٤٥٦"]) {
      const { result, argon2 } = await costed(() => attempt(a.identifier, weak));
      assert.deepEqual(result, { ok: false, refusal: "weakPin", retryAfterSeconds: null }, weak);
      assert.equal(argon2, 0);
    }
    assert.equal(await hits(accountKeys(`a${a.id}`).day), 0);
  });

  test("a PIN the resident chose before decision 0018 is replaced by a drawn one at the next sign-in", async () => {
    const a = await resident({ pin_chosen: true });
    const r = await attempt(a.identifier, PIN);
    assert.ok(r.ok && r.newPin);
    assert.notEqual(r.newPin, PIN);
    assert.equal(await authenticate(t.db, a.identifier, PIN), null, "the chosen PIN no longer works");
    assert.deepEqual(await authenticate(t.db, a.identifier, r.newPin), { accountId: a.id });
    assert.equal((await t.db.selectFrom("account").select("pin_chosen").where("id", "=", a.id).executeTakeFirstOrThrow()).pin_chosen, false);
    const again = await attempt(a.identifier, r.newPin);
    assert.deepEqual(again, { ok: true, accountId: a.id, newPin: null }, "a drawn PIN is kept");
  });
});
