// A free text that is not published says why, from a fixed list (it identifies someone, it is
// abusive, it is off topic, other), so that a refusal is never silent and never a free-form
// judgement of the resident. Only a refused text has a reason.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `alter table answer add column text_reason text
     constraint answer_text_reason_check check (text_reason in ('identifies', 'abusive', 'off_topic', 'other'))`,
  `alter table answer add constraint answer_text_reason_only_rejected check (text_reason is null or text_status = 'rejected')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table answer drop column if exists text_reason").execute(db);
}
