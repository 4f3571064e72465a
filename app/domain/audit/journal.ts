// The staff journal in words (pure: no database, no i18n instance). The audit log's rows become
// entries holding only what a reader may see — who, when, the target's title and address, and
// the details that say which serial, which reason — never a resident's answer nor a tally's
// figures; one sentence per kind of action, the same on the page and in the CSV.
import { paperSerial } from "../consultations/rules.js";

/** How many actions the page shows; the CSV takes more. */
export const JOURNAL_PAGE = 200;
export const JOURNAL_CSV_MAX = 10_000;

/** Translates: i18next's `t` on the page, `sayIn("fr", …)` for the CSV. */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

/** The kinds of action staff filter by (the `action` parameter): one per area of the app. */
export const ACTION_FAMILIES = ["consultation", "moderation", "ballots", "tallies", "accounts", "invitations", "contracts", "settings", "platform"] as const;
export type ActionFamily = (typeof ACTION_FAMILIES)[number];

export function familyOf(action: string): ActionFamily {
  if (action.startsWith("consultation.text_")) return "moderation";
  if (action.startsWith("consultation.")) return "consultation";
  if (action.startsWith("ballot.") || action.startsWith("ballots.")) return "ballots";
  if (action.startsWith("tally.")) return "tallies";
  if (action.startsWith("account.") || action === "admin.create") return "accounts";
  if (action.startsWith("invitation_batch.") || action.startsWith("role_invitation.")) return "invitations";
  if (action.startsWith("contract.")) return "contracts";
  if (action.startsWith("setting.")) return "settings";
  return "platform";
}

/** The actions of a family, as SQL `like` patterns (and exclusions), for the query. */
export function familyPatterns(family: ActionFamily): { like: string[]; notLike: string[] } {
  switch (family) {
    case "moderation":
      return { like: ["consultation.text\\_%"], notLike: [] };
    case "consultation":
      return { like: ["consultation.%"], notLike: ["consultation.text\\_%"] };
    case "ballots":
      return { like: ["ballot.%", "ballots.%"], notLike: [] };
    case "tallies":
      return { like: ["tally.%"], notLike: [] };
    case "accounts":
      return { like: ["account.%", "admin.create"], notLike: [] };
    case "invitations":
      return { like: ["invitation\\_batch.%", "role\\_invitation.%"], notLike: [] };
    case "contracts":
      return { like: ["contract.%"], notLike: [] };
    case "settings":
      return { like: ["setting.%"], notLike: [] };
    case "platform":
      return { like: ["%"], notLike: ["consultation.%", "ballot.%", "ballots.%", "tally.%", "account.%", "admin.create", "invitation\\_batch.%", "role\\_invitation.%", "contract.%", "setting.%"] };
  }
}

