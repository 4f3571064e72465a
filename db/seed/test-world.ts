// A world for tests: Calais with its demo accounts, the fixture contract, and a staff member
// of the fixture's EPCI. Built with the same code as `npm start`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import { hashSecret } from "../../app/auth/password.server.js";
import { loadViewer, type Viewer } from "../../app/auth/guard.server.js";
import { importContractFile } from "../../app/domain/contract/import.server.js";
import { ensureDemoAccounts, ensureDemoData } from "./demo.js";
import { createTestDatabase, type TestDatabase } from "../testing.js";

export const FIXTURE_FILE = fileURLToPath(new URL("./fixtures/val-de-scarpe-2024-2030.json", import.meta.url));
export const OTHER_STAFF = { identifier: "agent-scarpe", password: "demo-agent-scarpe" };

export async function buildTestWorld(db: Kysely<Database>) {
  await ensureDemoData(db);
  await ensureDemoAccounts(db);
  const r = await importContractFile(db, readFileSync(FIXTURE_FILE, "utf8"), "fixture.json");
  if (!r.ok) throw new Error("fixture refused");
  const epci = await db.selectFrom("territory").select("id").where("code", "=", "ca-val-de-scarpe").where("kind", "=", "epci").executeTakeFirstOrThrow();
  const exists = await db.selectFrom("account").select("id").where("identifier", "=", OTHER_STAFF.identifier).executeTakeFirst();
  if (!exists) {
    const { id } = await db.insertInto("account").values({ identifier: OTHER_STAFF.identifier, display_name: "Agent Val de Scarpe", password_hash: await hashSecret(OTHER_STAFF.password), verified_at: new Date() }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("role_assignment").values({ account_id: id, role: "staff", territory_id: epci.id, college: null }).execute();
  }
  return world(db);
}

export async function territory(db: Kysely<Database>, code: string): Promise<number> {
  return (await db.selectFrom("territory").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

export async function accountId(db: Kysely<Database>, identifier: string): Promise<number> {
  return (await db.selectFrom("account").select("id").where("identifier", "=", identifier).executeTakeFirstOrThrow()).id;
}

export async function viewerOf(db: Kysely<Database>, identifier: string): Promise<Viewer> {
  const v = await loadViewer(db, { id: "test", accountId: await accountId(db, identifier), persistent: true });
  if (!v) throw new Error(identifier);
  return v;
}

async function world(db: Kysely<Database>) {
  return {
    staff: await viewerOf(db, "agent-calais"),
    secondStaff: await viewerOf(db, "agent-matisse"),
    otherStaff: await viewerOf(db, OTHER_STAFF.identifier),
    gagarine: await territory(db, "bm-gagarine"),
    beauMarais: await territory(db, "qpv-beau-marais"),
    fortNieulay: await territory(db, "qpv-fort-nieulay-cailloux-saint-pierre"),
    epis: await territory(db, "qpv-les-epis"),
  };
}

/** A test database of its own with the test world in it, and the id of Calais's EPCI. */
export async function openTestWorld(): Promise<{ t: TestDatabase; w: Awaited<ReturnType<typeof buildTestWorld>>; epci: number }> {
  const t = await createTestDatabase();
  const w = await buildTestWorld(t.db);
  return { t, w, epci: await territory(t.db, "ca-grand-calais-terres-et-mers") };
}

/** Form fields as the answer readers take them: every value of every field. */
export const formOf = (entries: Record<string, string | string[]>) => new Map(Object.entries(entries).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
