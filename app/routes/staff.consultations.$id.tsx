// Staff: one consultation — questions and options (submit buttons, so it works without
// JavaScript), « Partir d'une priorité du contrat », the lifecycle, and participation.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "../auth/guard.server.js";
import { fieldErrors, formToMap, formToObject } from "../domain/accounts/schemas.js";
import {
  addQuestion,
  addRankingFromPriority,
  closeConsultationEarly,
  duplicateConsultation,
  unpublishConsultation,
  editOption,
  editQuestion,
  extendConsultation,
  publishConsultation,
  publishSummary,
  removeQuestion,
  moderateAnswerText,
  saveSummary,
  setConsultationObjectives,
  unpublishSummary,
  updateConsultationDetails,
} from "../domain/consultations/mutations.server.js";
import { paperPages } from "../domain/consultations/print.server.js";
import { consultationResults, consultationSummary, freeTexts, optionObjectiveIds, participation } from "../domain/consultations/queries.server.js";
import { objectivesOfEpci, prioritiesOfEpci } from "../domain/contract/queries.server.js";
import { PICTOGRAMS, consultationState, readTextReason } from "../domain/consultations/rules.js";
import { SUMMARY_FIELDS, summaryColumn, type SummaryField, consultationSchema, fromPrioritySchema, optionEditSchema, questionEditSchema, questionSchema, summarySchema } from "../domain/consultations/schemas.js";
import { Fr, Written, useFieldLang } from "../ui/Fr.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { LedgerNav } from "../ui/LedgerNav.js";
import { MethodLine } from "../ui/MethodLine.js";
import { ErrorSummary } from "../ui/ErrorSummary.js";
import { QueryNotices } from "../ui/Notices.js";
import { ObjectiveCheckbox, QuestionEditor } from "../ui/QuestionEditor.js";
import { StaffNav } from "../ui/StaffNav.js";
import { TextDecision } from "../ui/TextDecision.js";
import { parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { requireStaffConsultation } from "../utils/staff.server.js";
import { formatParisDateTime, parisLocalToDate, toParisLocal } from "../utils/paris-time.js";

// Staff content is written in French first; this is a French default the staff member edits.
const DEFAULT_RANK_PROMPT = "Classez les actions les plus importantes pour vous";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "cstaff.title", data?.c.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c } = await requireStaffConsultation(request, context, params.id);
  const priorities = await prioritiesOfEpci(context.db, c.epci_id);
  const optionLinks = await optionObjectiveIds(context.db, c.id);
  const now = new Date();
  const summary = await consultationSummary(context.db, c.id, { publishedOnly: false });
  return json({
    c: {
      id: c.id,
      title: c.title,
      status: c.status,
      closesAt: c.closes_at,
      closesLocal: toParisLocal(c.closes_at),
      demo: c.demo,
      scope: c.scope.map((s) => s.name),
      details: {
        title: c.title,
        titleFalc: c.title_falc ?? "",
        titleEn: c.title_en ?? "",
        titleAr: c.title_ar ?? "",
        description: c.description,
        descriptionFalc: c.description_falc ?? "",
        descriptionEn: c.description_en ?? "",
        descriptionAr: c.description_ar ?? "",
        opensAt: toParisLocal(c.opens_at),
        closesAt: toParisLocal(c.closes_at),
        resultsVisibility: c.results_visibility,
      },
    },
    state: consultationState(c, now),
    questions: c.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      promptFalc: q.prompt_falc ?? "",
      promptEn: q.prompt_en ?? "",
      promptAr: q.prompt_ar ?? "",
      topN: q.top_n,
      maxChoices: q.max_choices,
      options: q.options.map((o) => ({ id: o.id, label: o.label, labelFalc: o.label_falc ?? "", labelEn: o.label_en ?? "", labelAr: o.label_ar ?? "", pictogram: o.pictogram ?? "", objectiveIds: optionLinks.get(o.id) ?? [] })),
    })),
    paperPages: await paperPages(context.db, c),
    priorities,
    objectives: (await objectivesOfEpci(context.db, c.epci_id)).map((o) => ({ id: o.id, code: o.code, title: o.title, parentId: o.parent_id })),
    linked: c.objectives.map((o) => o.id),
    participation: await participation(context.db, c.id),
    method: (await consultationResults(context.db, c.id))!.method,
    pendingTexts: (await freeTexts(context.db, c.id, "pending")).map((x) => ({ id: Number(x.id), text: x.text ?? "" })),
    // Texts already read: a decision can be taken back (refused ones were kept, with their reason).
    publishedTexts: (await freeTexts(context.db, c.id, "approved")).map((x) => ({ id: Number(x.id), text: x.text ?? "" })),
    refusedTexts: (await freeTexts(context.db, c.id, "rejected")).map((x) => ({ id: Number(x.id), text: x.text ?? "", reason: x.text_reason ?? null })),
    summary: summary
      ? {
          publishedAt: summary.published_at,
          updatedAt: summary.updated_at,
          fields: Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, summary[summaryColumn(f)] ?? ""])) as Record<SummaryField, string>,
        }
      : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { c, viewer } = await requireStaffConsultation(request, context, params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = formToObject(form);
  const fail = (errors: Record<string, string>, status = 400) => json({ intent, errors, values }, { status });
  const handle = (r: { ok: boolean; error?: string }, back = `/staff/consultations/${c.id}`) => {
    if (r.ok) return redirect(back);
    if (r.error === "forbidden") throw new Response(null, { status: 403 });
    const editing = intent === "edit_question" || intent === "edit_option";
    return fail({ _form: `cstaff.errors.${r.error === "frozen" && editing ? "frozenEdit" : r.error}` }, r.error === "frozen" ? 409 : 400);
  };
  switch (intent) {
    case "add_question": {
      const parsed = questionSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const lines = (parsed.data.options ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
      // Each optional list is read line by line, aligned with the French options.
      const aligned = (text: string | undefined) => (text ?? "").split("\n").map((l) => l.trim());
      const [falc, en, ar, pictos] = [parsed.data.optionsFalc, parsed.data.optionsEn, parsed.data.optionsAr, parsed.data.pictograms].map(aligned) as [string[], string[], string[], string[]];
      const needsOptions = ["single", "multiple", "ranking", "majority"].includes(parsed.data.kind);
      const added = await addQuestion(context.db, viewer, c.id, {
          kind: parsed.data.kind,
          prompt: parsed.data.prompt,
          promptFalc: parsed.data.promptFalc ?? null,
          promptEn: parsed.data.promptEn ?? null,
          promptAr: parsed.data.promptAr ?? null,
          maxChoices: parsed.data.maxChoices ?? null,
          topN: parsed.data.topN ?? null,
          options: needsOptions ? lines.map((label, i) => ({ label, labelFalc: falc[i] || null, labelEn: en[i] || null, labelAr: ar[i] || null, pictogram: pictos[i] || null })) : [],
        });
      // Back at the form, emptied for the next question, with what was just added.
      return handle(added, added.ok ? `/staff/consultations/${c.id}?ajoutee=${added.value.questionId}#add-question-h` : undefined);
    }
    case "from_priority": {
      const parsed = fromPrioritySchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      return handle(await addRankingFromPriority(context.db, viewer, c.id, { priorityId: parsed.data.priorityId, topN: parsed.data.topN, prompt: parsed.data.prompt, promptFalc: parsed.data.promptFalc ?? null }));
    }
    case "edit_question": {
      const qid = parseId(values.questionId);
      if (!qid) return fail({ _form: "cstaff.errors.noQuestionHere" });
      const parsed = questionEditSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      return handle(await editQuestion(context.db, viewer, c.id, qid, parsed.data), `/staff/consultations/${c.id}?question=enregistree`);
    }
    case "edit_option": {
      const oid = parseId(values.optionId);
      if (!oid) return fail({ _form: "cstaff.errors.noOption" });
      const parsed = optionEditSchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const objectiveIds = values.objectives ? (formToMap(form).get("objectiveId") ?? []).map((v) => parseId(v)) : undefined;
      if (objectiveIds?.some((id) => !id)) return fail({ _form: "cstaff.errors.badObjective" });
      return handle(await editOption(context.db, viewer, c.id, oid, { ...parsed.data, objectiveIds: objectiveIds as number[] | undefined }), `/staff/consultations/${c.id}?choix=enregistre`);
    }
    case "remove_question": {
      const qid = parseId(values.questionId);
      if (!qid) return fail({ _form: "cstaff.errors.noQuestion" });
      return handle(await removeQuestion(context.db, viewer, c.id, qid));
    }
    case "edit_details": {
      const parsed = consultationSchema.safeParse({ ...values, eligibility: "verified" });
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const opensAt = parisLocalToDate(parsed.data.opensAt);
      const closesAt = parisLocalToDate(parsed.data.closesAt);
      if (!opensAt || !closesAt) return fail({ closesAt: "forms.dateTime" });
      return handle(
        await updateConsultationDetails(context.db, viewer, c.id, {
          title: parsed.data.title,
          titleFalc: parsed.data.titleFalc ?? null,
          titleEn: parsed.data.titleEn ?? null,
          titleAr: parsed.data.titleAr ?? null,
          description: parsed.data.description ?? "",
          descriptionFalc: parsed.data.descriptionFalc ?? null,
          descriptionEn: parsed.data.descriptionEn ?? null,
          descriptionAr: parsed.data.descriptionAr ?? null,
          opensAt,
          closesAt,
          resultsVisibility: parsed.data.resultsVisibility,
        }),
      );
    }
    case "approve_text":
    case "reject_text": {
      const answerId = parseId(values.answerId);
      if (!answerId) return fail({ _form: "cstaff.errors.noText" });
      return handle(await moderateAnswerText(context.db, viewer, c.id, answerId, intent === "approve_text" ? "approved" : "rejected", readTextReason(values.reason)));
    }
    case "objectives": {
      const ids = (formToMap(form).get("objectiveId") ?? []).map((v) => parseId(v));
      if (ids.some((id) => !id)) return fail({ _form: "cstaff.errors.badObjective" });
      return handle(await setConsultationObjectives(context.db, viewer, c.id, ids as number[]));
    }
    case "save_summary": {
      const parsed = summarySchema.safeParse(values);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      return handle(await saveSummary(context.db, viewer, c.id, parsed.data), `/staff/consultations/${c.id}?synthese=1#summary-h`);
    }
    case "publish_summary":
      return handle(await publishSummary(context.db, viewer, c.id), `/staff/consultations/${c.id}?synthese_publiee=1#summary-h`);
    case "unpublish_summary":
      return handle(await unpublishSummary(context.db, viewer, c.id), `/staff/consultations/${c.id}?synthese_retiree=1#summary-h`);
    case "publish":
      return handle(await publishConsultation(context.db, viewer, c.id));
    case "unpublish":
      return handle(await unpublishConsultation(context.db, viewer, c.id), `/staff/consultations/${c.id}?depublie=1`);
    case "close":
      return handle(await closeConsultationEarly(context.db, viewer, c.id));
    case "extend": {
      const closesAt = parisLocalToDate(values.closesAt ?? "");
      if (!closesAt) return fail({ closesAt: "forms.dateTime" });
      return handle(await extendConsultation(context.db, viewer, c.id, closesAt));
    }
    case "duplicate": {
      const r = await duplicateConsultation(context.db, viewer, c.id);
      return r.ok ? redirect(`/staff/consultations/${r.value.consultationId}?copie=1#details`) : handle(r);
    }
  }
  return fail({ _form: "cstaff.errors.unknown" });
}

export default function EditConsultation() {
  const { c, state, questions, paperPages, priorities, objectives, linked, participation, pendingTexts, publishedTexts, refusedTexts, method, summary } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  const fieldLang = useFieldLang();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const forIntent = (intent: string) => (data?.intent === intent ? errors : {});
  const qErrors = forIntent("add_question");
  const pErrors = forIntent("from_priority");
  const frozen = participation.anyStored;
  const [query] = useSearchParams();
  const duplicated = query.has("copie");
  const addedPrompt = questions.find((q) => String(q.id) === query.get("ajoutee"))?.prompt ?? null;
  const cell = (c: { n: number | null; shown: boolean }) => (c.shown ? c.n : t("consult.notPublished"));
  return (
    <>
      <StaffNav />
      <Fr as="h1">{c.title}</Fr>
      <p>
        {t(`consult.state.${state}`)} · {t("consult.closes", { date: formatParisDateTime(c.closesAt, lng) })} · {c.scope.join(", ")}
      </p>
      <QueryNotices
        notices={[
          ["question", "cstaff.savedQuestion"],
          ["choix", "cstaff.savedOption"],
          ["synthese", "cstaff.summarySaved"],
          ["synthese_publiee", "cstaff.summaryPublishedNotice"],
          ["synthese_retiree", "cstaff.summaryUnpublishedNotice"],
          ["depublie", "cstaff.unpublished"],
          ["copie", "cstaff.duplicated"],
        ]}
      />
      {errors._form ? (
        <p className="error" role="alert">
          {t(errors._form)}
        </p>
      ) : null}
      <div className="actions">
        <Link className="button-link" to={`/consultations/${c.id}`}>
          {state === "draft" ? t("cstaff.preview") : t("cstaff.open")}
        </Link>
        <Link className="button-link" to={`/consultations/${c.id}/resultats`}>
          {t("consult.seeResults")}
        </Link>
        {state === "draft" ? (
          <Form method="post">
            <button type="submit" name="intent" value="publish" className="primary">
              {t("cstaff.publish")}
            </button>
          </Form>
        ) : null}
        {c.status === "published" && !participation.anyStored ? (
          <Form method="post">
            <button type="submit" name="intent" value="unpublish">
              {t("cstaff.unpublish")}
            </button>
          </Form>
        ) : null}
        {state === "open" ? (
          <Form method="post">
            <button type="submit" name="intent" value="close">
              {t("cstaff.closeEarly")}
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <button type="submit" name="intent" value="duplicate">
            {t("cstaff.duplicate")}
          </button>
        </Form>
      </div>
      {state === "open" || state === "scheduled" ? (
        <Form method="post" className="inline-field">
          <label htmlFor="extend-closes">{t("cstaff.extendTo")}</label>
          <input id="extend-closes" name="closesAt" type="datetime-local" defaultValue={c.closesLocal} aria-describedby={forIntent("extend").closesAt ? "extend-error" : undefined} />
          <button type="submit" name="intent" value="extend">
            {t("cstaff.extend")}
          </button>
          {forIntent("extend").closesAt ? (
            <p id="extend-error" className="error">
              {t(forIntent("extend").closesAt!)}
            </p>
          ) : null}
        </Form>
      ) : null}

      <details className="edit-details" id="details" open={duplicated || undefined}>
        <summary>{t("cstaff.editDetails")}</summary>
        <Form method="post" className="stack" noValidate>
          {(["title", "titleFalc", "titleEn", "titleAr"] as const).map((f) => (
            <Field key={f} id={`d-${f}`} label={t(f === "title" ? "cstaff.titleField" : `cstaff.${f}`)} error={forIntent("edit_details")[f]}>
              <input id={`d-${f}`} name={f} {...fieldLang(f)} type="text" defaultValue={c.details[f]} />
            </Field>
          ))}
          {(["description", "descriptionFalc", "descriptionEn", "descriptionAr"] as const).map((f) => (
            <Field key={f} id={`d-${f}`} label={t(`cstaff.${f}`)} error={forIntent("edit_details")[f]}>
              <textarea id={`d-${f}`} name={f} {...fieldLang(f)} rows={3} defaultValue={c.details[f]} />
            </Field>
          ))}
          <Field id="d-opensAt" label={t("cstaff.opensAt")} hint={t("cstaff.parisTime")}>
            <input id="d-opensAt" name="opensAt" type="datetime-local" defaultValue={c.details.opensAt} aria-describedby="d-opensAt-hint" />
          </Field>
          <Field id="d-closesAt" label={t("cstaff.closesAt")} error={forIntent("edit_details").closesAt}>
            <input id="d-closesAt" name="closesAt" type="datetime-local" defaultValue={c.details.closesAt} />
          </Field>
          <Field id="d-resultsVisibility" label={t("cstaff.visibility")}>
            <select id="d-resultsVisibility" name="resultsVisibility" defaultValue={c.details.resultsVisibility}>
              <option value="after_close">{t("cstaff.afterClose")}</option>
              <option value="live">{t("cstaff.live")}</option>
            </select>
          </Field>
          <button type="submit" name="intent" value="edit_details">
            {t("staff.save")}
          </button>
        </Form>
      </details>

      <details className="panel">
        <summary>{t("cstaff.objectivesLinked", { count: linked.length })}</summary>
        <p className="hint">{t("cstaff.objectivesHint")}</p>
        <Form method="post" noValidate>
          <fieldset className="objective-picker">
            <legend className="visually-hidden">{t("cstaff.objectivesLinked", { count: linked.length })}</legend>
            {objectives.map((o) => {
              const depth = (() => {
                let d = 0;
                for (let p = o.parentId; p !== null && d < 6; p = objectives.find((x) => x.id === p)?.parentId ?? null) d++;
                return d;
              })();
              return <ObjectiveCheckbox key={o.id} id={`objective-${o.id}`} objective={o} checked={linked.includes(o.id)} depth={depth} />;
            })}
          </fieldset>
          <button type="submit" name="intent" value="objectives">
            {t("cstaff.saveObjectives")}
          </button>
        </Form>
      </details>

      {c.status === "published" ? (
        <section aria-labelledby="ledger-h">
          <h2 id="ledger-h">{t("ledger.papersTitle")}</h2>
          <LedgerNav id={c.id} title={c.title} />
          <MethodLine m={method} />
        </section>
      ) : null}

      <section aria-labelledby="participation-h">
        <h2 id="participation-h">{t("cstaff.participation", { n: participation.n })}</h2>
        {(["bySubsector", "byAgeBand", "byGender"] as const).map((k) => (
          <table className="data" key={k}>
            <caption>{t(`cstaff.${k}`)}</caption>
            <tbody>
              {participation[k].map((row) => (
                <tr key={String(row.key)}>
                  <th scope="row">{row.key ? (k === "byAgeBand" ? t(`ageBands.${row.key}`) : k === "byGender" ? t(`genders.${row.key}`) : row.key) : t("consult.notSpecified")}</th>
                  <td>{cell(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>

      <section aria-labelledby="summary-h">
        <h2 id="summary-h">{t("cstaff.summary")}</h2>
        <p className="hint">{t("cstaff.summaryHint")}</p>
        <p>{summary ? (summary.publishedAt ? t("cstaff.summaryIsPublished", { date: formatParisDateTime(summary.publishedAt, lng) }) : t("cstaff.summaryIsDraft")) : t("cstaff.summaryNone")}</p>
        <Form method="post" className="stack" noValidate>
          {SUMMARY_FIELDS.map((f) => (
            <Field key={f} id={`s-${f}`} label={t(`cstaff.summaryFields.${f}`)} hint={f.endsWith("Falc") ? t("cstaff.falcHint") : undefined} error={forIntent("save_summary")[f]}>
              <textarea
                id={`s-${f}`}
                name={f}
                {...fieldLang(f)}
                rows={f === "said" || f === "nextSteps" ? 6 : 3}
                defaultValue={data?.intent === "save_summary" ? values[f] : (summary?.fields[f] ?? "")}
                aria-describedby={describedBy(`s-${f}`, forIntent("save_summary")[f], f.endsWith("Falc"))}
              />
            </Field>
          ))}
          <button type="submit" name="intent" value="save_summary">
            {t("cstaff.summarySave")}
          </button>
        </Form>
        {summary ? (
          <div className="actions">
            <Form method="post">
              {summary.publishedAt ? (
                <button type="submit" name="intent" value="unpublish_summary" className="danger">
                  {t("cstaff.summaryUnpublish")}
                </button>
              ) : (
                <button type="submit" name="intent" value="publish_summary" className="primary">
                  {t("cstaff.summaryPublish")}
                </button>
              )}
            </Form>
          </div>
        ) : null}
      </section>

      {pendingTexts.length > 0 ? (
        <section aria-labelledby="texts-h">
          <h2 id="texts-h">{t("cstaff.pendingTexts", { count: pendingTexts.length })}</h2>
          <p className="hint">{t("cstaff.pendingTextsHint")}</p>
          <ul className="cards">
            {pendingTexts.map((x) => (
              <li key={x.id}>
                <Written as="p" text={x.text} />
                <TextDecision answerId={x.id} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {publishedTexts.length + refusedTexts.length > 0 ? (
        <details className="read-texts">
          <summary>{t("cstaff.readTexts", { published: t("cstaff.textsPublished", { count: publishedTexts.length }), refused: t("cstaff.textsRefused", { count: refusedTexts.length }) })}</summary>
          {publishedTexts.length > 0 ? (
            <>
              <h3>{t("cstaff.publishedTexts")}</h3>
              <ul className="cards">
                {publishedTexts.map((x) => (
                  <li key={x.id}>
                    <Written as="p" text={x.text} />
                    <TextDecision answerId={x.id} status="approved" />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {refusedTexts.length > 0 ? (
            <>
              <h3>{t("cstaff.refusedTexts")}</h3>
              <ul className="cards">
                {refusedTexts.map((x) => (
                  <li key={x.id}>
                    <Written as="p" text={x.text} />
                    {x.reason ? <p className="hint">{t("cstaff.refusedBecause", { reason: t(`moderation.reasons.${x.reason}`) })}</p> : null}
                    <TextDecision answerId={x.id} status="rejected" />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </details>
      ) : null}

      <section aria-labelledby="questions-h">
        <h2 id="questions-h">{t("cstaff.questions")}</h2>
        {frozen ? <p className="notice">{t("cstaff.frozen")}</p> : null}
        {questions.length === 0 ? <p>{t("cstaff.noQuestion")}</p> : <p className="hint" id="paper-pages">{t("cstaff.paperPages", { fr: t("cstaff.pages", { count: paperPages.fr }), frAr: t("cstaff.pages", { count: paperPages.frAr }) })}</p>}
        <ol>
          {questions.map((q) => (
            <li key={q.id}>
              <Fr as="strong">{q.prompt}</Fr> <span className="hint">({t(`kinds2.${q.kind}`)}{q.topN ? `, top ${q.topN}` : ""})</span>
              {q.options.length ? (
                <ul>
                  {q.options.map((o) => (
                    <li key={o.id}>
                      <Fr>{o.label}</Fr>
                      {o.labelFalc ? <span className="hint"> · {t("cstaff.falcShown", { text: o.labelFalc })}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              <QuestionEditor q={q} frozen={frozen} objectives={objectives} linked={linked} outcome={data} />
              {!frozen ? (
                <Form method="post">
                  <input type="hidden" name="questionId" value={q.id} />
                  <button type="submit" name="intent" value="remove_question" className="danger">
                    {t("cstaff.removeQuestion")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {!frozen ? (
        <>
          <section aria-labelledby="from-priority-h">
            <h2 id="from-priority-h">{t("cstaff.fromPriority")}</h2>
            <Form method="post" className="stack" noValidate>
              <Field id="priorityId" label={t("cstaff.priority")} error={pErrors.priorityId}>
                <select id="priorityId" name="priorityId" defaultValue={data?.intent === "from_priority" ? values.priorityId : ""} aria-describedby={describedBy("priorityId", pErrors.priorityId)}>
                  <option value="">{t("forms.chooseOption")}</option>
                  {priorities.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.area ? `${p.area} — ` : ""}
                      {p.title}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="fp-prompt" label={t("cstaff.prompt")} error={pErrors.prompt}>
                <input id="fp-prompt" name="prompt" {...fieldLang("prompt")} type="text" defaultValue={data?.intent === "from_priority" ? values.prompt : DEFAULT_RANK_PROMPT} aria-describedby={describedBy("fp-prompt", pErrors.prompt)} />
              </Field>
              <Field id="fp-promptFalc" label={t("cstaff.promptFalc")}>
                <input id="fp-promptFalc" name="promptFalc" {...fieldLang("promptFalc")} type="text" defaultValue={data?.intent === "from_priority" ? values.promptFalc : ""} />
              </Field>
              <Field id="fp-topN" label={t("cstaff.topN")} error={pErrors.topN}>
                <input id="fp-topN" name="topN" type="number" min={1} max={20} defaultValue={data?.intent === "from_priority" ? values.topN : "3"} aria-describedby={describedBy("fp-topN", pErrors.topN)} />
              </Field>
              <button type="submit" name="intent" value="from_priority">
                {t("cstaff.addFromPriority")}
              </button>
            </Form>
          </section>
          <section aria-labelledby="add-question-h">
            <h2 id="add-question-h">{t("cstaff.addQuestion")}</h2>
            {addedPrompt ? (
              <p className="notice" role="status">
                {t("cstaff.questionAdded", { prompt: addedPrompt })}
              </p>
            ) : null}
            <ErrorSummary title={t("cstaff.notAdded")} items={Object.entries(qErrors).filter(([name]) => name !== "_form").map(([name, error]) => ({ href: `#${name}`, text: t("cstaff.fieldProblem", { field: t(`cstaff.${name}`), problem: t(error) }) }))} />
            <Form method="post" className="stack" noValidate preventScrollReset key={questions.length}>
              <Field id="kind" label={t("cstaff.kind")} error={qErrors.kind}>
                <select id="kind" name="kind" defaultValue={data?.intent === "add_question" ? values.kind : "single"}>
                  {(["single", "multiple", "scale", "text", "ranking", "majority"] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`kinds2.${k}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="prompt" label={t("cstaff.prompt")} error={qErrors.prompt}>
                <input id="prompt" name="prompt" {...fieldLang("prompt")} type="text" defaultValue={data?.intent === "add_question" ? values.prompt : ""} aria-describedby={describedBy("prompt", qErrors.prompt)} />
              </Field>
              <Field id="promptFalc" label={t("cstaff.promptFalc")}>
                <input id="promptFalc" name="promptFalc" {...fieldLang("promptFalc")} type="text" defaultValue={data?.intent === "add_question" ? values.promptFalc : ""} />
              </Field>
              {(["promptEn", "promptAr"] as const).map((name) => (
                <Field key={name} id={name} label={t(`cstaff.${name}`)} error={qErrors[name]}>
                  <input id={name} name={name} {...fieldLang(name)} type="text" defaultValue={data?.intent === "add_question" ? values[name] : ""} aria-describedby={describedBy(name, qErrors[name])} />
                </Field>
              ))}
              <Field id="options" label={t("cstaff.options")} hint={t("cstaff.optionsHint")} error={qErrors.options}>
                <textarea id="options" name="options" {...fieldLang("options")} rows={5} defaultValue={data?.intent === "add_question" ? values.options : ""} aria-describedby={describedBy("options", qErrors.options, true)} />
              </Field>
              <Field id="optionsFalc" label={t("cstaff.optionsFalc")} hint={t("cstaff.optionsFalcHint")}>
                <textarea id="optionsFalc" name="optionsFalc" {...fieldLang("optionsFalc")} rows={5} defaultValue={data?.intent === "add_question" ? values.optionsFalc : ""} aria-describedby="optionsFalc-hint" />
              </Field>
              {(["optionsEn", "optionsAr"] as const).map((name) => (
                <Field key={name} id={name} label={t(`cstaff.${name}`)} hint={t("cstaff.optionsAlignedHint")} error={qErrors[name]}>
                  <textarea id={name} name={name} {...fieldLang(name)} rows={5} defaultValue={data?.intent === "add_question" ? values[name] : ""} aria-describedby={describedBy(name, qErrors[name], true)} />
                </Field>
              ))}
              <Field id="pictograms" label={t("cstaff.pictograms")} hint={t("cstaff.pictogramsHint", { names: PICTOGRAMS.join(", ") })} error={qErrors.pictograms}>
                <textarea id="pictograms" name="pictograms" rows={5} defaultValue={data?.intent === "add_question" ? values.pictograms : ""} aria-describedby={describedBy("pictograms", qErrors.pictograms, true)} />
              </Field>
              <Field id="maxChoices" label={t("cstaff.maxChoices")} error={qErrors.maxChoices}>
                <input id="maxChoices" name="maxChoices" type="number" min={1} max={50} defaultValue={data?.intent === "add_question" ? values.maxChoices : ""} />
              </Field>
              <Field id="topN" label={t("cstaff.topN")} error={qErrors.topN}>
                <input id="topN" name="topN" type="number" min={1} max={20} defaultValue={data?.intent === "add_question" ? values.topN : ""} />
              </Field>
              <button type="submit" name="intent" value="add_question">
                {t("cstaff.addQuestion")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