export interface JournalFilter {
  /** An account id: only what that person did. */
  person: number | null;
  /** Paris days, yyyy-mm-dd, both included. */
  from: string | null;
  to: string | null;
  action: ActionFamily | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
function validDay(raw: string | null): string | null {
  const m = raw?.trim().match(DAY);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2999 ? m[0] : null;
}

/** The day after a yyyy-mm-dd day. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The filters from a query string (`personne`, `du`, `au`, `action`); anything malformed is
 * dropped, and a start after the end swaps them. The EPCI scope is never read from here.
 */
export function readJournalFilter(params: URLSearchParams): JournalFilter {
  const person = params.get("personne")?.trim() ?? "";
  let from = validDay(params.get("du"));
  let to = validDay(params.get("au"));
  if (from && to && from > to) [from, to] = [to, from];
  const action = params.get("action")?.trim() ?? "";
  return {
    person: /^\d{1,9}$/.test(person) && Number(person) > 0 ? Number(person) : null,
    from,
    to,
    action: (ACTION_FAMILIES as readonly string[]).includes(action) ? (action as ActionFamily) : null,
  };
}

/** The query string of a filter (for the CSV link and paging), without empty fields. */
export function journalQuery(f: JournalFilter): string {
  const p = new URLSearchParams();
  if (f.person) p.set("personne", String(f.person));
  if (f.from) p.set("du", f.from);
  if (f.to) p.set("au", f.to);
  if (f.action) p.set("action", f.action);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** An audit row as the query gives it, with the titles it refers to already looked up. */
export interface JournalRow {
  id: number | string;
  created_at: Date | string;
  action: string;
  actor_account_id: number | null;
  actor_role: string;
  target_type: string;
  target_id: string | null;
  detail: unknown;
  actorIdentifier: string | null;
  actorName: string | null;
  epciName: string | null;
  /** The target's title (consultation, contract, batch, account, EPCI), null when gone. */
  targetTitle: string | null;
  /** For a contract: its code (its public address). For an account: its identifier. */
  targetKey: string | null;
  /** Names the details point to: a QPV, a territory, a person. */
  names: Record<string, string>;
}

/** What a reader may see of one action. Nothing else of the audit row leaves the server. */
export interface JournalEntry {
  id: string;
  at: string;
  action: string;
  actor: { id: number; name: string } | null;
  actorRole: string;
  epciName: string | null;
  target: { type: string; title: string | null; href: string | null };
  facts: JournalFacts;
}

/** The details a sentence may show: which serial, which sheet, which reason — no answer, no count of an answer. */
export interface JournalFacts {
  serial?: string;
  sheet?: number;
  reason?: string;
  reasonCode?: string;
  channel?: string;
  named?: boolean;
  kind?: string;
  fromPriority?: boolean;
  count?: number;
  first?: string;
  last?: string;
  until?: string;
  published?: boolean;
  qpv?: string;
  place?: string;
  role?: string;
  code?: string;
  file?: string;
  epci?: string;
  allowed?: boolean;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : typeof v === "string" ? safeJson(v) : {});
function safeJson(s: string): Record<string, unknown> {
  try {
    return obj(JSON.parse(s));
  } catch {
    return {};
  }
}
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined);
const bool = (v: unknown) => (typeof v === "boolean" ? v : undefined);
const listLength = (v: unknown) => (Array.isArray(v) ? v.length : undefined);

/** Where a target is read: the page its action belongs to. */
function targetHref(row: JournalRow): string | null {
  const id = row.target_id;
  if (!id) return null;
  switch (row.target_type) {
    case "consultation": {
      if (row.targetTitle === null) return null;
      const family = familyOf(row.action);
      if (family === "ballots") {
        const serial = str(obj(row.detail).serial);
        return row.action === "ballots.print" ? `/staff/consultations/${id}/bulletins` : `/staff/consultations/${id}/saisie${serial ? `?numero=${encodeURIComponent(serial)}` : ""}`;
      }
      if (family === "tallies") return `/staff/consultations/${id}/proces-verbal`;
      return `/staff/consultations/${id}`;
    }
    case "contract":
      return row.targetKey ? `/contrats/${encodeURIComponent(row.targetKey)}` : null;
    case "invitation_batch":
      return row.targetTitle === null ? null : `/staff/codes/${id}`;
    case "account":
      return row.targetKey ? `/staff/habitants?q=${encodeURIComponent(row.targetKey)}&tous=1` : null;
    case "role_invitation":
      return "/staff/invitations";
    case "epci":
      return "/staff/parametres";
    default:
      return null;
  }
}

/**
 * An audit row → what the journal shows. Only named fields of the detail are read, each for
 * one sentence; the raw detail is dropped here.
 */
export function journalEntry(row: JournalRow): JournalEntry {
  const d = obj(row.detail);
  const consultationId = row.target_type === "consultation" ? int(row.target_id) : undefined;
  const facts: JournalFacts = {};
  const serial = str(d.serial);
  if (serial) facts.serial = serial;
  switch (row.action) {
    case "ballot.enter":
    case "ballot.refuse":
      facts.channel = str(d.channel);
      facts.named = bool(d.named);
      if (row.action === "ballot.refuse") facts.reasonCode = str(d.reason);
      break;
    case "ballot.void":
    case "tally.void":
      facts.reason = str(d.reason);
      facts.sheet = int(d.entry);
      break;
    case "ballots.print": {
      const first = int(d.first);
      const copies = int(d.copies);
      if (first !== undefined && copies !== undefined && consultationId !== undefined) {
        facts.first = paperSerial(consultationId, first);
        facts.last = paperSerial(consultationId, first + copies - 1);
        facts.count = copies;
      }
      break;
    }
    case "tally.enter":
    case "tally.check":
    case "tally.confirm":
      facts.sheet = int(d.sheet);
      facts.channel = str(d.channel);
      break;
    case "tally.mismatch":
    case "tally.correct":
      facts.sheet = int(d.sheet);
      // How many cells differ or changed: their names, never their figures.
      facts.count = listLength(d.cells) ?? 0;
      break;
    case "consultation.question_add":
      facts.kind = str(d.kind);
      facts.fromPriority = d.priorityId !== undefined && d.priorityId !== null;
      break;
    case "consultation.objectives_set":
      facts.count = int(d.objectives) ?? 0;
      break;
    case "consultation.extend":
      facts.until = str(d.to);
      break;
    case "consultation.summary_save":
      facts.published = bool(d.published);
      break;
    case "consultation.summary_cosign":
      facts.qpv = row.names.qpv;
      break;
    case "consultation.text_rejected":
      facts.reasonCode = str(d.reason);
      break;
    case "invitation_batch.create":
      facts.count = int(d.size);
      facts.place = row.names.place;
      break;
    case "invitation_batch.revoke_unused":
      facts.count = int(d.revoked) ?? 0;
      break;
    case "role_invitation.issue":
      facts.role = str(d.role);
      facts.place = row.names.place;
      break;
    case "role_invitation.accept":
      facts.role = str(d.role);
      break;
    case "contract.import":
    case "contract.reimport":
    case "contract.move_away":
      facts.code = str(d.code);
      facts.file = str(d.fileName);
      facts.epci = str(d.movedFrom) ?? str(d.movedTo);
      break;
    case "setting.under_15_can_post":
      facts.allowed = bool(d.allowed);
      break;
    case "login.platform_pause":
      facts.count = int(d.failures);
      break;
  }
  for (const k of Object.keys(facts) as (keyof JournalFacts)[]) if (facts[k] === undefined) delete facts[k];
  return {
    id: String(row.id),
    at: new Date(row.created_at).toISOString(),
    action: row.action,
    actor: row.actor_account_id === null ? null : { id: row.actor_account_id, name: row.actorName ?? row.actorIdentifier ?? "—" },
    actorRole: row.actor_role,
    epciName: row.epciName,
    target: { type: row.target_type, title: row.targetTitle, href: targetHref(row) },
    facts,
  };
}

/** The sentence of an action, after the person's name: « a annulé le bulletin P12-0003 : erreur de saisie ». */
export function journalSentence(e: JournalEntry, t: Translate, formatDateTime: (iso: string) => string): string {
  const f = e.facts;
  const serial = f.serial ?? "—";
  const sheet = f.sheet ?? "—";
  const channel = f.channel ? t(`channels.${f.channel}`) : "—";
  const count = f.count ?? 0;
  switch (e.action) {
    case "consultation.create":
      return t("journal.consultationCreate");
    case "consultation.question_add":
      return f.fromPriority ? t("journal.questionAddFromPriority") : t("journal.questionAdd", { kind: f.kind ? t(`kinds2.${f.kind}`) : "—" });
    case "consultation.question_edit":
      return t("journal.questionEdit");
    case "consultation.option_edit":
      return t("journal.optionEdit");
    case "consultation.question_remove":
      return t("journal.questionRemove");
    case "consultation.objectives_set":
      return t("journal.objectivesSet", { n: count });
    case "consultation.edit":
      return t("journal.consultationEdit");
    case "consultation.publish":
      return t("journal.consultationPublish");
    case "consultation.unpublish":
      return t("journal.consultationUnpublish");
    case "consultation.close_early":
      return t("journal.consultationCloseEarly");
    case "consultation.extend":
      return t("journal.consultationExtend", { until: f.until ? formatDateTime(f.until) : "—" });
    case "consultation.duplicate":
      return t("journal.consultationDuplicate");
    case "consultation.summary_save":
      return f.published ? t("journal.summarySavePublished") : t("journal.summarySave");
    case "consultation.summary_publish":
      return t("journal.summaryPublish");
    case "consultation.summary_unpublish":
      return t("journal.summaryUnpublish");
    case "consultation.summary_cosign":
      return t("journal.summaryCosign", { qpv: f.qpv ?? "—" });
    case "consultation.text_approved":
      return t("journal.textApproved");
    case "consultation.text_rejected":
      return t("journal.textRejected", { reason: f.reasonCode ? t(`moderation.reasons.${f.reasonCode}`) : "—" });
    case "ballots.print":
      return t("journal.ballotsPrint", { first: f.first ?? "—", last: f.last ?? "—" });
    case "ballot.enter":
      return f.named ? t("journal.ballotEnterNamed", { serial, channel }) : t("journal.ballotEnter", { serial, channel });
    case "ballot.refuse":
      return t("journal.ballotRefuse", { serial, reason: f.reasonCode === "unknownIdentifier" ? t("journal.refusedUnknown") : t("journal.refusedAlreadyVoted") });
    case "ballot.void":
      return t("journal.ballotVoid", { serial, reason: f.reason ?? "—" });
    case "tally.enter":
      return t("journal.tallyEnter", { sheet, channel });
    case "tally.check":
      return t("journal.tallyCheck", { sheet });
    case "tally.mismatch":
      return t("journal.tallyMismatch", { sheet, n: count });
    case "tally.correct":
      return t("journal.tallyCorrect", { sheet, n: count });
    case "tally.confirm":
      return t("journal.tallyConfirm", { sheet });
    case "tally.void":
      return t("journal.tallyVoid", { sheet, reason: f.reason ?? "—" });
    case "account.verify":
      return t("journal.accountVerify");
    case "account.issue_recovery":
      return t("journal.accountRecovery");
    case "admin.create":
      return t("journal.adminCreate");
    case "invitation_batch.create":
      return t("journal.batchCreate", { n: count, place: f.place ?? "—" });
    case "invitation_batch.revoke_unused":
      return t("journal.batchRevoke", { n: count });
    case "invitation_batch.help_update":
      return t("journal.batchHelp");
    case "role_invitation.issue":
      return t("journal.roleInvite", { role: f.role ? t(`roles.${f.role}`) : "—", place: f.place ?? "—" });
    case "role_invitation.accept":
      return t("journal.roleAccept", { role: f.role ? t(`roles.${f.role}`) : "—" });
    case "contract.import":
      return t("journal.contractImport", { code: f.code ?? "—", file: f.file ?? "—" });
    case "contract.reimport":
      return f.epci ? t("journal.contractReimportMoved", { code: f.code ?? "—", file: f.file ?? "—", epci: f.epci }) : t("journal.contractReimport", { code: f.code ?? "—", file: f.file ?? "—" });
    case "contract.move_away":
      return t("journal.contractMoveAway", { code: f.code ?? "—", epci: f.epci ?? "—" });
    case "setting.under_15_can_post":
      return f.allowed ? t("journal.under15Allowed") : t("journal.under15Refused");
    case "login.platform_pause":
      return t("journal.platformPause", { n: count });
    default:
      return t("journal.other", { action: e.action });
  }
}

/** The target's words when its row is gone (a deleted account, a removed batch). */
export function targetLabel(e: JournalEntry, t: Translate): string {
  if (e.target.title !== null) return e.target.title;
  if (e.target.type === "platform") return t("journal.targetPlatform");
  return t("journal.targetGone");
}

/** The journal as CSV rows (French, for lib/csv's frenchCsv): one row per action, its sentence whole. */
export function journalCsvRows(entries: JournalEntry[], t: Translate, formatDateTime: (iso: string) => string, origin: string): (string | number | null)[][] {
  const header = ["date", "personne", "rôle", "action", "sur", "lien", "EPCI", "code de l'action"];
  return [
    header,
    ...entries.map((e) => [
      formatDateTime(e.at),
      e.actor?.name ?? "",
      t(`roles.${e.actorRole}`),
      journalSentence(e, t, formatDateTime),
      targetLabel(e, t),
      e.target.href ? `${origin}${e.target.href}` : "",
      e.epciName ?? "",
      e.action,
    ]),
  ];
}
