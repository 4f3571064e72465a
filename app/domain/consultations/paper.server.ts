// Paper ballots and tally sheets (« procès-verbal »): staff type them into the same ledger as
// web answers. Every write is scoped to the staff member's EPCI, audited, and moves the result
// counters in its own transaction. Nothing is ever deleted: a mistake is voided with a reason.
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema.js";
import { isStaffOf, type Viewer } from "../../auth/guard.server.js";
import type { Result } from "../accounts/mutations.server.js";
import { normalizeIdentifier } from "../accounts/rules.js";
import { changingCounted } from "./counters.server.js";
import { audit, questionShapes } from "./mutations.server.js";
import { MAX_PRINT_COPIES, readSerial, readSubmission, readTally, type AnswerProblem, type TallyProblem } from "./rules.js";

type DB = Kysely<Database>;
type Trx = Transaction<Database>;

export type LedgerChannel = "paper" | "atelier";
export const SOURCE_MAX = 200;
export const REASON_MAX = 300;

interface EntryBase {
  /** A sous-secteur of the consultation's scope, or null for « non précisé ». */
  territoryId: number | null;
  channel: LedgerChannel;
  /** A structure, an atelier, or « urne papier, centre social Matisse ». */
  source: string;
}

type Access = { ok: true; epciId: number } | { ok: false; error: "notFound" | "forbidden" | "notPublished" };

async function staffAccess(db: DB, viewer: Viewer, consultationId: number): Promise<Access> {
  const c = await db.selectFrom("consultation").select(["epci_id", "status"]).where("id", "=", consultationId).executeTakeFirst();
  if (!c) return { ok: false, error: "notFound" };
  if (!(await isStaffOf(db, viewer, c.epci_id))) return { ok: false, error: "forbidden" };
  if (c.status !== "published") return { ok: false, error: "notPublished" };
  return { ok: true, epciId: c.epci_id };
}

/** The sous-secteurs a ballot or a sheet may name: those of the scope (a QPV's, or itself if it has none). */
export async function ballotPlaces(db: DB | Trx, consultationId: number) {
  return db
    .selectFrom("consultation_scope as s")
    .innerJoin("territory as t", (j) => j.on((eb) => eb.or([eb("t.id", "=", eb.ref("s.territory_id")), eb("t.parent_id", "=", eb.ref("s.territory_id"))])))
    .select(["t.id", "t.name"])
    .where("s.consultation_id", "=", consultationId)
    .where((eb) => eb.or([eb("t.kind", "in", ["sous_secteur", "secteur_vigilance"]), eb.and([eb("t.kind", "=", "qpv"), eb.not(eb.exists(eb.selectFrom("territory as c").select(sql`1`.as("one")).whereRef("c.parent_id", "=", "t.id")))])]))
    .orderBy("t.name")
    .execute();
}

type BaseError = "notFound" | "forbidden" | "notPublished" | "badPlace" | "badSource" | "badChannel";

async function checkBase(db: DB, consultationId: number, input: EntryBase): Promise<BaseError | null> {
  if (input.channel !== "paper" && input.channel !== "atelier") return "badChannel";
  if (input.source.trim() === "" || input.source.length > SOURCE_MAX) return "badSource";
  if (input.territoryId !== null && !(await ballotPlaces(db, consultationId)).some((p) => p.id === input.territoryId)) return "badPlace";
  return null;
}

const violated = (error: unknown, constraint: string) => (error as { constraint?: string }).constraint === constraint || String((error as Error).message).includes(constraint);

export type BallotError = BaseError | "badSerial" | "duplicateSerial" | "unknownIdentifier" | "alreadyVoted" | "blankNamed";

/** Why a wholly blank named ballot is kept as a void: it is no answer, and must not take the resident's voice. */
export const BLANK_NAMED_REASON = "bulletin nominatif entièrement blanc";

