// npm run contract:import -- [--epci <code>] [--move-code] <file.json> [more.json …]
// Checks each file, then imports it in one transaction. Exits non-zero when any file is refused.
// A contract code already held by another EPCI is refused (nothing written) unless
// --move-code says to move it; --epci <code> refuses any file that is not for that EPCI.
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatProblem } from "../app/domain/contract/dataset.js";
import { importContractFile } from "../app/domain/contract/import.server.js";
import { migrateToLatest, openDatabase } from "./index.server.js";

const args = process.argv.slice(2);
const files: string[] = [];
let epci: string | undefined;
let moveCode = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === "--epci") {
    epci = args[++i];
    if (!epci || epci.startsWith("--")) {
      console.error("--epci needs an EPCI code, e.g. --epci ca-grand-calais-terres-et-mers");
      process.exit(2);
    }
  } else if (a.startsWith("--epci=")) epci = a.slice("--epci=".length);
  else if (a === "--move-code") moveCode = true;
  else if (a.startsWith("--")) {
    console.error(`unknown option ${a}`);
    process.exit(2);
  } else files.push(a);
}
if (files.length === 0) {
  console.error("usage: npm run contract:import -- [--epci <code>] [--move-code] <file.json> [more.json …]");
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
    const result = await importContractFile(handle.db, raw, path.basename(file), { epci, moveCode });
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
        (result.removed || result.withdrawn ? `; ${result.removed} removed, ${result.withdrawn} withdrawn` : "") +
        (result.movedFrom ? `; its code moved here from EPCI ${result.movedFrom.epciCode}` : ""),
    );
  }
} finally {
  await handle.close();
}
process.exit(failed ? 1 : 0);
