// Accounts, roles with a territory scope, sessions, invitation codes, rate limits, audit.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `create table account (
    id integer generated always as identity constraint account_pkey primary key,
    display_name text,
    identifier text constraint account_identifier_key unique,
    email text,
    phone text,
    pin_hash text,
    password_hash text,
    -- Where a resident belongs: a sous-secteur, a QPV without sous-secteurs, or a secteur de vigilance.
    territory_id integer constraint account_territory_fkey references territory (id),
    verified_at timestamptz,
    age_band text constraint account_age_band_check
      check (age_band in ('moins_15', '15_17', '18_24', '25_39', '40_59', '60_74', '75_plus', 'non_dit')),
    gender text constraint account_gender_check check (gender in ('femme', 'homme', 'autre', 'non_dit')),
    created_at timestamptz not null default now(),
    deleted_at timestamptz,
    constraint account_has_login check (deleted_at is not null or identifier is not null or email is not null or phone is not null),
    constraint account_has_secret check (deleted_at is not null or pin_hash is not null or password_hash is not null),
    constraint account_deleted_is_empty check (deleted_at is null or (display_name is null and identifier is null and email is null and phone is null and pin_hash is null and password_hash is null and age_band is null and gender is null))
  )`,
  `create unique index account_email_key on account (lower(email)) where email is not null`,
  `create unique index account_phone_key on account (phone) where phone is not null`,
  `create table role_assignment (
    id integer generated always as identity constraint role_assignment_pkey primary key,
    account_id integer not null constraint role_assignment_account_fkey references account (id) on delete cascade,
    role text not null constraint role_assignment_role_check check (role in ('council_member', 'moderator', 'staff', 'admin')),
    territory_id integer constraint role_assignment_territory_fkey references territory (id),
    college text constraint role_assignment_college_check check (college in ('habitants', 'associations')),
    granted_by integer constraint role_assignment_granted_by_fkey references account (id),
    created_at timestamptz not null default now(),
    constraint role_assignment_scope_check check ((role = 'admin') = (territory_id is null)),
    constraint role_assignment_college_only_council check ((role = 'council_member') = (college is not null))
  )`,
  `create unique index role_assignment_key on role_assignment (account_id, role, coalesce(territory_id, 0))`,
  `create table session (
    id text constraint session_pkey primary key,
    account_id integer not null constraint session_account_fkey references account (id) on delete cascade,
    secret_hash bytea not null,
    persistent boolean not null,
    created_at timestamptz not null default now(),
    refreshed_at timestamptz not null default now(),
    expires_at timestamptz not null,
    user_agent text
  )`,
  `create index session_account_idx on session (account_id)`,
  `create index session_expires_idx on session (expires_at)`,
  `create table invitation_batch (
    id integer generated always as identity constraint invitation_batch_pkey primary key,
    territory_id integer not null constraint invitation_batch_territory_fkey references territory (id),
    label text not null constraint invitation_batch_label_not_blank check (btrim(label) <> ''),
    size integer not null constraint invitation_batch_size_check check (size between 1 and 5000),
    help_text text not null,
    expires_at timestamptz not null,
    created_by integer constraint invitation_batch_created_by_fkey references account (id),
    created_at timestamptz not null default now()
  )`,
  `create table invitation_code (
    id integer generated always as identity constraint invitation_code_pkey primary key,
    batch_id integer not null constraint invitation_code_batch_fkey references invitation_batch (id) on delete cascade,
    code text not null constraint invitation_code_code_key unique,
    redeemed_at timestamptz,
    redeemed_by integer constraint invitation_code_redeemed_by_fkey references account (id) on delete set null,
    redeemed_territory_id integer constraint invitation_code_redeemed_territory_fkey references territory (id),
    revoked_at timestamptz,
    constraint invitation_code_spent_or_revoked check (redeemed_at is null or revoked_at is null)
  )`,
  `create index invitation_code_batch_idx on invitation_code (batch_id)`,
  `create table rate_limit (
    key text constraint rate_limit_pkey primary key,
    hits integer not null,
    window_start timestamptz not null,
    window_seconds integer not null
  )`,
  `create table audit_event (
    id bigint generated always as identity constraint audit_event_pkey primary key,
    actor_account_id integer constraint audit_event_actor_fkey references account (id) on delete set null,
    actor_role text not null,
    action text not null,
    target_type text not null,
    target_id text,
    epci_id integer constraint audit_event_epci_fkey references territory (id),
    detail jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default now()
  )`,
  `create index audit_event_epci_idx on audit_event (epci_id, created_at desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["audit_event", "rate_limit", "invitation_code", "invitation_batch", "session", "role_assignment", "account"])
    await sql.raw(`drop table if exists ${table}`).execute(db);
}
