import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listPlaces } from "../domain/territory/queries.server.js";
import { cardDesks } from "../domain/accounts/queries.server.js";
import { deskItems } from "../domain/accounts/rules.js";
import { CardDesks } from "../ui/CardDesks.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { PlaceBadges } from "../ui/PlaceBadges.js";
import { readFalc, readPlaceChoice } from "../utils/preferences.js";
import { getViewer } from "../auth/guard.server.js";
import { openConsultationsFor } from "../domain/consultations/queries.server.js";
import { pickVersion } from "../domain/consultations/text.js";
import { OpenConsultations } from "../ui/OpenConsultations.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const places = await listPlaces(context.db, q);
  const choice = readPlaceChoice(request.headers.get("cookie"));
  const all = q ? await listPlaces(context.db) : places;
  const remembered = choice ? all.find((p) => p.id === choice.placeId) ?? null : null;
  const viewer = await getViewer(context);
  const where = [viewer?.territory?.id, viewer?.territory?.parentId, choice?.placeId, choice?.subsectorId].filter((x): x is number => typeof x === "number");
  const falc = readFalc(request.headers.get("cookie"));
  const open = (await openConsultationsFor(context.db, [...new Set(where)])).map((c) => ({ id: c.id, demo: c.demo, closesAt: c.closes_at, title: pickVersion({ fr: c.title, falc: c.title_falc, en: c.title_en, ar: c.title_ar }, context.lng, falc) }));
  // Not yet verified (or not signed in): where the quartier's invitation cards are handed out — once a quartier is chosen.
  const near = viewer?.territory?.id ?? (remembered ? choice!.subsectorId ?? remembered.id : null);
  const desks = viewer?.verified ? undefined : near === null ? null : deskItems(await cardDesks(context.db, near, "place"), context.lng, falc);
  return json({ q, places, remembered, rememberedSubsectorId: choice?.subsectorId ?? null, open, desks });
}

export default function Home() {
  const { q, places, remembered, open, desks } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      {remembered ? (
        <p className="notice">
          {t("home.remembered")}{" "}
          <Link to={`/quartiers/${remembered.id}`}>
            <Fr>{remembered.name}</Fr>
          </Link>
        </p>
      ) : null}

      <OpenConsultations items={open} />

      {desks !== undefined ? <CardDesks desks={desks} /> : null}

      <Form method="get" className="search-form" role="search">
        <label htmlFor="q">{t("home.searchLabel")}</label>
        <p id="q-hint" className="hint">
          {t("home.searchHint")}
        </p>
        <div className="inline-field">
          <input id="q" name="q" type="search" defaultValue={q} aria-describedby="q-hint" autoComplete="off" />
          <button type="submit">{t("home.searchButton")}</button>
        </div>
      </Form>

      {q ? (
        <p role="status">
          {t("home.results", { count: places.length, query: q })} <Link to="/">{t("home.showAll")}</Link>
        </p>
      ) : null}

      {places.length > 0 ? (
        <Form method="get" action="/choisir" className="choice-form">
          <fieldset>
            <legend>{t("home.step1")}</legend>
            <ul className="choices">
              {places.map((p) => (
                <li key={p.id}>
                  <input type="radio" name="territoire" id={`place-${p.id}`} value={p.id} required defaultChecked={remembered?.id === p.id} />
                  <label htmlFor={`place-${p.id}`}>
                    <Fr className="choice-name">{p.name}</Fr>
                    <span className="choice-meta">
                      <Fr>{p.communeName}</Fr> · <Fr>{p.epciName}</Fr>
                    </span>
                    <PlaceBadges kind={p.kind} inForce={p.inForce} />
                    {p.matchedSubsectors.length > 0 ? (
                      <span className="choice-meta">
                        {t("home.contains")} <Fr>{p.matchedSubsectors.join(", ")}</Fr>
                      </span>
                    ) : null}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" className="primary">
            {t("home.continue")}
          </button>
        </Form>
      ) : (
        <p>{t("home.noPlace")}</p>
      )}
    </>
  );
}
