// authorization-matrix: every route file and every action intent, requested by each actor,
// in scope and out of scope, against the running server. A route file or an intent missing
// here fails the test.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { DEMO_CONTRACT_FILE } from "../../db/seed/demo.js";
import { FIXTURE_FILE } from "../../db/seed/test-world.js";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../db/testing.js";
import { accountId, buildTestWorld, OTHER_STAFF, viewerOf } from "../../db/seed/test-world.js";
import { createConsultation, submitWebResponse } from "../domain/consultations/mutations.server.js";
import { startServer, type RunningServer } from "../../server/testing.js";
import { createInvitationBatch } from "../domain/accounts/mutations.server.js";
import { issueRoleInvitation } from "../domain/accounts/ways-in.server.js";
import { createSession } from "./session.server.js";

type Access = "public" | "account" | "staff";
type Actor = "anonymous" | "resident" | "council" | "moderator" | "staff" | "otherStaff";
interface Req {
  method: "GET" | "POST";
  path: string;
  intent?: string;
  body?: Record<string, string>;
  /** What an allowed actor gets. */
  ok: number;
  /** The target lies in Calais: staff of another EPCI must get 403. */
  scoped?: boolean;
  /** What a signed-in actor gets when it differs from `ok` (the log-in page sends them on). */
  signedIn?: number;
  /** Per-actor answers where the role alone does not decide (resident-only pages). */
  byActor?: Partial<Record<Actor, number>>;
}

const ACTORS: Record<Exclude<Actor, "anonymous">, string> = {
  resident: "gagarine-0001",
  council: "conseil-beaumarais",
  moderator: "moderation-beaumarais",
  staff: "agent-calais",
  otherStaff: OTHER_STAFF.identifier,
};

