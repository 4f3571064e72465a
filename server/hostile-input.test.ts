// Bad input never gets a 500: every POST form of the resident and staff pages of the demo is
// found in the served HTML and sent back with hostile values in every field (a NUL character,
// numbers out of any range, an impossible date, a very long text), with its hidden fields kept
// and replaced; every page is asked for with hostile query parameters too. (Empty and missing
// fields have their own tests with each form.) A NUL is dropped from URLs and form bodies; a
// body larger than any form gets the 413 page.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { sql } from "kysely";
import { FORM_BODY_LIMIT } from "./input.js";
import { serverOnTestDatabase } from "./testing.js";

// PQ_TRACE_ACTIONS: each response says whether a route's action ran (see remix.ts).
const ctx = serverOnTestDatabase({ PQ_TRACE_ACTIONS: "1" });

const HOSTILE = ["a\u0000b", "-1", "99999999999999999999", "x".repeat(20_000), "2024-02-30T25:61"];
const QUERY = ["%00", "99999999999"];
const QUERY_KEYS = ["q", "avant", "numero", "territoire", "sous_secteur", "action", "tous", "nombre", "debut", "redirectTo", "personne", "du", "au"];

interface FoundForm {
  page: string;
  action: string;
  fields: { name: string; hidden: boolean; value: string }[];
  intents: string[];
}

/** The POST forms of a served page, as a browser would send them. */
function formsOf(page: string, html: string): FoundForm[] {
  const out: FoundForm[] = [];
  for (const m of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="post"/i.test(m[1]!)) continue;
    const action = (m[1]!.match(/action="([^"]*)"/)?.[1] ?? page).replace(/&amp;/g, "&");
    const fields = [...m[2]!.matchAll(/<(?:input|select|textarea)[^>]*?name="([^"]+)"[^>]*>/g)].map((f) => ({ name: f[1]!, hidden: /type="hidden"/.test(f[0]), value: f[0].match(/value="([^"]*)"/)?.[1] ?? "" }));
    const intents = [...m[2]!.matchAll(/<button[^>]*name="intent"[^>]*value="([^"]+)"/g)].map((b) => b[1]!);
    out.push({ page, action, fields, intents });
  }
  return out;
}

