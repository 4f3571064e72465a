// One objective: where it sits, what it holds, its indicators, and the priority items that cite it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContract, getObjective } from "../domain/contract/queries.server.js";
import { useT } from "../i18n/i18n.js";
import { Fr, InLang } from "../ui/Fr.js";
import { ObjectiveLink } from "../ui/ObjectiveLink.js";
import { notFound } from "../utils/http.js";
import { consultationResults, consultationsOfObjective, publishedSummary } from "../domain/consultations/queries.server.js";
import { consultationState, resultsVisible } from "../domain/consultations/rules.js";
import { pickVersion } from "../domain/consultations/text.js";
import { SummaryLink } from "../ui/Summary.js";
import { pageTitle } from "../utils/meta.js";
import { readFalc } from "../utils/preferences.js";
import { questionFigures } from "../utils/results.server.js";
import { QuestionFigureList } from "../ui/QuestionFigures.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, null, data ? `${data.objective.code} ${data.objective.title}` : null);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const contract = await getContract(context.db, params.code ?? "");
  if (!contract) notFound();
  const objective = await getObjective(context.db, contract.id, params.objective ?? "");
  if (!objective) notFound();
  const linked = await consultationsOfObjective(context.db, objective.id);
  const now = new Date();
  const falc = readFalc(request.headers.get("cookie"));
  const v = (fr: string, f: string | null, en: string | null, ar: string | null) => pickVersion({ fr, falc: f, en, ar }, context.lng, falc);
  const optionLabel = (o: { label: string; label_falc: string | null; label_en: string | null; label_ar: string | null }) => v(o.label, o.label_falc, o.label_en, o.label_ar);
  const consultations = await Promise.all(
    linked.consultations.map(async (c) => {
      const showResults = resultsVisible(c, now);
      const results = showResults ? await consultationResults(context.db, c.id) : null;
      const own = linked.options.filter((o) => o.consultation_id === c.id);
      const optionIds = new Set(own.map((o) => o.optionId));
      // Every question but free texts when the whole consultation is linked, otherwise the
      // questions that hold a linked option (their linked options only).
      const questions = results
        ? questionFigures(
            results,
            { lng: context.lng, falc },
            (q) => (optionIds.size === 0 ? q.kind !== "text" : own.some((o) => o.questionId === q.id)),
            (id) => optionIds.size === 0 || optionIds.has(id),
          )
        : [];
      // What will be done, from its published summary: what this objective's page is for.
      const summary = c.closes_at <= now ? await publishedSummary(context.db, c.id, context.lng, falc) : null;
      return { id: c.id, title: v(c.title, c.title_falc, c.title_en, c.title_ar), demo: c.demo, state: consultationState(c, now), n: results?.n ?? null, summary: summary !== null, nextSteps: summary?.nextSteps ?? null, questions, options: own.map(optionLabel) };
    }),
  );
  return json({ contract, objective, consultations });
}

export default function ObjectivePage() {
  const { contract, objective, consultations } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <nav aria-label={t("objective.breadcrumb")} className="breadcrumb">
        <ol>
          <li>
            <Link to={`/contrats/${contract.code}`}>
              <Fr>{contract.name}</Fr>
            </Link>
          </li>
          {objective.chain.map((c) => (
            <li key={c.id}>
              <Link to={`/contrats/${contract.code}/objectifs/${encodeURIComponent(c.code)}`}>
                <span className="code">{c.code}</span> <Fr>{c.title}</Fr>
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <p className="kind">{t(`kinds.${objective.kind}`)}</p>
      <h1>
        <span className="code">{objective.code}</span> <Fr>{objective.title}</Fr>
      </h1>
      {objective.withdrawn ? <p className="notice">{t("objective.withdrawn")}</p> : null}
      {objective.sourceRef ? (
        <p className="hint">
          {t("objective.sourceRef")} {objective.sourceRef}
        </p>
      ) : null}

      <section aria-labelledby="items-h">
        <h2 id="items-h">{t("objective.citedBy")}</h2>
        {objective.citingItems.length === 0 ? (
          <p>{t("objective.noItems")}</p>
        ) : (
          <ul className="cited">
            {objective.citingItems.map((i) => (
              <li key={i.itemId}>
                <Fr>{i.label}</Fr>
                <span className="hint">
                  {" — "}
                  {t("objective.priority")} <Fr>{i.priorityTitle}</Fr>
                  {i.areaName ? (
                    <>
                      {" · "}
                      {t("place.area")} <Fr>{i.areaName}</Fr>
                    </>
                  ) : (
                    <>
                      {" · "}
                      {t("place.wholeContract")}
                    </>
                  )}
                </span>
                {i.confidence === "inferred" ? <span className="badge badge-inferred">{t("contract.inferredLink")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {consultations.length > 0 ? (
        <section aria-labelledby="consultations-h">
          <h2 id="consultations-h">{t("consult.linked")}</h2>
          <ul>
            {consultations.map((c) => (
              <li key={c.id}>
                <Link to={`/consultations/${c.id}${c.n !== null ? "/resultats" : ""}`}>
                  <InLang v={c.title} />
                </Link>{" "}
                <span className="hint">
                  {t(`consult.state.${c.state}`)}
                  {c.n !== null ? ` · ${t("consult.method", { n: c.n })}` : ""}
                </span>
                {c.demo ? <span className="badge badge-archive">{t("consult.demoData")}</span> : null}
                <SummaryLink consultationId={c.id} published={c.summary} separator=" " />
                {c.nextSteps ? (
                  <p className="next-steps">
                    <strong>{t("consult.summaryNextSteps")}</strong> <InLang v={c.nextSteps} />
                  </p>
                ) : null}
                {c.questions.length > 0 ? (
                  <QuestionFigureList questions={c.questions} />
                ) : c.options.length > 0 ? (
                  <ul>
                    {c.options.map((o, i) => (
                      <li key={i}>
                        {t("consult.linkedOption")} <InLang v={o} />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {objective.children.length > 0 ? (
        <section aria-labelledby="children-h">
          <h2 id="children-h">{t("objective.children")}</h2>
          <ul>
            {objective.children.map((c) => (
              <li key={c.id}>
                <span className="kind">{t(`kinds.${c.kind}`)}</span> <ObjectiveLink contractCode={contract.code} code={c.code} title={c.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="indicators-h">
        <h2 id="indicators-h">{t("objective.indicators")}</h2>
        {objective.indicators.length === 0 ? (
          <p>{t("objective.noIndicators")}</p>
        ) : (
          <ul>
            {objective.indicators.map((i) => (
              <li key={i.id}>
                <Fr>{i.label}</Fr> <span className="hint">({t(`indicatorKinds.${i.kind}`)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
