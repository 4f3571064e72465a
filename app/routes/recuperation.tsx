// Lost PIN: the resident brings the recovery code staff issued at a desk, and chooses a new PIN.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { normalizeCode, normalizeIdentifier, westernDigits } from "../domain/accounts/rules.js";
import { fieldErrors, formToObject, recoverySchema } from "../domain/accounts/schemas.js";
import { recoverWithCode } from "../domain/accounts/ways-in.server.js";
import { LIMITS, hitLimits } from "../domain/limits/rate-limit.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { FormAlert } from "../ui/FormAlert.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "recovery.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const { pin: _pin, ...values } = formToObject(await request.formData());
  const parsed = recoverySchema.safeParse({ ...values, pin: _pin });
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values, retryAfter: null }, { status: 400 });
  const identifier = normalizeIdentifier(parsed.data.identifier);
  const limited = await hitLimits(context.db, [
    { key: `recovery:account:${identifier}`, limit: LIMITS.loginPerAccount },
    { key: `recovery:ip:${context.clientIp}`, limit: LIMITS.perIp },
  ]);
  if (!limited.ok) return json({ errors: { _form: "login.limited" }, values, retryAfter: limited.retryAfterSeconds }, { status: 429 });
  const result = await recoverWithCode(context.db, { identifier, code: normalizeCode(parsed.data.code) ?? "", pin: westernDigits(parsed.data.pin).trim() });
  if (!result.ok) return json({ errors: { _form: "recovery.invalid" }, values, retryAfter: null }, { status: 400 });
  return redirect("/connexion?reinitialise=1");
}

export default function Recovery() {
  const data = useActionData<typeof action>();
  const { t } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  return (
    <>
      <h1>{t("recovery.title")}</h1>
      <p>{t("recovery.intro")}</p>
      <FormAlert error={errors._form} retryAfter={data?.retryAfter} />
      <Form method="post" className="stack" noValidate>
        <Field id="identifier" label={t("login.login")} error={errors.identifier}>
          <input id="identifier" name="identifier" type="text" autoCapitalize="none" defaultValue={values.identifier} aria-describedby={describedBy("identifier", errors.identifier)} />
        </Field>
        <Field id="code" label={t("recovery.code")} error={errors.code}>
          <input id="code" name="code" type="text" className="code-input" autoComplete="off" defaultValue={values.code} aria-describedby={describedBy("code", errors.code)} />
        </Field>
        <Field id="pin" label={t("recovery.pin")} hint={t("code.pinHint")} error={errors.pin}>
          <input id="pin" name="pin" type="password" inputMode="numeric" maxLength={6} autoComplete="new-password" aria-describedby={describedBy("pin", errors.pin, true)} />
        </Field>
        <button type="submit" className="primary">
          {t("recovery.submit")}
        </button>
      </Form>
    </>
  );
}
