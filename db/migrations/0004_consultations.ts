// Consultations: questions and options linked to the contract, and one ledger of responses
// for every channel (web, paper, atelier) and entry mode (one person's answer, or a tally).
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `create table consultation (
    id integer generated always as identity constraint consultation_pkey primary key,
    epci_id integer not null constraint consultation_epci_fkey references territory (id),
    title text not null constraint consultation_title_not_blank check (btrim(title) <> ''),
    title_falc text,
    title_en text,
    title_ar text,
    description text not null default '',
    description_falc text,
    description_en text,
    description_ar text,
    status text not null default 'draft' constraint consultation_status_check check (status in ('draft', 'published')),
    opens_at timestamptz not null,
    closes_at timestamptz not null,
    results_visibility text not null default 'after_close' constraint consultation_results_visibility_check check (results_visibility in ('live', 'after_close')),
    eligibility text not null default 'verified' constraint consultation_eligibility_check check (eligibility in ('verified', 'any')),
    demo boolean not null default false,
    created_by integer constraint consultation_created_by_fkey references account (id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    published_at timestamptz,
    constraint consultation_dates_check check (opens_at < closes_at)
  )`,
  `create table consultation_scope (
    consultation_id integer not null constraint consultation_scope_consultation_fkey references consultation (id) on delete cascade,
    territory_id integer not null constraint consultation_scope_territory_fkey references territory (id),
    constraint consultation_scope_pkey primary key (consultation_id, territory_id)
  )`,
  `create table consultation_objective (
    consultation_id integer not null constraint consultation_objective_consultation_fkey references consultation (id) on delete cascade,
    objective_id integer not null constraint consultation_objective_objective_fkey references objective (id),
    constraint consultation_objective_pkey primary key (consultation_id, objective_id)
  )`,
  `create index consultation_objective_objective_idx on consultation_objective (objective_id)`,
  `create table question (
    id integer generated always as identity constraint question_pkey primary key,
    consultation_id integer not null constraint question_consultation_fkey references consultation (id) on delete cascade,
    position integer not null,
    kind text not null constraint question_kind_check check (kind in ('single', 'multiple', 'scale', 'text', 'ranking', 'majority')),
    prompt text not null constraint question_prompt_not_blank check (btrim(prompt) <> ''),
    prompt_falc text,
    prompt_en text,
    prompt_ar text,
    max_choices integer constraint question_max_choices_check check (max_choices >= 1),
    top_n integer constraint question_top_n_check check (top_n >= 1),
    constraint question_position_key unique (consultation_id, position),
    constraint question_max_choices_only_multiple check ((kind = 'multiple') = (max_choices is not null)),
    constraint question_top_n_only_ranking check ((kind = 'ranking') = (top_n is not null))
  )`,
  `create table question_option (
    id integer generated always as identity constraint question_option_pkey primary key,
    question_id integer not null constraint question_option_question_fkey references question (id) on delete cascade,
    position integer not null,
    label text not null constraint question_option_label_not_blank check (btrim(label) <> ''),
    label_falc text,
    label_en text,
    label_ar text,
    pictogram text,
    priority_item_id integer constraint question_option_priority_item_fkey references priority_item (id),
    constraint question_option_position_key unique (question_id, position)
  )`,
  `create table question_option_objective (
    option_id integer not null constraint question_option_objective_option_fkey references question_option (id) on delete cascade,
    objective_id integer not null constraint question_option_objective_objective_fkey references objective (id),
    constraint question_option_objective_pkey primary key (option_id, objective_id)
  )`,
  `create index question_option_objective_objective_idx on question_option_objective (objective_id)`,
  // One ledger for every channel. A web response is one resident's; a paper ballot may name
  // a resident (then the one-voice rule applies across channels) or not; a tally sheet counts.
  `create table response (
    id bigint generated always as identity constraint response_pkey primary key,
    consultation_id integer not null constraint response_consultation_fkey references consultation (id),
    account_id integer constraint response_account_fkey references account (id),
    channel text not null constraint response_channel_check check (channel in ('web', 'paper', 'atelier')),
    entry_mode text not null constraint response_entry_mode_check check (entry_mode in ('individual', 'tally')),
    source text,
    territory_id integer constraint response_territory_fkey references territory (id),
    serial text,
    ballots integer constraint response_ballots_check check (ballots >= 1),
    age_band text,
    gender text,
    submitted_at timestamptz default now(),
    updated_at timestamptz default now(),
    voided_at timestamptz,
    void_reason text,
    constraint response_web_is_individual check (channel <> 'web' or (entry_mode = 'individual' and account_id is not null)),
    constraint response_tally_has_ballots check ((entry_mode = 'tally') = (ballots is not null)),
    constraint response_void_has_reason check ((voided_at is null) = (void_reason is null))
  )`,
  // One resident, one voice per consultation, whatever the channel.
  `create unique index response_one_per_resident on response (consultation_id, account_id) where account_id is not null and voided_at is null`,
  `create unique index response_serial_key on response (consultation_id, serial) where serial is not null`,
  `create index response_consultation_idx on response (consultation_id, territory_id)`,
  `create table answer (
    id bigint generated always as identity constraint answer_pkey primary key,
    response_id bigint not null constraint answer_response_fkey references response (id) on delete cascade,
    question_id integer not null constraint answer_question_fkey references question (id),
    option_id integer constraint answer_option_fkey references question_option (id),
    rank integer constraint answer_rank_check check (rank >= 1),
    value integer constraint answer_value_check check (value between 0 and 6),
    text text constraint answer_text_length check (char_length(text) <= 1000),
    text_status text constraint answer_text_status_check check (text_status in ('pending', 'approved', 'rejected')),
    count integer not null default 1 constraint answer_count_check check (count >= 0),
    constraint answer_text_has_status check ((text is null) = (text_status is null))
  )`,
  `create index answer_response_idx on answer (response_id)`,
  `create index answer_question_idx on answer (question_id, option_id)`,
  // Once the first answer exists, questions and options are frozen, whatever the caller.
  `create function consultation_has_responses(cid integer) returns boolean language sql stable as $$
     select exists (select 1 from response where consultation_id = cid)
   $$`,
  `create function question_frozen_guard() returns trigger language plpgsql as $$
   declare cid integer;
   begin
     if tg_table_name = 'question' then
       cid := coalesce(new.consultation_id, old.consultation_id);
     else
       select q.consultation_id into cid from question q where q.id = coalesce(new.question_id, old.question_id);
     end if;
     if consultation_has_responses(cid) then
       raise exception 'questions of consultation % are frozen: it has answers', cid using errcode = 'P0001', hint = 'questions_frozen';
     end if;
     return coalesce(new, old);
   end $$`,
  `create trigger question_frozen before insert or update or delete on question for each row execute function question_frozen_guard()`,
  `create trigger question_option_frozen before insert or update or delete on question_option for each row execute function question_frozen_guard()`,
  // A web answer commits only while the consultation is open, by the database clock at commit.
  `create function response_open_guard() returns trigger language plpgsql as $$
   begin
     if new.channel = 'web' and new.voided_at is null and not exists (
       select 1 from consultation c
       where c.id = new.consultation_id and c.status = 'published'
         and c.opens_at <= clock_timestamp() and clock_timestamp() < c.closes_at
     ) then
       raise exception 'consultation % is closed', new.consultation_id using errcode = 'P0001', hint = 'consultation_closed';
     end if;
     return new;
   end $$`,
  `create constraint trigger response_open after insert or update on response deferrable initially deferred for each row execute function response_open_guard()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    "drop table if exists answer",
    "drop table if exists response",
    "drop function if exists response_open_guard",
    "drop table if exists question_option_objective",
    "drop table if exists question_option",
    "drop table if exists question",
    "drop function if exists question_frozen_guard",
    "drop function if exists consultation_has_responses",
    "drop table if exists consultation_objective",
    "drop table if exists consultation_scope",
    "drop table if exists consultation",
  ])
    await sql.raw(s).execute(db);
}
