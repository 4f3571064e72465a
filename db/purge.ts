// npm run purge — enforces every retention period stated on the privacy page.
import { purge } from "../app/domain/accounts/privacy.server.js";
import { migrateToLatest, openDatabase } from "./index.server.js";

const handle = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
try {
  await migrateToLatest(handle.db);
  const report = await purge(handle.db);
  console.log(`purge on ${handle.description}: ${report.sessions} expired sessions, ${report.devices} expired devices, ${report.rateLimits} limit rows, ${report.expiredCodes} expired codes, ${report.unverifiedAccounts} old unverified accounts`);
} finally {
  await handle.close();
}
