// Step 2 of « Choisir mon quartier » (a GET form): the sous-secteur, then remember the choice.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getPlace } from "../domain/territory/queries.server.js";
import { useT } from "../i18n/i18n.js";
import { preferenceCookie } from "../utils/cookies.js";
import { parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { Fr } from "../ui/Fr.js";
import { PLACE_COOKIE, placeChoiceValue } from "../utils/preferences.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "choose.title");

const NONE = "aucun";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const placeId = parseId(url.searchParams.get("territoire"));
  const place = placeId ? await getPlace(context.db, placeId) : null;
  if (!place) return json({ problem: "noPlace" as const, place: null }, { status: 400 });

  const raw = url.searchParams.get("sous_secteur");
  const needsSubsector = place.subsectors.length > 0;
  if (needsSubsector && raw === null) return json({ problem: null, place });
  let subsectorId: number | null = null;
  if (needsSubsector && raw !== NONE) {
    subsectorId = parseId(raw);
    if (!subsectorId || !place.subsectors.some((s) => s.id === subsectorId)) return json({ problem: "badSubsector" as const, place }, { status: 400 });
  }
  const value = placeChoiceValue({ placeId: place.id, subsectorId });
  return redirect(`/quartiers/${place.id}${subsectorId ? `?sous_secteur=${subsectorId}` : ""}`, {
    headers: { "Set-Cookie": preferenceCookie(PLACE_COOKIE, value, { secure: context.secure }) },
  });
}

export default function ChooseSubsector() {
  const { problem, place } = useLoaderData<typeof loader>();
  const { t } = useT();
  if (!place)
    return (
      <>
        <h1>{t("choose.title")}</h1>
        <p className="error" role="alert">
          {t("choose.noPlace")}
        </p>
        <p>
          <Link to="/">{t("choose.back")}</Link>
        </p>
      </>
    );
  return (
    <>
      <h1>
        {t("choose.title")} : <Fr>{place.name}</Fr>
      </h1>
      <p>
        <Link to="/">{t("choose.changePlace")}</Link>
      </p>
      <Form method="get" action="/choisir" className="choice-form">
        <input type="hidden" name="territoire" value={place.id} />
        <fieldset aria-describedby={problem ? "subsector-error" : undefined}>
          <legend>{t("choose.step2")}</legend>
          {problem === "badSubsector" ? (
            <p id="subsector-error" className="error" role="alert">
              {t("choose.badSubsector")}
            </p>
          ) : null}
          <ul className="choices">
            {place.subsectors.map((s) => (
              <li key={s.id}>
                <input type="radio" name="sous_secteur" id={`ss-${s.id}`} value={s.id} required />
                <label htmlFor={`ss-${s.id}`}>
                  <Fr className="choice-name">{s.name}</Fr>
                </label>
              </li>
            ))}
            <li>
              <input type="radio" name="sous_secteur" id="ss-none" value={NONE} required />
              <label htmlFor="ss-none">
                <span className="choice-name">{t("choose.dontKnow")}</span>
              </label>
            </li>
          </ul>
        </fieldset>
        <button type="submit" className="primary">
          {t("choose.confirm")}
        </button>
      </Form>
    </>
  );
}
