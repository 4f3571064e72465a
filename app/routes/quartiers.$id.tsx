// A quartier's page: its sous-secteurs, population, and the contract priorities that apply.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { prioritiesForPlace, subsectorAreas } from "../domain/contract/queries.server.js";
import { getPlace } from "../domain/territory/queries.server.js";
import { useT } from "../i18n/i18n.js";
import { Fr, InLang } from "../ui/Fr.js";
import { ObjectiveLink } from "../ui/ObjectiveLink.js";
import { PlaceBadges } from "../ui/PlaceBadges.js";
import { notFound, parseId } from "../utils/http.js";
import { SummaryLink } from "../ui/Summary.js";
import { pageTitle } from "../utils/meta.js";
import { readFalc, readPlaceChoice } from "../utils/preferences.js";
import { consultationResults, consultationsOfPlace, withPublishedSummary } from "../domain/consultations/queries.server.js";
import { consultationState, resultsVisible } from "../domain/consultations/rules.js";
import { pickVersion } from "../domain/consultations/text.js";
import { OpenConsultations } from "../ui/OpenConsultations.js";
import { QuestionFigureList } from "../ui/QuestionFigures.js";
import { questionFigures } from "../utils/results.server.js";

const LATEST_RESULTS = 3;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, null, data?.place.name);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const place = id ? await getPlace(context.db, id) : null;
  if (!place) notFound();
  const url = new URL(request.url);
  const cookie = readPlaceChoice(request.headers.get("cookie"));
  const requested = parseId(url.searchParams.get("sous_secteur"));
  const candidate = requested ?? (cookie?.placeId === place.id ? cookie.subsectorId : null);
  const chosen = place.subsectors.find((s) => s.id === candidate) ?? null;
  const contracts = await Promise.all(
    place.contracts.map(async (c) => ({
      ...c,
      areas: await prioritiesForPlace(context.db, c.id, place.id, chosen?.id ?? null),
      subsectors: await subsectorAreas(context.db, c.id, place.id),
    })),
  );
  const falc = readFalc(request.headers.get("cookie"));
  const now = new Date();
  const consultations = (await consultationsOfPlace(context.db, place.id)).map((c) => ({
    id: c.id,
    demo: c.demo,
    closesAt: c.closes_at,
    state: consultationState(c, now),
    resultsVisible: resultsVisible(c, now),
    title: pickVersion({ fr: c.title, falc: c.title_falc, en: c.title_en, ar: c.title_ar }, context.lng, falc),
  }));
  // The latest closed consultations with public results, with their figures (the best three
  // of each question) and how many were counted in the chosen sous-secteur.
  const closed = consultations.filter((c) => c.state === "closed" && c.resultsVisible).slice(0, LATEST_RESULTS);
  const summaries = await withPublishedSummary(context.db, closed.map((c) => c.id));
  const latest = await Promise.all(
    closed.map(async (c) => {
      const r = (await consultationResults(context.db, c.id))!;
      const cell = chosen ? r.subsectors.find((x) => x.territoryId === chosen.id) : undefined;
      const questions = questionFigures(r, { lng: context.lng, falc }, (q) => q.kind !== "text").map((q) => ({ ...q, lines: q.lines.slice(0, 3) }));
      return { ...c, n: r.n, here: cell && chosen ? { name: chosen.name, n: cell.shown ? cell.n : null } : null, questions, summary: summaries.has(c.id) };
    }),
  );
  return json({ place, chosen, contracts, inForce: place.contracts.some((c) => c.inForce), consultations, latest });
}

