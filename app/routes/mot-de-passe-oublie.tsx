// Password reset, step 1: a link goes by mail (SMTP, or the outbox outside production).
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { fieldErrors, formToObject, resetRequestSchema } from "../domain/accounts/schemas.js";
import { requestPasswordReset } from "../domain/accounts/ways-in.server.js";
import { LIMITS, hitLimits } from "../domain/limits/rate-limit.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await request.formData());
  const parsed = resetRequestSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), email: values.email ?? "" }, { status: 400 });
  const limited = await hitLimits(context.db, [
    { key: `reset:email:${parsed.data.email.toLowerCase()}`, limit: LIMITS.signupPerContact },
    { key: `reset:ip:${context.clientIp}`, limit: LIMITS.perIp },
  ]);
  if (limited.ok) await requestPasswordReset(context.db, parsed.data.email, context.publicUrl);
  // The same answer whether or not the address has an account, and when limited.
  return redirect("/mot-de-passe-oublie?envoye=1");
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
  return (
    <>
      <h1>{t("reset.title")}</h1>
      {params.get("envoye") ? (
        <p className="notice" role="status">
          {t("reset.sent")}
        </p>
      ) : null}
      <p>{t("reset.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <Field id="email" label={t("reset.email")} error={errors.email}>
          <input id="email" name="email" type="email" autoComplete="email" defaultValue={data?.email} aria-describedby={describedBy("email", errors.email)} />
        </Field>
        <button type="submit" className="primary">
          {t("reset.submit")}
        </button>
      </Form>
      <p className="hint">{t("reset.pinHint")}</p>
    </>
  );
}
