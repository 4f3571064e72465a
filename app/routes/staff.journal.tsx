// Staff read their EPCI's audit log; admins read all of it. Filter by action.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole, staffEpciIds } from "../auth/guard.server.js";
import { auditActions, listAudit } from "../domain/audit/audit.server.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { StaffNav } from "../ui/StaffNav.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.auditTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const action = new URL(request.url).searchParams.get("action") || null;
  const epciIds = await staffEpciIds(context.db, viewer);
  const [events, actions] = await Promise.all([listAudit(context.db, { epciIds, action }), auditActions(context.db)]);
  return json({ events, actions, action });
}

export default function Journal() {
  const { events, actions, action } = useLoaderData<typeof loader>();
  const { t, lng } = useT();
  return (
    <>
      <StaffNav />
      <h1>{t("staff.auditTitle")}</h1>
      <Form method="get" className="inline-field">
        <label htmlFor="action">{t("staff.auditFilter")}</label>
        <select id="action" name="action" defaultValue={action ?? ""}>
          <option value="">{t("staff.auditAll")}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <button type="submit">{t("staff.auditApply")}</button>
      </Form>
      {events.length === 0 ? (
        <p>{t("staff.auditEmpty")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="audit-caption">
          <table className="data">
            <caption id="audit-caption">{t("staff.auditCaption", { count: events.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.auditWhen")}</th>
                <th scope="col">{t("staff.auditWho")}</th>
                <th scope="col">{t("staff.auditWhat")}</th>
                <th scope="col">{t("staff.auditTarget")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{formatParisDateTime(e.created_at, lng)}</td>
                  <td>
                    {e.actorName ?? e.actorIdentifier ?? "—"} ({t(`roles.${e.actor_role}`, { defaultValue: e.actor_role })})
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.target_type} {e.target_id}
                    {e.epciName ? (
                      <>
                        {" · "}
                        <Fr>{e.epciName}</Fr>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
