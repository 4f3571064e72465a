// The staff journal: each action in words with its target, filtered by person, Paris day and
// kind of action, and never outside the reader's EPCIs, whatever the filter says; its CSV reads
// back under French rules; no answer and no figure of a tally ever reaches an entry.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import type { TestDatabase } from "../../../db/testing.js";
import { formOf, openTestWorld, territory } from "../../../db/seed/test-world.js";
import { sayIn } from "../../i18n/resources.server.js";
import { frenchCsv } from "../../lib/csv.js";
import { formatParisDateTime } from "../../utils/paris-time.js";
import { createInvitationBatch } from "../accounts/mutations.server.js";
import { addQuestion, createConsultation, publishConsultation } from "../consultations/mutations.server.js";
import { checkTallySheet, enterPaperBallot, enterTallySheet, voidEntry } from "../consultations/paper.server.js";
import { tallyField } from "../consultations/rules.js";
import { journalCsvRows, journalSentence, readJournalFilter, type JournalEntry, type JournalFilter } from "./journal.js";
import { journalEntries, journalPeople } from "./queries.server.js";

let t: TestDatabase;
let w: Awaited<ReturnType<typeof openTestWorld>>["w"];
let calais: number;
let scarpe: number;
before(async () => {
  ({ t, w, epci: calais } = await openTestWorld());
  scarpe = await territory(t.db, "ca-val-de-scarpe");
});
after(() => t?.drop());

const fr = (key: string, vars?: Record<string, unknown>) => sayIn("fr", key, vars);
const when = (iso: string) => formatParisDateTime(iso, "fr");
const say = (e: JournalEntry) => journalSentence(e, fr, when);
const none: JournalFilter = { person: null, from: null, to: null, action: null };
const hour = 3600_000;

/** A published consultation of Calais with one ballot typed and voided, a tally sheet typed twice apart, and a batch; one batch in Val de Scarpe. */
async function scene() {
  const c = await createConsultation(t.db, w.staff, { epciId: calais, title: "Le square Gagarine", opensAt: new Date(Date.now() - hour), closesAt: new Date(Date.now() + 24 * hour), scopeTerritoryIds: [w.beauMarais], resultsVisibility: "live" });
  assert.ok(c.ok);
  const id = c.value.consultationId;
  const q = await addQuestion(t.db, w.staff, id, { kind: "single", prompt: "Que faut-il au square ?", options: [{ label: "Des bancs secrets" }, { label: "Des jeux secrets" }] });
  assert.ok(q.ok && (await publishConsultation(t.db, w.staff, id)).ok);
  const options = (await t.db.selectFrom("question_option").select("id").where("question_id", "=", q.value.questionId).orderBy("position").execute()).map((o) => o.id);
  const typed = await enterPaperBallot(t.db, w.staff, id, { serial: "3", territoryId: w.gagarine, channel: "paper", source: "urne", identifier: null, form: formOf({ [`q${q.value.questionId}`]: String(options[0]) }) });
  assert.ok(typed.ok);
  assert.ok((await voidEntry(t.db, w.staff, id, typed.value.responseId, "erreur de saisie")).ok);
  // A tally sheet of 731 ballots (613 and 118), typed again by the second agent with 612 and 119.
  const cells = (a: number, b: number) => formOf({ [tallyField.blanks(q.value.questionId)]: "0", [tallyField.option(q.value.questionId, options[0]!)]: String(a), [tallyField.option(q.value.questionId, options[1]!)]: String(b) });
  const sheet = await enterTallySheet(t.db, w.staff, id, { ballots: "731", territoryId: w.gagarine, channel: "atelier", source: "atelier du 3 mars", form: cells(613, 118) });
  assert.ok(sheet.ok, JSON.stringify(sheet));
  const second = await checkTallySheet(t.db, w.secondStaff, id, sheet.value.responseId, { ballots: "731", form: cells(612, 119) });
  assert.ok(second.ok, JSON.stringify(second));
  const batch = await createInvitationBatch(t.db, w.secondStaff, { territoryId: w.gagarine, label: "Lot Gagarine", size: 3, expiresAt: new Date(Date.now() + 1e9), helpText: "centre social" });
  const elsewhere = await createInvitationBatch(t.db, w.otherStaff, { territoryId: await territory(t.db, "qpv-les-epis"), label: "Lot des Épis", size: 2, expiresAt: new Date(Date.now() + 1e9), helpText: "mairie" });
  assert.ok(batch.ok && elsewhere.ok);
  return { id, serial: `P${id}-0003`, sheetId: sheet.value.responseId };
}

