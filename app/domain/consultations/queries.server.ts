// Reads for consultation pages: what a resident answers, and the results with the secret
// ballot kept (suppression per breakdown).
import { sql, type Kysely } from "kysely";
import { epciIdList } from "../territory/queries.server.js";
import { COUNTED } from "./counters.server.js";
import type { Database } from "../../../db/schema.js";
import { bordaFromTallies, majorityJudgment, resultsVisible, suppressBreakdown, GRADES, SUPPRESSION_THRESHOLD, type QuestionKind } from "./rules.js";
import { fromGrid, patternOf, toGrid, totalShown, type ChannelCell, type Pattern } from "./disclosure.js";
import { counters, latestPublication, publishWhatChanged, scopeCells } from "./publication.server.js";
import { pickVersion } from "./text.js";

type DB = Kysely<Database>;

export async function getConsultation(db: DB, id: number) {
  const c = await db.selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirst();
  if (!c) return null;
  const [questions, options, scope, objectives] = await Promise.all([
    db.selectFrom("question").selectAll().where("consultation_id", "=", id).orderBy("position").execute(),
    db.selectFrom("question_option as o").innerJoin("question as q", "q.id", "o.question_id").selectAll("o").where("q.consultation_id", "=", id).orderBy("o.position").execute(),
    db.selectFrom("consultation_scope as s").innerJoin("territory as t", "t.id", "s.territory_id").select(["t.id", "t.name", "t.kind", "t.parent_id"]).where("s.consultation_id", "=", id).orderBy("t.name").execute(),
    db.selectFrom("consultation_objective as co").innerJoin("objective as o", "o.id", "co.objective_id").innerJoin("contract as c", "c.id", "o.contract_id").select(["o.id", "o.code", "o.title", "c.code as contractCode"]).where("co.consultation_id", "=", id).execute(),
  ]);
  return { ...c, questions: questions.map((q) => ({ ...q, options: options.filter((o) => o.question_id === q.id) })), scope, objectives };
}

export interface ChannelCount {
  channel: string;
  entryMode: string;
  n: number;
}

/** Counted responses (see COUNTED): not voided, confirmed if a tally, verified if an account's. */
function countedResponses(db: DB, consultationId: number) {
  return db.selectFrom("response as r").where("r.consultation_id", "=", consultationId).where(COUNTED);
}


/** Method line figures: how many counted ballots came by each channel and entry mode. */
export interface MethodLine {
  /** People counted, by channel; null: « non publié » (a cell of 1 to 4, or hidden beside one). */
  n: number | null;
  web: number | null;
  paper: number | null;
  paperUnnamed: number | null;
  atelier: number | null;
  tally: number | null;
  tallySheets: number;
  pendingVerification: number;
  pendingTallies: number;
  voided: number;
}

/**
 * A consultation's results as pages, exports, the objective pages and staff show them: the
 * latest publication (results are published in steps, publication.server.ts), under the secret
 * of the vote (decision 0019): people are counted per sous-secteur and per channel, a cell of 1
 * to 4 is « non publié », and one more while the hidden cells hold 1 to 4 together; every
 * question is shown over the same sous-secteurs, a blank counting as « sans réponse »; nothing
 * at all when fewer than 5 people are counted (`n` and every `overall` are null).
 */
export function consultationResults(db: DB, consultationId: number) {
  return results(db, consultationId, true);
}

/** Every figure as counted now, with nothing hidden and nothing waiting: only for tests. */
export function countedResults(db: DB, consultationId: number) {
  return results(db, consultationId, false);
}

/** The method line's people: each channel cell, or null when hidden (by `patternOf`). */
function methodOf(pattern: Pattern) {
  const get = (key: ChannelCell) => {
    const cell = pattern.channels.get(key)!;
    return pattern.nShown && cell.shown ? cell.n : null;
  };
  const named = get("paper_named");
  const unnamed = get("paper_unnamed");
  return {
    n: pattern.nShown ? pattern.n : null,
    web: get("web"),
    paper: named === null || unnamed === null ? null : named + unnamed,
    paperUnnamed: unnamed,
    atelier: get("atelier"),
    tally: get("tally"),
  };
}

