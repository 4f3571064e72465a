// A resident answers a consultation on a phone: every control works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getViewer, isStaffOf, requireRole } from "../auth/guard.server.js";
import { submitWebResponse } from "../domain/consultations/mutations.server.js";
import { getConsultation, ownResponse } from "../domain/consultations/queries.server.js";
import { GRADES, TEXT_MAX, consultationState, resultsVisible } from "../domain/consultations/rules.js";
import { pickVersion, speechText } from "../domain/consultations/text.js";
import { useT } from "../i18n/i18n.js";
import { Listen } from "../ui/Listen.js";
import { notFound, parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";
import { readFalc } from "../utils/preferences.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, null, data?.title.text);

async function load(request: Request, context: LoaderFunctionArgs["context"], rawId: string | undefined) {
  const id = parseId(rawId);
  const c = id ? await getConsultation(context.db, id) : null;
  if (!c) notFound();
  const viewer = await getViewer(context);
  const staffPreview = c.status === "draft" && (await isStaffOf(context.db, viewer, c.epci_id));
  if (c.status === "draft" && !staffPreview) notFound();
  return { c, viewer, staffPreview };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c, viewer, staffPreview } = await load(request, context, params.id);
  const falc = readFalc(request.headers.get("cookie"));
  const lng = context.lng;
  const now = new Date();
  const state = consultationState(c, now);
  const inScope = viewer?.territory ? c.scope.some((s) => s.id === viewer.territory!.id || s.id === viewer.territory!.parentId) : false;
  const own = viewer ? await ownResponse(context.db, c.id, viewer.accountId) : null;
  const v = (fr: string, falcText: string | null, en?: string | null, ar?: string | null) => pickVersion({ fr, falc: falcText, en, ar }, lng, falc);
  return json({
    id: c.id,
    state,
    staffPreview,
    demo: c.demo,
    title: v(c.title, c.title_falc, c.title_en, c.title_ar),
    description: v(c.description, c.description_falc, c.description_en, c.description_ar),
    closesAt: c.closes_at,
    scope: c.scope.map((s) => s.name),
    resultsVisible: resultsVisible(c, now),
    signedIn: Boolean(viewer),
    inScope,
    needsVerification: c.eligibility === "verified" && viewer !== null && !viewer.verified,
    pendingVerification: c.eligibility === "any" && viewer !== null && !viewer.verified,
    own: own?.answers ?? null,
    questions: c.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: v(q.prompt, q.prompt_falc, q.prompt_en, q.prompt_ar),
      maxChoices: q.max_choices,
      topN: q.top_n,
      options: q.options.map((o) => ({ id: o.id, label: v(o.label, o.label_falc, o.label_en, o.label_ar), pictogram: o.pictogram })),
    })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { c } = await load(request, context, params.id);
  const viewer = await requireRole(request, context, "resident");
  const form = await request.formData();
  const entries = new Map<string, string[]>();
  for (const [k, v] of form.entries()) if (typeof v === "string") entries.set(k, [...(entries.get(k) ?? []), v]);
  const result = await submitWebResponse(context.db, viewer, c.id, entries);
  const values = Object.fromEntries([...entries.entries()].map(([k, v]) => [k, v]));
  if (result.ok) return redirect(`/consultations/${c.id}/merci`);
  if ("problems" in result) return json({ problems: result.problems as Record<string, string>, error: null, values }, { status: 400 });
  const status = result.error === "closed" ? 409 : result.error === "notFound" ? 404 : 403;
  return json({ problems: {} as Record<string, string>, error: result.error, values }, { status });
}

