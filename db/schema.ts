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

export type Role = "council_member" | "moderator" | "staff" | "admin";
export type AgeBand = "moins_15" | "15_17" | "18_24" | "25_39" | "40_59" | "60_74" | "75_plus" | "non_dit";
export type Gender = "femme" | "homme" | "autre" | "non_dit";

export interface AccountTable {
  id: Generated<number>;
  display_name: string | null;
  identifier: string | null;
  email: string | null;
  phone: string | null;
  pin_hash: string | null;
  password_hash: string | null;
  territory_id: number | null;
  verified_at: Timestamp | null;
  age_band: AgeBand | null;
  gender: Gender | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
  /** A PIN the resident chose (before 0013): replaced by a drawn one at the next sign-in. */
  pin_chosen: Generated<boolean>;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  account_id: number;
  role: Role;
  territory_id: number | null;
  college: "habitants" | "associations" | null;
  granted_by: number | null;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  account_id: number;
  secret_hash: Uint8Array;
  persistent: boolean;
  created_at: Timestamp;
  refreshed_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
}

export interface SignInDeviceTable {
  id: Generated<number>;
  account_id: number;
  /** sha256 of the device cookie's value. */
  token_hash: Uint8Array;
  created_at: Timestamp;
  last_used_at: Timestamp;
  expires_at: Timestamp;
}

export interface InvitationBatchTable {
  id: Generated<number>;
  territory_id: number;
  label: string;
  size: number;
  /** Where to get a card (and help): place, opening hours, phone. Printed on the cards, shown on /code, /connexion and home. */
  help_text: string;
  help_text_falc: string | null;
  help_text_en: string | null;
  help_text_ar: string | null;
  expires_at: Timestamp;
  created_by: number | null;
  created_at: Timestamp;
}

export interface InvitationCodeTable {
  id: Generated<number>;
  batch_id: number;
  code: string;
  redeemed_at: Timestamp | null;
  redeemed_by: number | null;
  redeemed_territory_id: number | null;
  revoked_at: Timestamp | null;
}

export interface RateLimitTable {
  key: string;
  hits: number;
  window_start: Timestamp;
  window_seconds: number;
}

