// Every CSV route (found from the route files, so a new export joins by itself) with hostile
// texts in what it prints — option labels, a territory name, a contract objective, a batch
// label: no text cell begins with = + - @, a tab or a CR (OWASP's rule for CSV injection).
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { sql } from "kysely";
import { serverOnTestDatabase } from "./testing.js";

const ctx = serverOnTestDatabase();

/** The cells of a `;` CSV with "" quoting. */
function cells(csv: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  const text = csv.replace(/^\ufeff/, "");
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ";" || c === "\n") out.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") continue;
    else cell += c;
  }
  if (cell) out.push(cell);
  return out;
}

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
    const ids: number[] = file.startsWith("staff.codes") ? [batch.value.batchId] : consultations;
    for (const id of ids) {
      const url: string = "/" + file.replace(/\.tsx?$/, "").replace(/\[\.\]/g, "\u0000").split(".").map((s) => (s === "$id" ? String(id) : s)).join("/").replace(/\u0000/g, ".");
      const r: Response = await fetch(ctx.server.url + url, { headers: { cookie } });
      if (r.status === 404 && !file.startsWith("staff.codes")) continue; // a consultation without public results yet
      assert.equal(r.status, 200, url);
      assert.match(r.headers.get("content-type") ?? "", /^text\/csv/, url);
      const all = cells(await r.text());
      assert.ok(all.length > 5, url);
      const formulas = all.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+([.,]\d+)?$/.test(c));
      assert.deepEqual(formulas, [], `${url}: cells a spreadsheet would run`);
      // The hostile texts are there, neutralised.
      assert.ok(all.some((c) => c.startsWith("'=") || c.startsWith("'-") || c.startsWith("'@") || c.startsWith("'+")), `${url} shows a hostile text, quoted`);
      checked++;
    }
  }
  assert.ok(checked >= 2, `${checked} CSV downloads checked`);
});