async function results(db: DB, consultationId: number, secret: boolean) {
  const threshold = secret ? SUPPRESSION_THRESHOLD : 0;
  const c = await getConsultation(db, consultationId);
  if (!c) return null;
  // Every sous-secteur of the scope is a cell, answered or not (an empty one shows 0).
  const scopeSubsectors = await scopeCells(db, consultationId);
  const publication = secret ? await latestPublication(db, consultationId, scopeSubsectors.map((t) => t.id)) : null;
  const [all, pending, pendingTallies, voided, sheets] = await Promise.all([
    secret ? fromGrid(publication?.grid ?? []) : counters(db, consultationId),
    db
      .selectFrom("response as r")
      .innerJoin("account as a", "a.id", "r.account_id")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("r.consultation_id", "=", consultationId)
      // Stated so that the partial index of named responses serves it (paper rows have no account).
      .where("r.account_id", "is not", null)
      .where("r.voided_at", "is", null)
      .where("a.verified_at", "is", null)
      .executeTakeFirstOrThrow(),
    db.selectFrom("response").select(sql<number>`count(*)::int`.as("n")).where("consultation_id", "=", consultationId).where("entry_mode", "=", "tally").where("confirmed_at", "is", null).where("voided_at", "is", null).executeTakeFirstOrThrow(),
    db.selectFrom("response").select(sql<number>`count(*)::int`.as("n")).where("consultation_id", "=", consultationId).where("voided_at", "is not", null).executeTakeFirstOrThrow(),
    db.selectFrom("response").select(sql<number>`count(*)::int`.as("n")).where("consultation_id", "=", consultationId).where("entry_mode", "=", "tally").where("confirmed_at", "is not", null).where("voided_at", "is", null).executeTakeFirstOrThrow(),
  ]);
  const ballots = all.filter((r) => r.question_id === 0);
  const sum = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
  const counted = sum(ballots);
  const pattern = patternOf(toGrid(ballots), scopeSubsectors.map((t) => t.id), threshold);
  const nShown = pattern.nShown;
  const method: MethodLine = {
    ...methodOf(pattern),
    tallySheets: sheets.n,
    pendingVerification: pending.n,
    pendingTallies: pendingTallies.n,
    voided: voided.n,
  };
  const cellsByKey = new Map<number, { name: string | null; n: number }>(scopeSubsectors.map((t) => [t.id, { name: t.name, n: 0 }]));
  const extraIds = [...new Set(ballots.map((b) => b.territory_id))].filter((id) => id !== 0 && !cellsByKey.has(id));
  const extraNames = extraIds.length ? await db.selectFrom("territory").select(["id", "name"]).where("id", "in", extraIds).execute() : [];
  for (const t of extraNames) cellsByKey.set(t.id, { name: t.name, n: 0 });
  for (const b of ballots) {
    const cell = cellsByKey.get(b.territory_id) ?? { name: null, n: 0 };
    cellsByKey.set(b.territory_id, { ...cell, n: cell.n + b.n });
  }
  const cellOrder = [...cellsByKey.entries()].sort((a, b) => (a[1].name ?? "\uffff").localeCompare(b[1].name ?? "\uffff", "fr")).map(([key]) => key);
  // Which cells are shown: `patternOf`, the one rule for both tables and their combinations.
  const subsectorCells = cellOrder.map((key) => {
    const cell = pattern.territories.get(key)!;
    return nShown && cell.shown ? { key, n: cell.n, shown: true as const } : { key, n: null, shown: false as const };
  });
  const subsectorNames = new Map([...cellsByKey.entries()].map(([k, v]) => [k, v.name]));
  const peopleIn = (territoryId: number | null) => sum(ballots.filter((b) => territoryId === null || b.territory_id === territoryId));

  const questions = c.questions.map((q) => {
    const qRows = all.filter((r) => r.question_id === q.id);
    // Over the people of the cell: those who left the question blank are « sans réponse ».
    const summarise = (filter: (territoryId: number) => boolean, people: number) => {
      const sel = qRows.filter((r) => filter(r.territory_id));
      const answers = sel.filter((r) => r.option_id !== 0 || r.value !== -1).map((r) => ({ option_id: r.option_id || null, rank: r.rank || null, value: r.value === -1 ? null : r.value, n: r.n }));
      const answered = sum(sel.filter((r) => r.option_id === 0 && r.value === -1));
      return { ...summariseQuestion(q.kind, q.top_n, q.options.map((o) => o.id), answers, people), blank: people - answered };
    };
    const overallShown = counted > 0 && nShown;
    return {
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      options: q.options.map((o) => ({ id: o.id, label: o.label, labelFalc: o.label_falc })),
      overall: overallShown ? summarise(() => true, counted) : null,
      bySubsector: subsectorCells.map((cell) => ({
        territoryId: cell.key,
        name: subsectorNames.get(cell.key) ?? null,
        shown: overallShown && cell.shown,
        n: overallShown && cell.shown ? cell.n : null,
        result: overallShown && cell.shown && cell.n! > 0 ? summarise((t) => t === cell.key, peopleIn(cell.key)) : null,
      })),
    };
  });
  return {
    consultation: c,
    n: nShown ? counted : null,
    method,
    pendingVerification: pending.n,
    /** When these figures were published (null: the counted figures, or nothing counted yet). */
    publishedAt: publication?.publishedAt ?? null,
    subsectors: subsectorCells.map((cell) => ({ territoryId: cell.key, name: subsectorNames.get(cell.key) ?? null, n: cell.n, shown: cell.shown })),
    questions,
  };
}