// Invariant: a serial is typed once per consultation (a unique index); a named ballot names a
// resident of the consultation's scope; one who already has a voice in this consultation is
// refused, and that voice stands; every refused named ballot is audited (so nobody checks
// quietly whether someone voted); a wholly blank named ballot is kept as a void, not an answer.
export async function enterPaperBallot(
  db: DB,
  viewer: Viewer,
  consultationId: number,
  input: EntryBase & { serial: string; identifier: string | null; form: Map<string, string[]> },
): Promise<Result<{ responseId: number; serial: string }, BallotError> | { ok: false; error: "invalid"; problems: Record<number, AnswerProblem> }> {
  const access = await staffAccess(db, viewer, consultationId);
  if (!access.ok) return access;
  const baseError = await checkBase(db, consultationId, input);
  if (baseError) return { ok: false, error: baseError };
  const serial = readSerial(consultationId, input.serial);
  if (!serial) return { ok: false, error: "badSerial" };
  const refused = async (error: "unknownIdentifier" | "alreadyVoted") => {
    await db.transaction().execute((trx) => audit(trx, viewer, "ballot.refuse", consultationId, access.epciId, { serial, channel: input.channel, named: true, reason: error }));
    return { ok: false as const, error };
  };
  let accountId: number | null = null;
  if (input.identifier && input.identifier.trim() !== "") {
    // Only a resident of the consultation's scope (an unknown identifier and one from elsewhere get the same answer).
    const account = await db
      .selectFrom("account as a")
      .select("a.id")
      .where("a.identifier", "=", normalizeIdentifier(input.identifier))
      .where("a.deleted_at", "is", null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("consultation_scope as s")
            .innerJoin("territory as t", "t.id", "a.territory_id")
            .select(sql`1`.as("one"))
            .where("s.consultation_id", "=", consultationId)
            .where((w) => w.or([w("s.territory_id", "=", w.ref("t.id")), w("s.territory_id", "=", w.ref("t.parent_id"))])),
        ),
      )
      .executeTakeFirst();
    if (!account) return refused("unknownIdentifier");
    accountId = account.id;
  }
  const read = readSubmission(await questionShapes(db, consultationId), input.form, { blankAllowed: true });
  if (!read.ok) return { ok: false, error: "invalid", problems: read.problems };
  if (accountId !== null && read.answers.length === 0) {
    // Kept under its serial as a void, naming nobody: the resident may still answer.
    try {
      await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto("response")
          .values({ consultation_id: consultationId, account_id: null, channel: input.channel, entry_mode: "individual", source: input.source.trim(), territory_id: input.territoryId, serial, entered_by: viewer.accountId, voided_at: sql<Date>`now()`, voided_by: viewer.accountId, void_reason: BLANK_NAMED_REASON })
          .returning("id")
          .executeTakeFirstOrThrow();
        await audit(trx, viewer, "ballot.void", consultationId, access.epciId, { entry: Number(id), serial, reason: BLANK_NAMED_REASON });
      });
    } catch (error) {
      if (violated(error, "response_serial_key")) return { ok: false, error: "duplicateSerial" };
      throw error;
    }
    return { ok: false, error: "blankNamed" };
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const responseId = await changingCounted(trx, [], async () => {
        const { id } = await trx
          .insertInto("response")
          .values({ consultation_id: consultationId, account_id: accountId, channel: input.channel, entry_mode: "individual", source: input.source.trim(), territory_id: input.territoryId, serial, entered_by: viewer.accountId })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (read.answers.length)
          await trx
            .insertInto("answer")
            .values(read.answers.map((a) => ({ response_id: id, question_id: a.questionId, option_id: a.optionId, rank: a.rank, value: a.value, text: a.text, text_status: a.text === null ? null : ("pending" as const) })))
            .execute();
        return { result: Number(id), responseIds: [Number(id)] };
      });
      // The audit names the ballot, never the voter nor what they chose.
      await audit(trx, viewer, "ballot.enter", consultationId, access.epciId, { serial, channel: input.channel, named: accountId !== null });
      return { ok: true as const, value: { responseId, serial } };
    });
  } catch (error) {
    if (violated(error, "response_serial_key")) return { ok: false, error: "duplicateSerial" };
    if (violated(error, "response_one_per_resident")) return refused("alreadyVoted");
    throw error;
  }
}

export type TallyError = BaseError | "badBallots";

