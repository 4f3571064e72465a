// Consultations: one function per use case. Staff writes are scoped to their EPCI and land
// with their audit record in one transaction. Answers go to the one ledger (`response`).
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema.js";
import { actorRole, isStaffOf, targetTerritory, type Viewer } from "../../auth/guard.server.js";
import { recordAudit } from "../audit/audit.server.js";
import { acceptSessionRow, liveSessionRow, type SessionRow } from "../../auth/session.server.js";
import type { Result } from "../accounts/mutations.server.js";
import { scopeQpvs } from "./queries.server.js";
import { SUMMARY_FIELDS, summaryColumn, type SummaryField } from "./schemas.js";
import { consultationState, duplicateWindow, formFitsQuestions, readPictogram, readSubmission, type TextReason, type AnswerProblem, type AnswerRow, type QuestionKind, type QuestionShape } from "./rules.js";

type DB = Kysely<Database>;
type Trx = Transaction<Database>;

export interface ConsultationInput {
  epciId: number;
  title: string;
  titleFalc?: string | null;
  titleEn?: string | null;
  titleAr?: string | null;
  description?: string;
  descriptionFalc?: string | null;
  descriptionEn?: string | null;
  descriptionAr?: string | null;
  opensAt: Date;
  closesAt: Date;
  scopeTerritoryIds: number[];
  objectiveIds?: number[];
  resultsVisibility?: "live" | "after_close";
  eligibility?: "verified" | "any";
  demo?: boolean;
}

const isFrozen = (error: unknown) => (error as { hint?: string }).hint === "questions_frozen" || /are frozen/.test(String((error as Error).message));
const isClosed = (error: unknown) => (error as { hint?: string }).hint === "consultation_closed" || /is closed/.test(String((error as Error).message));

async function consultationEpci(db: DB | Trx, consultationId: number): Promise<number | null> {
  return (await db.selectFrom("consultation").select("epci_id").where("id", "=", consultationId).executeTakeFirst())?.epci_id ?? null;
}

/** The audit record of a staff write on a consultation (in the write's transaction). */
export async function audit(trx: Trx, viewer: Viewer, action: string, consultationId: number, epciId: number, detail: Record<string, unknown> = {}) {
  await recordAudit(trx, { actorAccountId: viewer.accountId, actorRole: actorRole(viewer, "staff"), action, targetType: "consultation", targetId: consultationId, epciId, detail });
}

class Refusal {
  constructor(readonly result: { ok: false; error: string }) {}
}

type Work<T, E extends string> = (trx: Trx, epciId: number) => Promise<Result<T, E> | { ok: true; value: T; detail?: Record<string, unknown> }>;

/**
 * Runs a write on one consultation for whoever `may` lets through — it returns the role the
 * audit record names, or null — in one transaction with its audit record; a refusal rolls back
 * whatever the work wrote before it refused.
 */
