// Indexes so that a results page reads only small sets when a consultation holds a million
// responses: the named, voided and tallied ones, and the free texts by status.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `create index response_named_idx on response (consultation_id) where account_id is not null`,
  `create index response_voided_idx on response (consultation_id) where voided_at is not null`,
  `create index response_tally_idx on response (consultation_id) where entry_mode = 'tally'`,
  `create index answer_text_status_idx on answer (text_status, response_id) where text_status is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ["answer_text_status_idx", "response_tally_idx", "response_voided_idx", "response_named_idx"]) await sql.raw(`drop index if exists ${name}`).execute(db);
}
