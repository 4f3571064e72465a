// Kysely's view of the tables created by db/migrations.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type TerritoryKind = "epci" | "commune" | "qpv" | "sous_secteur" | "secteur_vigilance";
export type ObjectiveKind = "axe" | "thematique" | "enjeu" | "objectif_strategique" | "objectif_operationnel";
export type GroupPurpose = "priority_area" | "statistics" | "other";
export type LinkConfidence = "explicit" | "inferred";
export type IndicatorKind = "quantitatif" | "qualitatif" | "unknown";

export interface TerritoryTable {
  id: Generated<number>;
  epci_code: string;
  code: string;
  kind: TerritoryKind;
  name: string;
  name_search: string;
  parent_id: number | null;
  population: number | null;
  population_year: number | null;
  area_ha: number | null;
  source_ref: string | null;
}

export interface TerritoryAliasTable {
  territory_id: number;
  alias: string;
  alias_search: string;
}

export interface ContractTable {
  id: Generated<number>;
  code: string;
  name: string;
  epci_id: number;
  start_year: number;
  end_year: number;
  ambitions: Json<string[]>;
  source_title: string;
  source_publisher: string;
  source_period: string;
  source_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContractTerritoryTable {
  contract_id: number;
  territory_id: number;
}

export interface TerritoryGroupTable {
  id: Generated<number>;
  contract_id: number;
  code: string;
  name: string;
  purpose: GroupPurpose;
  note: string | null;
  position: Generated<number>;
  withdrawn_at: Timestamp | null;
}

export interface TerritoryGroupMemberTable {
  territory_group_id: number;
  territory_id: number;
}

export interface ObjectiveTable {
  id: Generated<number>;
  contract_id: number;
  code: string;
  kind: ObjectiveKind;
  parent_id: number | null;
  title: string;
  title_search: string;
  source_ref: string | null;
  position: Generated<number>;
  withdrawn_at: Timestamp | null;
}

export interface TransversalThemeTable {
  id: Generated<number>;
  contract_id: number;
  code: string;
  title: string;
  source_ref: string | null;
  position: Generated<number>;
  withdrawn_at: Timestamp | null;
}

export interface PriorityTable {
  id: Generated<number>;
  contract_id: number;
  code: string;
  title: string;
  scope: "all" | "territory_group";
  territory_group_id: number | null;
  summary: string | null;
  source_ref: string | null;
  position: Generated<number>;
  withdrawn_at: Timestamp | null;
}

export interface PriorityItemTable {
  id: Generated<number>;
  priority_id: number;
  position: number;
  label: string;
  withdrawn_at: Timestamp | null;
}

export interface PriorityItemObjectiveTable {
  priority_item_id: number;
  objective_id: number;
  confidence: LinkConfidence;
}

export interface IndicatorTable {
  id: Generated<number>;
  contract_id: number;
  code: string;
  objective_id: number | null;
  transversal_theme_id: number | null;
  label: string;
  kind: IndicatorKind;
  source_ref: string | null;
  position: Generated<number>;
  withdrawn_at: Timestamp | null;
}

export interface ContractImportTable {
  id: Generated<number>;
  contract_id: number;
  file_name: string;
  sha256: string;
  counts: Json<Record<string, number>>;
  warnings: Json<string[]>;
  imported_at: Timestamp;
}

export interface Database {
  territory: TerritoryTable;
  territory_alias: TerritoryAliasTable;
  contract: ContractTable;
  contract_territory: ContractTerritoryTable;
  territory_group: TerritoryGroupTable;
  territory_group_member: TerritoryGroupMemberTable;
  objective: ObjectiveTable;
  transversal_theme: TransversalThemeTable;
  priority: PriorityTable;
  priority_item: PriorityItemTable;
  priority_item_objective: PriorityItemObjectiveTable;
  indicator: IndicatorTable;
  contract_import: ContractImportTable;
}