export async function enterTallySheet(
  db: DB,
  viewer: Viewer,
  consultationId: number,
  input: EntryBase & { ballots: string; form: Map<string, string[]> },
): Promise<Result<{ responseId: number }, TallyError> | { ok: false; error: "invalid"; problems: Record<number, TallyProblem> }> {
  const access = await staffAccess(db, viewer, consultationId);
  if (!access.ok) return access;
  const baseError = await checkBase(db, consultationId, input);
  if (baseError) return { ok: false, error: baseError };
  const ballots = /^\s*\d{1,7}\s*$/.test(input.ballots) ? Number(input.ballots) : 0;
  if (ballots < 1) return { ok: false, error: "badBallots" };
  const read = readTally(await questionShapes(db, consultationId), ballots, input.form);
  if (!read.ok) return { ok: false, error: "invalid", problems: read.problems };
  return db.transaction().execute(async (trx) => {
    // Not counted until a second staff member confirms it: the counters do not move yet.
    const { id } = await trx
      .insertInto("response")
      .values({ consultation_id: consultationId, channel: input.channel, entry_mode: "tally", source: input.source.trim(), territory_id: input.territoryId, ballots, entered_by: viewer.accountId })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (read.counts.length) await trx.insertInto("answer").values(read.counts.map((c) => ({ response_id: id, question_id: c.questionId, option_id: c.optionId, rank: c.rank, value: c.value, count: c.count }))).execute();
    await audit(trx, viewer, "tally.enter", consultationId, access.epciId, { sheet: Number(id), ballots, channel: input.channel });
    return { ok: true as const, value: { responseId: Number(id) } };
  });
}

type EntryError = "notFound" | "forbidden" | "notPublished";

// Invariant: the person who entered a sheet never confirms it (also a database check, so a
// second session of the same person cannot either); a sheet counts from its confirmation.
export async function confirmTallySheet(db: DB, viewer: Viewer, consultationId: number, responseId: number): Promise<Result<null, EntryError | "sameStaff" | "alreadyConfirmed" | "voided">> {
  const access = await staffAccess(db, viewer, consultationId);
  if (!access.ok) return access;
  try {
    return await db.transaction().execute(async (trx) => {
      const sheet = await trx.selectFrom("response").select(["entered_by", "confirmed_at", "voided_at"]).where("id", "=", responseId).where("consultation_id", "=", consultationId).where("entry_mode", "=", "tally").forUpdate().executeTakeFirst();
      if (!sheet) return { ok: false as const, error: "notFound" as const };
      if (sheet.voided_at) return { ok: false as const, error: "voided" as const };
      if (sheet.confirmed_at) return { ok: false as const, error: "alreadyConfirmed" as const };
      if (sheet.entered_by === viewer.accountId) return { ok: false as const, error: "sameStaff" as const };
      await changingCounted(trx, [responseId], async () => {
        await trx.updateTable("response").set({ confirmed_by: viewer.accountId, confirmed_at: sql<Date>`now()` }).where("id", "=", responseId).execute();
        return { result: null, responseIds: [responseId] };
      });
      await audit(trx, viewer, "tally.confirm", consultationId, access.epciId, { sheet: responseId });
      return { ok: true as const, value: null };
    });
  } catch (error) {
    if (violated(error, "response_confirmer_differs")) return { ok: false, error: "sameStaff" };
    throw error;
  }
}

// Invariant: only what staff typed (a paper or atelier ballot, a tally sheet) can be voided;
// a void keeps the row, its reason and who voided it, and is audited.
export async function voidEntry(db: DB, viewer: Viewer, consultationId: number, responseId: number, reason: string): Promise<Result<null, EntryError | "badReason" | "alreadyVoided">> {
  const access = await staffAccess(db, viewer, consultationId);
  if (!access.ok) return access;
  const why = reason.trim();
  if (why === "" || why.length > REASON_MAX) return { ok: false, error: "badReason" };
  return db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom("response").select(["serial", "entry_mode", "voided_at"]).where("id", "=", responseId).where("consultation_id", "=", consultationId).where("channel", "<>", "web").executeTakeFirst();
    if (!entry) return { ok: false as const, error: "notFound" as const };
    if (entry.voided_at) return { ok: false as const, error: "alreadyVoided" as const };
    await changingCounted(trx, [responseId], async () => {
      await trx.updateTable("response").set({ voided_at: sql<Date>`now()`, void_reason: why, voided_by: viewer.accountId }).where("id", "=", responseId).where("voided_at", "is", null).execute();
      return { result: null, responseIds: [responseId] };
    });
    await audit(trx, viewer, entry.entry_mode === "tally" ? "tally.void" : "ballot.void", consultationId, access.epciId, { entry: responseId, serial: entry.serial, reason: why });
    return { ok: true as const, value: null };
  });
}

/** How many typed entries one page of the ledger lists. */
export const LEDGER_PAGE = 100;

export interface LedgerQuery {
  /** Only the entry typed under this serial (already read with `readSerial`; "" finds nothing). */
  serial?: string | null;
  /** Only entries older than this one: the next page. */
  before?: number | null;
  limit?: number;
}

