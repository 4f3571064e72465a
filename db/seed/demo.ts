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
