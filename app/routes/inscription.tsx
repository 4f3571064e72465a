// Sign up with an e-mail address or a phone number and a password. The account stays
// unverified until staff verify it or the resident redeems an invitation code.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { presentedDevice } from "../auth/session.server.js";
import { signedInCookies } from "../domain/accounts/sign-in.server.js";
import { fieldErrors, formToObject, signupSchema } from "../domain/accounts/schemas.js";
import { belongingChoices, normalizePhone, signUp } from "../domain/accounts/ways-in.server.js";
import { LIMITS, hitLimits } from "../domain/limits/rate-limit.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { FormAlert } from "../ui/FormAlert.js";
import { PersonDetailsFields } from "../ui/PersonDetailsFields.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signup.title");

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ places: await belongingChoices(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { password: _password, ...values } = formToObject(await request.formData());
  const parsed = signupSchema.safeParse({ ...values, password: _password });
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values, retryAfter: null }, { status: 400 });
  const raw = parsed.data.contact;
  const contact = raw.includes("@") ? (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) ? { email: raw.toLowerCase() } : null) : normalizePhone(raw) ? { phone: normalizePhone(raw)! } : null;
  if (!contact) return json({ errors: { contact: "signup.badContact" }, values, retryAfter: null }, { status: 400 });
  const limited = await hitLimits(context.db, [
    { key: `signup:contact:${"email" in contact ? contact.email : contact.phone}`, limit: LIMITS.signupPerContact },
    { key: `signup:ip:${context.clientIp}`, limit: LIMITS.perIp },
  ]);
  if (!limited.ok) return json({ errors: { _form: "signup.limited" }, values, retryAfter: limited.retryAfterSeconds }, { status: 429 });
  const result = await signUp(context.db, { contact, password: parsed.data.password, displayName: parsed.data.displayName, territoryId: parsed.data.territoryId, ageBand: parsed.data.ageBand ?? null, gender: parsed.data.gender ?? null });
  if (!result.ok) return json({ errors: result.error === "contactTaken" ? { contact: "signup.contactTaken" } : { territoryId: "forms.choose" }, values, retryAfter: null }, { status: 400 });
  return redirect("/compte", { headers: await signedInCookies(context.db, result.value.accountId, { persistent: true, userAgent: request.headers.get("user-agent"), presentedDevice: presentedDevice(request.headers.get("cookie")), secure: context.secure }) });
}

export default function SignUp() {
  const { places } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  return (
    <>
      <h1>{t("signup.title")}</h1>
      <p>{t("signup.intro")}</p>
      <FormAlert error={errors._form} retryAfter={data?.retryAfter} />
      <Form method="post" className="stack" noValidate>
        <Field id="contact" label={t("signup.contact")} hint={t("signup.contactHint")} error={errors.contact}>
          <input id="contact" name="contact" type="text" autoComplete="email" defaultValue={values.contact} aria-describedby={describedBy("contact", errors.contact, true)} />
        </Field>
        <Field id="password" label={t("signup.password")} hint={t("code.passwordHint")} error={errors.password}>
          <input id="password" name="password" type="password" autoComplete="new-password" aria-describedby={describedBy("password", errors.password, true)} />
        </Field>
        <Field id="displayName" label={t("code.displayName")} hint={t("code.displayNameHint")} error={errors.displayName}>
          <input id="displayName" name="displayName" type="text" maxLength={40} defaultValue={values.displayName} aria-describedby={describedBy("displayName", errors.displayName, true)} />
        </Field>
        <Field id="territoryId" label={t("signup.place")} error={errors.territoryId}>
          <select id="territoryId" name="territoryId" defaultValue={values.territoryId ?? ""} aria-describedby={describedBy("territoryId", errors.territoryId)}>
            <option value="">{t("forms.chooseOption")}</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
        <p className="hint">{t("code.detailsWhy")}</p>
        <PersonDetailsFields ageBand={values.ageBand} gender={values.gender} errors={errors} />
        <p className="notice">{t("signup.unverifiedNote")}</p>
        <button type="submit" className="primary">
          {t("signup.submit")}
        </button>
      </Form>
      <p>
        <Link to="/connexion">{t("login.title")}</Link> · <Link to="/code">{t("login.haveCode")}</Link>
      </p>
    </>
  );
}
