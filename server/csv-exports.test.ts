// Every CSV route (found from the route files, so a new export joins by itself) with hostile
// texts in what it prints — option labels, a territory name, a contract objective, a batch
// label: no text cell begins with = + - @, a tab or a CR (OWASP's rule for CSV injection).
// Each is read back under French Excel's rules (decision 0021): a number has a decimal comma,
// never a point, and the results' figure columns hold numbers or nothing. The journal's CSV
// stays inside the reader's EPCI whatever its filters say.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { serverOnTestDatabase } from "./testing.js";

const ctx = serverOnTestDatabase();

/** The rows of a CSV as French Excel reads it: UTF-8 after a BOM, « ; » between cells, CRLF. */
function frenchRows(csv: string): string[][] {
  assert.ok(csv.startsWith("\ufeff"), "a BOM");
  assert.ok(!/[^\r]\n/.test(csv.replace(/"(?:[^"]|"")*"/g, "")), "CRLF between rows");
  return parse(csv, { bom: true, delimiter: ";", record_delimiter: "\r\n" });
}
const cells = (csv: string): string[] => frenchRows(csv).flat();

test("every *.csv route: hostile texts come out neutralised, numbers stay numbers", async () => {
  const db = ctx.t.db;
  const hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+33 cmd", "-1+1", "@SUM(1+1)", "\tTAB", "\rCR"];
  // Labels as a careless (or hostile) editor might have typed them before the first answer
  // froze the questions: the freeze trigger is set aside for this write only.
  await db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    const options = await tx.selectFrom("question_option").select("id").orderBy("id").execute();
    for (const [i, o] of options.entries()) await tx.updateTable("question_option").set({ label: `${hostile[i % hostile.length]} ${i}` }).where("id", "=", o.id).execute();
  });
  await db.updateTable("territory").set({ name: "=cmd|' /C calc'!A0" }).where("code", "=", "bm-gagarine").execute();
  await db.updateTable("consultation").set({ title: "@titre" }).execute();
  const { createSession } = await import("../app/auth/session.server.js");
  const { loadViewer } = await import("../app/auth/guard.server.js");
  const { createInvitationBatch } = await import("../app/domain/accounts/mutations.server.js");
  const staffId = (await db.selectFrom("account").select("id").where("identifier", "=", "agent-calais").executeTakeFirstOrThrow()).id;
  const staff = (await loadViewer(db, { id: "t", accountId: staffId, persistent: true }))!;
  const gagarine = (await db.selectFrom("territory").select("id").where("code", "=", "bm-gagarine").executeTakeFirstOrThrow()).id;
  const batch = await createInvitationBatch(db, staff, { territoryId: gagarine, label: "-lot", size: 3, expiresAt: new Date(Date.now() + 1e9), helpText: "=aide" });
  assert.ok(batch.ok);
  const cookie = `pq_session=${(await createSession(db, staffId, { persistent: true })).token}`;
  const consultations = (await db.selectFrom("consultation").select("id").orderBy("id").execute()).map((c) => c.id);

  const files = readdirSync(path.resolve("app/routes")).filter((f) => /(\[\.\]|\.)csv\.tsx?$/.test(f));
  assert.ok(files.length >= 2, `CSV routes found: ${files.join(", ")}`);
  let checked = 0;
  for (const file of files) {
    const ids: number[] = file.startsWith("staff.codes") ? [batch.value.batchId] : file.includes("$id") ? consultations : [0];
    for (const id of ids) {
      const url: string = "/" + file.replace(/\.tsx?$/, "").replace(/\[\.\]/g, "\u0000").split(".").map((s) => (s === "$id" ? String(id) : s)).join("/").replace(/\u0000/g, ".");
      const r: Response = await fetch(ctx.server.url + url, { headers: { cookie } });
      if (r.status === 404 && !file.startsWith("staff.codes")) continue; // a consultation without public results yet
      assert.equal(r.status, 200, url);
      assert.match(r.headers.get("content-type") ?? "", /^text\/csv/, url);
      const rows = frenchRows(Buffer.from(await r.arrayBuffer()).toString("utf8"));
      const all = rows.flat();
      assert.ok(all.length > 5, url);
      assert.ok(rows.every((row) => row.length === rows[0]!.length), `${url}: as many cells on every row`);
      assert.deepEqual(all.filter((c) => /^-?\d+\.\d+$/.test(c)), [], `${url}: no decimal point (French Excel would read a date or a text)`);
      if (file.includes("resultats")) {
        const [head, ...body] = rows;
        const figures = ["répondants", "valeur"].map((name) => head!.indexOf(name));
        assert.ok(figures.every((i) => i >= 0), url);
        for (const row of body) for (const i of figures) assert.match(row[i]!, /^(-?\d+(,\d+)?)?$/, `${url}: « ${row[i]} » in a figure column`);
      }
      const formulas = all.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+([.,]\d+)?$/.test(c));
      assert.deepEqual(formulas, [], `${url}: cells a spreadsheet would run`);
      // The hostile texts are there, neutralised.
      assert.ok(all.some((c) => c.startsWith("'=") || c.startsWith("'-") || c.startsWith("'@") || c.startsWith("'+")), `${url} shows a hostile text, quoted`);
      checked++;
    }
  }
  assert.ok(checked >= 2, `${checked} CSV downloads checked`);
});

