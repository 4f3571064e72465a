// Staff: residents of their EPCI — verify an account, or issue a recovery code for a lost PIN.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, staffEpciIds } from "../auth/guard.server.js";
import { issueRecoveryCode, listResidentsForStaff, verifyResident } from "../domain/accounts/ways-in.server.js";
import { RECOVERY_HOURS } from "../domain/accounts/rules.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { StaffNav } from "../ui/StaffNav.js";
import { parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDate } from "../utils/paris-time.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.residentsTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim().slice(0, 60) || null;
  const unverifiedOnly = url.searchParams.get("tous") !== "1";
  const residents = await listResidentsForStaff(context.db, await staffEpciIds(context.db, viewer), { unverifiedOnly, q });
  return json({ residents, q, unverifiedOnly });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const form = await request.formData();
  const accountId = parseId(String(form.get("accountId") ?? ""));
  if (!accountId) throw new Response(null, { status: 400 });
  const intent = form.get("intent");
  if (intent === "verify") {
    const r = await verifyResident(context.db, viewer, accountId);
    if (!r.ok) throw new Response(null, { status: r.error === "forbidden" ? 403 : 404 });
    return json({ done: "staff.verifiedDone" as string, recovery: null as string | null, accountId });
  }
  if (intent === "recovery") {
    const r = await issueRecoveryCode(context.db, viewer, accountId);
    if (!r.ok) throw new Response(null, { status: r.error === "forbidden" ? 403 : 404 });
    return json({ done: "staff.recoveryDone", recovery: r.value.code, accountId });
  }
  throw new Response(null, { status: 400 });
}

export default function StaffResidents() {
  const { residents, q, unverifiedOnly } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  return (
    <>
      <StaffNav />
      <h1>{t("staff.residentsTitle")}</h1>
      {data?.done ? (
        <div className="notice" role="status">
          <p>{t(data.done)}</p>
          {data.recovery ? (
            <p>
              {t("staff.recoveryCode")} <strong className="code-big">{data.recovery}</strong> — {t("staff.recoveryHint", { hours: RECOVERY_HOURS })}
            </p>
          ) : null}
        </div>
      ) : null}
      <Form method="get" className="search-form" role="search">
        <label htmlFor="rq">{t("staff.residentsSearch")}</label>
        <div className="inline-field">
          <input id="rq" name="q" type="search" defaultValue={q ?? ""} />
          <button type="submit">{t("contract.searchButton")}</button>
        </div>
        <div className="check">
          <input id="tous" name="tous" type="checkbox" value="1" defaultChecked={!unverifiedOnly} />
          <label htmlFor="tous">{t("staff.residentsAll")}</label>
        </div>
      </Form>
      {residents.length === 0 ? <p>{t("staff.residentsNone")}</p> : null}
      <ul className="cards">
        {residents.map((r) => (
          <li key={r.id}>
            <h2>{r.display_name ?? r.identifier ?? r.email ?? r.phone}</h2>
            <p>
              {[r.identifier, r.email, r.phone].filter(Boolean).join(" · ")} — <Fr>{r.territoryName}</Fr> · {t("staff.since", { date: formatParisDate(r.created_at, lng) })} ·{" "}
              {r.verified_at ? t("account.verified") : t("account.unverified")}
            </p>
            <div className="actions">
              {!r.verified_at ? (
                <Form method="post">
                  <input type="hidden" name="accountId" value={r.id} />
                  <button type="submit" name="intent" value="verify">
                    {t("staff.verify")}
                  </button>
                </Form>
              ) : null}
              {r.identifier || r.phone ? (
                <Form method="post">
                  <input type="hidden" name="accountId" value={r.id} />
                  <button type="submit" name="intent" value="recovery">
                    {t("staff.issueRecovery")}
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
