// npm run admin:create -- <identifier>   (the password is asked, or read from ADMIN_PASSWORD)
// Creates the first admin account. Admins grant staff and council roles from there.
import { createInterface } from "node:readline/promises";
import { hashSecret } from "../app/auth/password.server.js";
import { normalizeIdentifier } from "../app/domain/accounts/rules.js";
import { migrateToLatest, openDatabase } from "./index.server.js";

const identifier = normalizeIdentifier(process.argv[2] ?? "");
if (!/^[a-z0-9][a-z0-9._-]{2,39}$/.test(identifier)) {
  console.error("usage: npm run admin:create -- <identifier>   (3-40 characters: a-z, 0-9, . _ -)");
  process.exit(2);
}
let password = process.env.ADMIN_PASSWORD ?? "";
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password (12 characters or more): ");
  rl.close();
}
if (password.length < 12) {
  console.error("the password needs 12 characters or more");
  process.exit(2);
}
const handle = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
try {
  await migrateToLatest(handle.db);
  await handle.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto("account").values({ identifier, display_name: identifier, password_hash: await hashSecret(password), verified_at: new Date() }).returning("id").executeTakeFirstOrThrow();
    await trx.insertInto("role_assignment").values({ account_id: id, role: "admin", territory_id: null, college: null }).execute();
    await trx.insertInto("audit_event").values({ actor_account_id: null, actor_role: "system", action: "admin.create", target_type: "account", target_id: String(id), epci_id: null, detail: JSON.stringify({ via: "npm run admin:create" }) }).execute();
  });
  console.log(`admin ${identifier} created in ${handle.description}`);
} catch (error) {
  console.error((error as { code?: string }).code === "23505" ? `an account ${identifier} already exists` : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
