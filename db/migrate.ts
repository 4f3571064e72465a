// npm run db:migrate — applies every pending migration to DATABASE_URL or the embedded database.
import { migrateToLatest, openDatabase } from "./index.server.js";

const handle = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
try {
  const result = await migrateToLatest(handle.db);
  const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
  console.log(`${handle.description}: ${applied.length ? `applied ${applied.join(", ")}` : "already up to date"}`);
} catch (error) {
  console.error(`migration failed on ${handle.description}:`, error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