type Row = { option_id: number | null; rank: number | null; value: number | null; n: number };

export function summariseQuestion(kind: QuestionKind, topN: number | null, optionIds: number[], rows: Row[], respondents: number) {
  const count = (pred: (r: Row) => boolean) => rows.filter(pred).reduce((s, r) => s + r.n, 0);
  switch (kind) {
    case "single":
    case "multiple":
      return { kind, respondents, counts: optionIds.map((id) => ({ optionId: id, n: count((r) => r.option_id === id), share: respondents ? count((r) => r.option_id === id) / respondents : 0 })) };
    case "scale": {
      const dist = [1, 2, 3, 4, 5].map((v) => count((r) => r.value === v));
      const total = dist.reduce((a, b) => a + b, 0);
      return { kind, respondents, distribution: dist, mean: total ? dist.reduce((s, n, i) => s + n * (i + 1), 0) / total : null };
    }
    case "ranking": {
      const n = topN ?? 1;
      const counts = new Map(optionIds.map((id) => [id, Array.from({ length: n }, (_, i) => count((r) => r.option_id === id && r.rank === i + 1))]));
      return { kind, respondents, borda: bordaFromTallies(optionIds, counts, n, respondents) };
    }
    case "majority":
      return { kind, respondents, judgment: majorityJudgment(optionIds.map((id) => ({ key: id, profile: GRADES.map((_, g) => count((r) => r.option_id === id && r.value === g)) }))) };
    case "text":
      return { kind, respondents };
  }
}

/** Published consultations open now for a territory (its own scope, or its QPV's). */
export async function openConsultationsFor(db: DB, territoryIds: number[]) {
  if (territoryIds.length === 0) return [];
  return db
    .selectFrom("consultation as c")
    .select(["c.id", "c.title", "c.title_falc", "c.title_en", "c.title_ar", "c.closes_at", "c.demo"])
    .where("c.status", "=", "published")
    .where("c.opens_at", "<=", sql<Date>`now()`)
    .where("c.closes_at", ">", sql<Date>`now()`)
    .where((eb) => eb.exists(eb.selectFrom("consultation_scope as s").select(sql`1`.as("one")).whereRef("s.consultation_id", "=", "c.id").where("s.territory_id", "in", territoryIds)))
    .orderBy("c.closes_at")
    .execute();
}

