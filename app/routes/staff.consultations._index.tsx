// Staff: the consultations of their EPCI, and a new one (a draft until published).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, staffEpciIds } from "../auth/guard.server.js";
import { codeTargets } from "../domain/accounts/queries.server.js";
import { fieldErrors, formToObject } from "../domain/accounts/schemas.js";
import { createConsultation } from "../domain/consultations/mutations.server.js";
import { listConsultationsForStaff } from "../domain/consultations/queries.server.js";
import { consultationState } from "../domain/consultations/rules.js";
import { consultationSchema } from "../domain/consultations/schemas.js";
import { Fr, useFieldLang } from "../ui/Fr.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { StaffNav } from "../ui/StaffNav.js";
import { pageTitle } from "../utils/meta.js";
import { epciIdOfTerritory } from "../domain/territory/queries.server.js";
import { formatParisDateTime, parisLocalToDate, toParisLocal } from "../utils/paris-time.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cstaff.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const epcis = await staffEpciIds(context.db, viewer);
  const [list, targets] = await Promise.all([listConsultationsForStaff(context.db, epcis), codeTargets(context.db, epcis)]);
  const now = new Date();
  return json({
    list: list.map((c) => ({ ...c, state: consultationState({ status: c.status, opens_at: c.opens_at, closes_at: c.closes_at }, now) })),
    targets,
    defaults: { opensAt: toParisLocal(now), closesAt: toParisLocal(new Date(now.getTime() + 14 * 86400_000)) },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const form = await request.formData();
  const values = formToObject(form);
  const scope = form.getAll("scope").map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const parsed = consultationSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values, scope }, { status: 400 });
  const opensAt = parisLocalToDate(parsed.data.opensAt);
  const closesAt = parisLocalToDate(parsed.data.closesAt);
  if (!opensAt || !closesAt) return json({ errors: { opensAt: "forms.dateTime" }, values, scope }, { status: 400 });
  if (scope.length === 0) return json({ errors: { scope: "cstaff.scopeNeeded" }, values, scope }, { status: 400 });
  const epciId = await epciIdOfTerritory(context.db, scope[0]!);
  if (!epciId) return json({ errors: { scope: "cstaff.scopeNeeded" }, values, scope }, { status: 400 });
  const r = await createConsultation(context.db, viewer, {
    epciId,
    title: parsed.data.title,
    titleFalc: parsed.data.titleFalc,
    titleEn: parsed.data.titleEn,
    titleAr: parsed.data.titleAr,
    description: parsed.data.description,
    descriptionFalc: parsed.data.descriptionFalc,
    descriptionEn: parsed.data.descriptionEn,
    descriptionAr: parsed.data.descriptionAr,
    opensAt,
    closesAt,
    scopeTerritoryIds: scope,
    resultsVisibility: parsed.data.resultsVisibility,
    eligibility: parsed.data.eligibility,
  });
  if (!r.ok) {
    if (r.error === "forbidden") throw new Response(null, { status: 403 });
    return json({ errors: r.error === "badDates" ? { closesAt: "cstaff.datesOrder" } : { scope: "cstaff.scopeNeeded" }, values, scope }, { status: 400 });
  }
  return redirect(`/staff/consultations/${r.value.consultationId}`);
}