const MATRIX: Record<string, { access: Access; requests: Req[] }> = {
  "_index.tsx": { access: "public", requests: [{ method: "GET", path: "/", ok: 200 }] },
  "choisir.tsx": { access: "public", requests: [{ method: "GET", path: "/choisir?territoire={beauMarais}", ok: 200 }] },
  "quartiers.$id.tsx": { access: "public", requests: [{ method: "GET", path: "/quartiers/{beauMarais}", ok: 200 }] },
  "contrats._index.tsx": { access: "public", requests: [{ method: "GET", path: "/contrats", ok: 200 }] },
  "contrats.$code._index.tsx": { access: "public", requests: [{ method: "GET", path: "/contrats/calais-2024-2030", ok: 200 }] },
  "contrats.$code.objectifs.$objective.tsx": { access: "public", requests: [{ method: "GET", path: "/contrats/calais-2024-2030/objectifs/A1", ok: 200 }] },
  "accessibilite.tsx": { access: "public", requests: [{ method: "GET", path: "/accessibilite", ok: 200 }] },
  "confidentialite.tsx": { access: "public", requests: [{ method: "GET", path: "/confidentialite", ok: 200 }] },
  "preferences.tsx": {
    access: "public",
    requests: [
      { method: "POST", path: "/preferences", intent: "language", body: { lng: "en", redirectTo: "/" }, ok: 302 },
      { method: "POST", path: "/preferences", intent: "falc", body: { falc: "on", redirectTo: "/" }, ok: 302 },
    ],
  },
  "erreur.$status.tsx": { access: "public", requests: [{ method: "GET", path: "/erreur/403", ok: 403 }] },
  "$.tsx": { access: "public", requests: [{ method: "GET", path: "/nulle-part", ok: 404 }] },
  "connexion.tsx": {
    access: "public",
    requests: [
      { method: "GET", path: "/connexion", ok: 200, signedIn: 302 },
      { method: "POST", path: "/connexion", body: {}, ok: 400, signedIn: 302 },
    ],
  },
  "code.tsx": {
    access: "public",
    requests: [
      { method: "GET", path: "/code", ok: 200 },
      { method: "POST", path: "/code", body: {}, ok: 400 },
    ],
  },
  "deconnexion.tsx": {
    access: "public",
    requests: [
      { method: "POST", path: "/deconnexion", intent: "this", ok: 302 },
      { method: "POST", path: "/deconnexion", intent: "all", ok: 302 },
    ],
  },
  "inscription.tsx": {
    access: "public",
    requests: [
      { method: "GET", path: "/inscription", ok: 200 },
      { method: "POST", path: "/inscription", body: {}, ok: 400 },
    ],
  },
  "mot-de-passe-oublie.tsx": {
    access: "public",
    requests: [
      { method: "GET", path: "/mot-de-passe-oublie", ok: 200 },
      { method: "POST", path: "/mot-de-passe-oublie", body: {}, ok: 400 },
    ],
  },
  "mot-de-passe.$token.tsx": {
    access: "public",
    requests: [
      { method: "GET", path: "/mot-de-passe/abcdefghijklmnopqrstuvwx", ok: 200 },
      { method: "POST", path: "/mot-de-passe/abcdefghijklmnopqrstuvwx", body: { password: "a-long-enough-password" }, ok: 400 },
    ],
  },
  "recuperation.tsx": {
    access: "public",
    requests: [
      { method: "GET", path: "/recuperation", ok: 200 },
      { method: "POST", path: "/recuperation", body: {}, ok: 400 },
    ],
  },
  "invitation.$token.tsx": {
    access: "public",
    requests: [
      { method: "GET", path: "/invitation/{invitation}", ok: 200 },
      // An unknown token: nobody gets anything, whoever they are.
      { method: "POST", path: "/invitation/abcdefghijklmnopqrstuvwx", body: {}, ok: 400 },
    ],
  },
  "outbox.tsx": { access: "public", requests: [{ method: "GET", path: "/outbox", ok: 404 }] },
  "staff.habitants.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/habitants", ok: 200 },
      { method: "POST", path: "/staff/habitants", intent: "verify", body: { accountId: "{resident}" }, ok: 200, scoped: true },
      { method: "POST", path: "/staff/habitants", intent: "recovery", body: { accountId: "{resident}" }, ok: 200, scoped: true },
    ],
  },
  "staff.invitations.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/invitations", ok: 200 },
      { method: "POST", path: "/staff/invitations", body: { role: "council_member", territoryId: "{beauMarais}", college: "habitants" }, ok: 200, scoped: true },
    ],
  },
  "staff.contrats.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/contrats", ok: 200 },
      { method: "POST", path: "/staff/contrats", body: {}, ok: 400 },
    ],
  },
  "staff.parametres.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/parametres", ok: 200 },
      { method: "POST", path: "/staff/parametres", intent: "under15", body: { epciId: "{calaisEpci}", allowed: "on" }, ok: 302, scoped: true },
    ],
  },
  "consultations.$id._index.tsx": {
    access: "public",
    requests: [
      { method: "GET", path: "/consultations/{openConsultation}", ok: 200 },
      // Answering needs the resident role in scope: an empty answer is then bad input.
      // A refused answer goes back to the form (303, Post/Redirect/Get), which then answers 400.
      { method: "POST", path: "/consultations/{openConsultation}", body: {}, ok: 303, byActor: { anonymous: 302, moderator: 403, staff: 403, otherStaff: 403 } },
    ],
  },
  "consultations.$id.merci.tsx": {
    access: "account",
    requests: [{ method: "GET", path: "/consultations/{openConsultation}/merci", ok: 200, byActor: { council: 404, moderator: 403, staff: 403, otherStaff: 403 } }],
  },
  "consultations.$id.resultats.tsx": {
    access: "public",
    requests: [
      { method: "GET", path: "/consultations/{openConsultation}/resultats", ok: 200 },
      // Co-signing needs a council grant for a QPV in scope: the Beau Marais council may, but the summary is not published.
      { method: "POST", path: "/consultations/{openConsultation}/resultats", intent: "cosign", body: { qpvId: "{beauMarais}" }, ok: 409, byActor: { anonymous: 302, resident: 403, moderator: 403, staff: 403, otherStaff: 403 } },
    ],
  },
  "moderation.tsx": {
    access: "account",
    requests: [
      { method: "GET", path: "/moderation", ok: 200, byActor: { resident: 403, council: 403, staff: 403, otherStaff: 403 } },
      // Moderators of a QPV in the consultation's scope: an unknown text is bad input.
      { method: "POST", path: "/moderation", intent: "approve_text", body: { answerId: "999999", consultationId: "{openConsultation}" }, ok: 400, byActor: { resident: 403, council: 403, staff: 403, otherStaff: 403 } },
      { method: "POST", path: "/moderation", intent: "reject_text", body: { answerId: "999999", consultationId: "{openConsultation}", reason: "abusive" }, ok: 400, byActor: { resident: 403, council: 403, staff: 403, otherStaff: 403 } },
    ],
  },
  "staff.consultations._index.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/consultations", ok: 200 },
      { method: "POST", path: "/staff/consultations", body: {}, ok: 400 },
    ],
  },
  "staff.consultations.$id.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/consultations/{draft}", ok: 200, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "add_question", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "from_priority", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "remove_question", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "edit_details", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "approve_text", body: { answerId: "999999" }, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "reject_text", body: { answerId: "999999" }, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "objectives", body: {}, ok: 302, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "publish", ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "unpublish", ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "close", ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "extend", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "duplicate", ok: 302, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "edit_question", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "edit_option", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "save_summary", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "publish_summary", ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{draft}", intent: "unpublish_summary", ok: 400, scoped: true },
    ],
  },
  "consultations.$id.resultats[.]csv.tsx": { access: "public", requests: [{ method: "GET", path: "/consultations/{openConsultation}/resultats.csv", ok: 200 }] },
  "consultations.$id.resultats[.]json.tsx": { access: "public", requests: [{ method: "GET", path: "/consultations/{openConsultation}/resultats.json", ok: 200 }] },
  "staff.consultations.$id_.bulletins.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/consultations/{openConsultation}/bulletins", ok: 200, scoped: true },
      { method: "POST", path: "/staff/consultations/{openConsultation}/bulletins", body: { nombre: "0" }, ok: 400, scoped: true },
    ],
  },
  "staff.consultations.$id_.saisie.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/consultations/{openConsultation}/saisie", ok: 200, scoped: true },
      { method: "POST", path: "/staff/consultations/{openConsultation}/saisie", intent: "enter", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{openConsultation}/saisie", intent: "void", body: { responseId: "999999", reason: "x" }, ok: 404, scoped: true },
    ],
  },
  "staff.consultations.$id_.proces-verbal.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/consultations/{openConsultation}/proces-verbal", ok: 200, scoped: true },
      { method: "POST", path: "/staff/consultations/{openConsultation}/proces-verbal", intent: "enter_sheet", body: {}, ok: 400, scoped: true },
      { method: "POST", path: "/staff/consultations/{openConsultation}/proces-verbal", intent: "check_sheet", body: { responseId: "999999" }, ok: 404, scoped: true },
      { method: "POST", path: "/staff/consultations/{openConsultation}/proces-verbal", intent: "correct_sheet", body: { responseId: "999999" }, ok: 404, scoped: true },
      { method: "POST", path: "/staff/consultations/{openConsultation}/proces-verbal", intent: "void", body: { responseId: "999999", reason: "x" }, ok: 404, scoped: true },
    ],
  },
  "compte._index.tsx": {
    access: "account",
    requests: [
      { method: "GET", path: "/compte", ok: 200 },
      { method: "POST", path: "/compte", intent: "details", body: { ageBand: "40_59", gender: "" }, ok: 302 },
    ],
  },
  "compte.donnees.tsx": {
    access: "account",
    requests: [
      { method: "GET", path: "/compte/donnees", ok: 200 },
      // Without the confirmation box: refused as bad input, after the guard let the person in.
      { method: "POST", path: "/compte/donnees", intent: "delete", ok: 400 },
    ],
  },
  "compte.donnees[.]json.tsx": { access: "account", requests: [{ method: "GET", path: "/compte/donnees.json", ok: 200 }] },
  "staff.codes._index.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/codes", ok: 200 },
      { method: "POST", path: "/staff/codes", body: { territoryId: "{gagarine}", label: "Matrice", size: "2", expiresOn: "2099-01-01", helpText: "Mairie" }, ok: 302, scoped: true },
    ],
  },
  "staff.codes.$id._index.tsx": {
    access: "staff",
    requests: [
      { method: "GET", path: "/staff/codes/{batch}", ok: 200, scoped: true },
      { method: "POST", path: "/staff/codes/{batch}", intent: "help", body: { helpText: "Centre social Matisse, 03 21 00 00 00", helpTextAr: "المركز الاجتماعي ماتيس" }, ok: 302, scoped: true },
      { method: "POST", path: "/staff/codes/{batch}", intent: "revoke", ok: 302, scoped: true },
    ],
  },
  "staff.codes.$id.cartes.tsx": { access: "staff", requests: [{ method: "GET", path: "/staff/codes/{batch}/cartes", ok: 200, scoped: true }] },
  "staff.codes.$id.csv.tsx": { access: "staff", requests: [{ method: "GET", path: "/staff/codes/{batch}/csv", ok: 200, scoped: true }] },
  "staff.journal.tsx": { access: "staff", requests: [{ method: "GET", path: "/staff/journal", ok: 200 }] },
  "staff.journal[.]csv.tsx": { access: "staff", requests: [{ method: "GET", path: "/staff/journal.csv", ok: 200 }] },
};