export interface AuditEventTable {
  id: Generated<number>;
  actor_account_id: number | null;
  actor_role: string;
  action: string;
  target_type: string;
  target_id: string | null;
  epci_id: number | null;
  detail: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface RoleInvitationTable {
  id: Generated<number>;
  token_hash: Uint8Array;
  role: Exclude<Role, "admin">;
  territory_id: number;
  college: "habitants" | "associations" | null;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  used_by: number | null;
}

export interface AccountTokenTable {
  id: Generated<number>;
  account_id: number;
  purpose: "password_reset" | "recovery";
  token_hash: Uint8Array;
  created_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  body: string;
  created_at: Timestamp;
}

export interface EpciSettingTable {
  epci_id: number;
  under_15_can_post: boolean;
  updated_at: Timestamp;
}

export type QuestionKind = "single" | "multiple" | "scale" | "text" | "ranking" | "majority";
export type Channel = "web" | "paper" | "atelier";

export interface ConsultationTable {
  id: Generated<number>;
  epci_id: number;
  title: string;
  title_falc: string | null;
  title_en: string | null;
  title_ar: string | null;
  description: Generated<string>;
  description_falc: string | null;
  description_en: string | null;
  description_ar: string | null;
  status: Generated<"draft" | "published">;
  opens_at: Timestamp;
  closes_at: Timestamp;
  results_visibility: Generated<"live" | "after_close">;
  eligibility: Generated<"verified" | "any">;
  demo: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface ConsultationScopeTable {
  consultation_id: number;
  territory_id: number;
}

export interface ConsultationObjectiveTable {
  consultation_id: number;
  objective_id: number;
}

export interface QuestionTable {
  id: Generated<number>;
  consultation_id: number;
  position: number;
  kind: QuestionKind;
  prompt: string;
  prompt_falc: string | null;
  prompt_en: string | null;
  prompt_ar: string | null;
  max_choices: number | null;
  top_n: number | null;
}

export interface QuestionOptionTable {
  id: Generated<number>;
  question_id: number;
  position: number;
  label: string;
  label_falc: string | null;
  label_en: string | null;
  label_ar: string | null;
  pictogram: string | null;
  priority_item_id: number | null;
}

export interface QuestionOptionObjectiveTable {
  option_id: number;
  objective_id: number;
}

export interface ResponseTable {
  id: Generated<number>;
  consultation_id: number;
  account_id: number | null;
  channel: Channel;
  entry_mode: "individual" | "tally";
  source: string | null;
  territory_id: number | null;
  serial: string | null;
  ballots: number | null;
  age_band: string | null;
  gender: string | null;
  submitted_at: Timestamp | null;
  updated_at: Timestamp | null;
  voided_at: Timestamp | null;
  void_reason: string | null;
  entered_by: number | null;
  confirmed_by: number | null;
  confirmed_at: Timestamp | null;
  voided_by: number | null;
}

/** The second entry of a tally sheet (migration 0015): typed again by another staff member. */
export interface TallyCheckTable {
  response_id: number;
  /** The sheet's first typist (its `entered_by`), whom the second typist must differ from. */
  first_entered_by: number;
  entered_by: number;
  ballots: number;
  /** The counts as `readTally` gives them (TallyCount rows). */
  counts: unknown;
  entered_at: Generated<Date>;
}

export interface ResultCounterTable {
  consultation_id: number;
  territory_id: number;
  channel: string;
  entry_mode: string;
  named: boolean;
  question_id: number;
  option_id: number;
  rank: number;
  value: number;
  shard: number;
  n: string | number | bigint;
}

export interface ResultPublicationTable {
  consultation_id: number;
  seq: number;
  published_at: Generated<Date>;
  n: number;
  /** The counters at publication, shards added up: rows of [territory, channel, entry mode, named, question, option, rank, value, n]. */
  grid: unknown;
}

export interface ResultChangeTable {
  id: Generated<string | number>;
  consultation_id: number;
  response_id: number;
  /** The response's contribution before and after the change, rows as in `grid`. */
  before: unknown;
  after: unknown;
  consumed_by: number | null;
}

export interface AnswerTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  option_id: number | null;
  rank: number | null;
  value: number | null;
  text: string | null;
  text_status: "pending" | "approved" | "rejected" | null;
  text_reason: "identifies" | "abusive" | "off_topic" | "other" | null;
  count: Generated<number>;
}

export interface ConsultationSummaryTable {
  consultation_id: number;
  said: string;
  said_falc: string | null;
  said_en: string | null;
  said_ar: string | null;
  next_steps: string;
  next_steps_falc: string | null;
  next_steps_en: string | null;
  next_steps_ar: string | null;
  published_at: Date | null;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export interface ConsultationSummarySignatureTable {
  consultation_id: number;
  qpv_id: number;
  account_id: number | null;
  signed_at: Generated<Date>;
}

export interface BallotPrintRunTable {
  id: Generated<number>;
  consultation_id: number;
  first_serial: number;
  copies: number;
  printed_by: number;
  printed_at: Generated<Date>;
}

export interface Database {
  consultation: ConsultationTable;
  consultation_scope: ConsultationScopeTable;
  consultation_objective: ConsultationObjectiveTable;
  question: QuestionTable;
  question_option: QuestionOptionTable;
  question_option_objective: QuestionOptionObjectiveTable;
  response: ResponseTable;
  answer: AnswerTable;
  tally_check: TallyCheckTable;
  result_counter: ResultCounterTable;
  result_publication: ResultPublicationTable;
  result_change: ResultChangeTable;
  ballot_print_run: BallotPrintRunTable;
  consultation_summary: ConsultationSummaryTable;
  consultation_summary_signature: ConsultationSummarySignatureTable;
  role_invitation: RoleInvitationTable;
  account_token: AccountTokenTable;
  mail_outbox: MailOutboxTable;
  epci_setting: EpciSettingTable;
  account: AccountTable;
  role_assignment: RoleAssignmentTable;
  session: SessionTable;
  sign_in_device: SignInDeviceTable;
  invitation_batch: InvitationBatchTable;
  invitation_code: InvitationCodeTable;
  rate_limit: RateLimitTable;
  audit_event: AuditEventTable;
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
