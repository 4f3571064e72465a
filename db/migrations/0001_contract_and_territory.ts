// Territory, contract and its objective tree. Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `create table territory (
    id integer generated always as identity constraint territory_pkey primary key,
    epci_code text not null,
    code text not null,
    kind text not null constraint territory_kind_check
      check (kind in ('epci', 'commune', 'qpv', 'sous_secteur', 'secteur_vigilance')),
    name text not null constraint territory_name_not_blank check (btrim(name) <> ''),
    name_search text not null,
    parent_id integer constraint territory_parent_fkey references territory (id),
    population integer constraint territory_population_check check (population >= 0),
    population_year integer constraint territory_population_year_check check (population_year between 1800 and 2100),
    area_ha double precision constraint territory_area_ha_check check (area_ha > 0),
    source_ref text,
    constraint territory_epci_code_key unique (epci_code, code),
    constraint territory_year_needs_population check (population_year is null or population is not null),
    constraint territory_only_epci_is_root check ((kind = 'epci') = (parent_id is null))
  )`,
  `create index territory_parent_idx on territory (parent_id)`,
  `create index territory_name_search_idx on territory (name_search)`,
  `create table territory_alias (
    territory_id integer not null constraint territory_alias_territory_fkey references territory (id) on delete cascade,
    alias text not null constraint territory_alias_not_blank check (btrim(alias) <> ''),
    alias_search text not null,
    constraint territory_alias_pkey primary key (territory_id, alias)
  )`,
  `create index territory_alias_search_idx on territory_alias (alias_search)`,
  `create table contract (
    id integer generated always as identity constraint contract_pkey primary key,
    code text not null constraint contract_code_key unique,
    name text not null,
    epci_id integer not null constraint contract_epci_fkey references territory (id),
    start_year integer not null,
    end_year integer not null,
    ambitions jsonb not null default '[]'::jsonb,
    source_title text not null,
    source_publisher text not null,
    source_period text not null,
    source_note text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint contract_years_check check (start_year <= end_year)
  )`,
  `create index contract_epci_idx on contract (epci_id)`,
  // Which territories a contract's file listed: a QPV only in archived contracts is marked so.
  `create table contract_territory (
    contract_id integer not null constraint contract_territory_contract_fkey references contract (id),
    territory_id integer not null constraint contract_territory_territory_fkey references territory (id),
    constraint contract_territory_pkey primary key (contract_id, territory_id)
  )`,
  `create index contract_territory_territory_idx on contract_territory (territory_id)`,
  `create table territory_group (
    id integer generated always as identity constraint territory_group_pkey primary key,
    contract_id integer not null constraint territory_group_contract_fkey references contract (id),
    code text not null,
    name text not null,
    purpose text not null constraint territory_group_purpose_check check (purpose in ('priority_area', 'statistics', 'other')),
    note text,
    position integer not null default 0,
    withdrawn_at timestamptz,
    constraint territory_group_code_key unique (contract_id, code)
  )`,
  `create table territory_group_member (
    territory_group_id integer not null constraint territory_group_member_group_fkey references territory_group (id) on delete cascade,
    territory_id integer not null constraint territory_group_member_territory_fkey references territory (id),
    constraint territory_group_member_pkey primary key (territory_group_id, territory_id)
  )`,
  `create index territory_group_member_territory_idx on territory_group_member (territory_id)`,
  `create table objective (
    id integer generated always as identity constraint objective_pkey primary key,
    contract_id integer not null constraint objective_contract_fkey references contract (id),
    code text not null,
    kind text not null constraint objective_kind_check
      check (kind in ('axe', 'thematique', 'enjeu', 'objectif_strategique', 'objectif_operationnel')),
    parent_id integer constraint objective_parent_fkey references objective (id),
    title text not null constraint objective_title_not_blank check (btrim(title) <> ''),
    title_search text not null,
    source_ref text,
    position integer not null default 0,
    withdrawn_at timestamptz,
    constraint objective_code_key unique (contract_id, code),
    constraint objective_only_axe_is_root check ((kind = 'axe') = (parent_id is null))
  )`,
  `create index objective_parent_idx on objective (parent_id)`,
  `create table transversal_theme (
    id integer generated always as identity constraint transversal_theme_pkey primary key,
    contract_id integer not null constraint transversal_theme_contract_fkey references contract (id),
    code text not null,
    title text not null,
    source_ref text,
    position integer not null default 0,
    withdrawn_at timestamptz,
    constraint transversal_theme_code_key unique (contract_id, code)
  )`,
  `create table priority (
    id integer generated always as identity constraint priority_pkey primary key,
    contract_id integer not null constraint priority_contract_fkey references contract (id),
    code text not null,
    title text not null,
    scope text not null constraint priority_scope_check check (scope in ('all', 'territory_group')),
    territory_group_id integer constraint priority_territory_group_fkey references territory_group (id),
    summary text,
    source_ref text,
    position integer not null default 0,
    withdrawn_at timestamptz,
    constraint priority_code_key unique (contract_id, code),
    constraint priority_scope_group_check check ((scope = 'all') = (territory_group_id is null))
  )`,
  `create table priority_item (
    id integer generated always as identity constraint priority_item_pkey primary key,
    priority_id integer not null constraint priority_item_priority_fkey references priority (id),
    position integer not null,
    label text not null,
    withdrawn_at timestamptz,
    constraint priority_item_position_key unique (priority_id, position)
  )`,
  `create table priority_item_objective (
    priority_item_id integer not null constraint priority_item_objective_item_fkey references priority_item (id) on delete cascade,
    objective_id integer not null constraint priority_item_objective_objective_fkey references objective (id),
    confidence text not null constraint priority_item_objective_confidence_check check (confidence in ('explicit', 'inferred')),
    constraint priority_item_objective_pkey primary key (priority_item_id, objective_id)
  )`,
  `create index priority_item_objective_objective_idx on priority_item_objective (objective_id)`,
  `create table indicator (
    id integer generated always as identity constraint indicator_pkey primary key,
    contract_id integer not null constraint indicator_contract_fkey references contract (id),
    code text not null,
    objective_id integer constraint indicator_objective_fkey references objective (id),
    transversal_theme_id integer constraint indicator_transversal_theme_fkey references transversal_theme (id),
    label text not null,
    kind text not null constraint indicator_kind_check check (kind in ('quantitatif', 'qualitatif', 'unknown')),
    source_ref text,
    position integer not null default 0,
    withdrawn_at timestamptz,
    constraint indicator_code_key unique (contract_id, code)
  )`,
  `create index indicator_objective_idx on indicator (objective_id)`,
  `create table contract_import (
    id integer generated always as identity constraint contract_import_pkey primary key,
    contract_id integer not null constraint contract_import_contract_fkey references contract (id),
    file_name text not null,
    sha256 text not null,
    counts jsonb not null,
    warnings jsonb not null default '[]'::jsonb,
    imported_at timestamptz not null default now()
  )`,
];

const down_tables = [
  "contract_import", "indicator", "priority_item_objective", "priority_item", "priority",
  "transversal_theme", "objective", "territory_group_member", "territory_group",
  "contract_territory", "contract", "territory_alias", "territory",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of down_tables) await sql.raw(`drop table if exists ${table}`).execute(db);
}