function expected(access: Access, actor: Actor, req: Req): number {
  if (req.byActor?.[actor] !== undefined) return req.byActor[actor]!;
  if (access === "public") return actor !== "anonymous" && req.signedIn ? req.signedIn : req.ok;
  if (actor === "anonymous") return 302;
  if (access === "account") return req.ok;
  if (actor === "staff") return req.ok;
  if (actor === "otherStaff") return req.scoped ? 403 : req.ok;
  return 403;
}

const routesDir = path.resolve(import.meta.dirname, "../routes");
const routeFiles = readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));

let t: TestDatabase;
let server: RunningServer;
let w: Awaited<ReturnType<typeof buildTestWorld>>;
const ids: Record<string, number | string> = {};
before(async () => {
  t = await createTestDatabase();
  w = await buildTestWorld(t.db);
  const batch = await createInvitationBatch(t.db, w.staff, { territoryId: w.gagarine, label: "Matrice", size: 5, expiresAt: new Date(Date.now() + 1e9), helpText: "x" });
  assert.ok(batch.ok);
  const calaisEpci = (await t.db.selectFrom("territory").select("id").where("code", "=", "ca-grand-calais-terres-et-mers").executeTakeFirstOrThrow()).id;
  const invitation = await issueRoleInvitation(t.db, w.staff, { role: "moderator", territoryId: w.beauMarais, college: null, note: null });
  assert.ok(invitation.ok);
  Object.assign(ids, { batch: batch.value.batchId, gagarine: w.gagarine, beauMarais: w.beauMarais, calaisEpci, resident: await accountId(t.db, "gagarine-0001"), invitation: invitation.value.token });
  server = await startServer({ DATABASE_URL: t.url, LOG_LEVEL: "warn" });
  // After start-up the demo consultations exist: the demo resident answers the open one, and a draft is made.
  const open = (await t.db.selectFrom("consultation").select("id").where("title", "like", "Beau Marais%").executeTakeFirstOrThrow()).id;
  const q = await t.db.selectFrom("question").select("id").where("consultation_id", "=", open).executeTakeFirstOrThrow();
  const opts = await t.db.selectFrom("question_option").select("id").where("question_id", "=", q.id).orderBy("position").limit(3).execute();
  const answered = await submitWebResponse(t.db, await viewerOf(t.db, "gagarine-0001"), open, new Map(opts.map((o, i) => [`q${q.id}_o${o.id}`, [String(i + 1)]])));
  assert.ok(answered.ok);
  const calais = (await t.db.selectFrom("territory").select("id").where("code", "=", "ca-grand-calais-terres-et-mers").executeTakeFirstOrThrow()).id;
  const draft = await createConsultation(t.db, w.staff, { epciId: calais, title: "Brouillon matrice", opensAt: new Date(), closesAt: new Date(Date.now() + 1e9), scopeTerritoryIds: [w.beauMarais] });
  assert.ok(draft.ok);
  Object.assign(ids, { openConsultation: open, draft: draft.value.consultationId });
});
after(async () => {
  await server?.stop();
  await t?.drop();
});

