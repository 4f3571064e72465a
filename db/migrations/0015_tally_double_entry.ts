// A tally sheet is confirmed by double entry (issue 14, point 3; decision 0020): a second staff
// member types its ballots and counts again without seeing the first entry, and the sheet
// counts only when both match. `tally_check` holds that second entry, one per sheet: who typed
// it, the ballots and the counts (rows as `readTally` gives them). The database holds:
// - the second typist is never the first (the first is read from the sheet itself, through a
//   key on (id, entered_by), so it cannot drift from it);
// - a sheet confirmed from now on names as its confirmer the typist of the second entry that
//   matched, and that entry can no longer change hands (sheets confirmed before this migration,
//   with no second entry, are left as they are: NOT VALID).
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `alter table response add constraint response_id_entered_by_key unique (id, entered_by)`,
  `create table tally_check (
    response_id bigint not null constraint tally_check_pkey primary key,
    first_entered_by integer not null,
    entered_by integer not null constraint tally_check_entered_by_fkey references account (id),
    ballots integer not null constraint tally_check_ballots_check check (ballots >= 1),
    counts jsonb not null constraint tally_check_counts_array check (jsonb_typeof(counts) = 'array'),
    entered_at timestamptz not null default now(),
    constraint tally_check_response_fkey foreign key (response_id, first_entered_by) references response (id, entered_by),
    constraint tally_check_typist_differs check (entered_by <> first_entered_by),
    constraint tally_check_response_typist_key unique (response_id, entered_by)
  )`,
  `alter table response add constraint response_confirmed_by_second_entry foreign key (id, confirmed_by) references tally_check (response_id, entered_by) not valid`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    "alter table response drop constraint if exists response_confirmed_by_second_entry",
    "drop table if exists tally_check",
    "alter table response drop constraint if exists response_id_entered_by_key",
  ])
    await sql.raw(s).execute(db);
}