/** Published consultations of a territory or its sous-secteurs, most recent first (for the QPV page). */
/**
 * A place's published consultations: every one not yet closed, then the 10 latest closed. (One
 * list limited to 10 once hid every closed one behind ten open ones.)
 */
export async function consultationsOfPlace(db: DB, placeId: number) {
  const ofPlace = () =>
    db
      .selectFrom("consultation as c")
      .select(["c.id", "c.title", "c.title_falc", "c.title_en", "c.title_ar", "c.opens_at", "c.closes_at", "c.results_visibility", "c.status", "c.demo"])
      .where("c.status", "=", "published")
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("consultation_scope as s")
            .innerJoin("territory as t", "t.id", "s.territory_id")
            .select(sql`1`.as("one"))
            .whereRef("s.consultation_id", "=", "c.id")
            .where((w) => w.or([w("t.id", "=", placeId), w("t.parent_id", "=", placeId)])),
        ),
      )
      .orderBy("c.closes_at", "desc");
  const [current, closed] = await Promise.all([ofPlace().where("c.closes_at", ">", sql<Date>`now()`).limit(100).execute(), ofPlace().where("c.closes_at", "<=", sql<Date>`now()`).limit(10).execute()]);
  return [...current, ...closed];
}

/** Each option of a consultation with the objectives it is linked to (for the staff editor). */
export async function optionObjectiveIds(db: DB, consultationId: number): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom("question_option_objective as l")
    .innerJoin("question_option as o", "o.id", "l.option_id")
    .innerJoin("question as q", "q.id", "o.question_id")
    .select(["l.option_id", "l.objective_id"])
    .where("q.consultation_id", "=", consultationId)
    .execute();
  const links = new Map<number, number[]>();
  for (const r of rows) links.set(r.option_id, [...(links.get(r.option_id) ?? []), r.objective_id]);
  return links;
}

/** Consultations, questions and options linked to an objective (for its page). */
export async function consultationsOfObjective(db: DB, objectiveId: number) {
  // Linked as a whole, or through one of its options (a ranking built from a priority, an option linked by staff).
  const options = await db
    .selectFrom("question_option_objective as l")
    .innerJoin("question_option as o", "o.id", "l.option_id")
    .innerJoin("question as q", "q.id", "o.question_id")
    .select(["q.consultation_id", "q.id as questionId", "o.id as optionId", "o.label", "o.label_falc", "o.label_en", "o.label_ar"])
    .where("l.objective_id", "=", objectiveId)
    .execute();
  const consultations = await db
    .selectFrom("consultation as c")
    .select(["c.id", "c.title", "c.title_falc", "c.title_en", "c.title_ar", "c.opens_at", "c.closes_at", "c.results_visibility", "c.status", "c.demo"])
    .where("c.status", "=", "published")
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom("consultation_objective as co").select(sql`1`.as("one")).whereRef("co.consultation_id", "=", "c.id").where("co.objective_id", "=", objectiveId)),
        ...(options.length ? [eb("c.id", "in", [...new Set(options.map((o) => o.consultation_id))])] : []),
      ]),
    )
    .orderBy("c.closes_at", "desc")
    .execute();
  return { consultations, options };
}

/** The resident's own current answer, to fill the form in again and to summarise it. */
export async function ownResponse(db: DB, consultationId: number, accountId: number) {
  const r = await db.selectFrom("response").select(["id", "updated_at", "channel"]).where("consultation_id", "=", consultationId).where("account_id", "=", accountId).where("voided_at", "is", null).executeTakeFirst();
  if (!r) return null;
  const answers = await db.selectFrom("answer").select(["question_id", "option_id", "rank", "value", "text", "text_status", "text_reason"]).where("response_id", "=", r.id).execute();
  // A named paper or atelier ballot typed by staff is their one voice: they cannot answer online too.
  return { id: Number(r.id), updatedAt: r.updated_at, answers, onPaper: r.channel !== "web" };
}

