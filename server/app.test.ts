// The Express layer against a real PostgreSQL: headers, the cross-site write check,
// the language, /healthz, and logs that never carry cookies or codes.
import assert from "node:assert/strict";
import { request } from "node:http";
import { describe, test } from "node:test";
import { serverOnTestDatabase, startServer } from "./testing.js";

const ctx = serverOnTestDatabase();

/** The demo's staff member, and a published consultation of theirs for Beau Marais with one scale question. */
async function openScaleConsultation(title: string) {
  const { loadViewer } = await import("../app/auth/guard.server.js");
  const { addQuestion, createConsultation, publishConsultation } = await import("../app/domain/consultations/mutations.server.js");
  const staffId = (await ctx.t.db.selectFrom("account").select("id").where("identifier", "=", "agent-calais").executeTakeFirstOrThrow()).id;
  const staff = (await loadViewer(ctx.t.db, { id: "test", accountId: staffId, persistent: true }))!;
  const gagarine = await ctx.t.db.selectFrom("territory").select(["id", "parent_id", "epci_code"]).where("code", "=", "bm-gagarine").executeTakeFirstOrThrow();
  const epci = (await ctx.t.db.selectFrom("territory").select("id").where("kind", "=", "epci").where("code", "=", gagarine.epci_code!).executeTakeFirstOrThrow()).id;
  const c = await createConsultation(ctx.t.db, staff, { epciId: epci, title, opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 3_600_000), scopeTerritoryIds: [gagarine.parent_id!] });
  assert.ok(c.ok);
  const id = c.value.consultationId;
  const scale = await addQuestion(ctx.t.db, staff, id, { kind: "scale", prompt: "Le quartier vous plaît-il ?" });
  assert.ok(scale.ok && (await publishConsultation(ctx.t.db, staff, id)).ok);
  return { id, question: scale.value.questionId, staffId, gagarine: gagarine.id };
}

describe("server", () => {
  test("it says which database it uses and imports the demo", async () => {
    assert.match(ctx.server.output(), /Database: PostgreSQL 127\.0\.0\.1:5432\//);
    const contract = await ctx.t.db.selectFrom("contract").select("code").execute();
    assert.deepEqual(contract.map((c) => c.code), ["calais-2024-2030"]);
    const health = await fetch(`${ctx.server.url}/healthz`);
    assert.deepEqual(await health.json(), { status: "ok", database: "postgresql" });
  });

  test("pages carry nosniff, frame-ancestors and a CSP nonce that Remix's scripts use", async () => {
    const res = await fetch(`${ctx.server.url}/`, { headers: { "accept-encoding": "gzip" } });
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /frame-ancestors 'none'/);
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    assert.ok(nonce, csp);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0);
    for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), s);
    const second = (await fetch(`${ctx.server.url}/`)).headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)?.[1];
    assert.notEqual(second, nonce, "a new nonce per response");
  });

  test("responses are compressed", async () => {
    const res = await fetch(`${ctx.server.url}/contrats/calais-2024-2030`, { headers: { "accept-encoding": "gzip" } });
    assert.equal(res.headers.get("content-encoding"), "gzip");
  });

  test("a cross-site write gets 403, by Sec-Fetch-Site, by Origin, or by Referer", async () => {
    // node:http, not fetch: fetch refuses to set Sec-Fetch-* headers itself.
    const post = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>((resolve, reject) => {
        const body = "intent=falc&falc=on&redirectTo=/";
        const req = request(`${ctx.server.url}/preferences`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length), ...headers } }, (res) => {
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
    const same = await post({ origin: ctx.server.url, "sec-fetch-site": "same-origin" });
    assert.equal(same.status, 302);
    assert.match(same.headers.get("set-cookie") ?? "", /falc=1/);
    // An old phone: no Sec-Fetch-Site, no Origin, same-site Referer.
    assert.equal((await post({ referer: `${ctx.server.url}/` })).status, 302);
  });

  test("the language follows Accept-Language, then ?lng= which sets the cookie", async () => {
    const ar = await (await fetch(`${ctx.server.url}/`, { headers: { "accept-language": "ar-MA,ar;q=0.9" } })).text();
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    const en = await fetch(`${ctx.server.url}/?lng=en`);
    assert.match(await en.text(), /<html lang="en" dir="ltr">/);
    assert.match(en.headers.get("set-cookie") ?? "", /lng=en/);
    const cookie = await (await fetch(`${ctx.server.url}/`, { headers: { cookie: "lng=en", "accept-language": "ar" } })).text();
    assert.match(cookie, /<html lang="en"/);
  });

  test("unknown pages get the 404 page; bad ids too, never a 500", async () => {
    for (const p of ["/nulle-part", "/quartiers/abc", "/quartiers/999999", "/contrats/inconnu", "/contrats/calais-2024-2030/objectifs/NOPE"]) {
      const res = await fetch(`${ctx.server.url}${p}`);
      assert.equal(res.status, 404, p);
      assert.match(await res.text(), /Page introuvable/);
    }
    const bad = await fetch(`${ctx.server.url}/choisir?territoire=x`);
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /Choisissez un quartier dans la liste/);
  });

  test("logs hold no cookie and no query string", async () => {
    await fetch(`${ctx.server.url}/?code=SECRET-CODE-1234`, { headers: { cookie: "session=TOPSECRET.value" } });
    await new Promise((r) => setTimeout(r, 200));
    const out = ctx.server.output();
    assert.match(out, /"msg":"request"/);
    assert.doesNotMatch(out, /SECRET-CODE-1234/);
    assert.doesNotMatch(out, /TOPSECRET/);
  });
});