export default function PlacePage() {
  const { place, chosen, contracts, inForce, consultations, latest } = useLoaderData<typeof loader>();
  const { t, lng } = useT();
  const number = new Intl.NumberFormat(lng === "ar" ? "ar-u-nu-latn" : lng);
  const main = contracts[0];
  const chosenAreas = chosen && main ? main.subsectors.find((s) => s.id === chosen.id)?.areas ?? [] : [];
  return (
    <>
      <h1>
        <Fr>{place.name}</Fr>
      </h1>
      <p className="place-kind">
        {place.kind === "qpv" ? t("place.qpv") : null} <PlaceBadges kind={place.kind} inForce={inForce} />
        {place.communeName ? (
          <>
            {" "}
            · <Fr>{place.communeName}</Fr>
          </>
        ) : null}
      </p>
      {place.aliases.length > 0 ? (
        <p className="hint">
          {t("place.aliases")} <Fr>{place.aliases.join(" · ")}</Fr>
        </p>
      ) : null}

      <OpenConsultations items={consultations.filter((c) => c.state === "open")} />
      {latest.length > 0 ? (
        <section aria-labelledby="latest-results-h">
          <h2 id="latest-results-h">{t("consult.latestResults")}</h2>
          <ul className="latest-results">
            {latest.map((c) => (
              <li key={c.id} data-consultation={c.id}>
                <Link to={`/consultations/${c.id}/resultats`}>
                  <InLang v={c.title} />
                </Link>{" "}
                {c.demo ? <span className="badge badge-archive">{t("consult.demoData")}</span> : null}
                <p className="hint">
                  {c.n === null ? t("method.lineHidden") : t("consult.method", { n: c.n })}
                  {c.here ? (
                    <>
                      {" "}
                      {t("place.yourSubsector")} <Fr>{c.here.name}</Fr> — {c.here.n === null ? t("consult.notPublished") : t("consult.respondentsN", { count: c.here.n })}
                    </>
                  ) : null}
                </p>
                <QuestionFigureList questions={c.questions} />
                <p>
                  <Link to={`/consultations/${c.id}/resultats`}>{t("consult.seeResults")}</Link>
                  <SummaryLink consultationId={c.id} published={c.summary} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="population-h">
        <h2 id="population-h">{t("place.population")}</h2>
        <p>
          {place.population === null
            ? t("place.populationUnknown")
            : t("place.inhabitants", { count: place.population, formatted: number.format(place.population) })}{" "}
          {place.population !== null ? (place.populationYear ? t("place.year", { year: place.populationYear }) : t("place.yearUnknown")) : null}
        </p>
        {main ? (
          <p className="hint">
            {t("place.source")} <Fr>{main.sourceTitle}</Fr> — <Fr>{main.sourcePublisher}</Fr>
          </p>
        ) : null}
      </section>

      {place.subsectors.length > 0 ? (
        <section aria-labelledby="subsectors-h">
          <h2 id="subsectors-h">{t("place.subsectors")}</h2>
          {chosen ? (
            <p className="notice">
              {t("place.yourSubsector")} <Fr>{chosen.name}</Fr>
              {main && chosenAreas.length === 0 ? (
                <>
                  {" — "}
                  {t("place.noArea")}
                </>
              ) : null}
            </p>
          ) : null}
          <ul className="subsectors">
            {(main?.subsectors ?? place.subsectors.map((s) => ({ ...s, areas: [] as string[] }))).map((s) => (
              <li key={s.id} aria-current={chosen?.id === s.id ? "true" : undefined}>
                <Link to={`/choisir?territoire=${place.id}&sous_secteur=${s.id}`}>
                  <Fr>{s.name}</Fr>
                </Link>{" "}
                <span className="hint">
                  {s.areas.length > 0 ? (
                    <>
                      {t("place.inArea")} <Fr>{s.areas.join(", ")}</Fr>
                    </>
                  ) : (
                    t("place.inNoArea")
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {contracts.map((c) => (
        <section key={c.id} aria-labelledby={`contract-${c.id}`} className="contract-priorities">
          <h2 id={`contract-${c.id}`}>
            {t("place.prioritiesOf")} <Fr>{c.name}</Fr> ({c.startYear}-{c.endYear}){" "}
            <span className={c.inForce ? "badge badge-inforce" : "badge badge-archive"}>{c.inForce ? t("contract.inForce") : t("contract.archive")}</span>
          </h2>
          <p>
            <Link to={`/contrats/${c.code}`}>{t("place.seeContract")}</Link>
          </p>
          {c.areas.length === 0 ? <p>{t("place.noPriorities")}</p> : null}
          {c.areas.map((area) => (
            <section
              key={area.area?.id ?? "all"}
              className={area.containsChosenSubsector ? "area area-chosen" : "area"}
              aria-labelledby={`area-${c.id}-${area.area?.id ?? "all"}`}
            >
              <h3 id={`area-${c.id}-${area.area?.id ?? "all"}`}>
                {area.area ? (
                  <>
                    {t("place.area")} <Fr>{area.area.name}</Fr>
                  </>
                ) : (
                  t("place.wholeContract")
                )}
                {area.containsChosenSubsector ? <span className="badge badge-chosen">{t("place.yourArea")}</span> : null}
              </h3>
              {area.summaries.length > 0 ? (
                <div className="summary">
                  <h4>{t("place.whatResidentsSaid")}</h4>
                  {area.summaries.map((s, i) => (
                    <blockquote key={i}>
                      {s.split(/\n\n+/).map((para, j) => (
                        <Fr as="p" key={j}>
                          {para}
                        </Fr>
                      ))}
                    </blockquote>
                  ))}
                  <p className="hint">{t("place.summaryIsContractText")}</p>
                </div>
              ) : null}
              {area.priorities.map((p) => (
                <article key={p.id} className="priority">
                  <h4>
                    <Fr>{p.title}</Fr>
                  </h4>
                  <ul>
                    {p.items.map((item) => (
                      <li key={item.id}>
                        <Fr>{item.label}</Fr>
                        {item.objectives.length > 0 ? (
                          // The contract's codes are for those who follow the contract: behind « détails ».
                          <details className="objective-details">
                            <summary>{t("place.objectivesDetails", { count: item.objectives.length })}</summary>
                            <ul className="links">
                              {item.objectives.map((o) => (
                                <li key={o.code}>
                                  <ObjectiveLink contractCode={c.code} code={o.code} title={o.title} inferred={o.confidence === "inferred"} />
                                </li>
                              ))}
                            </ul>
                          </details>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </article>
              ))}
            </section>
          ))}
        </section>
      ))}
    </>
  );
}
