// Paper ballots are printed in series, and each series is recorded: the next one starts after
// every number already printed or typed, so two centres printing on the same day never get
// the same serial numbers. Staff still may reprint a series (or any range) as often as needed.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `create table ballot_print_run (
    id integer generated always as identity constraint ballot_print_run_pkey primary key,
    consultation_id integer not null constraint ballot_print_run_consultation_fkey references consultation (id) on delete cascade,
    first_serial integer not null constraint ballot_print_run_first_check check (first_serial >= 1),
    copies integer not null constraint ballot_print_run_copies_check check (copies between 1 and 500),
    printed_by integer not null constraint ballot_print_run_printed_by_fkey references account (id),
    printed_at timestamptz not null default now()
  )`,
  `create index ballot_print_run_consultation_idx on ballot_print_run (consultation_id, first_serial)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists ballot_print_run").execute(db);
}
