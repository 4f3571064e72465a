// Password reset, step 2: the link from the mail sets a new password and ends every session.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { fieldErrors, formToObject, newPasswordSchema } from "../domain/accounts/schemas.js";
import { resetPassword } from "../domain/accounts/ways-in.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.newTitle");

export async function loader({ params }: LoaderFunctionArgs) {
  if (!/^[a-z2-7]{20,64}$/.test(params.token ?? "")) throw new Response(null, { status: 404 });
  return json({});
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = newPasswordSchema.safeParse(formToObject(await request.formData()));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await resetPassword(context.db, params.token ?? "", parsed.data.password);
  if (!result.ok) return json({ errors: { _form: "reset.invalid" } }, { status: 400 });
  return redirect("/connexion?reinitialise=1");
}

export default function NewPassword() {
  const data = useActionData<{ errors?: Record<string, string> }>();
  const { t } = useT();
  const errors = data?.errors ?? {};
  return (
    <>
      <h1>{t("reset.newTitle")}</h1>
      {errors._form ? (
        <p className="error" role="alert">
          {t(errors._form)}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <Field id="password" label={t("signup.password")} hint={t("code.passwordHint")} error={errors.password}>
          <input id="password" name="password" type="password" autoComplete="new-password" aria-describedby={describedBy("password", errors.password, true)} />
        </Field>
        <button type="submit" className="primary">
          {t("reset.save")}
        </button>
      </Form>
    </>
  );
}
