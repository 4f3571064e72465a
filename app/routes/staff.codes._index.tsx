// Staff: invitation code batches of their EPCI — create one, see each batch's use.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, staffEpciIds } from "../auth/guard.server.js";
import { createInvitationBatch } from "../domain/accounts/mutations.server.js";
import { codeTargets, listBatches } from "../domain/accounts/queries.server.js";
import { batchSchema, fieldErrors, formToObject } from "../domain/accounts/schemas.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { Fr } from "../ui/Fr.js";
import { StaffNav } from "../ui/StaffNav.js";
import { pageTitle } from "../utils/meta.js";
import { endOfParisDay, formatParisDate } from "../utils/paris-time.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.codesTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const epcis = await staffEpciIds(context.db, viewer);
  const [batches, targets] = await Promise.all([listBatches(context.db, epcis), codeTargets(context.db, epcis)]);
  const inThreeMonths = new Date(Date.now() + 92 * 24 * 3600_000).toISOString().slice(0, 10);
  return json({ batches, targets, defaultExpiry: inThreeMonths });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const values = formToObject(await request.formData());
  const parsed = batchSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const expiresAt = endOfParisDay(parsed.data.expiresOn);
  if (!expiresAt || expiresAt.getTime() <= Date.now()) return json({ errors: { expiresOn: "staff.expiryFuture" }, values }, { status: 400 });
  const result = await createInvitationBatch(context.db, viewer, { ...parsed.data, expiresAt });
  if (!result.ok) {
    if (result.error === "forbidden") throw new Response(null, { status: 403 });
    return json({ errors: { territoryId: "forms.choose" }, values }, { status: 400 });
  }
  return redirect(`/staff/codes/${result.value.batchId}`);
}

export default function StaffCodes() {
  const { batches, targets, defaultExpiry } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  return (
    <>
      <StaffNav />
      <h1>{t("staff.codesTitle")}</h1>
      <section aria-labelledby="batches-h">
        <h2 id="batches-h">{t("staff.batches")}</h2>
        {batches.length === 0 ? <p>{t("staff.noBatch")}</p> : null}
        <ul className="cards">
          {batches.map((b) => (
            <li key={b.id}>
              <h3>
                <Link to={`/staff/codes/${b.id}`}>{b.label}</Link>
              </h3>
              <p>
                <Fr>{b.territoryName}</Fr> · {t("staff.usage", { count: b.redeemed ?? 0, size: b.size })} · {t("staff.expires", { date: formatParisDate(b.expires_at, lng) })}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="new-h">
        <h2 id="new-h">{t("staff.newBatch")}</h2>
        <Form method="post" className="stack" noValidate>
          <Field id="territoryId" label={t("staff.territory")} hint={t("staff.territoryHint")} error={errors.territoryId}>
            <select id="territoryId" name="territoryId" defaultValue={values.territoryId ?? ""} aria-describedby={describedBy("territoryId", errors.territoryId, true)}>
              <option value="">{t("forms.chooseOption")}</option>
              {targets.map((tg) => (
                <option key={tg.id} value={tg.id}>
                  {tg.kind === "sous_secteur" ? `${tg.parentName} — ${tg.name}` : `${tg.name} (${t(`territoryKinds.${tg.kind}`)})`}
                </option>
              ))}
            </select>
          </Field>
          <Field id="label" label={t("staff.label")} hint={t("staff.labelHint")} error={errors.label}>
            <input id="label" name="label" type="text" maxLength={120} defaultValue={values.label} aria-describedby={describedBy("label", errors.label, true)} />
          </Field>
          <Field id="size" label={t("staff.size")} error={errors.size}>
            <input id="size" name="size" type="number" min={1} max={5000} defaultValue={values.size ?? "100"} aria-describedby={describedBy("size", errors.size)} />
          </Field>
          <Field id="expiresOn" label={t("staff.expiresOn")} error={errors.expiresOn}>
            <input id="expiresOn" name="expiresOn" type="date" defaultValue={values.expiresOn ?? defaultExpiry} aria-describedby={describedBy("expiresOn", errors.expiresOn)} />
          </Field>
          <Field id="helpText" label={t("staff.helpText")} hint={t("staff.helpTextHint")} error={errors.helpText}>
            <input id="helpText" name="helpText" type="text" maxLength={200} defaultValue={values.helpText} aria-describedby={describedBy("helpText", errors.helpText, true)} />
          </Field>
          <button type="submit" className="primary">
            {t("staff.create")}
          </button>
        </Form>
      </section>
    </>
  );
}
