// Sessions against a real PostgreSQL: hashed secrets, tampering, expiry, sliding refresh.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { createTestDatabase, type TestDatabase } from "../../db/testing.js";
import { createSession, invalidateAllSessions, validateSessionToken, SHARED_DEVICE_IDLE_MS } from "./session.server.js";
import { holdsRole, type Viewer } from "./guard.server.js";

let t: TestDatabase;
let accountId: number;
before(async () => {
  t = await createTestDatabase();
  accountId = (await t.db.insertInto("account").values({ identifier: "test-0001", pin_hash: "x" }).returning("id").executeTakeFirstOrThrow()).id;
});
after(async () => {
  await t?.drop();
});

test("only sha256(secret) is stored; the token validates", async () => {
  const { token, session } = await createSession(t.db, accountId, { persistent: true });
  const [id, secret] = token.split(".");
  const row = await t.db.selectFrom("session").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
  assert.equal(Buffer.from(row.secret_hash).length, 32);
  assert.ok(!JSON.stringify(row).includes(secret!));
  assert.equal((await validateSessionToken(t.db, token))?.id, session.id);
});

test("tampered, garbage or unknown tokens are just logged out", async () => {
  const { token } = await createSession(t.db, accountId, { persistent: true });
  const [id, secret] = token.split(".");
  const flipped = secret!.slice(0, -1) + (secret!.endsWith("a") ? "b" : "a");
  for (const bad of [`${id}.${flipped}`, `${id}`, "garbage", "a.b.c", `${"x".repeat(500)}`, "", `zzzz.${secret}`, `${id}.${secret}!`])
    assert.equal(await validateSessionToken(t.db, bad), null, bad);
});

test("an expired session is refused and removed", async () => {
  const { token, session } = await createSession(t.db, accountId, { persistent: true });
  await t.db.updateTable("session").set({ expires_at: sql<Date>`now() - interval '1 second'` }).where("id", "=", session.id).execute();
  assert.equal(await validateSessionToken(t.db, token), null);
  assert.equal(await t.db.selectFrom("session").select("id").where("id", "=", session.id).executeTakeFirst(), undefined);
});

test("expiry slides to 30 days, refreshed at most hourly", async () => {
  const { token, session } = await createSession(t.db, accountId, { persistent: true });
  await t.db.updateTable("session").set({ expires_at: sql<Date>`now() + interval '2 days'`, refreshed_at: sql<Date>`now() - interval '30 minutes'` }).where("id", "=", session.id).execute();
  const notYet = await validateSessionToken(t.db, token);
  assert.ok(notYet!.expiresAt.getTime() < Date.now() + 3 * 24 * 3600_000, "not refreshed within the hour");
  await t.db.updateTable("session").set({ refreshed_at: sql<Date>`now() - interval '61 minutes'` }).where("id", "=", session.id).execute();
  const refreshed = await validateSessionToken(t.db, token);
  assert.ok(refreshed!.expiresAt.getTime() > Date.now() + 29 * 24 * 3600_000);
});

test("« Ne pas rester connecté »: 30 idle minutes", async () => {
  const { token, session } = await createSession(t.db, accountId, { persistent: false });
  assert.ok(session.expiresAt.getTime() <= Date.now() + SHARED_DEVICE_IDLE_MS + 1000);
  await t.db.updateTable("session").set({ expires_at: sql<Date>`now() - interval '1 second'` }).where("id", "=", session.id).execute();
  assert.equal(await validateSessionToken(t.db, token), null);
});

test("« tout déconnecter » ends every session of the account", async () => {
  const a = await createSession(t.db, accountId, { persistent: true });
  const b = await createSession(t.db, accountId, { persistent: false });
  await invalidateAllSessions(t.db, accountId);
  assert.equal(await validateSessionToken(t.db, a.token), null);
  assert.equal(await validateSessionToken(t.db, b.token), null);
});

test("roles hold over their scope only", () => {
  const base = { accountId: 1, sessionId: "s", persistent: true, displayName: null, identifier: null, email: null, verified: true };
  const calais = { id: 10, parentId: 2, epciCode: "calais-epci" };
  const gagarine = { id: 11, parentId: 10, epciCode: "calais-epci" };
  const fortNieulay = { id: 20, parentId: 2, epciCode: "calais-epci" };
  const elsewhere = { id: 30, parentId: 3, epciCode: "other-epci" };
  const moderator: Viewer = { ...base, territory: null, grants: [{ role: "moderator", territoryId: 10, territoryName: "BM", territoryKind: "qpv", epciCode: "calais-epci", college: null }] };
  assert.equal(holdsRole(moderator, "moderator", calais), true);
  assert.equal(holdsRole(moderator, "moderator", gagarine), true);
  assert.equal(holdsRole(moderator, "moderator", fortNieulay), false);
  assert.equal(holdsRole(moderator, "staff", calais), false);
  const staff: Viewer = { ...base, territory: null, grants: [{ role: "staff", territoryId: 1, territoryName: "EPCI", territoryKind: "epci", epciCode: "calais-epci", college: null }] };
  assert.equal(holdsRole(staff, "staff", fortNieulay), true);
  assert.equal(holdsRole(staff, "staff", elsewhere), false);
  const resident: Viewer = { ...base, territory: { id: 11, name: "Gagarine", parentId: 10, epciCode: "calais-epci" }, grants: [] };
  assert.equal(holdsRole(resident, "resident", calais), true);
  assert.equal(holdsRole(resident, "resident", fortNieulay), false);
  assert.equal(holdsRole(resident, "staff"), false);
  const admin: Viewer = { ...base, territory: null, grants: [{ role: "admin", territoryId: null, territoryName: null, territoryKind: null, epciCode: null, college: null }] };
  assert.equal(holdsRole(admin, "staff", elsewhere), true);
});
