// Results: overall and per sous-secteur, with the secret ballot kept (« non publié »), a
// method line saying where every figure comes from, and charts that are tables: each bar with
// its label and figure, a scale from 0. Each question's breakdown by sous-secteur is a list of
// disclosures, the reader's own sous-secteur first.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { freeTexts, publishedSummary, scopeQpvs } from "../domain/consultations/queries.server.js";
import { coSignSummary } from "../domain/consultations/mutations.server.js";
import { getViewer, requireViewer } from "../auth/guard.server.js";
import { GRADES, consultationState } from "../domain/consultations/rules.js";
import { formatMean, pickVersion } from "../domain/consultations/text.js";
import { useT } from "../i18n/i18n.js";
import { BarTable } from "../ui/BarChart.js";
import { Fr, InLang, Written } from "../ui/Fr.js";
import { MethodLine } from "../ui/MethodLine.js";
import { QueryNotices } from "../ui/Notices.js";
import { SummarySection } from "../ui/Summary.js";
import { notFound, parseId } from "../utils/http.js";
import { readableResults, visibleResults } from "../utils/results.server.js";
import { pageTitle } from "../utils/meta.js";
import { readFalc, readPlaceChoice } from "../utils/preferences.js";
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
  const viewer = await getViewer(context);
  // The reader's sous-secteur comes first: where they belong, or else the one they chose.
  const readable = readableResults(results, viewer?.territory?.id ?? readPlaceChoice(request.headers.get("cookie"))?.subsectorId ?? null);
  return json({
    id: c.id,
    demo: c.demo,
    state: consultationState(c, now),
    title: v(c.title, c.title_falc, c.title_en, c.title_ar),
    n: results.n,
    publishedAt: results.publishedAt,
    method: results.method,
    own: readable.own,
    subsectors: readable.subsectors,
    subsectorAxis: readable.subsectorAxis,
    objectives: c.objectives,
    summary,
    // The councils this viewer may co-sign for: of a QPV in scope, not yet signed on this text.
    canSign: summary && viewer ? (await scopeQpvs(context.db, c.id)).filter((q) => viewer.grants.some((g) => g.role === "council_member" && g.territoryId === q.id) && !summary.signatures.some((s) => s.qpvId === q.id && s.current)) : [],
    texts: (await freeTexts(context.db, c.id, "approved")).map((x) => ({ questionId: x.question_id, text: x.text ?? "" })),
    questions: readable.questions.map((q) => {
      const src = c.questions.find((x) => x.id === q.id)!;
      return { ...q, prompt: v(src.prompt, src.prompt_falc, src.prompt_en, src.prompt_ar), options: src.options.map((o) => ({ id: o.id, label: v(o.label, o.label_falc, o.label_en, o.label_ar) })) };
    }),
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Q = Data["questions"][number];
type Summary = NonNullable<Q["overall"]>;

/** Shares in the page's language, with Western digits in Arabic too, and « 9 (31 %) ». */
function useNumbers() {
  const { lng } = useT();
  const locale = lng === "ar" ? "ar-u-nu-latn" : lng;
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return { pct: (x: number) => pct.format(x), countShare: (n: number, share: number) => `${n} (${pct.format(share)})` };
}

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
  const { pct, countShare } = useNumbers();
  const label = (id: number) => {
    const o = q.options.find((x) => x.id === id);
    return o ? <InLang v={o.label} /> : null;
  };
  if (result.kind === "ranking")
    return (
      <BarTable
        caption={caption}
        labelHeader={t("consult.rankedOption")}
        figureHeader={t("consult.points")}
        axis={result.axis}
        rows={result.borda.map((r) => ({
          key: r.key,
          label: (
            <>
              <span className="rank">
                {t("consult.rankN", { rank: r.rank })}
                {r.tied ? ` ${t("consult.exAequo")}` : ""}
              </span>{" "}
              {label(r.key)}{" "}
              <span className="chart-note">
                {t("consult.firstShare")} : {pct(r.firstShare)}
              </span>
            </>
          ),
          value: r.points,
          figure: r.points,
          figureClass: "points",
          attrs: { "data-option": r.key },
        }))}
      />
    );
  if (result.kind === "single" || result.kind === "multiple")
    return (
      <BarTable
        caption={caption}
        labelHeader={t("consult.option")}
        figureHeader={t("consult.countShare")}
        axis={result.axis}
        rows={result.counts.map((c) => ({ key: c.optionId, label: label(c.optionId), value: c.n, figure: countShare(c.n, c.share), attrs: { "data-option": c.optionId } }))}
      />
    );
  if (result.kind === "scale")
    return (
      <>
        {result.mean !== null ? <p className="mean">{t("consult.scaleMean", { mean: formatMean(result.mean, lng) })}</p> : null}
        <BarTable
          caption={caption}
          labelHeader={t("consult.scaleValue")}
          figureHeader={t("consult.countShare")}
          axis={result.axis}
          rows={result.distribution.map((n, i) => ({ key: i, label: t(`consult.scale.${i + 1}`), value: n, figure: countShare(n, result.respondents ? n / result.respondents : 0), attrs: { "data-value": i + 1 } }))}
        />
      </>
    );
  if (result.kind === "majority")
    return (
      <>
        <table className="data chart">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consult.rankedOption")}</th>
              <th scope="col">{t("consult.majorityGrade")}</th>
            </tr>
          </thead>
          <tbody>
            {result.judgment.map((r) => (
              <tr key={r.key} data-option={r.key}>
                <th scope="row">
                  <span className="rank">{t("consult.rankN", { rank: r.rank })}</span> {label(r.key)}
                </th>
                <td>{r.majorityGrade ? t(`grades.${r.majorityGrade}`) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.judgment.map((r) => (
          <BarTable
            key={r.key}
            caption={
              <>
                {label(r.key)} — {t("consult.gradeProfile")}
              </>
            }
            labelHeader={t("consult.grade")}
            figureHeader={t("consult.respondents")}
            axis={result.axis}
            rows={GRADES.map((g, i) => ({ key: g, label: t(`grades.${g}`), value: r.profile[i] ?? 0, figure: r.profile[i] ?? 0, className: g === r.majorityGrade ? "chart-majority" : undefined }))}
          />
        ))}
      </>
    );
  return <p>{t("consult.textModerated")}</p>;
}

/** A sous-secteur's name (French, as the contract writes it). */
function SubsectorName({ name }: { name: string | null }) {
  const { t } = useT();
  return name === null ? <>{t("consult.notSpecified")}</> : <Fr>{name}</Fr>;
}

/** The mark on the reader's own sous-secteur. */
function Yours() {
  const { t } = useT();
  return (
    <>
      {" "}
      <span className="badge badge-chosen">{t("consult.yourSubsector")}</span>
    </>
  );
}

/**
 * A question sous-secteur by sous-secteur: one disclosure each, the reader's own first and
 * open; a hidden cell opens on why it is hidden. The sous-secteurs nobody was counted in are
 * named together on one line at the end (the reader's own keeps its place, as a plain line).
 */
function Breakdown({ q, own }: { q: Q; own: number | null }) {
  const { t, lng } = useT();
  if (!q.overall || q.bySubsector.length === 0) return null;
  const empty = (cell: Q["bySubsector"][number]) => cell.shown && !cell.result;
  const nobody = q.bySubsector.filter((cell) => empty(cell) && cell.territoryId !== own);
  return (
    <>
      <h3 id={`rq-${q.id}-subsectors`}>{t("consult.bySubsectorShort")}</h3>
      <ul className="breakdown" aria-labelledby={`rq-${q.id}-subsectors`}>
        {q.bySubsector
          .filter((cell) => !empty(cell) || cell.territoryId === own)
          .map((cell) => {
            const mine = cell.territoryId === own;
            const name = <SubsectorName name={cell.name} />;
            const figure = cell.shown ? t("consult.respondentsN", { count: cell.n ?? 0 }) : t("consult.notPublished");
            if (empty(cell))
              return (
                <li key={cell.territoryId} data-subsector={cell.territoryId} className="breakdown-empty">
                  {name} — {figure}
                  {mine ? <Yours /> : null}
                </li>
              );
            return (
              <li key={cell.territoryId} data-subsector={cell.territoryId}>
                <details open={mine || undefined}>
                  <summary>
                    <span className="breakdown-what">
                      {name} — {figure}
                      {mine ? <Yours /> : null}
                    </span>
                    <span className="breakdown-more" aria-hidden="true">
                      <span className="when-closed">{cell.result ? t("consult.showDetail") : t("consult.whyHidden")}</span>
                      <span className="when-open">{t("consult.hideDetail")}</span>
                    </span>
                  </summary>
                  {cell.result ? <QuestionResult q={q} result={cell.result} caption={cell.name ?? t("consult.notSpecified")} /> : <p>{t("consult.hiddenExplain")}</p>}
                </details>
              </li>
            );
          })}
        {nobody.length > 0 ? (
          <li className="breakdown-empty" data-subsector="none">
            {t("consult.nobodyCounted")}{" "}
            {nobody.map((cell, i) => (
              <span key={cell.territoryId}>
                {i > 0 ? (lng === "ar" ? "، " : ", ") : ""}
                <SubsectorName name={cell.name} />
              </span>
            ))}
          </li>
        ) : null}
      </ul>
    </>
  );
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
      <BarTable
        caption={t("consult.bySubsector")}
        labelHeader={t("consult.subsector")}
        figureHeader={t("consult.respondents")}
        axis={d.subsectorAxis}
        rows={d.subsectors.map((s) => ({
          key: s.territoryId,
          label: (
            <>
              <SubsectorName name={s.name} />
              {s.territoryId === d.own ? <Yours /> : null}
            </>
          ),
          value: s.shown ? s.n : null,
          figure: s.shown ? s.n : t("consult.notPublished"),
          attrs: { "data-subsector": s.territoryId },
          className: s.territoryId === d.own ? "chart-own" : undefined,
        }))}
      />
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
          <Breakdown q={q} own={d.own} />
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
