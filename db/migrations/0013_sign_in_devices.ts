// Sign-in from a known device (decision 0018). A successful sign-in leaves a random cookie
// on the device; only its sha256 is stored here, one row per account that signed in with
// it, valid a year from the last sign-in. Failures on a known device are limited per device,
// and failures from anywhere else never block it.
// `pin_chosen` marks the PINs residents chose themselves before PINs were drawn by the
// system: such a PIN is replaced by a drawn one at the account's next sign-in.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `create table sign_in_device (
    id integer generated always as identity constraint sign_in_device_pkey primary key,
    account_id integer not null constraint sign_in_device_account_fkey references account (id) on delete cascade,
    token_hash bytea not null,
    created_at timestamptz not null default now(),
    last_used_at timestamptz not null default now(),
    expires_at timestamptz not null,
    constraint sign_in_device_token_account_key unique (token_hash, account_id)
  )`,
  `create index sign_in_device_account_idx on sign_in_device (account_id)`,
  `create index sign_in_device_expires_idx on sign_in_device (expires_at)`,
  `alter table account add column pin_chosen boolean not null default false`,
  `update account set pin_chosen = true where pin_hash is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists sign_in_device").execute(db);
  await sql.raw("alter table account drop column if exists pin_chosen").execute(db);
}
