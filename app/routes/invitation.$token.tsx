// A one-time invitation link for staff, council members and moderators: it creates the
// account (or adds the role to the signed-in one) and grants the role.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getViewer } from "../auth/guard.server.js";
import { presentedDevice } from "../auth/session.server.js";
import { signedInCookies } from "../domain/accounts/sign-in.server.js";
import { acceptInvitationSchema, fieldErrors, formToObject } from "../domain/accounts/schemas.js";
import { acceptRoleInvitation, inspectRoleInvitation } from "../domain/accounts/ways-in.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { Fr } from "../ui/Fr.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invite.title");

export async function loader({ params, context }: LoaderFunctionArgs) {
  const inv = /^[a-z2-7]{20,64}$/.test(params.token ?? "") ? await inspectRoleInvitation(context.db, params.token!) : undefined;
  if (!inv) throw new Response(null, { status: 404 });
  const viewer = await getViewer(context);
  const usable = !inv.used_at && inv.expires_at.getTime() > Date.now();
  return json({ invitation: { role: inv.role, college: inv.college, territoryName: inv.territoryName }, usable, signedInAs: viewer ? viewer.displayName ?? viewer.identifier : null }, { status: usable ? 200 : 410 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await getViewer(context);
  if (viewer) {
    const result = await acceptRoleInvitation(context.db, params.token ?? "", { current: viewer });
    if (!result.ok) return json({ errors: { _form: "invite.invalid" }, values: {} as Record<string, string> }, { status: 400 });
    return redirect("/compte");
  }
  const { password: _password, ...values } = formToObject(await request.formData());
  const parsed = acceptInvitationSchema.safeParse({ ...values, password: _password });
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await acceptRoleInvitation(context.db, params.token ?? "", parsed.data);
  if (!result.ok) return json({ errors: result.error === "identifierTaken" ? { identifier: "invite.identifierTaken" } : { _form: "invite.invalid" }, values }, { status: 400 });
  return redirect("/compte", { headers: await signedInCookies(context.db, result.value.accountId, { persistent: true, userAgent: request.headers.get("user-agent"), presentedDevice: presentedDevice(request.headers.get("cookie")), secure: context.secure }) });
}

export default function AcceptInvitation() {
  const { invitation, usable, signedInAs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  return (
    <>
      <h1>{t("invite.title")}</h1>
      <p>
        {t("invite.role", { role: t(`roles.${invitation.role}`) })} <Fr>{invitation.territoryName}</Fr>
        {invitation.college ? ` (${t(`colleges.${invitation.college}`)})` : null}
      </p>
      {!usable ? (
        <p className="error" role="alert">
          {t("invite.invalid")}
        </p>
      ) : (
        <>
          {errors._form ? (
            <p className="error" role="alert">
              {t(errors._form)}
            </p>
          ) : null}
          <Form method="post" className="stack" noValidate>
            {signedInAs ? (
              <p>{t("invite.addToCurrent", { name: signedInAs })}</p>
            ) : (
              <>
                <Field id="identifier" label={t("invite.identifier")} hint={t("invite.identifierHint")} error={errors.identifier}>
                  <input id="identifier" name="identifier" type="text" autoCapitalize="none" autoComplete="username" defaultValue={values.identifier} aria-describedby={describedBy("identifier", errors.identifier, true)} />
                </Field>
                <Field id="displayName" label={t("code.displayName")} error={errors.displayName}>
                  <input id="displayName" name="displayName" type="text" autoComplete="name" defaultValue={values.displayName} aria-describedby={describedBy("displayName", errors.displayName)} />
                </Field>
                <Field id="password" label={t("signup.password")} hint={t("code.passwordHint")} error={errors.password}>
                  <input id="password" name="password" type="password" autoComplete="new-password" aria-describedby={describedBy("password", errors.password, true)} />
                </Field>
              </>
            )}
            <button type="submit" className="primary">
              {t("invite.accept")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