export default function AnswerConsultation() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  const problems: Record<string, string> = data?.problems ?? {};
  const sent: Record<string, string[]> = data?.values ?? {};
  // Values to show: what was just sent (kept on error), else the resident's current answer.
  const ownFor = (qid: number) => d.own?.filter((a) => a.question_id === qid) ?? [];
  const sentOne = (name: string) => sent[name]?.[0];
  const canAnswer = d.state === "open" && d.signedIn && d.inScope && !d.needsVerification;
  const words = { option: t("consult.speechOption"), scale: t("consult.speechScale"), rankHint: t("consult.speechRank") };
  return (
    <>
      {d.demo ? <p className="badge badge-archive">{t("consult.demoData")}</p> : null}
      {d.staffPreview ? <p className="notice">{t("consult.preview")}</p> : null}
      <h1 lang={d.title.lang === lng ? undefined : d.title.lang}>{d.title.text}</h1>
      {d.description.text ? <p lang={d.description.lang === lng ? undefined : d.description.lang}>{d.description.text}</p> : null}
      <p className="hint">
        {t(`consult.state.${d.state}`)} · {t("consult.closes", { date: formatParisDateTime(d.closesAt, lng) })}
      </p>
      {d.state === "closed" ? (
        <p className="notice" role="status">
          {t("consult.closed")} {d.resultsVisible ? <Link to={`/consultations/${d.id}/resultats`}>{t("consult.seeResults")}</Link> : null}
        </p>
      ) : null}
      {d.state === "open" && d.resultsVisible ? (
        <p>
          <Link to={`/consultations/${d.id}/resultats`}>{t("consult.seeResults")}</Link>
        </p>
      ) : null}
      {d.state === "open" && !d.signedIn ? (
        <p className="notice">
          {t("consult.signInToAnswer")} <Link to={`/connexion?redirectTo=/consultations/${d.id}`}>{t("layout.navLogin")}</Link> · <Link to="/code">{t("login.haveCode")}</Link>
        </p>
      ) : null}
      {d.state === "open" && d.signedIn && !d.inScope ? (
        <p className="notice" role="status">
          {t("consult.outOfScope", { places: d.scope.join(", ") })}
        </p>
      ) : null}
      {d.needsVerification ? <p className="notice">{t("consult.needsVerification")}</p> : null}
      {d.pendingVerification ? <p className="notice">{t("consult.pendingVerification")}</p> : null}
      {data?.error ? (
        <p className="error" role="alert">
          {t(`consult.errors.${data.error}`)}
        </p>
      ) : null}
      {Object.keys(problems).length > 0 ? (
        <p className="error" role="alert">
          {t("consult.fixBelow")}
        </p>
      ) : null}
      {d.questions.length > 0 && (canAnswer || d.staffPreview) ? (
        <Form method="post" className="answer-form" noValidate>
          {d.questions.map((q, qi) => {
            const problem = problems[String(q.id)];
            const errorId = `q${q.id}-error`;
            const own = ownFor(q.id);
            const speech = speechText({ prompt: q.prompt.text, kind: q.kind, topN: q.topN }, q.options.map((o) => o.label.text), words);
            const label = (o: (typeof q.options)[number]) => (
              <span lang={o.label.lang === lng ? undefined : o.label.lang}>
                {o.pictogram ? <span aria-hidden="true">{o.pictogram} </span> : null}
                {o.label.text}
              </span>
            );
            return (
              <fieldset key={q.id} className="question" aria-describedby={problem ? errorId : undefined}>
                <legend>
                  <span className="q-number">{t("consult.questionN", { n: qi + 1 })}</span> <span lang={q.prompt.lang === lng ? undefined : q.prompt.lang}>{q.prompt.text}</span>
                </legend>
                <Listen text={speech} lang={q.prompt.lang} />
                {q.kind === "multiple" ? <p className="hint">{t("consult.atMost", { count: q.maxChoices ?? 1 })}</p> : null}
                {q.kind === "ranking" ? <p className="hint">{t("consult.rankHint", { count: q.topN ?? 1 })}</p> : null}
                {problem ? (
                  <p id={errorId} className="error">
                    {t(`consult.problems.${problem}`)}
                  </p>
                ) : null}
                {q.kind === "single" || q.kind === "multiple"
                  ? q.options.map((o) => {
                      const checked = sent[`q${q.id}`] ? sent[`q${q.id}`]!.includes(String(o.id)) : own.some((a) => a.option_id === o.id);
                      return (
                        <div className="choice" key={o.id}>
                          <input type={q.kind === "single" ? "radio" : "checkbox"} id={`q${q.id}-${o.id}`} name={`q${q.id}`} value={o.id} defaultChecked={checked} />
                          <label htmlFor={`q${q.id}-${o.id}`}>{label(o)}</label>
                        </div>
                      );
                    })
                  : null}
                {q.kind === "scale" ? (
                  <div className="scale">
                    {[1, 2, 3, 4, 5].map((v) => (
                      <div className="choice" key={v}>
                        <input type="radio" id={`q${q.id}-v${v}`} name={`q${q.id}`} value={v} defaultChecked={sentOne(`q${q.id}`) ? sentOne(`q${q.id}`) === String(v) : own.some((a) => a.value === v)} />
                        <label htmlFor={`q${q.id}-v${v}`}>{t(`consult.scale.${v}`)}</label>
                      </div>
                    ))}
                  </div>
                ) : null}
                {q.kind === "text" ? (
                  <>
                    <label htmlFor={`q${q.id}-text`} className="visually-hidden">
                      {q.prompt.text}
                    </label>
                    <textarea id={`q${q.id}-text`} name={`q${q.id}`} rows={4} maxLength={TEXT_MAX} defaultValue={sentOne(`q${q.id}`) ?? own[0]?.text ?? ""} />
                    <p className="hint">{t("consult.textHint", { max: TEXT_MAX })}</p>
                  </>
                ) : null}
                {q.kind === "ranking" || q.kind === "majority"
                  ? q.options.map((o) => {
                      const name = `q${q.id}_o${o.id}`;
                      const ownValue = q.kind === "ranking" ? own.find((a) => a.option_id === o.id)?.rank : own.find((a) => a.option_id === o.id)?.value;
                      const current = sentOne(name) ?? (ownValue === undefined || ownValue === null ? "" : q.kind === "ranking" ? String(ownValue) : GRADES[ownValue]);
                      return (
                        <div className="rank-row" key={o.id}>
                          <label htmlFor={name}>{label(o)}</label>
                          <select id={name} name={name} defaultValue={current}>
                            <option value="">{q.kind === "ranking" ? t("consult.notRanked") : t("forms.chooseOption")}</option>
                            {q.kind === "ranking"
                              ? Array.from({ length: q.topN ?? 1 }, (_, i) => (
                                  <option key={i} value={i + 1}>
                                    {t("consult.rankN", { n: i + 1 })}
                                  </option>
                                ))
                              : GRADES.map((g) => (
                                  <option key={g} value={g}>
                                    {t(`grades.${g}`)}
                                  </option>
                                ))}
                          </select>
                        </div>
                      );
                    })
                  : null}
              </fieldset>
            );
          })}
          {canAnswer ? (
            <button type="submit" className="primary big">
              {d.own ? t("consult.update") : t("consult.submit")}
            </button>
          ) : null}
        </Form>
      ) : null}
    </>
  );
}