/**
 * Participation for staff, by sous-secteur, age band and gender, each suppressed. It counts what
 * the results count, so staff and public totals are the same numbers.
 */
export async function participation(db: DB, consultationId: number) {
  // Where, from the published results (the same cells as the public page); age band and
  // gender only exist on named responses (copied from the account on the web), so those are
  // read through the partial index of named responses, and the unnamed individual ballots
  // (paper without an identifier) are added as « non précisé ». Staff see each account's
  // declared age band and gender anyway: these tables hold no answer.
  const named = () => countedResponses(db, consultationId).where("r.account_id", "is not", null).where("r.entry_mode", "=", "individual");
  const unnamedCount = () =>
    db
      .selectFrom("result_counter")
      .select(sql<number>`coalesce(sum(n), 0)::int`.as("n"))
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", 0)
      .where("named", "=", false)
      .where("entry_mode", "=", "individual")
      .executeTakeFirstOrThrow();
  const [published, byAge, byGender, unnamedRow, stored] = await Promise.all([
    consultationResults(db, consultationId),
    named().select(["r.age_band as key", sql<number>`count(*)::int`.as("n")]).groupBy("r.age_band").execute(),
    named().select(["r.gender as key", sql<number>`count(*)::int`.as("n")]).groupBy("r.gender").execute(),
    unnamedCount(),
    db.selectFrom("response").select("id").where("consultation_id", "=", consultationId).limit(1).executeTakeFirst(),
  ]);
  const unnamed = { key: null, n: unnamedRow.n };
  // Rows with the same key (« non précisé » twice) add up; an empty cell is left out.
  const cells = (rows: { key: string | null; n: number }[]) => {
    const merged = new Map<string, number>();
    for (const r of rows) merged.set(r.key ?? "", (merged.get(r.key ?? "") ?? 0) + r.n);
    const list = [...merged].filter(([, n]) => n !== 0).map(([key, n]) => ({ key, n }));
    const total = list.reduce((t, c) => t + c.n, 0);
    return totalShown(total) ? suppressBreakdown(list) : list.map((c) => ({ key: c.key, n: null, shown: false as const }));
  };
  const bySubsector = (published?.subsectors ?? []).filter((s) => !s.shown || s.n !== 0).map((s) => (s.shown ? { key: s.name ?? "", n: s.n!, shown: true as const } : { key: s.name ?? "", n: null, shown: false as const }));
  return { n: published?.n ?? null, anyStored: Boolean(stored), bySubsector, byAgeBand: cells([...byAge, unnamed]), byGender: cells([...byGender, unnamed]) };
}

/**
 * Staff's list: each consultation with the people counted — read from the counters, so it is
 * the results' n (confirmed sheets by their ballots, no pending or voided entry) and stays
 * quick at a million — and whether its summary is written or published.
 */
export async function listConsultationsForStaff(db: DB, epciIds: number[] | "all") {
  // The published numbers, brought up to date first where something changed (a sheet confirmed).
  const ids = await db
    .selectFrom("consultation as c")
    .select("c.id")
    .$if(epciIds !== "all", (q) => q.where("c.epci_id", "in", epciIdList(epciIds)))
    .execute();
  await publishWhatChanged(db, ids.map((c) => c.id));
  return db
    .selectFrom("consultation as c")
    .leftJoin("consultation_summary as s", "s.consultation_id", "c.id")
    .select((eb) => [
      "c.id",
      "c.title",
      "c.status",
      "c.opens_at",
      "c.closes_at",
      "c.demo",
      // The published number (results are published in steps): 0 before any publication.
      eb.selectFrom("result_publication as p").select("p.n").whereRef("p.consultation_id", "=", "c.id").orderBy("p.seq", "desc").limit(1).as("published"),
      sql<"none" | "draft" | "published">`case when s.consultation_id is null then 'none' when s.published_at is null then 'draft' else 'published' end`.as("summary"),
    ])
    .$if(epciIds !== "all", (q) => q.where("c.epci_id", "in", epciIdList(epciIds)))
    .orderBy("c.id", "desc")
    .execute()
    .then((rows) => rows.map(({ published, ...r }) => ({ ...r, responses: totalShown(published ?? 0) ? (published ?? 0) : null })));
}

