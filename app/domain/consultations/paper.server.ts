// Paper ballots and tally sheets (« procès-verbal »): staff type them into the same ledger as
// web answers. Every write is scoped to the staff member's EPCI, audited, and moves the result
// counters in its own transaction. Nothing counted is ever deleted: a mistake is voided with a
// reason (only a pending sheet's uncounted figures are replaced, by its typist's correction).
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema.js";
import { isStaffOf, type Viewer } from "../../auth/guard.server.js";
import type { Result } from "../accounts/mutations.server.js";
import { normalizeIdentifier } from "../accounts/rules.js";
import { changingCounted } from "./counters.server.js";
import { audit, questionShapes } from "./mutations.server.js";
import { BALLOTS_CELL, MAX_PRINT_COPIES, readSerial, readSubmission, readTally, tallyCells, tallyDifferences, type AnswerProblem, type QuestionShape, type TallyCell, type TallyCount, type TallyProblem } from "./rules.js";

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

async function checkBase(db: DB | Trx, consultationId: number, input: EntryBase): Promise<BaseError | null> {
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
type TallyInvalid = { ok: false; error: "invalid"; problems: Record<number, TallyProblem> };
type Entry = { ballots: number; counts: TallyCount[] };

/** Reads one entry of a sheet (the first, its correction or the second): ballots and counts that add up. */
async function readSheet(db: DB | Trx, consultationId: number, input: { ballots: string; form: Map<string, string[]> }): Promise<({ ok: true; questions: QuestionShape[] } & Entry) | { ok: false; error: "badBallots" } | TallyInvalid> {
  const ballots = /^\s*\d{1,7}\s*$/.test(input.ballots) ? Number(input.ballots) : 0;
  if (ballots < 1) return { ok: false, error: "badBallots" };
  const questions = await questionShapes(db, consultationId);
  const read = readTally(questions, ballots, input.form);
  if (!read.ok) return { ok: false, error: "invalid", problems: read.problems };
  return { ok: true, questions, ballots, counts: read.counts };
}

/** The first entry of a sheet, as stored in the ledger. */
async function firstEntry(trx: DB | Trx, responseId: number, ballots: number): Promise<Entry> {
  const counts = await trx.selectFrom("answer").select(["question_id as questionId", "option_id as optionId", "rank", "value", "count"]).where("response_id", "=", responseId).execute();
  return { ballots, counts };
}

export async function enterTallySheet(
  db: DB,
  viewer: Viewer,
  consultationId: number,
  input: EntryBase & { ballots: string; form: Map<string, string[]> },
): Promise<Result<{ responseId: number }, TallyError> | TallyInvalid> {
  const access = await staffAccess(db, viewer, consultationId);
  if (!access.ok) return access;
  const baseError = await checkBase(db, consultationId, input);
  if (baseError) return { ok: false, error: baseError };
  const read = await readSheet(db, consultationId, input);
  if (!read.ok) return read;
  return db.transaction().execute(async (trx) => {
    // Not counted until a second staff member's entry matches it: the counters do not move yet.
    const { id } = await trx
      .insertInto("response")
      .values({ consultation_id: consultationId, channel: input.channel, entry_mode: "tally", source: input.source.trim(), territory_id: input.territoryId, ballots: read.ballots, entered_by: viewer.accountId })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (read.counts.length) await trx.insertInto("answer").values(read.counts.map((c) => ({ response_id: id, question_id: c.questionId, option_id: c.optionId, rank: c.rank, value: c.value, count: c.count }))).execute();
    // No figure in the audit of a pending sheet: whoever reads the journal must not learn the entry.
    await audit(trx, viewer, "tally.enter", consultationId, access.epciId, { sheet: Number(id), channel: input.channel });
    return { ok: true as const, value: { responseId: Number(id) } };
  });
}

type EntryError = "notFound" | "forbidden" | "notPublished";
type PendingError = EntryError | "alreadyConfirmed" | "voided";

/** After a double entry: confirmed (and counted), or the cells where the two entries differ; `checked` once there is a second entry. */
export interface TallyOutcome {
  confirmed: boolean;
  checked: boolean;
  differences: TallyCell[];
}

/** The sheet, locked, while it is still pending; or why it is not. */
async function pendingSheet(trx: Trx, consultationId: number, responseId: number) {
  const sheet = await trx.selectFrom("response").select(["entered_by", "ballots", "confirmed_at", "voided_at"]).where("id", "=", responseId).where("consultation_id", "=", consultationId).where("entry_mode", "=", "tally").forUpdate().executeTakeFirst();
  if (!sheet || sheet.entered_by === null || sheet.ballots === null) return { ok: false as const, error: "notFound" as const };
  if (sheet.voided_at) return { ok: false as const, error: "voided" as const };
  if (sheet.confirmed_at) return { ok: false as const, error: "alreadyConfirmed" as const };
  return { ok: true as const, firstTypist: sheet.entered_by, ballots: sheet.ballots };
}

// Invariant: a sheet counts from the moment its two entries, typed by two different staff
// members, match cell for cell; it is then confirmed in the same transaction, its confirmer
// the second typist (database checks: the second typist is not the first, and confirms).
// A mismatch stores nothing but the entry just typed, and names the differing cells.
async function settle(trx: Trx, viewer: Viewer, consultationId: number, epciId: number, responseId: number, questions: QuestionShape[], first: Entry, second: Entry & { typist: number }): Promise<TallyOutcome> {
  const differences = tallyDifferences(questions, first, second);
  if (differences.length) {
    await audit(trx, viewer, "tally.mismatch", consultationId, epciId, { sheet: responseId, cells: differences.map((c) => c.name) });
    return { confirmed: false, checked: true, differences };
  }
  await changingCounted(trx, [responseId], async () => {
    await trx.updateTable("response").set({ confirmed_by: second.typist, confirmed_at: sql<Date>`now()` }).where("id", "=", responseId).execute();
    return { result: null, responseIds: [responseId] };
  });
  await audit(trx, viewer, "tally.confirm", consultationId, epciId, { sheet: responseId, secondEntryBy: second.typist });
  return { confirmed: true, checked: true, differences: [] };
}

// Invariant: the person who entered a sheet never types its second entry (also a database
// check, so a second session of the same person cannot either). The second entry is typed
// blind (nothing here or in `tallySheetList` shows its typist the first entry's figures), and a
// later one, by its typist or another staff member, replaces it.
export async function checkTallySheet(db: DB, viewer: Viewer, consultationId: number, responseId: number, input: { ballots: string; form: Map<string, string[]> }): Promise<Result<TallyOutcome, PendingError | "sameStaff" | "badBallots"> | TallyInvalid> {
  const access = await staffAccess(db, viewer, consultationId);
  if (!access.ok) return access;
  try {
    return await db.transaction().execute(async (trx) => {
      // Whose sheet it is first, whatever the figures: the first typist is refused as such.
      const sheet = await pendingSheet(trx, consultationId, responseId);
      if (!sheet.ok) return sheet;
      if (sheet.firstTypist === viewer.accountId) return { ok: false as const, error: "sameStaff" as const };
      const read = await readSheet(trx, consultationId, input);
      if (!read.ok) return read;
      const counts = JSON.stringify(read.counts);
      const entry = { first_entered_by: sheet.firstTypist, entered_by: viewer.accountId, ballots: read.ballots, counts };
      // The sheet is locked: no other second entry comes between reading the earlier one and replacing it.
      const earlier = await trx.selectFrom("tally_check").select("entered_by").where("response_id", "=", responseId).executeTakeFirst();
      await trx
        .insertInto("tally_check")
        .values({ response_id: responseId, ...entry })
        .onConflict((oc) => oc.column("response_id").doUpdateSet({ ...entry, entered_at: sql<Date>`now()` }))
        .execute();
      await audit(trx, viewer, "tally.check", consultationId, access.epciId, { sheet: responseId, replaces: earlier ? earlier.entered_by : null });
      const outcome = await settle(trx, viewer, consultationId, access.epciId, responseId, read.questions, await firstEntry(trx, responseId, sheet.ballots), { ...read, typist: viewer.accountId });
      return { ok: true as const, value: outcome };
    });
  } catch (error) {
    if (violated(error, "tally_check_typist_differs") || violated(error, "response_confirmer_differs")) return { ok: false, error: "sameStaff" };
    throw error;
  }
}

// Invariant: only the first typist corrects the first entry, and only while the sheet is
// pending; the figures replaced were never counted. The audit names the cells changed, never
// their figures. With a second entry already typed, the two are compared again at once.
export async function correctTallySheet(
  db: DB,
  viewer: Viewer,
  consultationId: number,
  responseId: number,
  input: EntryBase & { ballots: string; form: Map<string, string[]> },
): Promise<Result<TallyOutcome, PendingError | TallyError | "notYours"> | TallyInvalid> {
  const access = await staffAccess(db, viewer, consultationId);
  if (!access.ok) return access;
  return db.transaction().execute(async (trx) => {
    const sheet = await pendingSheet(trx, consultationId, responseId);
    if (!sheet.ok) return sheet;
    if (sheet.firstTypist !== viewer.accountId) return { ok: false as const, error: "notYours" as const };
    const baseError = await checkBase(trx, consultationId, input);
    if (baseError) return { ok: false as const, error: baseError };
    const read = await readSheet(trx, consultationId, input);
    if (!read.ok) return read;
    const before = await firstEntry(trx, responseId, sheet.ballots);
    await trx.updateTable("response").set({ ballots: read.ballots, channel: input.channel, source: input.source.trim(), territory_id: input.territoryId }).where("id", "=", responseId).execute();
    await trx.deleteFrom("answer").where("response_id", "=", responseId).execute();
    if (read.counts.length) await trx.insertInto("answer").values(read.counts.map((c) => ({ response_id: responseId, question_id: c.questionId, option_id: c.optionId, rank: c.rank, value: c.value, count: c.count }))).execute();
    await audit(trx, viewer, "tally.correct", consultationId, access.epciId, { sheet: responseId, channel: input.channel, cells: tallyDifferences(read.questions, before, read).map((c) => c.name) });
    const check = await trx.selectFrom("tally_check").select(["entered_by", "ballots", "counts"]).where("response_id", "=", responseId).executeTakeFirst();
    const outcome: TallyOutcome = check ? await settle(trx, viewer, consultationId, access.epciId, responseId, read.questions, read, { ballots: check.ballots, counts: check.counts as TallyCount[], typist: check.entered_by }) : { confirmed: false, checked: false, differences: [] };
    return { ok: true as const, value: outcome };
  });
}

/** The second entries of these pending sheets: who typed them, and the cells where they differ from the first. */
async function sheetChecks(db: DB, consultationId: number, responseIds: number[]): Promise<Map<number, { typist: number; typistName: string | null; differences: TallyCell[] }>> {
  const out = new Map<number, { typist: number; typistName: string | null; differences: TallyCell[] }>();
  if (responseIds.length === 0) return out;
  const checks = await db
    .selectFrom("tally_check as c")
    .innerJoin("response as r", "r.id", "c.response_id")
    .leftJoin("account as a", "a.id", "c.entered_by")
    .select(["c.response_id", "c.entered_by", "c.ballots", "c.counts", "r.ballots as firstBallots", "a.display_name"])
    .where("r.consultation_id", "=", consultationId)
    .where("c.response_id", "in", responseIds)
    .execute();
  if (checks.length === 0) return out;
  const questions = await questionShapes(db, consultationId);
  for (const c of checks) {
    const id = Number(c.response_id);
    const differences = tallyDifferences(questions, await firstEntry(db, id, c.firstBallots ?? 0), { ballots: c.ballots, counts: c.counts as TallyCount[] });
    out.set(id, { typist: c.entered_by, typistName: c.display_name, differences });
  }
  return out;
}

/**
 * A page of a consultation's tally sheets as one staff member may see them: a pending sheet's
 * figures (its ballots) only if they typed it first; for each pending sheet with a second
 * entry, who typed it and the cells where the two differ (which cells, never their figures).
 */
export async function tallySheetList(db: DB, consultationId: number, accountId: number, query: LedgerQuery = {}) {
  const page = await ledgerEntries(db, consultationId, "tally", query);
  const pending = (r: (typeof page.rows)[number]) => !r.confirmed_at && !r.voided_at;
  const checks = await sheetChecks(db, consultationId, page.rows.filter(pending).map((r) => Number(r.id)));
  return {
    ...page,
    rows: page.rows.map((r) => {
      const check = pending(r) ? checks.get(Number(r.id)) : undefined;
      const mine = r.entered_by === accountId;
      return {
        id: Number(r.id),
        ballots: pending(r) && !mine ? null : r.ballots,
        channel: r.channel,
        source: r.source,
        place: r.place,
        enteredBy: r.enteredBy,
        mine,
        confirmedAt: r.confirmed_at,
        confirmedBy: r.confirmedBy,
        voidedAt: r.voided_at,
        voidReason: r.void_reason,
        check: check ? { typistName: check.typistName, mine: check.typist === accountId, differences: check.differences } : null,
      };
    }),
  };
}

/**
 * What one staff member's form for a pending sheet starts from, as form values: the first
 * typist's own entry (to correct it), or the second typist's own entry (to type it again), or
 * nothing for whoever has not typed it yet. Never the other person's figures. Null when the
 * sheet is not pending.
 */
export async function ownSheetEntry(db: DB, consultationId: number, responseId: number, accountId: number): Promise<{ role: "first" | "second"; sheet: { channel: string; source: string | null; territoryId: number | null }; values: Record<string, string> } | null> {
  const sheet = await db
    .selectFrom("response")
    .select(["entered_by", "ballots", "channel", "source", "territory_id"])
    .where("id", "=", responseId)
    .where("consultation_id", "=", consultationId)
    .where("entry_mode", "=", "tally")
    .where("confirmed_at", "is", null)
    .where("voided_at", "is", null)
    .executeTakeFirst();
  if (!sheet || sheet.ballots === null) return null;
  const about = { channel: sheet.channel, source: sheet.source, territoryId: sheet.territory_id };
  const asValues = async (entry: Entry) => Object.fromEntries(tallyCells(await questionShapes(db, consultationId), entry.ballots, entry.counts).filter((x) => x.n > 0 || x.cell.name === BALLOTS_CELL).map((x) => [x.cell.name, String(x.n)]));
  if (sheet.entered_by === accountId) return { role: "first", sheet: about, values: { ...(await asValues(await firstEntry(db, responseId, sheet.ballots))), channel: sheet.channel, source: sheet.source ?? "", place: sheet.territory_id === null ? "" : String(sheet.territory_id) } };
  const mine = await db.selectFrom("tally_check").select(["ballots", "counts"]).where("response_id", "=", responseId).where("entered_by", "=", accountId).executeTakeFirst();
  return { role: "second", sheet: about, values: mine ? await asValues({ ballots: mine.ballots, counts: mine.counts as TallyCount[] }) : {} };
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
