import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import http from "node:http";
import { describe, test } from "node:test";
import { resolvePublicUrl } from "./public-url.js";
import { serverOnTestDatabase } from "./testing.js";

test("PUBLIC_URL is required in production, in one line that says what to set", () => {
  const r = resolvePublicUrl({ NODE_ENV: "production", PORT: "8080" });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.error, /^PUBLIC_URL is required in production/);
    assert.equal(r.error.includes("\n"), false);
  }
});

test("outside production it falls back to localhost on the port, with a warning", () => {
  const r = resolvePublicUrl({ NODE_ENV: "development", PORT: "8080" });
  assert.deepEqual(r, { ok: true, url: "http://localhost:8080", warning: "PUBLIC_URL is not set: links in mails, QR codes, exports and printed cards use http://localhost:8080" });
});

test("a PUBLIC_URL is kept as its origin and path, without a trailing slash; a bad one is refused", () => {
  assert.deepEqual(resolvePublicUrl({ PUBLIC_URL: "https://participation.example.fr/", NODE_ENV: "production" }), { ok: true, url: "https://participation.example.fr", warning: null });
  assert.deepEqual(resolvePublicUrl({ PUBLIC_URL: "https://agglo.example/participer/" }), { ok: true, url: "https://agglo.example/participer", warning: null });
  for (const bad of ["participation.example.fr", "ftp://x.example", "https://u:p@x.example", "https://x.example/?a=1", "javascript:alert(1)"]) assert.equal(resolvePublicUrl({ PUBLIC_URL: bad }).ok, false, bad);
});

describe("links that leave the site, on the running server", () => {
  const ctx = serverOnTestDatabase({ PUBLIC_URL: "https://participation.example.fr", TRUST_PROXY: "1" });

  /** A request whose Host the sender chose (fetch would not let a test set it). */
  function rawPost(url: string, headers: Record<string, string>, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: "POST", headers: { ...headers, "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  test("a reset link comes from PUBLIC_URL whatever Host and X-Forwarded-Host say", async () => {
    await ctx.t.db.updateTable("account").set({ email: "agent@calais.example" }).where("identifier", "=", "agent-calais").execute();
    const sent: Record<string, string>[] = [
      { host: "attacker.example", origin: "http://attacker.example" },
      { host: "127.0.0.1", "x-forwarded-host": "attacker.example", origin: "http://attacker.example" },
    ];
    for (const headers of sent) assert.equal(await rawPost(`${ctx.server.url}/mot-de-passe-oublie`, headers, "email=agent%40calais.example"), 302);
    const mails = await ctx.t.db.selectFrom("mail_outbox").select("body").where("recipient", "=", "agent@calais.example").execute();
    assert.equal(mails.length, 2);
    for (const { body } of mails) {
      assert.match(body, /https:\/\/participation\.example\.fr\/mot-de-passe\/[\w-]+/);
      assert.doesNotMatch(body, /attacker/);
    }
  });
});

test("with NODE_ENV=production and no PUBLIC_URL the server does not start, and says why in one line", () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: "0" };
  delete env.PUBLIC_URL;
  const run = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], { env, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 1);
  assert.equal(run.stdout, "");
  assert.deepEqual(run.stderr.trim().split("\n"), ["PUBLIC_URL is required in production: set it to the site's address, e.g. PUBLIC_URL=https://participation.example.fr"]);
});
