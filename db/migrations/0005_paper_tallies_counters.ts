// Paper ballots and tally sheets join the one ledger; results read counters kept in the same
// transaction as every change to what is counted. Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  // Who typed a ballot or a sheet, who confirmed a sheet, who voided an entry.
  `alter table response
     add column entered_by integer constraint response_entered_by_fkey references account (id),
     add column confirmed_by integer constraint response_confirmed_by_fkey references account (id),
     add column confirmed_at timestamptz,
     add column voided_by integer constraint response_voided_by_fkey references account (id),
     add constraint response_confirmer_differs check (confirmed_by <> entered_by),
     add constraint response_confirmed_has_time check (confirmed_by is null or confirmed_at is not null),
     add constraint response_only_tally_confirmed check (confirmed_at is null or entry_mode = 'tally'),
     add constraint response_serial_not_blank check (serial is null or btrim(serial) <> '')`,
  // Tallies entered before this migration (none were possible through the app) count as confirmed.
  `update response set confirmed_at = coalesce(submitted_at, now()) where entry_mode = 'tally' and confirmed_at is null`,
  `create index response_account_idx on response (account_id) where account_id is not null`,
  `create index response_pending_tally_idx on response (consultation_id) where entry_mode = 'tally' and confirmed_at is null and voided_at is null`,
  // Counters: one row per (consultation, sous-secteur, channel, entry mode, named, question,
  // option, rank, value, shard). question_id 0 counts ballots; option_id 0, rank 0 and value -1
  // on a question row count its respondents. 0 in territory_id is « non précisé ». Shards spread
  // the hot rows of a busy consultation; results add them up.
  `create table result_counter (
    consultation_id integer not null constraint result_counter_consultation_fkey references consultation (id) on delete cascade,
    territory_id integer not null,
    channel text not null,
    entry_mode text not null,
    named boolean not null,
    question_id integer not null,
    option_id integer not null,
    rank integer not null,
    value integer not null,
    shard smallint not null,
    n bigint not null,
    constraint result_counter_pkey primary key (consultation_id, territory_id, channel, entry_mode, named, question_id, option_id, rank, value, shard)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    "drop table if exists result_counter",
    "drop index if exists response_pending_tally_idx",
    "drop index if exists response_account_idx",
    `alter table response drop constraint if exists response_serial_not_blank, drop constraint if exists response_only_tally_confirmed,
       drop constraint if exists response_confirmed_has_time, drop constraint if exists response_confirmer_differs,
       drop column if exists voided_by, drop column if exists confirmed_at, drop column if exists confirmed_by, drop column if exists entered_by`,
  ])
    await sql.raw(s).execute(db);
}
