// Staff: one batch — issued, redeemed (per sous-secteur), revoked; print, export, revoke the unused.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { revokeUnusedCodes } from "../domain/accounts/mutations.server.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDate } from "../utils/paris-time.js";
import { requireBatch } from "../utils/staff.server.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "staff.batchTitle", data?.batch.label);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { batch } = await requireBatch(request, context, params.id);
  return json({ batch, revoked: new URL(request.url).searchParams.get("revoques") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, batch } = await requireBatch(request, context, params.id);
  const form = await request.formData();
  if (form.get("intent") !== "revoke") throw new Response(null, { status: 400 });
  const result = await revokeUnusedCodes(context.db, viewer, batch.id);
  if (!result.ok) throw new Response(null, { status: result.error === "forbidden" ? 403 : 404 });
  return redirect(`/staff/codes/${batch.id}?revoques=${result.value.revoked}`);
}

export default function Batch() {
  const { batch, revoked } = useLoaderData<typeof loader>();
  const { t, lng } = useT();
  const unused = batch.issued - batch.redeemed - batch.revoked;
  return (
    <>
      <p>
        <Link to="/staff/codes">{t("staff.codesTitle")}</Link>
      </p>
      <h1>{batch.label}</h1>
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
        <dd>{batch.help_text}</dd>
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