describe("several processes", () => {
  test("WEB_CONCURRENCY=2 on PostgreSQL: one process prepares, two serve the same port", async () => {
    const multi = await startServer({ DATABASE_URL: ctx.t.url, WEB_CONCURRENCY: "2" });
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
    const home = await (await fetch(`${ctx.server.url}/`)).text();
    assert.ok(home.includes('"consult":'), "the public strings are there");
    for (const ns of ["cstaff", "ledger", "ballot", "cards"]) assert.ok(!home.includes(`"${ns}":`), `no ${ns} strings on the home page`);
    const staff = await ctx.t.db.selectFrom("account").select("id").where("identifier", "=", "agent-calais").executeTakeFirstOrThrow();
    const { token } = await createSession(ctx.t.db, staff.id, { persistent: true });
    const page = await (await fetch(`${ctx.server.url}/staff/consultations`, { headers: { cookie: `pq_session=${token}` } })).text();
    assert.ok(page.includes('"cstaff":') && page.includes('"ledger":'), "staff pages carry them");
  });
});

describe("the answer route without JavaScript (taken before Remix when it succeeds)", () => {
  test("a good form redirects to the thanks page; a bad one gets the route's page with its message; Remix's own fetches and strangers go on to Remix", async () => {
    const { createSession } = await import("../app/auth/session.server.js");
    const { id, question: q, gagarine } = await openScaleConsultation("Voie rapide");
    const resident = async (n: number) => {
      const { id: accountId } = await ctx.t.db.insertInto("account").values({ identifier: `voie-rapide-${n}`, pin_hash: "x", territory_id: gagarine, verified_at: new Date() }).returning("id").executeTakeFirstOrThrow();
      return { accountId, cookie: `pq_session=${(await createSession(ctx.t.db, accountId, { persistent: true })).token}` };
    };
    const post = (path: string, cookie: string | null, body: string) =>
      fetch(`${ctx.server.url}${path}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) }, body });
    const stored = async (accountId: number) => (await ctx.t.db.selectFrom("response as r").innerJoin("answer as a", "a.response_id", "r.id").select("a.value").where("r.consultation_id", "=", id).where("r.account_id", "=", accountId).execute()).map((a) => a.value);

    const first = await resident(1);
    const good = await post(`/consultations/${id}?index`, first.cookie, `q${q}=4`);
    assert.equal(good.status, 302);
    assert.equal(good.headers.get("location"), `/consultations/${id}/merci`);
    assert.deepEqual(await stored(first.accountId), [4]);

    // Refused: the route answers, with the body the fast path already read — back to the form
    // (Post/Redirect/Get, decision 0023), whose one display of the refusal is a 400 page.
    const bad = await post(`/consultations/${id}?index`, first.cookie, `q${q}=9`);
    assert.equal(bad.status, 303);
    assert.equal(bad.headers.get("location"), `/consultations/${id}?corriger=1#erreurs`);
    const retry = (bad.headers.get("set-cookie") ?? "").split(";")[0]!;
    assert.match(retry, /^pq_retry=./);
    const shown = await fetch(`${ctx.server.url}/consultations/${id}?corriger=1`, { headers: { cookie: `${first.cookie}; ${retry}` } });
    assert.equal(shown.status, 400);
    assert.match(await shown.text(), /Corrigez les questions signalées ci-dessous/);
    assert.match(shown.headers.get("set-cookie") ?? "", /pq_retry=;/, "read once, then cleared");
    assert.deepEqual(await stored(first.accountId), [4], "nothing stored is lost");

    // Remix's fetch (JavaScript on) is Remix's: its redirect protocol.
    const second = await resident(2);
    const fetched = await post(`/consultations/${id}?index&_data=routes%2Fconsultations.%24id._index`, second.cookie, `q${q}=2`);
    assert.equal(fetched.status, 204);
    assert.equal(fetched.headers.get("x-remix-redirect"), `/consultations/${id}/merci`);
    assert.deepEqual(await stored(second.accountId), [2]);

    // Once the questions are known (after answers through this path), the session and the
    // answer go in one database call: a good session answers; a wrong secret, an expired
    // session or a deleted account store nothing and get what the route gives the signed out.
    const third = await resident(3);
    assert.equal((await post(`/consultations/${id}`, third.cookie, `q${q}=5`)).status, 302);
    const fourth = await resident(4);
    const quick = await post(`/consultations/${id}`, fourth.cookie, `q${q}=1`);
    assert.equal(quick.headers.get("location"), `/consultations/${id}/merci`);
    assert.deepEqual(await stored(fourth.accountId), [1]);
    const refusedWith = async (cookie: string, accountId: number) => {
      const r = await post(`/consultations/${id}`, cookie, `q${q}=3`);
      assert.equal(r.status, 302);
      assert.match(r.headers.get("location") ?? "", /^\/connexion\?redirectTo=/);
      assert.match(r.headers.get("set-cookie") ?? "", /pq_session=;/);
      assert.deepEqual(await stored(accountId), []);
    };
    const fifth = await resident(5);
    await refusedWith(fifth.cookie.replace(/\.([a-z2-7])/, (_m, c: string) => `.${c === "a" ? "b" : "a"}`), fifth.accountId);
    await ctx.t.db.updateTable("session").set({ expires_at: new Date(Date.now() - 1000) }).where("account_id", "=", fifth.accountId).execute();
    await refusedWith(fifth.cookie, fifth.accountId);
    const sixth = await resident(6);
    // Emptied as a deletion leaves it, with its session row left behind on purpose.
    await ctx.t.db.updateTable("account").set({ deleted_at: new Date(), identifier: null, pin_hash: null, display_name: null, age_band: null, gender: null }).where("id", "=", sixth.accountId).execute();
    await refusedWith(sixth.cookie, sixth.accountId);
    // A malformed answer on that path: the route's page and message, nothing stored.
    const seventh = await resident(7);
    const malformed = await post(`/consultations/${id}`, seventh.cookie, `q${q}=0`);
    assert.equal(malformed.status, 303);
    assert.equal(malformed.headers.get("location"), `/consultations/${id}?corriger=1#erreurs`);
    assert.deepEqual(await stored(seventh.accountId), []);

    // Signed out: the route sends to the log-in page, coming back here.
    const stranger = await post(`/consultations/${id}`, null, `q${q}=3`);
    assert.equal(stranger.status, 302);
    assert.match(stranger.headers.get("location") ?? "", /^\/connexion\?redirectTo=/);
  });
});

describe("long ledgers", () => {
  test("typed ballots are listed a page at a time, newest first, and the page links follow on", async () => {
    const { createSession } = await import("../app/auth/session.server.js");
    const { LEDGER_PAGE } = await import("../app/domain/consultations/paper.server.js");
    const { id, staffId, gagarine } = await openScaleConsultation("Grande urne");
    const extra = 5;
    for (let i = 1; i <= LEDGER_PAGE + extra; i++)
      await ctx.t.db.insertInto("response").values({ consultation_id: id, channel: "paper", entry_mode: "individual", source: "urne", serial: `P${id}-${String(i).padStart(4, "0")}`, territory_id: gagarine, entered_by: staffId }).execute();
    const cookie = `pq_session=${(await createSession(ctx.t.db, staffId, { persistent: true })).token}`;
    const page = async (query: string) => {
      const html = await (await fetch(`${ctx.server.url}/staff/consultations/${id}/saisie${query}`, { headers: { cookie } })).text();
      const list = html.match(/<ul class="cards" id="typed-list">([\s\S]*?)<\/ul>/)?.[1] ?? "";
      return { html, serials: [...list.matchAll(/<strong>(P\d+-\d+)<\/strong>/g)].map((m) => m[1]) };
    };
    const first = await page("");
    assert.equal(first.serials.length, LEDGER_PAGE);
    assert.equal(first.serials[0], `P${id}-${String(LEDGER_PAGE + extra).padStart(4, "0")}`, "newest first");
    const older = first.html.match(new RegExp(`href="(/staff/consultations/${id}/saisie\\?avant=\\d+)"`))?.[1];
    assert.ok(older, "a link to the older entries");
    const second = await page(older.slice(older.indexOf("?")));
    assert.deepEqual(second.serials, Array.from({ length: extra }, (_, i) => `P${id}-${String(extra - i).padStart(4, "0")}`));
    assert.ok(!/href="[^"]*saisie\?avant=/.test(second.html), "no older page after the last");
    assert.ok(second.html.includes(`href="/staff/consultations/${id}/saisie"`), "a link back to the newest");
    const found = await page("?numero=42");
    assert.deepEqual(found.serials, [`P${id}-0042`]);
  });
});

