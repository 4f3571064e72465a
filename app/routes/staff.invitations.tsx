// Staff: one-time invitation links for staff of their EPCI, and council members and
// moderators of its QPVs. The link is shown once; only its hash is kept.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, staffEpciIds } from "../auth/guard.server.js";
import { fieldErrors, formToObject, invitationSchema } from "../domain/accounts/schemas.js";
import { invitablePlaces, isAdmin, issueRoleInvitation } from "../domain/accounts/ways-in.server.js";
import { INVITATION_DAYS } from "../domain/accounts/rules.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { StaffNav } from "../ui/StaffNav.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.invitationsTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const epcis = await staffEpciIds(context.db, viewer);
  const places = await invitablePlaces(context.db, epcis);
  // Only an admin invites staff: staff see only the QPVs, for council members and moderators.
  const admin = isAdmin(viewer);
  return json({ places: admin ? places : places.filter((p) => p.kind !== "epci"), admin });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const values = formToObject(await request.formData());
  const parsed = invitationSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values, link: null }, { status: 400 });
  const result = await issueRoleInvitation(context.db, viewer, { role: parsed.data.role, territoryId: parsed.data.territoryId, college: parsed.data.college ?? null, note: parsed.data.note || null });
  if (!result.ok) {
    if (result.error === "forbidden") throw new Response(null, { status: 403 });
    return json({ errors: { territoryId: "staff.inviteWrongPlace" }, values, link: null }, { status: 400 });
  }
  const origin = context.publicUrl;
  return json({ errors: {} as Record<string, string>, values: {} as Record<string, string>, link: `${origin}/invitation/${result.value.token}` });
}

export default function StaffInvitations() {
  const { places, admin } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  return (
    <>
      <StaffNav />
      <h1>{t("staff.invitationsTitle")}</h1>
      <p>{t("staff.invitationsIntro", { days: INVITATION_DAYS })}</p>
      {data?.link ? (
        <div className="notice" role="status">
          <p>{t("staff.inviteLink")}</p>
          <p>
            <code className="wrap" dir="ltr">
              {data.link}
            </code>
          </p>
        </div>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <Field id="role" label={t("staff.inviteRole")} error={errors.role}>
          <select id="role" name="role" defaultValue={values.role ?? ""} aria-describedby={describedBy("role", errors.role)}>
            <option value="">{t("forms.chooseOption")}</option>
            {(admin ? (["council_member", "moderator", "staff"] as const) : (["council_member", "moderator"] as const)).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="territoryId" label={t("staff.invitePlace")} hint={t("staff.invitePlaceHint")} error={errors.territoryId}>
          <select id="territoryId" name="territoryId" defaultValue={values.territoryId ?? ""} aria-describedby={describedBy("territoryId", errors.territoryId, true)}>
            <option value="">{t("forms.chooseOption")}</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({t(p.kind === "epci" ? "staff.epci" : "territoryKinds.qpv")})
              </option>
            ))}
          </select>
        </Field>
        <Field id="college" label={t("staff.inviteCollege")} error={errors.college}>
          <select id="college" name="college" defaultValue={values.college ?? ""}>
            <option value="">{t("forms.chooseOption")}</option>
            <option value="habitants">{t("colleges.habitants")}</option>
            <option value="associations">{t("colleges.associations")}</option>
          </select>
        </Field>
        <Field id="note" label={t("staff.inviteNote")} error={errors.note}>
          <input id="note" name="note" type="text" maxLength={200} defaultValue={values.note} />
        </Field>
        <button type="submit" className="primary">
          {t("staff.inviteCreate")}
        </button>
      </Form>
    </>
  );
}