/** Free texts of a consultation, detached from who wrote them and from their other answers. */
export async function freeTexts(db: DB, consultationId: number, status: "pending" | "approved" | "rejected") {
  return db
    .selectFrom("answer as a")
    .innerJoin("response as r", "r.id", "a.response_id")
    .select(["a.id", "a.question_id", "a.text"])
    .$if(status === "rejected", (q) => q.select("a.text_reason"))
    .where("r.consultation_id", "=", consultationId)
    .where("r.voided_at", "is", null)
    .where("a.text_status", "=", status)
    .orderBy("a.text")
    .limit(500)
    .execute();
}

/** Each consultation's scope as QPVs (consultation_id, qpv_id, qpv_name): a QPV in it, or the QPV of a sous-secteur in it. */
const scopeQpvRows = sql`
  select sc.consultation_id, q.id as qpv_id, q.name as qpv_name
  from consultation_scope sc
  join territory t on t.id = sc.territory_id
  join territory q on q.id = case when t.kind = 'qpv' then t.id else t.parent_id end and q.kind = 'qpv'`;

/** The QPVs a consultation's scope touches: their councils co-sign its summary, their moderators read its free texts. */
export async function scopeQpvs(db: DB, consultationId: number) {
  const { rows } = await sql<{ id: number; name: string }>`
    select distinct qpv_id as id, qpv_name as name from (${scopeQpvRows}) s where consultation_id = ${consultationId} order by qpv_name`.execute(db);
  return rows;
}

/** A consultation's summary: every state for its staff, only once published for everyone else. */
export async function consultationSummary(db: DB, consultationId: number, { publishedOnly }: { publishedOnly: boolean }) {
  let q = db.selectFrom("consultation_summary").selectAll().where("consultation_id", "=", consultationId);
  if (publishedOnly) q = q.where("published_at", "is not", null);
  return (await q.executeTakeFirst()) ?? null;
}

/** The summary in the reader's version (easy-read, language, else French), for the public pages. */
export function summaryFor(s: NonNullable<Awaited<ReturnType<typeof consultationSummary>>>, lng: string, falc: boolean) {
  return {
    said: pickVersion({ fr: s.said, falc: s.said_falc, en: s.said_en, ar: s.said_ar }, lng, falc),
    nextSteps: pickVersion({ fr: s.next_steps, falc: s.next_steps_falc, en: s.next_steps_en, ar: s.next_steps_ar }, lng, falc),
    publishedAt: s.published_at,
    updatedAt: s.updated_at,
  };
}

/** Which of these consultations have a published summary (for a link to it). */
export async function withPublishedSummary(db: DB, consultationIds: number[]): Promise<Set<number>> {
  if (consultationIds.length === 0) return new Set();
  const rows = await db.selectFrom("consultation_summary").select("consultation_id").where("consultation_id", "in", consultationIds).where("published_at", "is not", null).execute();
  return new Set(rows.map((r) => r.consultation_id));
}

/** The councils that co-signed a summary, and whether each signed the text as it is now (not an earlier version). */
export async function summarySignatures(db: DB, consultationId: number) {
  const { rows } = await sql<{ qpvId: number; name: string; signedAt: Date; current: boolean }>`
    select g.qpv_id as "qpvId", t.name, g.signed_at as "signedAt", g.signed_at >= s.updated_at as current
    from consultation_summary_signature g
    join consultation_summary s on s.consultation_id = g.consultation_id
    join territory t on t.id = g.qpv_id
    where g.consultation_id = ${consultationId}
    order by t.name`.execute(db);
  return rows;
}

/** A published summary as the public pages show it: the reader's version and the councils' signatures. */
export async function publishedSummary(db: DB, consultationId: number, lng: string, falc: boolean) {
  const s = await consultationSummary(db, consultationId, { publishedOnly: true });
  return s ? { ...summaryFor(s, lng, falc), signatures: await summarySignatures(db, consultationId) } : null;
}