describe("hostile input", () => {
  test("every form and page of the demo, with hostile values: never a 5xx, and nothing lost", async () => {
    const { createSession } = await import("../app/auth/session.server.js");
    const idOf = async (identifier: string) => (await ctx.t.db.selectFrom("account").select("id").where("identifier", "=", identifier).executeTakeFirstOrThrow()).id;
    const cookieOf = async (identifier: string) => `pq_session=${(await createSession(ctx.t.db, await idOf(identifier), { persistent: true })).token}`;
    const beauMarais = (await ctx.t.db.selectFrom("territory").select("id").where("code", "=", "qpv-beau-marais").executeTakeFirstOrThrow()).id;
    const [open, closed] = (await ctx.t.db.selectFrom("consultation").select("id").orderBy("id").execute()).map((c) => c.id);
    const { createInvitationBatch } = await import("../app/domain/accounts/mutations.server.js");
    const { loadViewer } = await import("../app/auth/guard.server.js");
    const staff = (await loadViewer(ctx.t.db, { id: "test", accountId: await idOf("agent-calais"), persistent: true }))!;
    const gagarine = (await ctx.t.db.selectFrom("territory").select("id").where("code", "=", "bm-gagarine").executeTakeFirstOrThrow()).id;
    const batch = await createInvitationBatch(ctx.t.db, staff, { territoryId: gagarine, label: "Hostile", size: 2, expiresAt: new Date(Date.now() + 1e9), helpText: "Mairie" });
    assert.ok(batch.ok);
    const actors: [string | null, string[]][] = [
      [null, ["/", "/?q=beau", `/choisir?territoire=${beauMarais}`, `/quartiers/${beauMarais}`, "/contrats", "/contrats/calais-2024-2030", "/contrats/calais-2024-2030/objectifs/A1", "/connexion", "/code", "/inscription", "/mot-de-passe-oublie", "/recuperation", `/consultations/${open}`, `/consultations/${closed}/resultats`]],
      ["gagarine-0001", ["/compte", "/compte/donnees", `/consultations/${open}`]],
      ["agent-calais", ["/staff/consultations", `/staff/consultations/${open}`, `/staff/consultations/${open}/bulletins`, `/staff/consultations/${open}/saisie`, `/staff/consultations/${open}/proces-verbal`, "/staff/codes", `/staff/codes/${batch.value.batchId}`, "/staff/habitants", "/staff/invitations", "/staff/journal", "/staff/journal.csv", "/staff/contrats", "/staff/parametres"]],
    ];
    const counted = async () => Number((await ctx.t.db.selectFrom("response").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await counted();
    const failures: string[] = [];
    const sent = new Set<string>();
    for (const [who, pages] of actors) {
      const cookie = who ? await cookieOf(who) : null;
      const headers = (extra: Record<string, string> = {}) => ({ ...(cookie ? { cookie } : {}), origin: ctx.server.url, ...extra });
      for (const page of pages) {
        for (const key of QUERY_KEYS)
          for (const value of QUERY) {
            const url = `${page}${page.includes("?") ? "&" : "?"}${key}=${value}`;
            const r = await fetch(ctx.server.url + url, { headers: headers(), redirect: "manual" });
            if (r.status >= 500) failures.push(`GET ${url} → ${r.status}`);
          }
        const html = await (await fetch(ctx.server.url + page, { headers: headers(), redirect: "manual" })).text();
        for (const form of formsOf(page, html)) {
          if (form.action.startsWith("/deconnexion")) continue; // it would end the session the rest needs
          for (const intent of form.intents.length ? form.intents : [null]) {
            if (intent === "delete" || intent === "revoke") continue; // the same: the account, the batch
            if (intent === "unpublish") continue; // the open demo back to draft would hide the ledger forms that follow
            sent.add(`${form.action.replace(/\?index$/, "").replace(/\d+/g, "N")} ${intent ?? ""}`.trim());
            for (const value of HOSTILE)
              for (const keepHidden of [true, false]) {
                const body = new URLSearchParams();
                for (const f of form.fields) if (f.name !== "intent") body.append(f.name, keepHidden && f.hidden ? f.value : value);
                if (intent) body.append("intent", intent);
                const r = await fetch(ctx.server.url + form.action, { method: "POST", headers: headers({ "content-type": "application/x-www-form-urlencoded" }), body: body.toString(), redirect: "manual" });
                if (r.status >= 500) failures.push(`POST ${form.action} ${intent ?? ""} ${JSON.stringify(value.slice(0, 10))}${keepHidden ? " (hidden kept)" : ""} → ${r.status}`);
              }
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    // The forms were really found and sent: the resident's answer, the staff editor's intents, the ledger's.
    for (const expected of ["/consultations/N", "/connexion", "/inscription", "/recuperation", "/compte details", "/preferences language", "/staff/consultations/N edit_details", "/staff/consultations/N edit_question", "/staff/consultations/N edit_option", "/staff/consultations/N/saisie enter", "/staff/consultations/N/proces-verbal enter_sheet", "/staff/codes"])
      assert.ok(sent.has(expected), `the form ${expected} was sent (found: ${[...sent].join(", ")})`);
    assert.equal(await counted(), before, "no hostile value made an answer");
  });

  test("a NUL in a URL is dropped; a body larger than any form gets the 413 page, and the server goes on", async () => {
    assert.equal((await fetch(`${ctx.server.url}/contrats/calais-2024-2030%00`)).status, 200);
    const big = await fetch(`${ctx.server.url}/connexion`, { method: "POST", headers: { origin: ctx.server.url, "content-type": "application/x-www-form-urlencoded" }, body: `login=${"a".repeat(FORM_BODY_LIMIT)}` });
    assert.equal(big.status, 413);
    assert.match(await big.text(), /Envoi trop volumineux/);
    assert.equal((await fetch(`${ctx.server.url}/healthz`)).status, 200);
  });

  test("a 403 thrown on a ?_data request is answered, and not logged as an unhandled « [object Object] »", async () => {
    const { createSession } = await import("../app/auth/session.server.js");
    const resident = (await ctx.t.db.selectFrom("account").select("id").where("identifier", "=", "gagarine-0001").executeTakeFirstOrThrow()).id;
    const cookie = `pq_session=${(await createSession(ctx.t.db, resident, { persistent: true })).token}`;
    const r = await fetch(`${ctx.server.url}/staff/journal?_data=routes%2Fstaff.journal`, { headers: { cookie } });
    assert.equal(r.status, 403);
    // A route id that is not the URL's: Remix's own 403.
    assert.equal((await fetch(`${ctx.server.url}/contrats?_data=routes%2Fstaff.journal`)).status, 403);
    assert.equal((await fetch(`${ctx.server.url}/staff/journal?_data=routes%2Fnope`, { headers: { cookie } })).status, 403);
    const posted = await fetch(`${ctx.server.url}/staff/parametres?_data=routes%2Fstaff.parametres`, { method: "POST", headers: { cookie, origin: ctx.server.url, "content-type": "application/x-www-form-urlencoded" }, body: "intent=x" });
    assert.equal(posted.status, 403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.doesNotMatch(ctx.server.output(), /\[object Object\]/);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated bodies over every route that exports an action: the routes are read from the route
// files, so a new one joins this test by itself. Each request is sent as the role whose session
// gets it past the guard (found by asking once with an empty form), after `rate_limit` is
// emptied, so what is tested is the action, not the limiter or the guard.

const ROUTES_DIR = path.resolve("app/routes");
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 24);

/** Route files that export an action, with the URL each is served at (params filled in by `fill`). */
function actionRoutes(fill: (file: string, param: string) => string): { file: string; url: string }[] {
  const out: { file: string; url: string }[] = [];
  for (const file of readdirSync(ROUTES_DIR).sort()) {
    const source = readFileSync(path.join(ROUTES_DIR, file), "utf8");
    if (!/export\s+(async\s+)?(function|const)\s+action\b/.test(source)) continue;
    const segments = file
      .replace(/\.tsx?$/, "")
      .split(/\.(?![^[]*\])/)
      .filter((seg) => seg !== "_index")
      .map((seg) => seg.replace(/\[(.)\]/g, "$1").replace(/_$/, ""))
      .map((seg) => (seg.startsWith("$") ? fill(file, seg.slice(1) || "*") : seg));
    out.push({ file, url: `/${segments.join("/")}` });
  }
  return out;
}

/** Every field name and intent the pages' forms use, read from the source of routes and ui. */
function knownNames(): { names: string[]; intents: string[] } {
  const names = new Set<string>();
  const intents = new Set<string>();
  for (const dir of ["app/routes", "app/ui"])
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      if (!/\.tsx?$/.test(file)) continue;
      const source = readFileSync(path.join(dir, file), "utf8");
      for (const m of source.matchAll(/name="([\w-]+)"/g)) names.add(m[1]!);
      for (const m of source.matchAll(/\.get(?:All)?\("([\w-]+)"\)/g)) names.add(m[1]!);
      for (const m of source.matchAll(/intent === "(\w+)"/g)) intents.add(m[1]!);
      for (const m of source.matchAll(/name="intent"[^>]*value="(\w+)"/g)) intents.add(m[1]!);
    }
  // Not sent: they would end the sessions or the batch the rest of the run needs.
  for (const gone of ["delete", "revoke", "unpublish"]) intents.delete(gone);
  return { names: [...names].sort(), intents: [...intents].sort() };
}

const NASTY = ["a\u0000b", "\u0000", "a\r\nb", "\r\n", "。", "/\t/evil.example", "//evil.example", "-1", "0", "1e309", "NaN", "99999999999999999999", "2024-02-30T25:61", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "../../etc/passwd", "%00", "'; drop table account; --", "x".repeat(5000), "\ud800", "١٢٣", "true"];

type Body = { kind: "urlencoded" | "multipart" | "broken-multipart" | "none" | "json" | "text" | "xml"; fields: [string, string][]; file: boolean };

function bodyArbitrary(names: string[], intents: string[]): fc.Arbitrary<Body> {
  const name = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NASTY) }, { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: "binary" }) }, { weight: 1, arbitrary: fc.integer().map(String) }, { weight: 1, arbitrary: fc.constant("") });
  const field = fc.tuple(name, value);
  const intent = fc.option(fc.constantFrom(...intents).map((i): [string, string] => ["intent", i]), { nil: undefined, freq: 2 });
  // Mostly forms, which the door lets through to the action; some of every other kind.
  const kind = fc.oneof(
    { weight: 60, arbitrary: fc.constant("urlencoded" as const) },
    { weight: 34, arbitrary: fc.constant("multipart" as const) },
    { weight: 2, arbitrary: fc.constantFrom("broken-multipart" as const, "none" as const, "json" as const, "text" as const, "xml" as const) },
  );
  return fc.record({ kind, fields: fc.tuple(fc.array(field, { maxLength: 8 }), intent).map(([f, i]) => (i ? [...f, i] : f)), file: fc.boolean() });
}

async function encode(body: Body): Promise<{ body: Blob | string; type: string | null }> {
  if (body.kind === "urlencoded") return { body: new URLSearchParams(body.fields).toString(), type: "application/x-www-form-urlencoded" };
  if (body.kind === "none") return { body: new Blob([new URLSearchParams(body.fields).toString()]), type: null };
  if (body.kind === "json") return { body: JSON.stringify(Object.fromEntries(body.fields)), type: "application/json" };
  if (body.kind === "text") return { body: body.fields.map((f) => f.join("=")).join("\n"), type: "text/plain" };
  if (body.kind === "xml") return { body: "<a>&lt;b</a>", type: "application/xml" };
  const form = new FormData();
  for (const [k, v] of body.fields) form.append(k, v);
  if (body.file) form.append("file", new Blob(["code;nom\n=1+1;\u0000x\n"], { type: "text/csv" }), "contrat.csv");
  const request = new Request("http://x/", { method: "POST", body: form });
  const bytes = new Blob([await request.arrayBuffer()]);
  const type = request.headers.get("content-type")!;
  if (body.kind === "multipart") return { body: bytes, type };
  // Broken: cut halfway through, or a boundary that is not the one in the body.
  return body.fields.length % 2 ? { body: bytes.slice(0, Math.floor(bytes.size / 2)), type } : { body: bytes, type: "multipart/form-data; boundary=nope" };
}

describe("hostile input, generated", () => {
  test(`generated bodies of every content type on every route with an action (seed ${FUZZ_SEED}, ${FUZZ_RUNS} per route): never a 5xx, ≥ 90 % reach the action`, async () => {
    console.log(`# fuzz seed ${FUZZ_SEED} (FUZZ_SEED), ${FUZZ_RUNS} runs per route (FUZZ_RUNS)`);
    const db = ctx.t.db;
    const { createSession } = await import("../app/auth/session.server.js");
    const idOf = async (identifier: string) => (await db.selectFrom("account").select("id").where("identifier", "=", identifier).executeTakeFirstOrThrow()).id;
    const [open] = (await db.selectFrom("consultation").select("id").orderBy("id").execute()).map((c) => c.id);
    const { createInvitationBatch } = await import("../app/domain/accounts/mutations.server.js");
    const { loadViewer } = await import("../app/auth/guard.server.js");
    const staffViewer = (await loadViewer(db, { id: "test", accountId: await idOf("agent-calais"), persistent: true }))!;
    const gagarine = (await db.selectFrom("territory").select("id").where("code", "=", "bm-gagarine").executeTakeFirstOrThrow()).id;
    const batch = await createInvitationBatch(db, staffViewer, { territoryId: gagarine, label: "Fuzz", size: 2, expiresAt: new Date(Date.now() + 1e9), helpText: "Mairie" });
    assert.ok(batch.ok);

    const routes = actionRoutes((file, param) => {
      if (param === "id") return String(file.startsWith("staff.codes") ? batch.value.batchId : open);
      if (param === "code") return "calais-2024-2030";
      if (param === "objective") return "A1";
      if (param === "token") return "t".repeat(43);
      if (param === "status") return "404";
      return "x";
    });
    assert.ok(routes.length >= 25, `the route files export ${routes.length} actions`);
    const { names, intents } = knownNames();
    // The answer form's own fields (one per question), as the page serves them.
    const roles: Record<string, string | null> = { anonymous: null, resident: "gagarine-0001", staff: "agent-calais", moderator: "moderation-beaumarais", council: "conseil-beaumarais" };
    const cookies: Record<string, string | null> = {};
    for (const [role, who] of Object.entries(roles)) cookies[role] = who ? `pq_session=${(await createSession(db, await idOf(who), { persistent: true })).token}` : null;
    const page = await (await fetch(`${ctx.server.url}/consultations/${open}`, { headers: { cookie: cookies.resident! } })).text();
    for (const form of formsOf("/", page)) for (const f of form.fields) if (!names.includes(f.name)) names.push(f.name);

    const send = async (url: string, cookie: string | null, encoded: { body: Blob | string; type: string | null }) => {
      await sql`delete from rate_limit`.execute(db);
      const headers: Record<string, string> = { origin: ctx.server.url };
      if (cookie) headers.cookie = cookie;
      if (encoded.type) headers["content-type"] = encoded.type;
      const r = await fetch(ctx.server.url + url, { method: "POST", headers, body: encoded.body, redirect: "manual" });
      const text = await r.text();
      const location = r.headers.get("location") ?? "";
      const reached = r.headers.get("x-pq-action") === "reached" && ![401, 403, 429].includes(r.status) && !location.startsWith("/connexion");
      return { status: r.status, text, reached };
    };

    // The role each route is sent as: the first whose empty form reaches its action.
    const plan: { url: string; role: string }[] = [];
    for (const route of routes) {
      let chosen: string | null = null;
      for (const role of ["anonymous", "resident", "staff", "moderator", "council"])
        if ((await send(route.url, cookies[role]!, { body: "", type: "application/x-www-form-urlencoded" })).reached) {
          chosen = role;
          break;
        }
      assert.ok(chosen, `some role reaches the action of ${route.file} (${route.url})`);
      plan.push({ url: route.url, role: chosen });
    }

    const failures: string[] = [];
    let total = 0;
    let reached = 0;
    const byKind = new Map<string, number>();
    const samples = fc.sample(bodyArbitrary(names, intents), { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * plan.length });
    for (const [i, body] of samples.entries()) {
      const { url, role } = plan[i % plan.length]!;
      const encoded = await encode(body);
      const r = await send(url, cookies[role]!, encoded);
      total++;
      byKind.set(body.kind, (byKind.get(body.kind) ?? 0) + 1);
      if (r.reached) reached++;
      const what = `POST ${url} as ${role}, ${body.kind} ${JSON.stringify(body.fields).slice(0, 120)}`;
      if (r.status >= 500) failures.push(`${what} → ${r.status}`);
      else if (["none", "json", "text", "xml"].includes(body.kind) && !(r.status === 415 && /Format d'envoi non pris en charge/.test(r.text))) failures.push(`${what} → ${r.status}, not the 415 page`);
      else if (body.kind === "broken-multipart" && !(r.status === 400 || r.status === 415)) failures.push(`${what} → ${r.status}, not 400`);
      else if (r.status >= 400 && !r.text.trim()) failures.push(`${what} → ${r.status} with no message`);
    }
    const share = reached / total;
    console.log(`# fuzz: ${total} requests on ${plan.length} routes, ${reached} reached the action (${(share * 100).toFixed(1)} %); by content type ${JSON.stringify(Object.fromEntries(byKind))}`);
    assert.deepEqual(failures.slice(0, 20), []);
    for (const kind of ["urlencoded", "multipart", "broken-multipart", "none", "json", "text", "xml"]) assert.ok(byKind.get(kind), `some bodies were ${kind}`);
    assert.ok(share >= 0.9, `${(share * 100).toFixed(1)} % of requests reached the action`);
  });
});
