// `npm start` without DATABASE_URL: the embedded PGlite database, migrated, with the Calais demo.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { startServer, type RunningServer } from "./testing.js";

const dir = mkdtempSync(path.join(tmpdir(), "pq-pglite-"));
let server: RunningServer | undefined;
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("the app starts on embedded PGlite, answers /healthz and offers Beau Marais", async () => {
  server = await startServer({ DATABASE_URL: undefined, DATA_DIR: path.join(dir, "pglite") });
  assert.match(server.output(), /Database: embedded PGlite/);
  const health = await fetch(`${server.url}/healthz`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: "ok", database: "pglite" });
  const home = await (await fetch(`${server.url}/`)).text();
  assert.match(home, /Beau Marais/);
});

test("on PGlite, the demo resident logs in and answers the open demo consultation, then changes the answer", async () => {
  assert.ok(server, "the server of the first test");
  const post = (path: string, body: URLSearchParams, cookie?: string) =>
    fetch(`${server!.url}${path}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) }, body });
  const login = await post("/connexion", new URLSearchParams({ login: "gagarine-0001", secret: "482913", redirectTo: "/" }));
  assert.equal(login.status, 302);
  const cookie = (login.headers.get("set-cookie") ?? "").match(/pq_session=[^;]+/)?.[0];
  assert.ok(cookie, "a session cookie");
  const home = await (await fetch(`${server!.url}/`, { headers: { cookie } })).text();
  const id = home.match(/href="\/consultations\/(\d+)"/)?.[1];
  assert.ok(id, "the home page lists the open consultation");
  const page = await (await fetch(`${server!.url}/consultations/${id}`, { headers: { cookie } })).text();
  const ranks = [...page.matchAll(/<select[^>]*name="(q\d+_o\d+)"/g)].map((m) => m[1]!);
  assert.ok(ranks.length >= 3, "one rank select per option");
  for (const order of [[0, 1, 2], [2, 1, 0]]) {
    const answer = await post(`/consultations/${id}`, new URLSearchParams(order.map((o, rank) => [ranks[o]!, String(rank + 1)])), cookie);
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.get("location"), `/consultations/${id}/merci`);
  }
  const thanks = await (await fetch(`${server!.url}/consultations/${id}/merci`, { headers: { cookie } })).text();
  assert.match(thanks, /Votre réponse est enregistrée/);
  // Coming back shows the latest answer filled in: the third option ranked first.
  const again = await (await fetch(`${server!.url}/consultations/${id}`, { headers: { cookie } })).text();
  const selected = (name: string) => again.match(new RegExp(`name="${name}"[^]*?</select>`))?.[0].match(/<option[^>]*value="(\d+)"[^>]*selected/)?.[1];
  assert.deepEqual([selected(ranks[2]!), selected(ranks[1]!), selected(ranks[0]!)], ["1", "2", "3"]);
});