const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(ids[k]));

async function send(actor: Actor, req: Req): Promise<number> {
  const headers: Record<string, string> = { "sec-fetch-site": "same-origin" };
  if (actor !== "anonymous") {
    const { token } = await createSession(t.db, await accountId(t.db, ACTORS[actor]), { persistent: true });
    headers.cookie = `pq_session=${token}`;
  }
  let body: string | undefined;
  if (req.method === "POST") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = server.url;
    const form = new URLSearchParams(Object.entries(req.body ?? {}).map(([k, v]) => [k, fill(v)]));
    if (req.intent) form.set("intent", req.intent);
    body = form.toString();
  }
  const res = await fetch(`${server.url}${fill(req.path)}`, { method: req.method, headers, body, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status === 302 && req.ok !== 302 && !req.signedIn) {
    // A refusal to the anonymous is a redirect to the log-in page, nowhere else.
    assert.match(res.headers.get("location") ?? "", /^\/connexion\?redirectTo=/);
  }
  return res.status;
}

describe("authorization-matrix", () => {
  test("every route file is in the matrix, and the matrix names no other", () => {
    assert.deepEqual(routeFiles.filter((f) => !(f in MATRIX)), []);
    assert.deepEqual(Object.keys(MATRIX).filter((f) => !routeFiles.includes(f)), []);
  });

  test("every action intent of every route is in the matrix", () => {
    for (const file of routeFiles) {
      // Forms that post to another route count for that route, not this one.
      // The route's own source and the components it takes from app/ui (some hold its forms):
      // each imported component from its `export function` to the next export.
      const own = readFileSync(path.join(routesDir, file), "utf8");
      const parts = [...own.matchAll(/import \{([^}]+)\} from "\.\.\/ui\/(\w+)\.js"/g)].flatMap((m) => {
        const ui = readFileSync(path.join(routesDir, "..", "ui", `${m[2]}.tsx`), "utf8");
        return m[1]!.split(",").map((name) => {
          const start = ui.indexOf(`export function ${name.trim()}(`);
          const end = start === -1 ? -1 : ui.indexOf("\nexport ", start + 1);
          return start === -1 ? "" : ui.slice(start, end === -1 ? undefined : end);
        });
      });
      const source = [own, ...parts].join("\n").replace(/<Form[^>]*action="[^"]+"[\s\S]*?<\/Form>/g, "");
      const intents = new Set([...source.matchAll(/name="intent" value="([^"]+)"/g), ...source.matchAll(/get\("intent"\) [!=]== "([^"]+)"/g)].map((m) => m[1]!));
      const covered = new Set(MATRIX[file]?.requests.map((r) => r.intent).filter(Boolean));
      for (const intent of intents) assert.ok(covered.has(intent), `${file}: intent "${intent}" is not in the matrix`);
      if (/export async function action/.test(source)) assert.ok(MATRIX[file]!.requests.some((r) => r.method === "POST"), `${file} has an action but no POST in the matrix`);
    }
  });

  for (const [file, { access, requests }] of Object.entries(MATRIX)) {
    test(`${file} (${access})`, async () => {
      for (const req of requests)
        for (const actor of ["anonymous", ...Object.keys(ACTORS)] as Actor[]) {
          const status = await send(actor, req);
          assert.equal(status, expected(access, actor, req), `${actor} ${req.method} ${req.path}${req.intent ? ` [${req.intent}]` : ""}`);
        }
    });
  }

  // The contract upload, for each EPCI's staff and each other EPCI's contract code: their own
  // EPCI's file under the other's code is refused (409, naming the other EPCI) and nothing moves.
  test("staff.contrats.tsx upload: each EPCI's staff × each other EPCI's contract code", async () => {
    const files = { staff: { file: DEMO_CONTRACT_FILE, epci: "ca-grand-calais-terres-et-mers" }, otherStaff: { file: FIXTURE_FILE, epci: "ca-val-de-scarpe" } } as const;
    const codes = { "ca-grand-calais-terres-et-mers": "calais-2024-2030", "ca-val-de-scarpe": "val-de-scarpe-2024-2030" } as const;
    const holders = async () => (await t.db.selectFrom("contract as c").innerJoin("territory as e", "e.id", "c.epci_id").select(["c.code", "e.code as epci", "c.updated_at"]).orderBy("c.code").execute()).map((r) => `${r.code}@${r.epci}@${r.updated_at.toISOString()}`);
    const journal = async () => Number((await t.db.selectFrom("audit_event").select((eb) => eb.fn.countAll().as("n")).where("action", "like", "contract.%").executeTakeFirstOrThrow()).n);
    for (const actor of ["staff", "otherStaff"] as const) {
      const own = files[actor];
      for (const [epci, code] of Object.entries(codes)) {
        if (epci === own.epci) continue;
        const data = JSON.parse(readFileSync(own.file, "utf8"));
        data.contract.code = code;
        const { token } = await createSession(t.db, await accountId(t.db, ACTORS[actor]), { persistent: true });
        const form = new FormData();
        form.set("file", new Blob([JSON.stringify(data)], { type: "application/json" }), "contrat.json");
        form.set("moveCode", "on");
        const [before, audited] = [await holders(), await journal()];
        const res = await fetch(`${server.url}/staff/contrats`, { method: "POST", headers: { cookie: `pq_session=${token}`, origin: server.url, "sec-fetch-site": "same-origin" }, body: form });
        const html = await res.text();
        assert.equal(res.status, 409, `${actor} uploading under ${code}`);
        assert.match(html, /appartient déjà à un contrat d(&#x27;|')une autre agglomération/);
        assert.deepEqual(await holders(), before, `${actor} under ${code}: no contract moved or changed`);
        assert.equal(await journal(), audited);
      }
    }
  });
});
