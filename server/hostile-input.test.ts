// Bad input never gets a 500: every POST form of the resident and staff pages of the demo is
// found in the served HTML and sent back with hostile values in every field (a NUL character,
// numbers out of any range, an impossible date, a very long text), with its hidden fields kept
// and replaced; every page is asked for with hostile query parameters too. (Empty and missing
// fields have their own tests with each form.) A NUL is dropped from URLs and form bodies; a
// body larger than any form gets the 413 page.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FORM_BODY_LIMIT } from "./input.js";
import { serverOnTestDatabase } from "./testing.js";

const ctx = serverOnTestDatabase();

const HOSTILE = ["a\u0000b", "-1", "99999999999999999999", "x".repeat(20_000), "2024-02-30T25:61"];
const QUERY = ["%00", "99999999999"];
const QUERY_KEYS = ["q", "avant", "numero", "territoire", "sous_secteur", "action", "tous", "nombre", "debut", "redirectTo"];

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
      ["agent-calais", ["/staff/consultations", `/staff/consultations/${open}`, `/staff/consultations/${open}/bulletins`, `/staff/consultations/${open}/saisie`, `/staff/consultations/${open}/proces-verbal`, "/staff/codes", `/staff/codes/${batch.value.batchId}`, "/staff/habitants", "/staff/invitations", "/staff/journal", "/staff/contrats", "/staff/parametres"]],
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
});
