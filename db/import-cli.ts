// npm run contract:import -- <file.json> [more.json …]
// Checks each file, then imports it in one transaction. Exits non-zero when any file is refused.
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatProblem } from "../app/domain/contract/dataset.js";
import { importContractFile } from "../app/domain/contract/import.server.js";
import { migrateToLatest, openDatabase } from "./index.server.js";

const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (files.length === 0) {
  console.error("usage: npm run contract:import -- <file.json> [more.json …]");
  process.exit(2);
}

const handle = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
let failed = false;
try {
  await migrateToLatest(handle.db);
  for (const file of files) {
    let raw: string;
    try {
      raw = readFileSync(file, "utf8");
    } catch (error) {
      console.error(`✗ ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
      failed = true;
      continue;
    }
    const result = await importContractFile(handle.db, raw, path.basename(file));
    for (const w of result.warnings) console.log(`  ! ${formatProblem(w)}`);
    if (!result.ok) {
      console.error(`✗ ${file}: ${result.errors.length} problem(s), nothing was written:`);
      for (const e of result.errors) console.error(formatProblem(e));
      failed = true;
      continue;
    }
    const c = result.counts;
    console.log(
      `✓ ${file}: contract ${result.contractCode} ${result.created ? "imported" : "updated"} into ${handle.description} — ` +
        `${c.territories} territories, ${c.objectives} objectives, ${c.priorities} priorities (${c.priorityItems} items), ${c.indicators} indicators` +
        (result.removed || result.withdrawn ? `; ${result.removed} removed, ${result.withdrawn} withdrawn` : ""),
    );
  }
} finally {
  await handle.close();
}
process.exit(failed ? 1 : 0);
