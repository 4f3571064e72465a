// Staff: participation settings of their EPCI. None is offered yet: the one stored (under-15s
// posting in debates, off by default) belongs to debates, which do not exist yet; the action
// stays for them, audited.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { listEpcis } from "../domain/territory/queries.server.js";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole, staffEpciIds } from "../auth/guard.server.js";
import { setUnder15CanPost } from "../domain/accounts/ways-in.server.js";
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
  return json({ epcis: rows });
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
      {/* No setting is offered for a feature that does not exist yet: the under-15s' posting
          in debates (stored, off by default) will be set here once debates exist. */}
      <p>{t("staff.noSettings")}</p>
      <ul>
        {epcis.map((e) => (
          <li key={e.id}>
            <Fr>{e.name}</Fr>
          </li>
        ))}
      </ul>
    </>
  );
}