describe("the contract upload page", () => {
  test("a file sent as a browser sends it (multipart) is checked and imported; an oversized one gets the 413 page", async () => {
    const { readFileSync } = await import("node:fs");
    const { MULTIPART_BODY_LIMIT } = await import("./input.js");
    const { createSession } = await import("../app/auth/session.server.js");
    const staffId = (await ctx.t.db.selectFrom("account").select("id").where("identifier", "=", "agent-calais").executeTakeFirstOrThrow()).id;
    const cookie = `pq_session=${(await createSession(ctx.t.db, staffId, { persistent: true })).token}`;
    const send = (content: string, name: string) => {
      const form = new FormData();
      form.append("file", new Blob([content], { type: "application/json" }), name);
      return fetch(`${ctx.server.url}/staff/contrats`, { method: "POST", headers: { cookie, origin: ctx.server.url }, body: form });
    };
    const imports = async () => (await ctx.t.db.selectFrom("contract_import").select("id").execute()).length;
    const before = await imports();
    const ok = await send(readFileSync(new URL("../db/seed/calais-2024-2030.json", import.meta.url), "utf8"), "calais.json");
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /Contrat mis à jour/);
    assert.equal(await imports(), before + 1, "the import is recorded");
    const broken = await send("{ not json", "broken.json");
    assert.equal(broken.status, 400);
    assert.match(await broken.text(), /not valid JSON/);
    const big = await send(" ".repeat(MULTIPART_BODY_LIMIT + 1), "big.json");
    assert.equal(big.status, 413);
  });
});
