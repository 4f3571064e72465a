// Shared by the browser tests: strings in each language, ids from the e2e database, the axe scan.
import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import type { Database } from "../db/schema.js";
import { createSession } from "../app/auth/session.server.js";
import { formatCode } from "../app/domain/accounts/rules.js";
export { formatCode };
import { issueRoleInvitation } from "../app/domain/accounts/ways-in.server.js";
import { loadViewer } from "../app/auth/guard.server.js";
import { submitWebResponse } from "../app/domain/consultations/mutations.server.js";

export const LANGS = ["fr", "en", "ar"] as const;
export type Lang = (typeof LANGS)[number];

const messages: Record<string, unknown> = {};
/** The string a page shows for a key (no interpolation beyond {{x}} → value). */
export function t(lng: Lang, key: string, vars: Record<string, string | number> = {}): string {
  messages[lng] ??= JSON.parse(readFileSync(path.resolve("public/locales", lng, "common.json"), "utf8"));
  let node: unknown = messages[lng];
  for (const part of key.split(".")) node = (node as Record<string, unknown>)?.[part];
  if (typeof node !== "string") throw new Error(`no string ${lng}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ""));
}

let pool: pg.Pool | undefined;
export async function sqlOne<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> {
  pool ??= new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
  const { rows } = await pool.query(text, params);
  if (!rows[0]) throw new Error(`no row for ${text}`);
  return rows[0] as T;
}
export async function territoryId(code: string): Promise<number> {
  return (await sqlOne<{ id: number }>("select id from territory where code = $1", [code])).id;
}

export async function setLanguage(context: BrowserContext, baseURL: string, lng: Lang) {
  await context.addCookies([{ name: "lng", value: lng, url: baseURL }]);
}

/** JavaScript off, as the spec asks: no script runs, and /build/** is blocked as well. */
export async function disableJavaScript(context: BrowserContext) {
  await context.route("**/build/**", (route) => route.abort());
}

/**
 * axe over the whole page, WCAG 2.1 A and AA. Legacy mode runs axe in the page itself instead
 * of finishing in a second, blank page (the app has no cross-origin frames for that to
 * matter), and only violations are detailed: together about half the time of a scan.
 */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode(true).options({ resultTypes: ["violations"] }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

// Sessions made through the session module itself, for pages that need someone signed in.

let kdb: Kysely<Database> | undefined;
function db(): Kysely<Database> {
  pool ??= new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
  kdb ??= new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return kdb;
}

/** The viewer of an account, as the guard loads it for a signed-in request. */
async function viewerOf(identifier: string) {
  const account = await db().selectFrom("account").select("id").where("identifier", "=", identifier).executeTakeFirstOrThrow();
  return (await loadViewer(db(), { id: "e2e", accountId: account.id, persistent: true }))!;
}

/** Accounts the demo has no such role for: a resident awaiting verification, an admin. Made once. */
const MADE_ACCOUNTS: Record<string, () => Promise<void>> = {
  "e2e-pending": async () => {
    await db().insertInto("account").values({ identifier: "e2e-pending", display_name: "Habitante en attente", pin_hash: "not-a-hash", territory_id: await territoryId("bm-gagarine"), verified_at: null, age_band: "25_39" }).onConflict((oc) => oc.column("identifier").doNothing()).execute();
  },
  "e2e-admin": async () => {
    const row = await db().insertInto("account").values({ identifier: "e2e-admin", display_name: "Administratrice", pin_hash: "not-a-hash", verified_at: new Date() }).onConflict((oc) => oc.column("identifier").doNothing()).returning("id").executeTakeFirst();
    if (row) await db().insertInto("role_assignment").values({ account_id: row.id, role: "admin", territory_id: null, college: null }).execute();
  },
};

export async function signIn(context: BrowserContext, baseURL: string, identifier: string) {
  await MADE_ACCOUNTS[identifier]?.();
  const account = await db().selectFrom("account").select("id").where("identifier", "=", identifier).executeTakeFirstOrThrow();
  const { token } = await createSession(db(), account.id, { persistent: true });
  await context.addCookies([{ name: "pq_session", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** A batch of Gagarine codes made directly in the database (the staff UI has its own spec). */
export async function gagarineBatch(size = 3): Promise<{ id: number; codes: string[] }> {
  const territory = await territoryId("bm-gagarine");
  const { id } = await db()
    .insertInto("invitation_batch")
    .values({ territory_id: territory, label: "Lot de test e2e", size, help_text: "Centre social Matisse", expires_at: new Date(Date.now() + 30 * 24 * 3600_000) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const codes: string[] = [];
  for (let i = 0; i < size; i++) {
    const code = Array.from({ length: 10 }, () => "ABCDEFGHJKMNPQRSTUVWXYZ23456789"[Math.floor(Math.random() * 31)]).join("");
    await db().insertInto("invitation_code").values({ batch_id: id, code }).execute();
    codes.push(code);
  }
  return { id, codes };
}

export async function resolvePath(p: string): Promise<string> {
  let out = p;
  for (const m of p.matchAll(/\{territory:([a-z0-9-]+)\}/g)) out = out.replace(m[0], String(await territoryId(m[1]!)));
  for (const m of out.matchAll(/\{consultation:(open|closed|answered)\}/g)) out = out.replace(m[0], String(await demoConsultation(m[1] as "open" | "closed" | "answered")));
  for (const m of out.matchAll(/\{consultation:(typed|tallies|multiple)\}/g)) out = out.replace(m[0], String(await stateConsultation(m[1] as "typed" | "tallies" | "multiple")));
  if (out.includes("{+invitation}")) {
    await councilInvitation();
    out = out.replace("{+invitation}", "");
  }
  if (out.includes("{invitation}")) out = out.replace("{invitation}", await councilInvitation());
  if (out.includes("{batch}") || out.includes("{code}")) {
    const batch = await gagarineBatch(3);
    out = out.replace("{batch}", String(batch.id)).replace("{code}", formatCode(batch.codes[0]!));
  }
  return out;
}

/** A fresh one-time council invitation for Beau Marais, issued by the demo staff member. */
export async function councilInvitation(): Promise<string> {
  const viewer = await viewerOf("agent-calais");
  const r = await issueRoleInvitation(db(), viewer, { role: "council_member", territoryId: await territoryId("qpv-beau-marais"), college: "habitants", note: null });
  if (!r.ok) throw new Error(r.error);
  return r.value.token;
}

/** The demo consultations (db/seed/demo.ts); "answered" makes sure gagarine-0001 has answered the open one. */
export async function demoConsultation(which: "open" | "closed" | "answered"): Promise<number> {
  const row = await db().selectFrom("consultation").select("id").where("title", which === "closed" ? "like" : "not like", "%(démonstration)%").where("title", "like", which === "closed" ? "Fort Nieulay%" : "Beau Marais%").orderBy("id").executeTakeFirstOrThrow();
  if (which === "answered") {
    const viewer = await viewerOf("gagarine-0001");
    const question = await db().selectFrom("question").select("id").where("consultation_id", "=", row.id).executeTakeFirstOrThrow();
    const options = await db().selectFrom("question_option").select("id").where("question_id", "=", question.id).orderBy("position").limit(3).execute();
    const r = await submitWebResponse(db(), viewer, row.id, new Map(options.map((o, i) => [`q${question.id}_o${o.id}`, [String(i + 1)]])));
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  return row.id;
}

let residentSeq = 0;
/** A verified resident of a sous-secteur, made in the database, signed in on this context. */
export async function newResident(context: BrowserContext, baseURL: string, subsectorCode: string): Promise<string> {
  const identifier = `e2e-${process.pid}-${Date.now().toString(36)}-${++residentSeq}`;
  await db().insertInto("account").values({ identifier, display_name: identifier, pin_hash: "not-a-hash", territory_id: await territoryId(subsectorCode), verified_at: new Date(), age_band: "25_39" }).execute();
  await signIn(context, baseURL, identifier);
  return identifier;
}

/** The demo staff member adds a question to a consultation, as the editor does (refused once answers exist). */
export async function staffAddsQuestion(consultationId: number, input: { kind: "scale" | "text"; prompt: string }) {
  const C = await import("../app/domain/consultations/mutations.server.js");
  const viewer = await viewerOf("agent-calais");
  const q = await C.addQuestion(db(), viewer, consultationId, input);
  if (!q.ok) throw new Error(q.error);
  return q.value.questionId;
}

type QuestionInput = Parameters<typeof import("../app/domain/consultations/mutations.server.js").addQuestion>[3];

/** A published consultation for Beau Marais with live results and these questions, made by the demo staff member. */
export async function publishedConsultation(title: string, questions: QuestionInput[]): Promise<number> {
  const C = await import("../app/domain/consultations/mutations.server.js");
  const viewer = await viewerOf("agent-calais");
  const epci = (await db().selectFrom("territory").select("id").where("code", "=", "ca-grand-calais-terres-et-mers").where("kind", "=", "epci").executeTakeFirstOrThrow()).id;
  const c = await C.createConsultation(db(), viewer, { epciId: epci, title, opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 86_400_000), scopeTerritoryIds: [await territoryId("qpv-beau-marais")], resultsVisibility: "live" });
  if (!c.ok) throw new Error(c.error);
  for (const input of questions) {
    const q = await C.addQuestion(db(), viewer, c.value.consultationId, input);
    if (!q.ok) throw new Error(q.error);
  }
  const p = await C.publishConsultation(db(), viewer, c.value.consultationId);
  if (!p.ok) throw new Error(p.error);
  return c.value.consultationId;
}

/**
 * A published consultation for Beau Marais with live results and one single-choice question
 * (and, with `freeText`, a free-text question after it), made by the demo staff member.
 */
export async function squareConsultation(title: string, { freeText = false } = {}): Promise<{ id: number; options: string[] }> {
  const options = ["Des bancs", "Des jeux", "De l'ombre"];
  const pictograms = ["banc", "jeux", "🌳"];
  const questions: QuestionInput[] = [{ kind: "single", prompt: "Que faut-il d'abord au square ?", options: options.map((label, i) => ({ label, labelEn: `${label} (en)`, pictogram: pictograms[i] })) }];
  if (freeText) questions.push({ kind: "text", prompt: "Votre idée pour le square ?" });
  return { id: await publishedConsultation(title, questions), options };
}

const states = new Map<string, Promise<number>>();
/**
 * Consultations in the states the page scan must see, made once per run: « typed », a ranking
 * with one paper ballot typed; « tallies », a consultation with a tally sheet pending and
 * one confirmed by a second entry; « multiple », one with a multiple-choice question.
 */
export function stateConsultation(which: "typed" | "tallies" | "multiple"): Promise<number> {
  let made = states.get(which);
  if (!made) {
    made = makeState(which);
    states.set(which, made);
  }
  return made;
}
async function makeState(which: "typed" | "tallies" | "multiple"): Promise<number> {
  const P = await import("../app/domain/consultations/paper.server.js");
  if (which === "multiple")
    return publishedConsultation(`Le square, plusieurs choix ${Date.now()}`, [{ kind: "multiple", prompt: "Quand allez-vous au square ?", maxChoices: 2, options: [{ label: "Le matin" }, { label: "L'après-midi" }, { label: "Le soir" }] }]);
  if (which === "typed") {
    const id = await publishedConsultation(`Le square, par ordre ${Date.now()}`, [{ kind: "ranking", prompt: "Classez vos deux priorités pour le square", topN: 2, options: [{ label: "Des bancs" }, { label: "Des jeux" }, { label: "De l'ombre" }] }]);
    const q = await db().selectFrom("question").select("id").where("consultation_id", "=", id).executeTakeFirstOrThrow();
    const options = await db().selectFrom("question_option").select("id").where("question_id", "=", q.id).orderBy("position").limit(2).execute();
    const r = await P.enterPaperBallot(db(), await viewerOf("agent-calais"), id, { territoryId: await territoryId("bm-gagarine"), channel: "paper", source: "urne papier, centre social Matisse", serial: "9001", identifier: null, form: new Map(options.map((o, i) => [`q${q.id}_o${o.id}`, [String(i + 1)]])) });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return id;
  }
  const { id } = await squareConsultation(`Square, procès-verbaux ${Date.now()}`);
  const q = await db().selectFrom("question").select("id").where("consultation_id", "=", id).executeTakeFirstOrThrow();
  const options = await db().selectFrom("question_option").select("id").where("question_id", "=", q.id).orderBy("position").execute();
  const counts = (n: number[]) => new Map([...options.map((o, i) => [`t_q${q.id}_o${o.id}`, [String(n[i] ?? 0)]] as [string, string[]]), [`blank_q${q.id}`, ["0"]]]);
  const first = await viewerOf("agent-calais");
  const entered = await P.enterTallySheet(db(), first, id, { territoryId: null, channel: "atelier", source: "atelier du mardi", ballots: "12", form: counts([5, 4, 3]) });
  if (!entered.ok) throw new Error(JSON.stringify(entered));
  const checked = await P.checkTallySheet(db(), await viewerOf("agent-matisse"), id, entered.value.responseId, { ballots: "12", form: counts([5, 4, 3]) });
  if (!checked.ok) throw new Error(JSON.stringify(checked));
  const pending = await P.enterTallySheet(db(), first, id, { territoryId: null, channel: "paper", source: "urne papier", ballots: "7", form: counts([2, 2, 3]) });
  if (!pending.ok) throw new Error(JSON.stringify(pending));
  return id;
}

/** Staff type a paper ballot naming this resident (the first option of each choice question). */
export async function typedBallotFor(consultationId: number, identifier: string, serial: string) {
  const P = await import("../app/domain/consultations/paper.server.js");
  const viewer = await viewerOf("agent-calais");
  const q = await db().selectFrom("question").select(["id", "kind"]).where("consultation_id", "=", consultationId).where("kind", "=", "single").executeTakeFirstOrThrow();
  const o = await db().selectFrom("question_option").select("id").where("question_id", "=", q.id).orderBy("position").executeTakeFirstOrThrow();
  const r = await P.enterPaperBallot(db(), viewer, consultationId, { territoryId: await territoryId("bm-gagarine"), channel: "paper", source: "urne papier", serial, identifier, form: new Map([[`q${q.id}`, [String(o.id)]]]) });
  if (!r.ok) throw new Error(JSON.stringify(r));
}
