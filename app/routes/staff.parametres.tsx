// Staff: participation settings of their EPCI (under-15s posting in debates: off by default).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { listEpcis } from "../domain/territory/queries.server.js";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireRole, staffEpciIds } from "../auth/guard.server.js";
import { setUnder15CanPost, under15CanPost } from "../domain/accounts/ways-in.server.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { StaffNav } from "../ui/StaffNav.js";
import { parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.settingsTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const epcis = await staffEpciIds(context.db, viewer);
  const rows = await listEpcis(context.db, epcis);
  return json({ epcis: await Promise.all(rows.map(async (e) => ({ ...e, under15: await under15CanPost(context.db, e.id) }))) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const form = await request.formData();
  const epciId = parseId(String(form.get("epciId") ?? ""));
  if (form.get("intent") !== "under15" || !epciId) throw new Response(null, { status: 400 });
  const r = await setUnder15CanPost(context.db, viewer, epciId, form.get("allowed") === "on");
  if (!r.ok) throw new Response(null, { status: 403 });
  return redirect("/staff/parametres");
}

export default function StaffSettings() {
  const { epcis } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <StaffNav />
      <h1>{t("staff.settingsTitle")}</h1>
      {epcis.map((e) => (
        <section key={e.id} aria-labelledby={`epci-${e.id}`}>
          <h2 id={`epci-${e.id}`}>
            <Fr>{e.name}</Fr>
          </h2>
          <Form method="post" className="stack">
            <input type="hidden" name="epciId" value={e.id} />
            <div className="check">
              <input id={`under15-${e.id}`} name="allowed" type="checkbox" defaultChecked={e.under15} />
              <label htmlFor={`under15-${e.id}`}>{t("staff.under15")}</label>
            </div>
            <p className="hint">{t("staff.under15Hint")}</p>
            <button type="submit" name="intent" value="under15">
              {t("staff.save")}
            </button>
          </Form>
        </section>
      ))}
    </>
  );
}
