// npm run results:recount [-- <consultation id>] — rebuilds the result counters from the ledger.
import { recount } from "../app/domain/consultations/counters.server.js";
import { migrateToLatest, openDatabase } from "./index.server.js";

const arg = process.argv[2];
if (arg !== undefined && !/^\d+$/.test(arg)) {
  console.error(`usage: npm run results:recount [-- <consultation id>] (got "${arg}")`);
  process.exit(2);
}
const handle = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
try {
  await migrateToLatest(handle.db);
  const started = performance.now();
  const { rows } = await recount(handle.db, arg === undefined ? undefined : Number(arg));
  console.log(`recount on ${handle.description}: ${arg === undefined ? "every consultation" : `consultation ${arg}`}, ${rows} counter rows in ${Math.round(performance.now() - started)} ms`);
} finally {
  await handle.close();
}