describe("the journal", () => {
  let s: Awaited<ReturnType<typeof scene>>;
  before(async () => (s = await scene()));

  test("each action in words, with its target's title and link, and which serial and reason", async () => {
    const { entries } = await journalEntries(t.db, [calais], none);
    const voided = entries.find((e) => e.action === "ballot.void")!;
    assert.equal(say(voided), `a annulé le bulletin ${s.serial} : erreur de saisie`);
    assert.deepEqual(voided.target, { type: "consultation", title: "Le square Gagarine", href: `/staff/consultations/${s.id}/saisie?numero=${encodeURIComponent(s.serial)}` });
    assert.equal(voided.actor?.id, w.staff.accountId);
    assert.equal(voided.actorRole, "staff");
    assert.equal(say(entries.find((e) => e.action === "ballot.enter")!), `a saisi le bulletin ${s.serial} (papier, non nominatif)`);
    assert.equal(say(entries.find((e) => e.action === "consultation.publish")!), "a publié la consultation");
    assert.equal(say(entries.find((e) => e.action === "consultation.question_add")!), "a ajouté une question (un seul choix)");
    assert.equal(say(entries.find((e) => e.action === "tally.enter")!), `a saisi le procès-verbal n° ${s.sheetId} (atelier)`);
    assert.equal(say(entries.find((e) => e.action === "tally.mismatch")!), `a comparé les deux saisies du procès-verbal n° ${s.sheetId} : elles diffèrent (cases qui diffèrent : 2), rien n'est compté`);
    assert.equal(entries.find((e) => e.action === "tally.enter")!.target.href, `/staff/consultations/${s.id}/proces-verbal`);
    const batch = entries.find((e) => e.action === "invitation_batch.create")!;
    assert.equal(say(batch), "a créé un lot de codes d'invitation pour Gagarine (codes : 3)");
    assert.equal(batch.target.title, "Lot Gagarine");
    assert.match(batch.target.href ?? "", /^\/staff\/codes\/\d+$/);
    // Every kind of action has its own sentence, in every language: none falls back to the code.
    for (const e of entries) assert.doesNotMatch(say(e), /a fait l'action/, e.action);
  });

  test("no resident's answer and no tally figure reaches an entry", async () => {
    const { entries } = await journalEntries(t.db, [calais], none);
    const text = JSON.stringify(entries) + entries.map(say).join("\n");
    for (const secret of ["Des bancs secrets", "Des jeux secrets", "731", "613", "118", "612", "119", "\"detail\"", "counts", "atelier du 3 mars"]) assert.ok(!new RegExp(`(^|[^\\d])${secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\d]|$)`).test(text), `« ${secret} » in the journal`);
  });

  test("staff see only their EPCI's events, whatever the filter; admins see all", async () => {
    const calaisOnly = await journalEntries(t.db, [calais], none);
    assert.ok(calaisOnly.entries.length > 5);
    assert.ok(!calaisOnly.entries.some((e) => e.target.title === "Lot des Épis"), "not Val de Scarpe's batch");
    // An attacker of Calais asks for the other EPCI's agent: nothing, and no sign of their actions.
    assert.deepEqual((await journalEntries(t.db, [calais], { ...none, person: w.otherStaff.accountId })).entries, []);
    assert.deepEqual((await journalEntries(t.db, [scarpe], { ...none, person: w.staff.accountId })).entries, []);
    assert.deepEqual((await journalEntries(t.db, [], none)).entries, [], "no EPCI: nothing");
    const scarpeOnly = await journalEntries(t.db, [scarpe], none);
    assert.deepEqual(scarpeOnly.entries.map((e) => e.target.title), ["Lot des Épis"]);
    const all = await journalEntries(t.db, "all", none);
    assert.ok(all.entries.some((e) => e.target.title === "Lot des Épis") && all.entries.some((e) => e.target.title === "Lot Gagarine"));
    // The person list names only who acted in the reader's EPCIs.
    const people = (await journalPeople(t.db, [calais])).map((p) => p.id);
    assert.ok(people.includes(w.staff.accountId) && people.includes(w.secondStaff.accountId) && !people.includes(w.otherStaff.accountId));
  });

  test("by person, by kind of action, and by Paris day (both ends included)", async () => {
    const mine = (await journalEntries(t.db, [calais], { ...none, person: w.secondStaff.accountId })).entries;
    assert.deepEqual(new Set(mine.map((e) => e.action)), new Set(["tally.check", "tally.mismatch", "invitation_batch.create"]));
    const ballots = (await journalEntries(t.db, [calais], { ...none, action: "ballots" })).entries;
    assert.deepEqual(new Set(ballots.map((e) => e.action)), new Set(["ballot.enter", "ballot.void"]));
    const consultation = (await journalEntries(t.db, [calais], { ...none, action: "consultation" })).entries;
    assert.ok(consultation.length >= 3 && consultation.every((e) => e.action.startsWith("consultation.") && !e.action.startsWith("consultation.text_")));
    // The void happened at 23:30 in Paris on 15 January 2026 (22:30 UTC): it is on the 15th, not the 16th.
    await sql`update audit_event set created_at = '2026-01-15T22:30:00Z' where action = 'ballot.void' and target_id = ${String(s.id)}`.execute(t.db);
    await sql`update audit_event set created_at = '2026-01-16T08:00:00Z' where action = 'ballot.enter' and target_id = ${String(s.id)}`.execute(t.db);
    const day = (from: string | null, to: string | null) => journalEntries(t.db, [calais], { ...none, from, to }).then((r) => r.entries.map((e) => e.action));
    assert.deepEqual(await day("2026-01-15", "2026-01-15"), ["ballot.void"]);
    assert.deepEqual(await day("2026-01-16", "2026-01-16"), ["ballot.enter"]);
    assert.deepEqual(await day("2026-01-15", "2026-01-16"), ["ballot.enter", "ballot.void"], "the latest first");
    assert.deepEqual(await day(null, "2026-01-14"), []);
    assert.ok((await day("2026-01-17", null)).length > 3, "today's actions");
    // A page is 200 at most, and says when there are more.
    const limited = await journalEntries(t.db, [calais], none, 2);
    assert.equal(limited.entries.length, 2);
    assert.equal(limited.more, true);
  });

  test("the query string: malformed values are dropped, the scope is never read from it", () => {
    assert.deepEqual(readJournalFilter(new URLSearchParams("personne=12&du=2026-01-15&au=2026-01-31&action=ballots")), { person: 12, from: "2026-01-15", to: "2026-01-31", action: "ballots" });
    assert.deepEqual(readJournalFilter(new URLSearchParams("du=2026-02-01&au=2026-01-15")), { person: null, from: "2026-01-15", to: "2026-02-01", action: null }, "swapped");
    for (const q of ["personne=1%20or%201=1", "personne=-3", "personne=0", "du=2026-02-30", "au=15/01/2026", "action=ballot.void", "action=__proto__", "epci=12", "epci_id=1"])
      assert.deepEqual(readJournalFilter(new URLSearchParams(q)), none, q);
  });

  test("the CSV reads back under French rules: one row per action, its sentence whole, the link absolute", async () => {
    const { entries } = await journalEntries(t.db, [calais], { ...none, action: "ballots" });
    const csv = frenchCsv(journalCsvRows(entries, fr, when, "https://quartier.example"));
    const rows: string[][] = parse(csv, { bom: true, delimiter: ";", record_delimiter: "\r\n" });
    assert.deepEqual(rows[0], ["date", "personne", "rôle", "action", "sur", "lien", "EPCI", "code de l'action"]);
    assert.equal(rows.length, 3);
    const voided = rows.find((r) => r[7] === "ballot.void")!;
    assert.equal(voided[3], `a annulé le bulletin ${s.serial} : erreur de saisie`);
    assert.equal(voided[4], "Le square Gagarine");
    assert.equal(voided[5], `https://quartier.example/staff/consultations/${s.id}/saisie?numero=${encodeURIComponent(s.serial)}`);
    assert.equal(voided[2], "agent");
    assert.match(voided[0]!, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, "a date French Excel reads");
  });
});
