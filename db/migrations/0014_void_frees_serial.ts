// A voided ballot frees its serial: one live entry per serial (issue 14, point 4). Voiding is
// what a mistyped entry needs, and the corrected entry is then typed under the same serial;
// both stay in the ledger (the void with its reason, never deleted). The index keeps its name,
// so the code that reads its violation as « duplicateSerial » is unchanged.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index response_serial_key`.execute(db);
  await sql`create unique index response_serial_key on response (consultation_id, serial) where serial is not null and voided_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index response_serial_key`.execute(db);
  await sql`create unique index response_serial_key on response (consultation_id, serial) where serial is not null`.execute(db);
}
