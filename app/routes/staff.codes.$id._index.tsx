// Staff: one batch — issued, redeemed (per sous-secteur), revoked; where to get its cards
// (the help text, with its FALC, English and Arabic versions); print, export, revoke the unused.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { revokeUnusedCodes, updateBatchHelp } from "../domain/accounts/mutations.server.js";
import { batchHelpSchema, fieldErrors, formToObject } from "../domain/accounts/schemas.js";
import { useT } from "../i18n/i18n.js";
import { ErrorSummary } from "../ui/ErrorSummary.js";
import { Field, describedBy } from "../ui/Field.js";
import { Fr, useFieldLang } from "../ui/Fr.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDate } from "../utils/paris-time.js";
import { requireBatch } from "../utils/staff.server.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "staff.batchTitle", data?.batch.label);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { batch } = await requireBatch(request, context, params.id);
  const url = new URL(request.url);
  return json({ batch, revoked: url.searchParams.get("revoques"), helpSaved: url.searchParams.get("aide") === "1" });
}

const HELP_FIELDS = ["helpText", "helpTextFalc", "helpTextEn", "helpTextAr"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, batch } = await requireBatch(request, context, params.id);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "help") {
    const values = formToObject(form);
    const parsed = batchHelpSchema.safeParse(values);
    if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, { status: 400 });
    const saved = await updateBatchHelp(context.db, viewer, batch.id, parsed.data);
    if (!saved.ok) throw new Response(null, { status: saved.error === "forbidden" ? 403 : 404 });
    return redirect(`/staff/codes/${batch.id}?aide=1`);
  }
  if (intent !== "revoke") throw new Response(null, { status: 400 });
  const result = await revokeUnusedCodes(context.db, viewer, batch.id);
  if (!result.ok) throw new Response(null, { status: result.error === "forbidden" ? 403 : 404 });
  return redirect(`/staff/codes/${batch.id}?revoques=${result.value.revoked}`);
}

export default function Batch() {
  const { batch, revoked, helpSaved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  const fieldLang = useFieldLang();
  const unused = batch.issued - batch.redeemed - batch.revoked;
  const errors: Record<string, string> = data?.errors ?? {};
  const typed: Record<string, string> | null = data?.values ?? null;
  const current: Record<(typeof HELP_FIELDS)[number], string> = { helpText: batch.help_text, helpTextFalc: batch.help_text_falc ?? "", helpTextEn: batch.help_text_en ?? "", helpTextAr: batch.help_text_ar ?? "" };
  return (
    <>
      <p>
        <Link to="/staff/codes">{t("staff.codesTitle")}</Link>
      </p>
      <h1>{batch.label}</h1>
      <ErrorSummary title={t("staff.helpNotSaved")} items={HELP_FIELDS.filter((f) => errors[f]).map((f) => ({ href: `#${f}`, text: t("staff.helpProblem", { field: t(`staff.${f}`), problem: t(errors[f]!) }) }))} />
      {helpSaved ? (
        <p className="notice" role="status">
          {t("staff.helpSaved")}
        </p>
      ) : null}
      {revoked !== null ? (
        <p className="notice" role="status">
          {t("staff.revokedNow", { count: Number(revoked) || 0 })}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("staff.territory")}</dt>
        <dd>
          <Fr>{batch.territoryName}</Fr>
        </dd>
        <dt>{t("staff.expiresOn")}</dt>
        <dd>{formatParisDate(batch.expires_at, lng)}</dd>
        <dt>{t("staff.helpText")}</dt>
        <dd>
          <Fr>{batch.help_text}</Fr>
        </dd>
      </dl>
      <table className="data">
        <caption>{t("staff.tracking")}</caption>
        <tbody>
          <tr>
            <th scope="row">{t("staff.issued")}</th>
            <td>{batch.issued}</td>
          </tr>
          <tr>
            <th scope="row">{t("staff.redeemed")}</th>
            <td>{batch.redeemed}</td>
          </tr>
          <tr>
            <th scope="row">{t("staff.revoked")}</th>
            <td>{batch.revoked}</td>
          </tr>
          <tr>
            <th scope="row">{t("staff.unused")}</th>
            <td>{unused}</td>
          </tr>
        </tbody>
      </table>
      {batch.perSubsector.length > 0 ? (
        <table className="data">
          <caption>{t("staff.perSubsector")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.territory")}</th>
              <th scope="col">{t("staff.redeemed")}</th>
            </tr>
          </thead>
          <tbody>
            {batch.perSubsector.map((r) => (
              <tr key={r.name ?? "none"}>
                <th scope="row">{r.name ? <Fr>{r.name}</Fr> : "—"}</th>
                <td>{r.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="actions">
        <Link className="button-link" to={`/staff/codes/${batch.id}/cartes`}>
          {t("staff.print")}
        </Link>
        <a className="button-link" href={`/staff/codes/${batch.id}/csv`} download>
          {t("staff.csv")}
        </a>
      </div>
      <section aria-labelledby="help-h">
        <h2 id="help-h">{t("staff.helpTitle")}</h2>
        <p className="hint">{t("staff.helpWhere")}</p>
        <Form method="post" className="stack" noValidate>
          {HELP_FIELDS.map((f) => (
            <Field key={f} id={f} label={t(`staff.${f}`)} hint={f === "helpText" ? t("staff.helpTextHint") : f === "helpTextFalc" ? t("staff.helpFalcHint") : undefined} error={errors[f]}>
              <textarea id={f} name={f} {...fieldLang(f)} rows={2} maxLength={200} defaultValue={typed ? typed[f] ?? "" : current[f]} aria-describedby={describedBy(f, errors[f], f === "helpText" || f === "helpTextFalc")} aria-invalid={errors[f] ? true : undefined} />
            </Field>
          ))}
          <button type="submit" name="intent" value="help">
            {t("staff.helpSave")}
          </button>
        </Form>
      </section>
      {unused > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="revoke">
            {t("staff.revokeUnused", { count: unused })}
          </button>
        </Form>
      ) : null}
    </>
  );
}
