// Brute-force limits live in the database: hitting one, restarting the app, still limited.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../../db/testing.js";
import { startServer, type RunningServer } from "../../../server/testing.js";
import { LIMITS, hitLimits } from "./rate-limit.server.js";

let t: TestDatabase;
let server: RunningServer | undefined;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await server?.stop();
  await t?.drop();
});

const attempt = (url: string, secret: string) =>
  fetch(`${url}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
    body: new URLSearchParams({ login: "gagarine-0001", secret }).toString(),
  });

test("strict per account from an unknown device: the sixth try is refused with when to try again, and a restart changes nothing", async () => {
  server = await startServer({ DATABASE_URL: t.url, LOG_LEVEL: "warn" });
  for (let i = 0; i < LIMITS.signInPerAccountDay.max; i++) assert.equal((await attempt(server.url, "482914")).status, 400);
  const limited = await attempt(server.url, "482913");
  assert.equal(limited.status, 429, "even the right PIN waits");
  assert.match(await limited.text(), /Vous pourrez réessayer dans \d+ (heures?|minutes?)\./, "until midnight in Paris");
  await server.stop();
  server = await startServer({ DATABASE_URL: t.url, LOG_LEVEL: "warn" });
  assert.equal((await attempt(server.url, "482913")).status, 429);
});

test("loose per IP: many residents behind one address are not blocked by each other's accounts", async () => {
  const ip = { key: "login:ip:test-shared-wifi", limit: LIMITS.perIp };
  for (let i = 0; i < 50; i++) assert.deepEqual(await hitLimits(t.db, [{ key: `login:account:resident-${i}`, limit: LIMITS.loginPerAccount }, ip]), { ok: true });
  for (let i = 50; i < LIMITS.perIp.max; i++) await hitLimits(t.db, [ip]);
  const over = await hitLimits(t.db, [ip]);
  assert.equal(over.ok, false);
  if (!over.ok) assert.ok(over.retryAfterSeconds > 0 && over.retryAfterSeconds <= 60);
});
