// Log in: identifier (or e-mail, phone) + PIN (or password). Limited per known device, or
// per account, IP and platform-wide from anywhere else (decision 0018, sign-in.server.ts).
// Below the form: where the EPCI's invitation cards are handed out, for newcomers.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getViewer } from "../auth/guard.server.js";
import { presentedDevice } from "../auth/session.server.js";
import { cardDesks } from "../domain/accounts/queries.server.js";
import { deskItems } from "../domain/accounts/rules.js";
import { fieldErrors, formToObject, loginSchema } from "../domain/accounts/schemas.js";
import { signIn, signedInCookies } from "../domain/accounts/sign-in.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { CardDesks } from "../ui/CardDesks.js";
import { FormAlert } from "../ui/FormAlert.js";
import { NewPin, newPinHeaders } from "../ui/NewPin.js";
import { pageTitle } from "../utils/meta.js";
import { safeRedirectPath } from "../utils/origin.js";
import { readFalc, readPlaceChoice } from "../utils/preferences.js";

export const headers = newPinHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/compte");
  if (await getViewer(context)) return redirect(redirectTo);
  const cookie = request.headers.get("cookie");
  const choice = readPlaceChoice(cookie);
  const desks = deskItems(await cardDesks(context.db, choice ? choice.subsectorId ?? choice.placeId : null, "epci"), context.lng, readFalc(cookie));
  return json({ redirectTo, reset: new URL(request.url).searchParams.get("reinitialise") === "1", desks });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await request.formData());
  const parsed = loginSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), login: values.login ?? "", retryAfter: null, newPin: null }, { status: 400 });
  const { login, secret, shared } = parsed.data;
  const device = presentedDevice(request.headers.get("cookie"));
  const result = await signIn(context.db, { login, secret, deviceToken: device, clientIp: context.clientIp });
  if (!result.ok) return json({ errors: { _form: `login.${result.refusal}` }, login, retryAfter: result.retryAfterSeconds, newPin: null }, { status: result.refusal === "wrong" || result.refusal === "weakPin" ? 400 : 429 });
  const headers = await signedInCookies(context.db, result.accountId, { persistent: !shared, userAgent: request.headers.get("user-agent"), presentedDevice: device, secure: context.secure });
  const next = safeRedirectPath(parsed.data.redirectTo, "/compte");
  if (!result.newPin) return redirect(next, { headers });
  // A PIN the resident had chosen was just replaced by a drawn one: shown once, never cached.
  headers.set("Cache-Control", "no-store");
  return json({ errors: {}, login, retryAfter: null, newPin: { pin: result.newPin, next } }, { headers });
}

export default function Login() {
  const { redirectTo, reset, desks } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
  if (data?.newPin)
    return (
      <>
        <h1>{t("login.title")}</h1>
        <NewPin reason="replaced" pin={data.newPin.pin} next={data.newPin.next} />
      </>
    );
  return (
    <>
      <h1>{t("login.title")}</h1>
      {reset ? (
        <p className="notice" role="status">
          {t("login.resetDone")}
        </p>
      ) : null}
      <p>{t("login.intro")}</p>
      <FormAlert error={errors._form} retryAfter={data?.retryAfter} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field id="login" label={t("login.login")} hint={t("login.loginHint")} error={errors.login}>
          <input id="login" name="login" type="text" autoComplete="username" autoCapitalize="none" defaultValue={data?.login} aria-describedby={describedBy("login", errors.login, true)} aria-invalid={errors.login ? true : undefined} />
        </Field>
        <Field id="secret" label={t("login.secret")} error={errors.secret}>
          <input id="secret" name="secret" type="password" autoComplete="current-password" aria-describedby={describedBy("secret", errors.secret)} aria-invalid={errors.secret ? true : undefined} />
        </Field>
        <div className="check">
          <input id="shared" name="shared" type="checkbox" />
          <label htmlFor="shared">{t("login.shared")}</label>
        </div>
        <button type="submit" className="primary">
          {t("login.submit")}
        </button>
      </Form>
      <ul>
        <li>
          {t("login.noAccount")} <Link to="/code">{t("login.haveCode")}</Link>
        </li>
        <li>
          <Link to="/inscription">{t("login.signup")}</Link>
        </li>
        <li>
          <Link to="/mot-de-passe-oublie">{t("login.forgotPassword")}</Link>
        </li>
        <li>
          <Link to="/recuperation">{t("login.lostPin")}</Link>
        </li>
      </ul>
      <CardDesks desks={desks} />
    </>
  );
}
