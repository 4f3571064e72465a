// Other ways in: role invitations, one-time tokens (password reset, lost PIN), the mail
// outbox, and per-EPCI participation settings. Frozen once merged.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `create table role_invitation (
    id integer generated always as identity constraint role_invitation_pkey primary key,
    token_hash bytea not null constraint role_invitation_token_key unique,
    role text not null constraint role_invitation_role_check check (role in ('council_member', 'moderator', 'staff')),
    territory_id integer not null constraint role_invitation_territory_fkey references territory (id),
    college text constraint role_invitation_college_check check (college in ('habitants', 'associations')),
    note text,
    created_by integer constraint role_invitation_created_by_fkey references account (id) on delete set null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz,
    used_by integer constraint role_invitation_used_by_fkey references account (id) on delete set null,
    constraint role_invitation_college_only_council check ((role = 'council_member') = (college is not null))
  )`,
  `create table account_token (
    id integer generated always as identity constraint account_token_pkey primary key,
    account_id integer not null constraint account_token_account_fkey references account (id) on delete cascade,
    purpose text not null constraint account_token_purpose_check check (purpose in ('password_reset', 'recovery')),
    token_hash bytea not null constraint account_token_hash_key unique,
    created_by integer constraint account_token_created_by_fkey references account (id) on delete set null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz
  )`,
  `create index account_token_account_idx on account_token (account_id)`,
  `create table mail_outbox (
    id integer generated always as identity constraint mail_outbox_pkey primary key,
    recipient text not null,
    subject text not null,
    body text not null,
    created_at timestamptz not null default now()
  )`,
  `create table epci_setting (
    epci_id integer constraint epci_setting_pkey primary key constraint epci_setting_epci_fkey references territory (id),
    under_15_can_post boolean not null default false,
    updated_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["epci_setting", "mail_outbox", "account_token", "role_invitation"]) await sql.raw(`drop table if exists ${table}`).execute(db);
}