async function consultationWrite<T, E extends string>(
  db: DB,
  viewer: Viewer,
  consultationId: number,
  action: string,
  may: (epciId: number) => Promise<string | null>,
  work: Work<T, E>,
): Promise<Result<T, E | "forbidden" | "notFound" | "frozen">> {
  const epciId = await consultationEpci(db, consultationId);
  if (epciId === null) return { ok: false, error: "notFound" };
  const role = await may(epciId);
  if (!role) return { ok: false, error: "forbidden" };
  try {
    return await db.transaction().execute(async (trx) => {
      const r = await work(trx, epciId);
      if (!r.ok) throw new Refusal(r);
      const detail = "detail" in r && r.detail ? r.detail : {};
      await recordAudit(trx, { actorAccountId: viewer.accountId, actorRole: role, action, targetType: "consultation", targetId: consultationId, epciId, detail });
      return { ok: true as const, value: r.value };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.result as Result<T, E>;
    if (isFrozen(error)) return { ok: false, error: "frozen" };
    throw error;
  }
}

/** The role a staff write is audited under, when the viewer is staff of the EPCI. */
const asStaff = (db: DB, viewer: Viewer) => async (epciId: number) => ((await isStaffOf(db, viewer, epciId)) ? actorRole(viewer, "staff") : null);

/** Runs a staff write on one consultation: scope check, transaction, audit. */
function staffWrite<T, E extends string>(db: DB, viewer: Viewer, consultationId: number, action: string, work: Work<T, E>) {
  return consultationWrite(db, viewer, consultationId, action, asStaff(db, viewer), work);
}

// Invariant: a consultation belongs to one EPCI and its scope lies inside it.
export async function createConsultation(db: DB, viewer: Viewer, input: ConsultationInput): Promise<Result<{ consultationId: number }, "forbidden" | "badScope" | "badDates">> {
  if (!(await isStaffOf(db, viewer, input.epciId))) return { ok: false, error: "forbidden" };
  if (!(input.opensAt < input.closesAt)) return { ok: false, error: "badDates" };
  const epci = await targetTerritory(db, input.epciId);
  const scope = input.scopeTerritoryIds.length
    ? await db.selectFrom("territory").select(["id", "epci_code", "kind"]).where("id", "in", input.scopeTerritoryIds).execute()
    : [];
  if (scope.length === 0 || scope.length !== new Set(input.scopeTerritoryIds).size || scope.some((s) => s.epci_code !== epci!.epciCode || !["qpv", "sous_secteur", "secteur_vigilance"].includes(s.kind)))
    return { ok: false, error: "badScope" };
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("consultation")
      .values({
        epci_id: input.epciId,
        title: input.title,
        title_falc: input.titleFalc ?? null,
        title_en: input.titleEn ?? null,
        title_ar: input.titleAr ?? null,
        description: input.description ?? "",
        description_falc: input.descriptionFalc ?? null,
        description_en: input.descriptionEn ?? null,
        description_ar: input.descriptionAr ?? null,
        opens_at: input.opensAt,
        closes_at: input.closesAt,
        results_visibility: input.resultsVisibility ?? "after_close",
        eligibility: input.eligibility ?? "verified",
        demo: input.demo ?? false,
        created_by: viewer.accountId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("consultation_scope").values(scope.map((s) => ({ consultation_id: id, territory_id: s.id }))).execute();
    if (input.objectiveIds?.length) await trx.insertInto("consultation_objective").values(input.objectiveIds.map((o) => ({ consultation_id: id, objective_id: o }))).execute();
    await audit(trx, viewer, "consultation.create", id, input.epciId, { title: input.title });
    return { ok: true as const, value: { consultationId: id } };
  });
}

// Invariant: questions change only while no answer exists (also held by a trigger).
export async function addQuestion(
  db: DB,
  viewer: Viewer,
  consultationId: number,
  input: { kind: QuestionKind; prompt: string; promptFalc?: string | null; promptEn?: string | null; promptAr?: string | null; maxChoices?: number | null; topN?: number | null; options?: OptionInput[] },
) {
  const pictograms = (input.options ?? []).map((o) => readPictogram(o.pictogram));
  if (pictograms.includes("invalid")) return { ok: false as const, error: "badPictogram" as const };
  return staffWrite(db, viewer, consultationId, "consultation.question_add", async (trx) => {
    const next = await trx.selectFrom("question").select(sql<number>`coalesce(max(position), 0) + 1`.as("p")).where("consultation_id", "=", consultationId).executeTakeFirstOrThrow();
    const { id } = await trx
      .insertInto("question")
      .values({
        consultation_id: consultationId,
        position: next.p,
        kind: input.kind,
        prompt: input.prompt,
        prompt_falc: input.promptFalc ?? null,
        prompt_en: input.promptEn ?? null,
        prompt_ar: input.promptAr ?? null,
        max_choices: input.kind === "multiple" ? (input.maxChoices ?? 1) : null,
        top_n: input.kind === "ranking" ? (input.topN ?? 3) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, o] of (input.options ?? []).entries()) await insertOption(trx, id, i + 1, { ...o, pictogram: pictograms[i] as string | null });
    return { ok: true as const, value: { questionId: id }, detail: { kind: input.kind } };
  });
}

/** An option: its label in French (required), FALC, English and Arabic, a pictogram (see `readPictogram`), its objectives. */
export interface OptionInput {
  label: string;
  labelFalc?: string | null;
  labelEn?: string | null;
  labelAr?: string | null;
  pictogram?: string | null;
  objectiveIds?: number[];
  priorityItemId?: number | null;
}

async function insertOption(trx: Trx, questionId: number, position: number, o: OptionInput) {
  const { id } = await trx
    .insertInto("question_option")
    .values({ question_id: questionId, position, label: o.label, label_falc: o.labelFalc ?? null, label_en: o.labelEn ?? null, label_ar: o.labelAr ?? null, pictogram: o.pictogram ?? null, priority_item_id: o.priorityItemId ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (o.objectiveIds?.length) await trx.insertInto("question_option_objective").values(o.objectiveIds.map((objective_id) => ({ option_id: id, objective_id }))).execute();
  return id;
}

/** The given objectives when every one belongs to a contract of the EPCI, otherwise null. */
async function objectivesOfEpciOnly(trx: Trx, objectiveIds: number[], epciId: number): Promise<number[] | null> {
  const ids = [...new Set(objectiveIds)];
  if (!ids.length) return ids;
  const found = await trx.selectFrom("objective as o").innerJoin("contract as k", "k.id", "o.contract_id").select("o.id").where("o.id", "in", ids).where("k.epci_id", "=", epciId).execute();
  return found.length === ids.length ? ids : null;
}

// Invariant: a consultation links only objectives of its own EPCI's contracts; the links
// replace the previous ones (questions may be frozen: links are not answers).
export async function setConsultationObjectives(db: DB, viewer: Viewer, consultationId: number, objectiveIds: number[]) {
  return staffWrite(db, viewer, consultationId, "consultation.objectives_set", async (trx, epciId) => {
    const ids = await objectivesOfEpciOnly(trx, objectiveIds, epciId);
    if (!ids) return { ok: false as const, error: "badObjective" as const };
    await trx.deleteFrom("consultation_objective").where("consultation_id", "=", consultationId).execute();
    if (ids.length) await trx.insertInto("consultation_objective").values(ids.map((objective_id) => ({ consultation_id: consultationId, objective_id }))).execute();
    return { ok: true as const, value: null, detail: { objectives: ids.length } };
  });
}

/** A field left undefined keeps its stored value. */
type Edit<T> = { [K in keyof T]?: T[K] };
const definedOnly = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

// Invariant: once answers exist only the FALC prompt changes (the frozen trigger refuses the
// rest, and the whole edit with it).
export async function editQuestion(db: DB, viewer: Viewer, consultationId: number, questionId: number, input: Edit<{ prompt: string; promptFalc: string | null; promptEn: string | null; promptAr: string | null }>) {
  return staffWrite(db, viewer, consultationId, "consultation.question_edit", async (trx) => {
    const set = definedOnly({ prompt: input.prompt, prompt_falc: input.promptFalc, prompt_en: input.promptEn, prompt_ar: input.promptAr });
    const q = await trx.selectFrom("question").select("id").where("id", "=", questionId).where("consultation_id", "=", consultationId).executeTakeFirst();
    if (!q) return { ok: false as const, error: "noQuestionHere" as const };
    if (Object.keys(set).length) await trx.updateTable("question").set(set).where("id", "=", questionId).execute();
    return { ok: true as const, value: null, detail: { questionId, fields: Object.keys(set) } };
  });
}

// Invariant: once answers exist an option keeps its labels and pictogram (trigger), but its
// FALC label and its objectives stay editable; objectives come from the EPCI's contracts.
export async function editOption(db: DB, viewer: Viewer, consultationId: number, optionId: number, input: Edit<Omit<OptionInput, "priorityItemId">>) {
  const pictogram = input.pictogram === undefined ? undefined : readPictogram(input.pictogram);
  if (pictogram === "invalid") return { ok: false as const, error: "badPictogram" as const };
  return staffWrite(db, viewer, consultationId, "consultation.option_edit", async (trx, epciId) => {
    const o = await trx.selectFrom("question_option as o").innerJoin("question as q", "q.id", "o.question_id").select("o.id").where("o.id", "=", optionId).where("q.consultation_id", "=", consultationId).executeTakeFirst();
    if (!o) return { ok: false as const, error: "noOption" as const };
    const ids = input.objectiveIds ? await objectivesOfEpciOnly(trx, input.objectiveIds, epciId) : undefined;
    if (ids === null) return { ok: false as const, error: "badObjective" as const };
    const set = definedOnly({ label: input.label, label_falc: input.labelFalc, label_en: input.labelEn, label_ar: input.labelAr, pictogram });
    if (Object.keys(set).length) await trx.updateTable("question_option").set(set).where("id", "=", optionId).execute();
    if (ids) {
      await trx.deleteFrom("question_option_objective").where("option_id", "=", optionId).execute();
      if (ids.length) await trx.insertInto("question_option_objective").values(ids.map((objective_id) => ({ option_id: optionId, objective_id }))).execute();
    }
    const objectives = ids?.length;
    return { ok: true as const, value: null, detail: { optionId, fields: Object.keys(set), objectives } };
  });
}

export async function removeQuestion(db: DB, viewer: Viewer, consultationId: number, questionId: number) {
  return staffWrite(db, viewer, consultationId, "consultation.question_remove", async (trx) => {
    const gone = await trx.deleteFrom("question").where("id", "=", questionId).where("consultation_id", "=", consultationId).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) return { ok: false as const, error: "noQuestion" as const };
    return { ok: true as const, value: null };
  });
}

// Invariant: « Partir d'une priorité du contrat » — each item becomes a ranking option linked
// to the same objectives.
export async function addRankingFromPriority(db: DB, viewer: Viewer, consultationId: number, input: { priorityId: number; topN: number; prompt: string; promptFalc?: string | null }) {
  const items = await db
    .selectFrom("priority_item as it")
    .innerJoin("priority as p", "p.id", "it.priority_id")
    .innerJoin("contract as c", "c.id", "p.contract_id")
    .select(["it.id", "it.label", "c.epci_id"])
    .where("it.priority_id", "=", input.priorityId)
    .where("it.withdrawn_at", "is", null)
    .orderBy("it.position")
    .execute();
  const links = items.length ? await db.selectFrom("priority_item_objective").select(["priority_item_id", "objective_id"]).where("priority_item_id", "in", items.map((i) => i.id)).execute() : [];
  return staffWrite(db, viewer, consultationId, "consultation.question_add", async (trx, epciId) => {
    if (items.length === 0 || items[0]!.epci_id !== epciId) return { ok: false as const, error: "badPriority" as const };
    const next = await trx.selectFrom("question").select(sql<number>`coalesce(max(position), 0) + 1`.as("p")).where("consultation_id", "=", consultationId).executeTakeFirstOrThrow();
    const { id } = await trx
      .insertInto("question")
      .values({ consultation_id: consultationId, position: next.p, kind: "ranking", prompt: input.prompt, prompt_falc: input.promptFalc ?? null, top_n: Math.min(input.topN, items.length), max_choices: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, item] of items.entries())
      await insertOption(trx, id, i + 1, { label: item.label, priorityItemId: item.id, objectiveIds: links.filter((l) => l.priority_item_id === item.id).map((l) => l.objective_id) });
    const objectiveIds = [...new Set(links.map((l) => l.objective_id))];
    if (objectiveIds.length)
      await trx.insertInto("consultation_objective").values(objectiveIds.map((objective_id) => ({ consultation_id: consultationId, objective_id }))).onConflict((oc) => oc.doNothing()).execute();
    return { ok: true as const, value: { questionId: id }, detail: { kind: "ranking", priorityId: input.priorityId } };
  });
}

// Invariant: a consultation cannot open without a question, nor with a choice question without options.
export async function publishConsultation(db: DB, viewer: Viewer, consultationId: number) {
  return staffWrite(db, viewer, consultationId, "consultation.publish", async (trx) => {
    const questions = await trx
      .selectFrom("question as q")
      .select((eb) => ["q.kind", eb.selectFrom("question_option as o").select(sql<number>`count(*)::int`.as("n")).whereRef("o.question_id", "=", "q.id").as("options")])
      .where("q.consultation_id", "=", consultationId)
      .execute();
    if (questions.length === 0) return { ok: false as const, error: "noQuestion" as const };
    if (questions.some((q) => ["single", "multiple", "ranking", "majority"].includes(q.kind) && Number(q.options) < 2)) return { ok: false as const, error: "missingOptions" as const };
    // A window already over would publish a consultation nobody can answer.
    const c = await trx.selectFrom("consultation").select(["status", "closes_at"]).where("id", "=", consultationId).forUpdate().executeTakeFirstOrThrow();
    if (c.status === "published") return { ok: false as const, error: "alreadyPublished" as const };
    if (c.closes_at <= new Date()) return { ok: false as const, error: "windowEnded" as const };
    await trx.updateTable("consultation").set({ status: "published", published_at: sql<Date>`coalesce(published_at, now())`, updated_at: sql<Date>`now()` }).where("id", "=", consultationId).execute();
    return { ok: true as const, value: null };
  });
}

// Invariant: a consultation goes back to draft only while nothing at all was stored for it
// (no answer online, no ballot or tally sheet typed, even voided): published by mistake,
// it can be taken back and corrected; once someone answered, never.
export async function unpublishConsultation(db: DB, viewer: Viewer, consultationId: number) {
  return staffWrite(db, viewer, consultationId, "consultation.unpublish", async (trx) => {
    const c = await trx.selectFrom("consultation").select("status").where("id", "=", consultationId).forUpdate().executeTakeFirstOrThrow();
    if (c.status !== "published") return { ok: false as const, error: "notPublished" as const };
    if (await trx.selectFrom("response").select("id").where("consultation_id", "=", consultationId).limit(1).executeTakeFirst()) return { ok: false as const, error: "hasAnswers" as const };
    await trx.updateTable("consultation").set({ status: "draft", published_at: null, updated_at: sql<Date>`now()` }).where("id", "=", consultationId).execute();
    return { ok: true as const, value: null };
  });
}

export async function closeConsultationEarly(db: DB, viewer: Viewer, consultationId: number) {
  return staffWrite(db, viewer, consultationId, "consultation.close_early", async (trx) => {
    const c = await trx.selectFrom("consultation").select(["status", "opens_at", "closes_at"]).where("id", "=", consultationId).executeTakeFirstOrThrow();
    if (consultationState(c, new Date()) !== "open") return { ok: false as const, error: "notOpen" as const };
    await trx.updateTable("consultation").set({ closes_at: sql<Date>`now()`, updated_at: sql<Date>`now()` }).where("id", "=", consultationId).execute();
    return { ok: true as const, value: null };
  });
}

export async function extendConsultation(db: DB, viewer: Viewer, consultationId: number, closesAt: Date) {
  return staffWrite(db, viewer, consultationId, "consultation.extend", async (trx) => {
    const c = await trx.selectFrom("consultation").select(["closes_at", "opens_at"]).where("id", "=", consultationId).executeTakeFirstOrThrow();
    if (closesAt <= c.closes_at || closesAt <= new Date()) return { ok: false as const, error: "badDates" as const };
    // Reopening a consultation whose summary is out would make the summary speak too early.
    if (await trx.selectFrom("consultation_summary").select("consultation_id").where("consultation_id", "=", consultationId).where("published_at", "is not", null).executeTakeFirst())
      return { ok: false as const, error: "summaryPublished" as const };
    await trx.updateTable("consultation").set({ closes_at: closesAt, updated_at: sql<Date>`now()` }).where("id", "=", consultationId).execute();
    return { ok: true as const, value: null, detail: { from: c.closes_at.toISOString(), to: closesAt.toISOString() } };
  });
}

// Invariant: a duplicate is a new draft with the same content and none of the answers.
export async function duplicateConsultation(db: DB, viewer: Viewer, consultationId: number) {
  return staffWrite(db, viewer, consultationId, "consultation.duplicate", async (trx) => {
    const c = await trx.selectFrom("consultation").selectAll().where("id", "=", consultationId).executeTakeFirstOrThrow();
    const { id: copy } = await trx
      .insertInto("consultation")
      .values({
        epci_id: c.epci_id,
        title: c.title,
        title_falc: c.title_falc,
        title_en: c.title_en,
        title_ar: c.title_ar,
        description: c.description,
        description_falc: c.description_falc,
        description_en: c.description_en,
        description_ar: c.description_ar,
        // New dates: the same length of time, from the next hour plus a day, to check before publishing.
        ...duplicateWindow(c, new Date()),
        results_visibility: c.results_visibility,
        eligibility: c.eligibility,
        created_by: viewer.accountId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`insert into consultation_scope (consultation_id, territory_id) select ${copy}, territory_id from consultation_scope where consultation_id = ${consultationId}`.execute(trx);
    await sql`insert into consultation_objective (consultation_id, objective_id) select ${copy}, objective_id from consultation_objective where consultation_id = ${consultationId}`.execute(trx);
    const questions = await trx.selectFrom("question").selectAll().where("consultation_id", "=", consultationId).orderBy("position").execute();
    for (const q of questions) {
      const { id: qid } = await trx
        .insertInto("question")
        .values({ consultation_id: copy, position: q.position, kind: q.kind, prompt: q.prompt, prompt_falc: q.prompt_falc, prompt_en: q.prompt_en, prompt_ar: q.prompt_ar, max_choices: q.max_choices, top_n: q.top_n })
        .returning("id")
        .executeTakeFirstOrThrow();
      const options = await trx.selectFrom("question_option").selectAll().where("question_id", "=", q.id).orderBy("position").execute();
      for (const o of options) {
        const objectives = await trx.selectFrom("question_option_objective").select("objective_id").where("option_id", "=", o.id).execute();
        await insertOption(trx, qid, o.position, { label: o.label, labelFalc: o.label_falc, labelEn: o.label_en, labelAr: o.label_ar, pictogram: o.pictogram, priorityItemId: o.priority_item_id, objectiveIds: objectives.map((x) => x.objective_id) });
      }
    }
    return { ok: true as const, value: { consultationId: copy }, detail: { copy } };
  });
}

// Invariant: texts, FALC versions, dates and visibility stay editable after the first
// answer; questions and options do not (they are not touched here).
export async function updateConsultationDetails(
  db: DB,
  viewer: Viewer,
  consultationId: number,
  input: { title: string; titleFalc: string | null; titleEn: string | null; titleAr: string | null; description: string; descriptionFalc: string | null; descriptionEn: string | null; descriptionAr: string | null; opensAt: Date; closesAt: Date; resultsVisibility: "live" | "after_close" },
) {
  return staffWrite(db, viewer, consultationId, "consultation.edit", async (trx) => {
    if (!(input.opensAt < input.closesAt)) return { ok: false as const, error: "badDates" as const };
    await trx
      .updateTable("consultation")
      .set({
        title: input.title,
        title_falc: input.titleFalc,
        title_en: input.titleEn,
        title_ar: input.titleAr,
        description: input.description,
        description_falc: input.descriptionFalc,
        description_en: input.descriptionEn,
        description_ar: input.descriptionAr,
        opens_at: input.opensAt,
        closes_at: input.closesAt,
        results_visibility: input.resultsVisibility,
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", consultationId)
      .execute();
    return { ok: true as const, value: null };
  });
}

/** Both texts in French, and any of their other versions (missing ones are stored empty). */
export type SummaryInput = { said: string; nextSteps: string } & Partial<Record<SummaryField, string | null>>;

// Invariant: one summary per consultation (its key); rewriting a published one keeps it
// published, and its page says when it changed. The audit names who and when, not the text.
export async function saveSummary(db: DB, viewer: Viewer, consultationId: number, input: SummaryInput) {
  return staffWrite(db, viewer, consultationId, "consultation.summary_save", async (trx) => {
    const texts = Object.fromEntries(SUMMARY_FIELDS.map((f) => [summaryColumn(f), input[f] ?? null])) as { said: string; next_steps: string };
    const row = { ...texts, updated_by: viewer.accountId, updated_at: sql<Date>`now()` };
    const { published_at } = await trx
      .insertInto("consultation_summary")
      .values({ consultation_id: consultationId, ...row })
      .onConflict((oc) => oc.column("consultation_id").doUpdateSet(row))
      .returning("published_at")
      .executeTakeFirstOrThrow();
    return { ok: true as const, value: null, detail: { published: published_at !== null } };
  });
}

// Invariant: a summary is published only once the consultation is closed, by the database
// clock (the trigger `consultation_summary_published` holds it too).
export async function publishSummary(db: DB, viewer: Viewer, consultationId: number) {
  return staffWrite(db, viewer, consultationId, "consultation.summary_publish", async (trx) => {
    const { rows } = await sql<{ closed: boolean; written: boolean }>`
      select c.status = 'published' and c.closes_at <= now() as closed, s.consultation_id is not null as written
      from consultation c left join consultation_summary s on s.consultation_id = c.id where c.id = ${consultationId}`.execute(trx);
    if (!rows[0]?.written) return { ok: false as const, error: "noSummary" as const };
    if (!rows[0].closed) return { ok: false as const, error: "summaryBeforeClose" as const };
    try {
      await trx.updateTable("consultation_summary").set({ published_at: sql<Date>`coalesce(published_at, now())` }).where("consultation_id", "=", consultationId).execute();
    } catch (error) {
      if ((error as { hint?: string }).hint === "summary_before_close") return { ok: false as const, error: "summaryBeforeClose" as const };
      throw error;
    }
    return { ok: true as const, value: null };
  });
}

export async function unpublishSummary(db: DB, viewer: Viewer, consultationId: number) {
  return staffWrite(db, viewer, consultationId, "consultation.summary_unpublish", async (trx) => {
    const r = await trx.updateTable("consultation_summary").set({ published_at: null }).where("consultation_id", "=", consultationId).where("published_at", "is not", null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return { ok: false as const, error: "notPublished" as const };
    return { ok: true as const, value: null };
  });
}

// Invariant: a council co-signs a summary once (its key: consultation, QPV), through a member
// who holds the council grant for that very QPV (an admin's reach does not sign for a
// council), a QPV in the consultation's scope, a published summary; audited as the member's act.
export async function coSignSummary(db: DB, viewer: Viewer, consultationId: number, qpvId: number) {
  const mayCosign = async () => (viewer.grants.some((g) => g.role === "council_member" && g.territoryId === qpvId) && (await scopeQpvs(db, consultationId)).some((c) => c.id === qpvId) ? "council_member" : null);
  return consultationWrite(db, viewer, consultationId, "consultation.summary_cosign", mayCosign, async (trx) => {
    // Locked, so that a withdrawal cannot slip in between the check and the signature.
    const summary = await trx.selectFrom("consultation_summary").select("published_at").where("consultation_id", "=", consultationId).forUpdate().executeTakeFirst();
    if (!summary?.published_at) return { ok: false as const, error: "notPublished" as const };
    await trx
      .insertInto("consultation_summary_signature")
      .values({ consultation_id: consultationId, qpv_id: qpvId, account_id: viewer.accountId })
      .onConflict((oc) => oc.columns(["consultation_id", "qpv_id"]).doUpdateSet({ account_id: viewer.accountId, signed_at: sql<Date>`now()` }))
      .execute();
    return { ok: true as const, value: null, detail: { qpvId } };
  });
}

/** The QPVs a viewer moderates that lie in a consultation's scope (themselves, or through a sous-secteur). */
async function moderatedQpvsOf(db: DB, viewer: Viewer, consultationId: number): Promise<number[]> {
  const mine = viewer.grants.filter((g) => g.role === "moderator" && g.territoryId !== null).map((g) => g.territoryId!);
  if (mine.length === 0) return [];
  return (await scopeQpvs(db, consultationId)).map((q) => q.id).filter((id) => mine.includes(id));
}

// Invariant: a free text is shown publicly only once approved; refused, it stays stored with a
// reason from a fixed list (the database holds: a reason only on a refusal). Staff of the EPCI
// decide, and so does a moderator of a QPV in the consultation's scope. The audit record names
// the answer and the reason, never the text.
export async function moderateAnswerText(db: DB, viewer: Viewer, consultationId: number, answerId: number, status: "approved" | "rejected", reason: TextReason | null = null) {
  if (status === "rejected" && !reason) return { ok: false as const, error: "reasonNeeded" as const };
  const action = `consultation.text_${status}`;
  const work = async (trx: Trx) => {
    const updated = await sql<{ id: number }>`
      update answer a set text_status = ${status}, text_reason = ${status === "rejected" ? reason : null}
      from response r
      where a.id = ${answerId} and a.response_id = r.id and r.consultation_id = ${consultationId} and a.text is not null
      returning a.id`.execute(trx);
    if (updated.rows.length === 0) return { ok: false as const, error: "noText" as const };
    return { ok: true as const, value: null, detail: { answerId, ...(reason && status === "rejected" ? { reason } : {}) } };
  };
  // Staff of the EPCI, audited as staff; else a moderator of a QPV in the scope, as moderator.
  const may = async (epciId: number) => (await asStaff(db, viewer)(epciId)) ?? ((await moderatedQpvsOf(db, viewer, consultationId)).length > 0 ? "moderator" : null);
  return consultationWrite(db, viewer, consultationId, action, may, work);
}

/** A consultation's questions, in order, with their option ids in order: one query. */
const shapesOf = (consultationId: number) => sql<QuestionShape[]>`coalesce((
  select json_agg(json_build_object('id', q.id, 'kind', q.kind, 'maxChoices', q.max_choices, 'topN', q.top_n,
           'optionIds', coalesce((select json_agg(o.id order by o.position) from question_option o where o.question_id = q.id), '[]'::json)) order by q.position)
  from question q where q.consultation_id = ${consultationId}), '[]'::json)`;

export async function questionShapes(db: DB | Trx, consultationId: number): Promise<QuestionShape[]> {
  const { rows } = await sql<{ shapes: QuestionShape[] }>`select ${shapesOf(consultationId)} as shapes`.execute(db);
  return rows[0]!.shapes;
}

export type SubmitError = "notFound" | "closed" | "outOfScope" | "unverified" | "invalid" | "votedOnPaper" | "changed";

/**
 * The questions of consultations that have answers, per process: those cannot change any more
 * (the frozen trigger), so a web answer is validated against them without reading them again.
 * `cast_web_answer` still checks that the answer fits the consultation's questions ("stale").
 */
const frozenShapes = new Map<number, QuestionShape[]>();

type SubmitResult = Result<{ responseId: number; replaced: boolean }, SubmitError> | { ok: false; error: "invalid"; problems: Record<number, AnswerProblem> };

// Invariant: one response per resident per consultation (a unique index); a new answer
// replaces the old one atomically; the database clock decides whether it is still open.
// The write is one call of `cast_web_answer` (migration 0008), which checks again everything
// the database can check and moves the counters; the only other query, when the questions are
// not known yet, reads them together with the reason to refuse, if any.
export async function submitWebResponse(db: DB, resident: Viewer, consultationId: number, form: Map<string, string[]>): Promise<SubmitResult> {
  if (!resident.territory) return { ok: false, error: "outOfScope" };
  const known = frozenShapes.get(consultationId);
  if (known && formFitsQuestions(known, form)) {
    const read = readSubmission(known, form);
    if (read.ok) {
      const cast = await castWebAnswer(db, resident, consultationId, known.length, read.answers);
      if (cast !== "stale") return cast;
      frozenShapes.delete(consultationId);
    }
    // A refusal (or questions read too long ago): the full check gives the precise reason.
  }
  // One query for what decides whether this answer may be taken: state, scope and questions.
  const territories = [resident.territory.id, resident.territory.parentId ?? resident.territory.id];
  const { rows } = await sql<{ status: "draft" | "published"; opens_at: Date; closes_at: Date; eligibility: "verified" | "any"; in_scope: boolean; answered: boolean; shapes: QuestionShape[] }>`
    select c.status, c.opens_at, c.closes_at, c.eligibility,
           exists (select 1 from consultation_scope s where s.consultation_id = c.id and s.territory_id in (${territories[0]}, ${territories[1]})) as in_scope,
           exists (select 1 from response r where r.consultation_id = c.id) as answered,
           ${shapesOf(consultationId)} as shapes
    from consultation c where c.id = ${consultationId}`.execute(db);
  const c = rows[0];
  if (!c || c.status !== "published") return { ok: false, error: "notFound" };
  if (consultationState(c, new Date()) !== "open") return { ok: false, error: "closed" };
  if (!c.in_scope) return { ok: false, error: "outOfScope" };
  if (c.eligibility === "verified" && !resident.verified) return { ok: false, error: "unverified" };
  if (c.answered) frozenShapes.set(consultationId, c.shapes);
  if (!formFitsQuestions(c.shapes, form)) return { ok: false, error: "changed" };
  const read = readSubmission(c.shapes, form);
  if (!read.ok) return { ok: false, error: "invalid", problems: read.problems };
  const cast = await castWebAnswer(db, resident, consultationId, c.shapes.length, read.answers);
  // Questions changed between the read and the write (only possible before any answer): the
  // page comes back with the questions as they are now.
  return cast === "stale" ? { ok: false, error: "changed" } : cast;
}

/**
 * The answer route's quickest way, for a consultation whose questions are known: the session
 * and the answer in one database call. The session is checked by the hash of its secret, its
 * expiry and its account (then once more by `acceptSessionRow`, which also slides it); the
 * account must belong somewhere, as a resident does. Null whenever anything is not plainly
 * fine (unknown questions, a malformed answer, no such session, any refusal): the caller then
 * goes the usual way, which gives the precise reason.
 */
export async function submitWebResponseBySession(db: DB, token: { id: string; secret: string }, consultationId: number, form: Map<string, string[]>): Promise<{ responseId: number } | null> {
  const known = frozenShapes.get(consultationId);
  if (!known || !formFitsQuestions(known, form)) return null;
  const read = readSubmission(known, form);
  if (!read.ok) return null;
  try {
    const { rows } = await sql<SessionRow & { outcome: string; response_id: string | null }>`
      with s as (${liveSessionRow(token)})
      select s.id, s.account_id, s.secret_hash, s.persistent, s.expires_at, s.refreshed_at, c.outcome, c.response_id
      from s join territory t on t.id = s.territory_id
      cross join lateral cast_web_answer(${consultationId}, s.account_id, s.territory_id, coalesce(t.parent_id, t.id), ${known.length}, ${answersJson(read.answers)}::jsonb) c`.execute(db);
    const row = rows[0];
    if (!row) return null;
    if (row.outcome === "stale") frozenShapes.delete(consultationId);
    if (row.outcome !== "ok") return null;
    await acceptSessionRow(db, row, token.secret);
    return { responseId: Number(row.response_id) };
  } catch (error) {
    if (isClosed(error)) return null;
    throw error;
  }
}

const answersJson = (answers: AnswerRow[]) => JSON.stringify(answers.map((a) => ({ q: a.questionId, o: a.optionId, r: a.rank, v: a.value, t: a.text })));

async function castWebAnswer(db: DB, resident: Viewer, consultationId: number, questions: number, answers: AnswerRow[]): Promise<Result<{ responseId: number; replaced: boolean }, Exclude<SubmitError, "invalid">> | "stale"> {
  const territory = resident.territory!;
  try {
    const { rows } = await sql<{ outcome: Exclude<SubmitError, "invalid"> | "ok" | "stale"; response_id: string | null; replaced: boolean | null }>`
      select outcome, response_id, replaced from cast_web_answer(${consultationId}, ${resident.accountId}, ${territory.id}, ${territory.parentId ?? territory.id}, ${questions}, ${answersJson(answers)}::jsonb)`.execute(db);
    const { outcome, response_id, replaced } = rows[0]!;
    if (outcome === "stale") return "stale";
    if (outcome !== "ok") return { ok: false, error: outcome };
    return { ok: true, value: { responseId: Number(response_id), replaced: Boolean(replaced) } };
  } catch (error) {
    if (isClosed(error)) return { ok: false, error: "closed" };
    throw error;
  }
}