export default function StaffConsultations() {
  const { list, targets, defaults } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  const fieldLang = useFieldLang();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const scope = new Set(data?.scope ?? []);
  return (
    <>
      <StaffNav />
      <h1>{t("cstaff.title")}</h1>
      {list.length === 0 ? <p>{t("cstaff.none")}</p> : null}
      <ul className="cards">
        {list.map((c) => (
          <li key={c.id}>
            <h2>
              <Link to={`/staff/consultations/${c.id}`}>
                <Fr>{c.title}</Fr>
              </Link>
            </h2>
            <p>
              {t(`consult.state.${c.state}`)} · {t("consult.closes", { date: formatParisDateTime(c.closes_at, lng) })} · {c.responses === null ? t("method.lineHidden") : t("consult.respondentsN", { count: c.responses })}
              {c.state === "closed" ? ` · ${t(`cstaff.summaryState.${c.summary}`)}` : null}
            </p>
          </li>
        ))}
      </ul>
      <h2>{t("cstaff.new")}</h2>
      <Form method="post" className="stack" noValidate>
        <Field id="title" label={t("cstaff.titleField")} error={errors.title}>
          <input id="title" name="title" {...fieldLang("title")} type="text" defaultValue={values.title} aria-describedby={describedBy("title", errors.title)} />
        </Field>
        <Field id="titleFalc" label={t("cstaff.titleFalc")} hint={t("cstaff.falcHint")}>
          <input id="titleFalc" name="titleFalc" {...fieldLang("titleFalc")} type="text" defaultValue={values.titleFalc} aria-describedby="titleFalc-hint" />
        </Field>
        <Field id="titleEn" label={t("cstaff.titleEn")}>
          <input id="titleEn" name="titleEn" {...fieldLang("titleEn")} type="text" defaultValue={values.titleEn} />
        </Field>
        <Field id="titleAr" label={t("cstaff.titleAr")}>
          <input id="titleAr" name="titleAr" {...fieldLang("titleAr")} type="text" defaultValue={values.titleAr} />
        </Field>
        {(["description", "descriptionFalc", "descriptionEn", "descriptionAr"] as const).map((f) => (
          <Field key={f} id={f} label={t(`cstaff.${f}`)} error={errors[f]}>
            <textarea id={f} name={f} {...fieldLang(f)} rows={3} defaultValue={values[f]} aria-describedby={describedBy(f, errors[f])} />
          </Field>
        ))}
        <Field id="opensAt" label={t("cstaff.opensAt")} hint={t("cstaff.parisTime")} error={errors.opensAt}>
          <input id="opensAt" name="opensAt" type="datetime-local" defaultValue={values.opensAt ?? defaults.opensAt} aria-describedby={describedBy("opensAt", errors.opensAt, true)} />
        </Field>
        <Field id="closesAt" label={t("cstaff.closesAt")} error={errors.closesAt}>
          <input id="closesAt" name="closesAt" type="datetime-local" defaultValue={values.closesAt ?? defaults.closesAt} aria-describedby={describedBy("closesAt", errors.closesAt)} />
        </Field>
        <fieldset aria-describedby={errors.scope ? "scope-error" : undefined}>
          <legend>{t("cstaff.scope")}</legend>
          {errors.scope ? (
            <p id="scope-error" className="error">
              {t(errors.scope)}
            </p>
          ) : null}
          {targets.map((tg) => (
            <div className="check" key={tg.id}>
              <input type="checkbox" id={`scope-${tg.id}`} name="scope" value={tg.id} defaultChecked={scope.has(tg.id)} />
              <label htmlFor={`scope-${tg.id}`}>{tg.kind === "sous_secteur" ? `${tg.parentName} — ${tg.name}` : `${tg.name} (${t(`territoryKinds.${tg.kind}`)})`}</label>
            </div>
          ))}
        </fieldset>
        <Field id="resultsVisibility" label={t("cstaff.visibility")}>
          <select id="resultsVisibility" name="resultsVisibility" defaultValue={values.resultsVisibility ?? "after_close"}>
            <option value="after_close">{t("cstaff.afterClose")}</option>
            <option value="live">{t("cstaff.live")}</option>
          </select>
        </Field>
        <Field id="eligibility" label={t("cstaff.eligibility")}>
          <select id="eligibility" name="eligibility" defaultValue={values.eligibility ?? "verified"}>
            <option value="verified">{t("cstaff.verifiedOnly")}</option>
            <option value="any">{t("cstaff.anyAccount")}</option>
          </select>
        </Field>
        <button type="submit" className="primary">
          {t("cstaff.create")}
        </button>
      </Form>
    </>
  );
}
