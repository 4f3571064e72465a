// Results: overall and per sous-secteur, with the secret ballot kept (« moins de 5 »), a
// method line saying where every figure comes from, and SVG charts with their data tables.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { freeTexts, publishedSummary, scopeQpvs } from "../domain/consultations/queries.server.js";
import { coSignSummary } from "../domain/consultations/mutations.server.js";
import { getViewer, requireViewer } from "../auth/guard.server.js";
import { GRADES, consultationState } from "../domain/consultations/rules.js";
import { formatMean, pickVersion } from "../domain/consultations/text.js";
import { useT } from "../i18n/i18n.js";
import { BarChart } from "../ui/BarChart.js";
import { Fr, InLang, Written } from "../ui/Fr.js";
import { MethodLine } from "../ui/MethodLine.js";
import { GradeHeaders, QueryNotices } from "../ui/Notices.js";
import { SummarySection } from "../ui/Summary.js";
import { notFound, parseId } from "../utils/http.js";
import { visibleResults } from "../utils/results.server.js";
import { pageTitle } from "../utils/meta.js";
import { readFalc } from "../utils/preferences.js";
import { formatParisDateTime } from "../utils/paris-time.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "consult.resultsTitle");

// A council member co-signs the published summary on behalf of their conseil citoyen.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = parseId(params.id);
  if (!id) notFound();
  const form = await request.formData();
  if (form.get("intent") !== "cosign") throw new Response(null, { status: 400 });
  const qpvId = parseId(String(form.get("qpvId") ?? ""));
  const r = qpvId ? await coSignSummary(context.db, viewer, id, qpvId) : ({ ok: false, error: "forbidden" } as const);
  if (r.ok) return redirect(`/consultations/${id}/resultats?cosigne=1#summary-h`);
  if (r.error === "notFound") notFound();
  if (r.error === "forbidden") throw new Response(null, { status: 403 });
  return json({ error: r.error }, { status: 409 });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const results = await visibleResults(context, params.id);
  const c = results.consultation;
  const now = new Date();
  const falc = readFalc(request.headers.get("cookie"));
  const v = (fr: string, f: string | null, en: string | null, ar: string | null) => pickVersion({ fr, falc: f, en, ar }, context.lng, falc);
  const summary = await publishedSummary(context.db, c.id, context.lng, falc);
  const viewer = summary ? await getViewer(context) : null;
  return json({
    id: c.id,
    demo: c.demo,
    state: consultationState(c, now),
    title: v(c.title, c.title_falc, c.title_en, c.title_ar),
    n: results.n,
    publishedAt: results.publishedAt,
    method: results.method,
    subsectors: results.subsectors,
    objectives: c.objectives,
    summary,
    // The councils this viewer may co-sign for: of a QPV in scope, not yet signed on this text.
    canSign: summary && viewer ? (await scopeQpvs(context.db, c.id)).filter((q) => viewer.grants.some((g) => g.role === "council_member" && g.territoryId === q.id) && !summary.signatures.some((s) => s.qpvId === q.id && s.current)) : [],
    texts: (await freeTexts(context.db, c.id, "approved")).map((x) => ({ questionId: x.question_id, text: x.text ?? "" })),
    questions: results.questions.map((q) => {
      const src = c.questions.find((x) => x.id === q.id)!;
      return { ...q, prompt: v(src.prompt, src.prompt_falc, src.prompt_en, src.prompt_ar), options: src.options.map((o) => ({ id: o.id, label: v(o.label, o.label_falc, o.label_en, o.label_ar) })) };
    }),
  });
}

type Q = ReturnType<typeof useLoaderData<typeof loader>>["questions"][number];
type Summary = NonNullable<Q["overall"]>;

/** A question's figures over some people, with those who left it blank (« sans réponse »). */
function QuestionResult({ q, result, caption }: { q: Q; result: Summary; caption: string }) {
  const { t } = useT();
  return (
    <>
      <QuestionFigures q={q} result={result} caption={caption} />
      {result.kind !== "text" ? (
        <p className="blank">
          {t("consult.blank")} : {result.blank}
        </p>
      ) : null}
    </>
  );
}

