// PIN guessing and lockouts (decision 0018) through the real server: POST /connexion with
// and without the device cookie, the pages' messages, a drawn PIN after a code or a recovery.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { accountId, territory, viewerOf } from "../../../db/seed/test-world.js";
import { serverOnTestDatabase } from "../../../server/testing.js";
import { createInvitationBatch } from "./mutations.server.js";
import { PLATFORM_KEY } from "./sign-in.server.js";
import { issueRecoveryCode } from "./ways-in.server.js";

const ctx = serverOnTestDatabase({ LOG_LEVEL: "warn" });
const fr = JSON.parse(readFileSync(new URL("../../../public/locales/fr/common.json", import.meta.url), "utf8")) as Record<string, Record<string, string>>;

const post = (path: string, fields: Record<string, string>, cookie?: string | null) =>
  fetch(`${ctx.server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ctx.server.url, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
const logIn = (login: string, secret: string, cookie?: string | null) => post("/connexion", { login, secret }, cookie);
/** The page's text as a person reads it (entities decoded). */
const page = async (res: Response) =>
  (await res.text()).replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
const setCookie = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
/** The `pq_device=…` pair a response set, to send back as a browser would. */
const deviceOf = (res: Response) => setCookie(res, "pq_device")?.split(";")[0] ?? null;

describe("POST /connexion", () => {
  test("a sign-in leaves a device cookie (HttpOnly, SameSite=Lax, a year); failures from elsewhere do not block that device", async () => {
    const first = await logIn("gagarine-0001", "482913");
    assert.equal(first.status, 302);
    const cookie = setCookie(first, "pq_device")!;
    assert.match(cookie, /^pq_device=[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=31536000$/);
    assert.ok(setCookie(first, "pq_session"));
    const stored = await ctx.t.db.selectFrom("sign_in_device").select("token_hash").where("account_id", "=", await accountId(ctx.t.db, "gagarine-0001")).execute();
    assert.equal(stored.length, 1);
    assert.ok(!Buffer.from(stored[0]!.token_hash).toString("latin1").includes(cookie.slice(10, 42)), "only a hash is stored");

    for (let i = 0; i < 5; i++) {
      const wrong = await logIn("gagarine-0001", "482914");
      assert.equal(wrong.status, 400);
      assert.ok((await page(wrong)).includes(fr.login!.wrong!));
    }
    const blocked = await logIn("gagarine-0001", "482913");
    assert.equal(blocked.status, 429, "an unknown device waits, even with the right PIN");
    const text = await page(blocked);
    assert.ok(text.includes(fr.login!.accountLimited!));
    assert.match(text, /Vous pourrez réessayer dans \d+ (heures?|minutes?)\./);

    const owner = await logIn("gagarine-0001", "482913", deviceOf(first));
    assert.equal(owner.status, 302, "the owner's device gets in");
    assert.notEqual(deviceOf(owner), deviceOf(first), "the device cookie's value changes at each sign-in");
    assert.equal((await logIn("gagarine-0001", "482913", deviceOf(owner))).status, 302);
  });

  test("during the platform-wide pause new devices are told to wait for midnight, and a known device gets in", async () => {
    const device = deviceOf(await logIn("constantine-0002", "735164"));
    assert.ok(device);
    await sql`insert into rate_limit (key, hits, window_start, window_seconds) values (${PLATFORM_KEY}, 200, now(), 3600)
              on conflict (key) do update set hits = 200, window_start = now(), window_seconds = 3600`.execute(ctx.t.db);
    const paused = await logIn("constantine-0002", "735164");
    assert.equal(paused.status, 429);
    assert.ok((await page(paused)).includes(fr.login!.paused!));
    const unknown = await logIn("personne-0000", "735164");
    assert.equal(unknown.status, 429, "the same for a login that names no account");
    assert.ok((await page(unknown)).includes(fr.login!.paused!));
    assert.equal((await logIn("constantine-0002", "735164", device)).status, 302);
    assert.equal((await ctx.t.db.selectFrom("audit_event").select("id").where("action", "=", "login.platform_pause").execute()).length, 1);
    await ctx.t.db.deleteFrom("rate_limit").where("key", "=", PLATFORM_KEY).execute();
  });

  test("a weak PIN gets its own message, whether or not the account exists", async () => {
    for (const login of ["constantine-0002", "personne-0001"]) {
      const res = await logIn(login, "123456");
      assert.equal(res.status, 400);
      assert.ok((await page(res)).includes(fr.login!.weakPin!), login);
    }
  });

  test("the messages read in English and Arabic too", async () => {
    for (const [lng, words] of [["en", "Too many failed attempts"], ["ar", "فشلت محاولات كثيرة جداً"]] as const) {
      const res = await post(`/connexion?lng=${lng}`, { login: "gagarine-0001", secret: "482913" });
      assert.equal(res.status, 429);
      assert.ok((await page(res)).includes(words), lng);
    }
  });
});

describe("drawn PINs", () => {
  test("a redeemed code shows the identifier and a drawn PIN once, uncached; they then sign in; a recovery at a desk draws a new one", async () => {
    const staff = await viewerOf(ctx.t.db, "agent-calais");
    const batch = await createInvitationBatch(ctx.t.db, staff, { territoryId: await territory(ctx.t.db, "bm-gagarine"), label: "Essai", size: 1, expiresAt: new Date(Date.now() + 86400_000), helpText: "Accueil" });
    assert.ok(batch.ok);
    const { code } = await ctx.t.db.selectFrom("invitation_code").select("code").where("batch_id", "=", batch.value.batchId).executeTakeFirstOrThrow();
    const redeemed = await post("/code", { code, displayName: "Samira", secretKind: "pin", ageBand: "", gender: "" });
    assert.equal(redeemed.status, 200);
    assert.equal(redeemed.headers.get("cache-control"), "no-store");
    assert.ok(setCookie(redeemed, "pq_session") && setCookie(redeemed, "pq_device"));
    const html = await page(redeemed);
    const identifier = html.match(/id="new-identifier">([^<]+)</)?.[1];
    const pin = html.match(/id="new-pin"[^>]*>(\d{6})</)?.[1];
    assert.match(identifier ?? "", /^gagarine-\d{4}$/);
    assert.ok(pin, "the drawn PIN is on the page");
    assert.ok(html.includes(fr.newPin!.writeDown!));
    assert.equal((await logIn(identifier!, pin!)).status, 302, "the drawn PIN signs in");

    const recovery = await issueRecoveryCode(ctx.t.db, staff, await accountId(ctx.t.db, identifier!));
    assert.ok(recovery.ok);
    const recovered = await post("/recuperation", { identifier: identifier!, code: recovery.value.code });
    assert.equal(recovered.status, 200);
    assert.ok(setCookie(recovered, "pq_session") && setCookie(recovered, "pq_device"), "the recovering device is signed in");
    const newPin = (await page(recovered)).match(/id="new-pin"[^>]*>(\d{6})</)?.[1];
    assert.ok(newPin);
    assert.equal((await logIn(identifier!, pin!)).status, 400, "the old PIN no longer works");
    assert.equal((await logIn(identifier!, newPin!)).status, 302);
  });
});
