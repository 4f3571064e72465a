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
