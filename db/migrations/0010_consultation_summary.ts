// A consultation's summary (« synthèse »): what residents said and what will be done, written
// by staff, each in French with its easy-read, English and Arabic versions, co-signed by the
// conseils citoyens of the QPVs in its scope. One per
// consultation; it may be rewritten, and is shown once published, which only a closed
// consultation allows (the mutation says so, a trigger holds it against the database clock).
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const texts = ["said", "next_steps"].flatMap((f) => [f, `${f}_falc`, `${f}_en`, `${f}_ar`]);

const up_statements = [
  `create table consultation_summary (
    consultation_id integer constraint consultation_summary_pkey primary key
      constraint consultation_summary_consultation_fkey references consultation (id) on delete cascade,
    said text not null constraint consultation_summary_said_not_blank check (btrim(said) <> ''),
    said_falc text,
    said_en text,
    said_ar text,
    next_steps text not null constraint consultation_summary_next_steps_not_blank check (btrim(next_steps) <> ''),
    next_steps_falc text,
    next_steps_en text,
    next_steps_ar text,
    published_at timestamptz,
    updated_by integer constraint consultation_summary_updated_by_fkey references account (id) on delete set null,
    updated_at timestamptz not null default now(),
    constraint consultation_summary_length_check check (${texts.map((f) => `coalesce(char_length(${f}), 0) <= 8000`).join(" and ")})
  )`,
  // Published only once the consultation is closed, by the database clock, whoever writes.
  `create function consultation_summary_guard() returns trigger language plpgsql as $$
   begin
     if new.published_at is not null and not exists (
       select 1 from consultation c where c.id = new.consultation_id and c.status = 'published' and c.closes_at <= now()
     ) then
       raise exception 'consultation % is not closed: its summary cannot be published', new.consultation_id using errcode = 'P0001', hint = 'summary_before_close';
     end if;
     return new;
   end $$`,
  `create trigger consultation_summary_published before insert or update on consultation_summary for each row execute function consultation_summary_guard()`,
  // The conseil citoyen of a QPV in scope co-signs the summary: one signature per council,
  // by one of its members. It stands for the text as it was when signed: a rewrite after
  // `signed_at` leaves it shown as given to an earlier version, until a member signs again.
  `create table consultation_summary_signature (
    consultation_id integer not null constraint consultation_summary_signature_summary_fkey references consultation_summary (consultation_id) on delete cascade,
    qpv_id integer not null constraint consultation_summary_signature_qpv_fkey references territory (id),
    account_id integer constraint consultation_summary_signature_account_fkey references account (id) on delete set null,
    signed_at timestamptz not null default now(),
    constraint consultation_summary_signature_pkey primary key (consultation_id, qpv_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists consultation_summary_signature").execute(db);
  await sql.raw("drop table if exists consultation_summary").execute(db);
  await sql.raw("drop function if exists consultation_summary_guard").execute(db);
}
