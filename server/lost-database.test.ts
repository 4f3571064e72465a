// A lost database: at start-up, one line that says what to fix and a non-zero exit; while the
// server runs, the 503 page « Service momentanément indisponible », never a 500.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { adminQuery, adminUrl, createTestDatabase } from "../db/testing.js";
import { startServer } from "./testing.js";

test("a database missing at start-up: one line saying what to fix, then exit 1", () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PUBLIC_URL: "http://127.0.0.1:1", PORT: "0", DATABASE_URL: adminUrl("pq_no_such_database_here") };
  const run = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], { env, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 1);
  const lines = run.stderr.trim().split("\n");
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, /^Cannot use the database \(.*pq_no_such_database_here.*\): .*does not exist\. Start PostgreSQL, create the database, or fix DATABASE_URL/);
  assert.doesNotMatch(run.stderr + run.stdout, /\n\s+at /, "no stack trace");
});

test("the database dropped under a running server: pages, forms and /healthz answer 503 with the message, and the server stays up", async () => {
  const t = await createTestDatabase();
  const server = await startServer({ DATABASE_URL: t.url });
  try {
    const open = (await t.db.selectFrom("consultation").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    const { createSession } = await import("../app/auth/session.server.js");
    const resident = (await t.db.selectFrom("account").select("id").where("identifier", "=", "gagarine-0001").executeTakeFirstOrThrow()).id;
    const cookie = `pq_session=${(await createSession(t.db, resident, { persistent: true })).token}`;
    await t.close();
    await adminQuery(`drop database "${t.name}" with (force)`);
    // (The log-in page itself needs no database: it is served.)
    for (const path of ["/", "/contrats/calais-2024-2030", `/consultations/${open}`, `/consultations/${open}/resultats`]) {
      const r = await fetch(server.url + path);
      assert.equal(r.status, 503, path);
      assert.match(await r.text(), /Service momentanément indisponible/, path);
    }
    const posted = await fetch(`${server.url}/connexion`, { method: "POST", headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" }, body: "login=gagarine-0001&secret=482913" });
    assert.equal(posted.status, 503, "the log-in form");
    assert.match(await posted.text(), /Service momentanément indisponible/);
    const answer = await fetch(`${server.url}/consultations/${open}`, { method: "POST", headers: { origin: server.url, cookie, "content-type": "application/x-www-form-urlencoded" }, body: "x=1" });
    assert.equal(answer.status, 503, "an answer");
    assert.equal((await fetch(`${server.url}/healthz`)).status, 503, "/healthz");
    assert.doesNotMatch(server.output(), /"status":500|unhandled error/);
  } finally {
    await server.stop();
    await adminQuery(`drop database if exists "${t.name}" with (force)`);
  }
});
