// Log in: identifier (or e-mail, phone) + PIN (or password). Limited per account and per IP.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getViewer } from "../auth/guard.server.js";
import { createSession, sessionCookie } from "../auth/session.server.js";
import { authenticate } from "../domain/accounts/mutations.server.js";
import { normalizeIdentifier } from "../domain/accounts/rules.js";
import { fieldErrors, formToObject, loginSchema } from "../domain/accounts/schemas.js";
import { LIMITS, clearLimit, hitLimits } from "../domain/limits/rate-limit.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { FormAlert } from "../ui/FormAlert.js";
import { pageTitle } from "../utils/meta.js";
import { safeRedirectPath } from "../utils/origin.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/compte");
  if (await getViewer(context)) return redirect(redirectTo);
  return json({ redirectTo, reset: new URL(request.url).searchParams.get("reinitialise") === "1" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await request.formData());
  const parsed = loginSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), login: values.login ?? "", retryAfter: null }, { status: 400 });
  const { login, secret, shared } = parsed.data;
  const accountKey = `login:account:${normalizeIdentifier(login)}`;
  const limited = await hitLimits(context.db, [
    { key: accountKey, limit: LIMITS.loginPerAccount },
    { key: `login:ip:${context.clientIp}`, limit: LIMITS.perIp },
  ]);
  if (!limited.ok) return json({ errors: { _form: "login.limited" }, login, retryAfter: limited.retryAfterSeconds }, { status: 429 });
  const account = await authenticate(context.db, login, secret);
  if (!account) return json({ errors: { _form: "login.wrong" }, login, retryAfter: null }, { status: 400 });
  await clearLimit(context.db, accountKey);
  const { token } = await createSession(context.db, account.accountId, { persistent: !shared, userAgent: request.headers.get("user-agent") });
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/compte"), { headers: { "Set-Cookie": sessionCookie(token, { persistent: !shared, secure: context.secure }) } });
}

export default function Login() {
  const { redirectTo, reset } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
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
    </>
  );
}
