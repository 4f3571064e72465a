// The Express layer against a real PostgreSQL: headers, the cross-site write check,
// the language, /healthz, and logs that never carry cookies or codes.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../db/testing.js";
import { startServer, type RunningServer } from "./testing.js";

let t: TestDatabase;
let server: RunningServer;
before(async () => {
  t = await createTestDatabase();
  server = await startServer({ DATABASE_URL: t.url });
});
after(async () => {
  await server?.stop();
  await t?.drop();
});

describe("server", () => {
  test("it says which database it uses and imports the demo", async () => {
    assert.match(server.output(), /Database: PostgreSQL 127\.0\.0\.1:5432\//);
    const contract = await t.db.selectFrom("contract").select("code").execute();
    assert.deepEqual(contract.map((c) => c.code), ["calais-2024-2030"]);
    const health = await fetch(`${server.url}/healthz`);
    assert.deepEqual(await health.json(), { status: "ok", database: "postgresql" });
  });

  test("pages carry nosniff, frame-ancestors and a CSP nonce that Remix's scripts use", async () => {
    const res = await fetch(`${server.url}/`, { headers: { "accept-encoding": "gzip" } });
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /frame-ancestors 'none'/);
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    assert.ok(nonce, csp);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0);
    for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), s);
    const second = (await fetch(`${server.url}/`)).headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)?.[1];
    assert.notEqual(second, nonce, "a new nonce per response");
  });

  test("responses are compressed", async () => {
    const res = await fetch(`${server.url}/contrats/calais-2024-2030`, { headers: { "accept-encoding": "gzip" } });
    assert.equal(res.headers.get("content-encoding"), "gzip");
  });

  test("a cross-site write gets 403, by Sec-Fetch-Site, by Origin, or by Referer", async () => {
    // node:http, not fetch: fetch refuses to set Sec-Fetch-* headers itself.
    const post = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>((resolve, reject) => {
        const body = "intent=falc&falc=on&redirectTo=/";
        const req = request(`${server.url}/preferences`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length), ...headers } }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: { get: (name) => { const v = res.headers[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(", ") : String(v); } },
              text: async () => text,
            }),
          );
        });
        req.on("error", reject);
        req.end(body);
      });
    assert.equal((await post({ "sec-fetch-site": "cross-site" })).status, 403);
    assert.equal((await post({ origin: "https://evil.example" })).status, 403);
    assert.equal((await post({ referer: "https://evil.example/page" })).status, 403);
    const refused = await post({ origin: "https://evil.example" });
    assert.equal(refused.headers.get("set-cookie"), null, "the action never ran");
    assert.match(await refused.text(), /Accès refusé/);
    const same = await post({ origin: server.url, "sec-fetch-site": "same-origin" });
    assert.equal(same.status, 302);
    assert.match(same.headers.get("set-cookie") ?? "", /falc=1/);
    // An old phone: no Sec-Fetch-Site, no Origin, same-site Referer.
    assert.equal((await post({ referer: `${server.url}/` })).status, 302);
  });

  test("the language follows Accept-Language, then ?lng= which sets the cookie", async () => {
    const ar = await (await fetch(`${server.url}/`, { headers: { "accept-language": "ar-MA,ar;q=0.9" } })).text();
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    const en = await fetch(`${server.url}/?lng=en`);
    assert.match(await en.text(), /<html lang="en" dir="ltr">/);
    assert.match(en.headers.get("set-cookie") ?? "", /lng=en/);
    const cookie = await (await fetch(`${server.url}/`, { headers: { cookie: "lng=en", "accept-language": "ar" } })).text();
    assert.match(cookie, /<html lang="en"/);
  });

  test("unknown pages get the 404 page; bad ids too, never a 500", async () => {
    for (const p of ["/nulle-part", "/quartiers/abc", "/quartiers/999999", "/contrats/inconnu", "/contrats/calais-2024-2030/objectifs/NOPE"]) {
      const res = await fetch(`${server.url}${p}`);
      assert.equal(res.status, 404, p);
      assert.match(await res.text(), /Page introuvable/);
    }
    const bad = await fetch(`${server.url}/choisir?territoire=x`);
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /Choisissez un quartier dans la liste/);
  });

  test("logs hold no cookie and no query string", async () => {
    await fetch(`${server.url}/?code=SECRET-CODE-1234`, { headers: { cookie: "session=TOPSECRET.value" } });
    await new Promise((r) => setTimeout(r, 200));
    const out = server.output();
    assert.match(out, /"msg":"request"/);
    assert.doesNotMatch(out, /SECRET-CODE-1234/);
    assert.doesNotMatch(out, /TOPSECRET/);
  });
});

describe("several processes", () => {
  test("WEB_CONCURRENCY=2 on PostgreSQL: one process prepares, two serve the same port", async () => {
    const multi = await startServer({ DATABASE_URL: t.url, WEB_CONCURRENCY: "2" });
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${multi.url}/healthz`).then((r) => r.status)));
      assert.deepEqual(new Set(answers), new Set([200]));
      for (let i = 0; i < 50 && !/\(2 processes/.test(multi.output()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(multi.output(), /listening on http:\/\/localhost:\d+ \(2 processes/);
      assert.equal((await fetch(`${multi.url}/`)).status, 200);
    } finally {
      await multi.stop();
    }
  });
});

describe("strings per area", () => {
  test("residents' pages carry no staff strings; staff pages do", async () => {
    const { createSession } = await import("../app/auth/session.server.js");
    const home = await (await fetch(`${server.url}/`)).text();
    assert.ok(home.includes('"consult":'), "the public strings are there");
    for (const ns of ["cstaff", "ledger", "ballot", "cards"]) assert.ok(!home.includes(`"${ns}":`), `no ${ns} strings on the home page`);
    const staff = await t.db.selectFrom("account").select("id").where("identifier", "=", "agent-calais").executeTakeFirstOrThrow();
    const { token } = await createSession(t.db, staff.id, { persistent: true });
    const page = await (await fetch(`${server.url}/staff/consultations`, { headers: { cookie: `pq_session=${token}` } })).text();
    assert.ok(page.includes('"cstaff":') && page.includes('"ledger":'), "staff pages carry them");
  });
});