/** The consultations a person answered (online, or on a paper ballot that named them), latest close first, with what followed. */
export async function participationsOf(db: DB, accountId: number) {
  return db
    .selectFrom("response as r")
    .innerJoin("consultation as c", "c.id", "r.consultation_id")
    .leftJoin("consultation_summary as s", "s.consultation_id", "c.id")
    .select(["c.id", "c.title", "c.title_falc", "c.title_en", "c.title_ar", "c.status", "c.opens_at", "c.closes_at", "c.results_visibility", "r.channel", "r.updated_at"])
    .select(sql<boolean>`s.published_at is not null`.as("summary"))
    .where("r.account_id", "=", accountId)
    .where("r.voided_at", "is", null)
    .orderBy("c.closes_at", "desc")
    .limit(50)
    .execute();
}

/** Published summaries a council may co-sign and has not signed as they stand: for its members' account page. */
export async function summariesToSign(db: DB, qpvIds: number[]) {
  if (qpvIds.length === 0) return [];
  const { rows } = await sql<{ id: number; title: string; title_falc: string | null; title_en: string | null; title_ar: string | null; qpvId: number; qpvName: string }>`
    select distinct c.id, c.title, c.title_falc, c.title_en, c.title_ar, sq.qpv_id as "qpvId", sq.qpv_name as "qpvName", s.published_at
    from consultation_summary s
    join consultation c on c.id = s.consultation_id
    join (${scopeQpvRows}) sq on sq.consultation_id = c.id
    where s.published_at is not null and sq.qpv_id in (${sql.join(qpvIds)})
      and not exists (select 1 from consultation_summary_signature g where g.consultation_id = c.id and g.qpv_id = sq.qpv_id and g.signed_at >= s.updated_at)
    order by s.published_at desc
    limit 20`.execute(db);
  return rows;
}

/**
 * Free texts in consultations whose scope covers these QPVs (for their moderators), detached
 * from who wrote them: the text, its question, its consultation — waiting to be read (oldest
 * first), or already read (the latest answers first, with a refusal's reason).
 */
export async function textsForModerators(db: DB, qpvIds: number[], status: "pending" | "read") {
  if (qpvIds.length === 0) return [];
  const { rows } = await sql<{
    id: number;
    text: string;
    status: "pending" | "approved" | "rejected";
    reason: string | null;
    consultationId: number;
    title: string;
    title_falc: string | null;
    title_en: string | null;
    title_ar: string | null;
    prompt: string;
    prompt_falc: string | null;
    prompt_en: string | null;
    prompt_ar: string | null;
    c_status: "draft" | "published";
    opens_at: Date;
    closes_at: Date;
    results_visibility: "live" | "after_close";
  }>`
    select a.id::int as id, a.text, a.text_status as status, a.text_reason as reason, c.id as "consultationId", c.title, c.title_falc, c.title_en, c.title_ar, q.prompt, q.prompt_falc, q.prompt_en, q.prompt_ar,
      c.status as c_status, c.opens_at, c.closes_at, c.results_visibility
    from answer a
    join response r on r.id = a.response_id and r.voided_at is null
    join consultation c on c.id = r.consultation_id and c.status = 'published'
    join question q on q.id = a.question_id
    where ${status === "pending" ? sql`a.text_status = 'pending'` : sql`a.text_status in ('approved', 'rejected')`}
      and exists (select 1 from (${scopeQpvRows}) sq where sq.consultation_id = c.id and sq.qpv_id in (${sql.join(qpvIds)}))
    order by ${status === "pending" ? sql`a.id` : sql`a.id desc`}
    limit ${status === "pending" ? 200 : 50}`.execute(db);
  // An approved text is published with the results: shown only once they are public.
  const now = new Date();
  return rows.map(({ c_status, opens_at, closes_at, results_visibility, ...r }) => ({ ...r, shownNow: r.status === "approved" && resultsVisible({ status: c_status, opens_at, closes_at, results_visibility }, now) }));
}