/**
 * What staff typed for a consultation, newest first, one page at a time, with who typed and
 * confirmed it; how many in all; and, when older entries remain, the id to page on from.
 */
export async function ledgerEntries(db: DB, consultationId: number, entryMode: "individual" | "tally", query: LedgerQuery = {}) {
  const limit = query.limit ?? LEDGER_PAGE;
  const total = await db
    .selectFrom("response")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("consultation_id", "=", consultationId)
    .where("entry_mode", "=", entryMode)
    .where("channel", "<>", "web")
    .executeTakeFirstOrThrow();
  let rows = db
    .selectFrom("response as r")
    .leftJoin("territory as t", "t.id", "r.territory_id")
    .leftJoin("account as e", "e.id", "r.entered_by")
    .leftJoin("account as k", "k.id", "r.confirmed_by")
    .select(["r.id", "r.serial", "r.channel", "r.source", "r.ballots", "r.entered_by", "r.confirmed_at", "r.voided_at", "r.void_reason", "t.name as place", "e.display_name as enteredBy", "k.display_name as confirmedBy", sql<boolean>`r.account_id is not null`.as("named")])
    .where("r.consultation_id", "=", consultationId)
    .where("r.entry_mode", "=", entryMode)
    .where("r.channel", "<>", "web");
  if (query.serial != null) rows = rows.where("r.serial", "=", query.serial);
  if (query.before) rows = rows.where("r.id", "<", query.before);
  const page = await rows.orderBy("r.id", "desc").limit(limit + 1).execute();
  const more = page.length > limit;
  if (more) page.pop();
  return { rows: page, total: total.n, olderThan: more ? Number(page[page.length - 1]!.id) : null };
}

/** The first serial number after every one printed in a recorded series or typed. */
export async function nextSerialNumber(db: DB | Trx, consultationId: number): Promise<number> {
  // Typed serials have the printed form (`readSerial`): P<consultation>-<number>.
  const typed = await db
    .selectFrom("response")
    .select(sql<number>`coalesce(max(substring(serial from '-([0-9]{1,9})$')::int), 0)::int`.as("last"))
    .where("consultation_id", "=", consultationId)
    .where("serial", "like", `P${consultationId}-%`)
    .executeTakeFirstOrThrow();
  const printed = await db.selectFrom("ballot_print_run").select(sql<number>`coalesce(max(first_serial + copies - 1), 0)::int`.as("last")).where("consultation_id", "=", consultationId).executeTakeFirstOrThrow();
  return Math.max(typed.last, printed.last) + 1;
}

/** At most this many ballots in one series. */
export { MAX_PRINT_COPIES };

// Invariant: series never overlap each other nor typed serials: the consultation row is
// locked while the next number is read and the series recorded.
export async function printBallotSeries(db: DB, viewer: Viewer, consultationId: number, copies: number): Promise<Result<{ first: number; copies: number }, EntryError | "badCopies">> {
  if (!Number.isInteger(copies) || copies < 1 || copies > MAX_PRINT_COPIES) return { ok: false, error: "badCopies" };
  const access = await staffAccess(db, viewer, consultationId);
  if (!access.ok) return access;
  return db.transaction().execute(async (trx) => {
    // NO KEY UPDATE: series wait for each other, answers (whose key share it leaves) do not.
    await trx.selectFrom("consultation").select("id").where("id", "=", consultationId).forNoKeyUpdate().execute();
    const first = await nextSerialNumber(trx, consultationId);
    const { id } = await trx.insertInto("ballot_print_run").values({ consultation_id: consultationId, first_serial: first, copies, printed_by: viewer.accountId }).returning("id").executeTakeFirstOrThrow();
    await audit(trx, viewer, "ballots.print", consultationId, access.epciId, { series: id, first, copies });
    return { ok: true as const, value: { first, copies } };
  });
}

/** The recorded series of a consultation, newest first, with who printed them. */
export async function printSeries(db: DB, consultationId: number) {
  return db
    .selectFrom("ballot_print_run as p")
    .leftJoin("account as a", "a.id", "p.printed_by")
    .select(["p.id", "p.first_serial", "p.copies", "p.printed_at", "a.display_name", "a.identifier"])
    .where("p.consultation_id", "=", consultationId)
    .orderBy("p.first_serial", "desc")
    .execute();
}
