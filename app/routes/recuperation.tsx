// Lost PIN: the resident brings the recovery code staff issued at a desk, and gets a new
// PIN drawn by the system (decision 0018), shown once; this device is then signed in.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { presentedDevice } from "../auth/session.server.js";
import { normalizeCode, normalizeIdentifier } from "../domain/accounts/rules.js";
import { fieldErrors, formToObject, recoverySchema } from "../domain/accounts/schemas.js";
import { signedInCookies } from "../domain/accounts/sign-in.server.js";
import { recoverWithCode } from "../domain/accounts/ways-in.server.js";
import { LIMITS, hitLimits } from "../domain/limits/rate-limit.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { FormAlert } from "../ui/FormAlert.js";
import { NewPin, newPinHeaders } from "../ui/NewPin.js";
import { pageTitle } from "../utils/meta.js";

export const headers = newPinHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "recovery.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await request.formData());
  const parsed = recoverySchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values, retryAfter: null, pin: null }, { status: 400 });
  const identifier = normalizeIdentifier(parsed.data.identifier);
  const limited = await hitLimits(context.db, [
    { key: `recovery:account:${identifier}`, limit: LIMITS.loginPerAccount },
    { key: `recovery:ip:${context.clientIp}`, limit: LIMITS.perIp },
  ]);
  if (!limited.ok) return json({ errors: { _form: "login.limited" }, values, retryAfter: limited.retryAfterSeconds, pin: null }, { status: 429 });
  const result = await recoverWithCode(context.db, { identifier, code: normalizeCode(parsed.data.code) ?? "" });
  if (!result.ok) return json({ errors: { _form: "recovery.invalid" }, values, retryAfter: null, pin: null }, { status: 400 });
  const persistent = values.shared !== "on";
  const headers = await signedInCookies(context.db, result.value.accountId, { persistent, userAgent: request.headers.get("user-agent"), presentedDevice: presentedDevice(request.headers.get("cookie")), secure: context.secure });
  headers.set("Cache-Control", "no-store");
  return json({ errors: {}, values: {}, retryAfter: null, pin: result.value.pin }, { headers });
}

export default function Recovery() {
  const data = useActionData<typeof action>();
  const { t } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  if (data?.pin)
    return (
      <>
        <h1>{t("recovery.title")}</h1>
        <NewPin reason="recovered" pin={data.pin} next="/compte" />
      </>
    );
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
        <div className="check">
          <input id="shared" name="shared" type="checkbox" defaultChecked={values.shared === "on"} />
          <label htmlFor="shared">{t("login.shared")}</label>
        </div>
        <button type="submit" className="primary">
          {t("recovery.submit")}
        </button>
      </Form>
    </>
  );
}