function QuestionFigures({ q, result, caption }: { q: Q; result: Summary; caption: string }) {
  const { t, lng } = useT();
  const pct = new Intl.NumberFormat(lng, { style: "percent", maximumFractionDigits: 0 });
  const label = (id: number) => {
    const o = q.options.find((x) => x.id === id);
    return o ? <InLang v={o.label} /> : null;
  };
  if (result.kind === "ranking")
    return (
      <>
        <BarChart values={result.borda.map((r) => r.points)} />
        <table className="data">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consult.rank")}</th>
              <th scope="col">{t("consult.option")}</th>
              <th scope="col">{t("consult.points")}</th>
              <th scope="col">{t("consult.firstShare")}</th>
            </tr>
          </thead>
          <tbody>
            {result.borda.map((r) => (
              <tr key={r.key} data-option={r.key}>
                <td>
                  {r.rank}
                  {r.tied ? ` ${t("consult.exAequo")}` : ""}
                </td>
                <th scope="row">{label(r.key)}</th>
                <td className="points">{r.points}</td>
                <td>{pct.format(r.firstShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  if (result.kind === "single" || result.kind === "multiple")
    return (
      <>
        <BarChart values={result.counts.map((c) => c.n)} />
        <table className="data">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consult.option")}</th>
              <th scope="col">{t("consult.count")}</th>
              <th scope="col">{t("consult.share")}</th>
            </tr>
          </thead>
          <tbody>
            {result.counts.map((c) => (
              <tr key={c.optionId}>
                <th scope="row">{label(c.optionId)}</th>
                <td>{c.n}</td>
                <td>{pct.format(c.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  if (result.kind === "scale")
    return (
      <>
        {result.mean !== null ? <p className="mean">{t("consult.scaleMean", { mean: formatMean(result.mean, lng) })}</p> : null}
        <BarChart values={result.distribution} />
        <table className="data">
          <caption>{caption}</caption>
          <tbody>
            {result.distribution.map((n, i) => (
              <tr key={i}>
                <th scope="row">{t(`consult.scale.${i + 1}`)}</th>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  if (result.kind === "majority")
    return (
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="data">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consult.rank")}</th>
              <th scope="col">{t("consult.option")}</th>
              <th scope="col">{t("consult.majorityGrade")}</th>
              <GradeHeaders />
            </tr>
          </thead>
          <tbody>
            {result.judgment.map((r) => (
              <tr key={r.key}>
                <td>{r.rank}</td>
                <th scope="row">{label(r.key)}</th>
                <td>{r.majorityGrade ? t(`grades.${r.majorityGrade}`) : "—"}</td>
                {r.profile.map((n, i) => (
                  <td key={i}>{n}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return <p>{t("consult.textModerated")}</p>;
}

export default function Results() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, lng } = useT();
  return (
    <>
      {d.demo ? <p className="badge badge-archive">{t("consult.demoData")}</p> : null}
      <p>
        <Link to={`/consultations/${d.id}`}>
          <InLang v={d.title} />
        </Link>
      </p>
      <h1>{t("consult.resultsTitle")}</h1>
      <MethodLine m={d.method} />
      {d.publishedAt ? <p className="hint">{t("consult.publishedAt", { date: formatParisDateTime(d.publishedAt, lng) })}</p> : null}
      <QueryNotices notices={[["cosigne", "consult.cosignDone"]]} />
      {actionData?.error ? (
        <p className="error" role="alert">
          {t(`consult.cosignErrors.${actionData.error}`)}
        </p>
      ) : null}
      {d.summary ? (
        <SummarySection s={d.summary}>
          {d.canSign.map((q) => (
            <Form method="post" key={q.id}>
              <input type="hidden" name="qpvId" value={q.id} />
              <button type="submit" name="intent" value="cosign">
                {t("consult.cosign")} <Fr>{q.name}</Fr>
              </button>
            </Form>
          ))}
        </SummarySection>
      ) : null}
      <p className="no-print">
        {t("exports.label")} <a href={`/consultations/${d.id}/resultats.csv`} download>{t("exports.csv")}</a> · <a href={`/consultations/${d.id}/resultats.json`}>{t("exports.json")}</a>
      </p>
      <table className="data">
        <caption>{t("consult.bySubsector")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("consult.subsector")}</th>
            <th scope="col">{t("consult.respondents")}</th>
          </tr>
        </thead>
        <tbody>
          {d.subsectors.map((s) => (
            <tr key={s.territoryId}>
              <th scope="row">{s.name ?? t("consult.notSpecified")}</th>
              <td>{s.shown ? s.n : t("consult.notPublished")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.questions.map((q, i) => (
        <section key={q.id} aria-labelledby={`rq-${q.id}`} className="result-question">
          <h2 id={`rq-${q.id}`}>
            {t("consult.questionN", { n: i + 1 })} <InLang v={q.prompt} />
          </h2>
          {q.overall ? <QuestionResult q={q} result={q.overall} caption={t("consult.overall", { n: q.overall.respondents })} /> : <p className="notice">{t("consult.questionHidden")}</p>}
          {q.kind === "text" ? (
            <ul className="texts">
              {d.texts
                .filter((x) => x.questionId === q.id)
                .map((x, j) => (
                  <Written key={j} as="li" text={x.text} />
                ))}
            </ul>
          ) : null}
          {(q.overall ? q.bySubsector : []).map((cell) => (
            <details key={cell.territoryId}>
              <summary>
                {cell.name ?? t("consult.notSpecified")} — {cell.shown ? t("consult.respondentsN", { count: cell.n ?? 0 }) : t("consult.notPublished")}
              </summary>
              {cell.result ? <QuestionResult q={q} result={cell.result} caption={cell.name ?? ""} /> : <p>{t("consult.hiddenExplain")}</p>}
            </details>
          ))}
        </section>
      ))}
      {d.objectives.length > 0 ? (
        <section aria-labelledby="objectives-h">
          <h2 id="objectives-h">{t("consult.objectives")}</h2>
          <ul>
            {d.objectives.map((o) => (
              <li key={o.code}>
                <Link to={`/contrats/${o.contractCode}/objectifs/${o.code}`}>
                  <span className="code">{o.code}</span> <Fr>{o.title}</Fr>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
