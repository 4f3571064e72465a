// The demo: the real Calais contract (a copy of the shared dataset), imported when absent.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import { formatProblem } from "../../app/domain/contract/dataset.js";
import { importContractFile } from "../../app/domain/contract/import.server.js";

export const DEMO_CONTRACT_CODE = "calais-2024-2030";
export const DEMO_CONTRACT_FILE = fileURLToPath(new URL("./calais-2024-2030.json", import.meta.url));

export async function ensureDemoData(db: Kysely<Database>): Promise<{ imported: boolean; contractCode: string }> {
  const present = await db.selectFrom("contract").select("id").where("code", "=", DEMO_CONTRACT_CODE).executeTakeFirst();
  if (present) return { imported: false, contractCode: DEMO_CONTRACT_CODE };
  const result = await importContractFile(db, readFileSync(DEMO_CONTRACT_FILE, "utf8"), "calais-2024-2030.json");
  if (!result.ok) throw new Error(`demo contract refused:\n${result.errors.map(formatProblem).join("\n")}`);
  return { imported: true, contractCode: DEMO_CONTRACT_CODE };
}

/** Demo accounts (identifier + PIN or password in the README). Only with the demo data. */
export const DEMO_ACCOUNTS = [
  { identifier: "agent-calais", displayName: "Agent démo (politique de la ville)", secret: { password: "demo-agent-calais" }, territory: null, role: { role: "staff", territory: "ca-grand-calais-terres-et-mers", college: null } },
  { identifier: "conseil-beaumarais", displayName: "Membre démo du conseil citoyen", secret: { password: "demo-conseil-beaumarais" }, territory: "bm-gagarine", role: { role: "council_member", territory: "qpv-beau-marais", college: "habitants" } },
  { identifier: "moderation-beaumarais", displayName: "Modératrice démo", secret: { password: "demo-moderation-beaumarais" }, territory: null, role: { role: "moderator", territory: "qpv-beau-marais", college: null } },
  { identifier: "gagarine-0001", displayName: "Habitante démo de Gagarine", secret: { pin: "482913" }, territory: "bm-gagarine", role: null },
  { identifier: "constantine-0002", displayName: "Habitant démo de Constantine", secret: { pin: "735164" }, territory: "fncsp-constantine", role: null },
] as const;

export async function ensureDemoAccounts(db: Kysely<Database>): Promise<number> {
  const { hashSecret } = await import("../../app/auth/password.server.js");
  let created = 0;
  for (const demo of DEMO_ACCOUNTS) {
    const exists = await db.selectFrom("account").select("id").where("identifier", "=", demo.identifier).executeTakeFirst();
    if (exists) continue;
    const territoryId = async (code: string | null) =>
      code ? (await db.selectFrom("territory").select("id").where("epci_code", "=", "ca-grand-calais-terres-et-mers").where("code", "=", code).executeTakeFirstOrThrow()).id : null;
    const secret = demo.secret as { pin?: string; password?: string };
    const { id } = await db
      .insertInto("account")
      .values({
        identifier: demo.identifier,
        display_name: demo.displayName,
        territory_id: await territoryId(demo.territory),
        verified_at: new Date(),
        pin_hash: secret.pin ? await hashSecret(secret.pin) : null,
        password_hash: secret.password ? await hashSecret(secret.password) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (demo.role)
      await db.insertInto("role_assignment").values({ account_id: id, role: demo.role.role, territory_id: await territoryId(demo.role.territory), college: demo.role.college }).execute();
    created++;
  }
  return created;
}
