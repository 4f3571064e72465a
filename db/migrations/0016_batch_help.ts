// Where to get an invitation card. A batch's help text (0002: where, when, a phone number) is
// printed on its cards and, from now on, shown to newcomers on /code, /connexion and the home
// page while the batch still has codes to give. It gains optional easy-read (FALC), English and
// Arabic versions, and every version is held to the 200 characters a card has room for, and
// the French one may not be blank.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const texts = ["help_text", "help_text_falc", "help_text_en", "help_text_ar"];

const up_statements = [
  `alter table invitation_batch add column help_text_falc text, add column help_text_en text, add column help_text_ar text`,
  `alter table invitation_batch add constraint invitation_batch_help_text_not_blank check (btrim(help_text) <> '') not valid`,
  `alter table invitation_batch add constraint invitation_batch_help_text_length check (${texts.map((f) => `coalesce(char_length(${f}), 0) <= 200`).join(" and ")}) not valid`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table invitation_batch drop constraint if exists invitation_batch_help_text_length, drop constraint if exists invitation_batch_help_text_not_blank").execute(db);
  await sql.raw("alter table invitation_batch drop column if exists help_text_falc, drop column if exists help_text_en, drop column if exists help_text_ar").execute(db);
}