test("the journal's CSV and page stay inside the reader's EPCI, whatever the filters say", async () => {
  const db = ctx.t.db;
  const { buildTestWorld } = await import("../db/seed/test-world.js");
  const w = await buildTestWorld(db);
  const { createSession } = await import("../app/auth/session.server.js");
  const { createInvitationBatch } = await import("../app/domain/accounts/mutations.server.js");
  const epis = (await db.selectFrom("territory").select("id").where("code", "=", "qpv-les-epis").executeTakeFirstOrThrow()).id;
  assert.ok((await createInvitationBatch(db, w.otherStaff, { territoryId: epis, label: "Lot secret des Épis", size: 2, expiresAt: new Date(Date.now() + 1e9), helpText: "mairie" })).ok);
  assert.ok((await createInvitationBatch(db, w.staff, { territoryId: w.gagarine, label: "Lot de Gagarine", size: 2, expiresAt: new Date(Date.now() + 1e9), helpText: "centre social" })).ok);
  const as = async (accountId: number) => ({ cookie: `pq_session=${(await createSession(db, accountId, { persistent: true })).token}` });
  const calais = await as(w.staff.accountId);
  const scarpe = await as(w.otherStaff.accountId);
  const get = async (path: string, headers: Record<string, string>) => {
    const r = await fetch(ctx.server.url + path, { headers, redirect: "manual" });
    // The bytes as they are: fetch's text() would drop the BOM French Excel needs.
    return { status: r.status, text: Buffer.from(await r.arrayBuffer()).toString("utf8") };
  };
  // Calais sees its batch, never Val de Scarpe's: not with the other agent as the person, not with any other parameter.
  for (const query of ["", `?personne=${w.otherStaff.accountId}`, "?action=invitations", "?epci=all&epci_id=0", `?personne=${w.otherStaff.accountId}&du=2000-01-01&au=2999-12-31`]) {
    for (const path of [`/staff/journal.csv${query}`, `/staff/journal${query}`]) {
      const r = await get(path, calais);
      assert.equal(r.status, 200, path);
      assert.ok(!r.text.includes("Lot secret des Épis"), `${path}: another EPCI's action`);
      assert.ok(!r.text.includes("Agent Val de Scarpe"), `${path}: another EPCI's agent`);
    }
  }
  const mine = frenchRows((await get("/staff/journal.csv?action=invitations", calais)).text);
  assert.deepEqual(mine[0], ["date", "personne", "rôle", "action", "sur", "lien", "EPCI", "code de l'action"]);
  const row = mine.find((r) => r[4] === "Lot de Gagarine");
  assert.ok(row, "Calais's own batch is there");
  // (Gagarine's name is the hostile one the test above gave it.)
  assert.equal(row[3], "a créé un lot de codes d'invitation pour =cmd|' /C calc'!A0 (codes : 2)");
  assert.match(row[5]!, /^http:\/\/127\.0\.0\.1:\d+\/staff\/codes\/\d+$/);
  // Val de Scarpe's agent asks for Calais's agent: the header row alone.
  assert.deepEqual(frenchRows((await get(`/staff/journal.csv?personne=${w.staff.accountId}`, scarpe)).text).length, 1);
  // Without a staff role: no journal at all.
  assert.notEqual((await get("/staff/journal.csv", {})).status, 200);
});
