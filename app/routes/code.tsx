// Redeem an invitation code: step 1 (GET) checks the code, step 2 (POST) creates the
// verified resident account — or verifies the signed-in one — and signs in. Without a card,
// step 1 says where the EPCI's cards are handed out (the chosen quartier's first).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { safeRedirectPath } from "../utils/origin.js";
import { getViewer } from "../auth/guard.server.js";
import { presentedDevice } from "../auth/session.server.js";
import { inspectCode, redeemCode } from "../domain/accounts/mutations.server.js";
import { cardDesks } from "../domain/accounts/queries.server.js";
import { signedInCookies } from "../domain/accounts/sign-in.server.js";
import { deskItems, formatCode, normalizeCode } from "../domain/accounts/rules.js";
import { fieldErrors, formToObject, redeemSchema } from "../domain/accounts/schemas.js";
import { LIMITS, hitLimits } from "../domain/limits/rate-limit.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { Fr } from "../ui/Fr.js";
import { CardDesks } from "../ui/CardDesks.js";
import { FormAlert } from "../ui/FormAlert.js";
import { NewPin, newPinHeaders } from "../ui/NewPin.js";
import { PersonDetailsFields } from "../ui/PersonDetailsFields.js";
import { pageTitle } from "../utils/meta.js";
import { readFalc, readPlaceChoice } from "../utils/preferences.js";

export const headers = newPinHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "code.title");

/** The same-site page that sent the resident here, to go back to after redemption (or null). */
function backTo(raw: string | null | undefined): string | null {
  return raw ? safeRedirectPath(raw, "") || null : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const raw = url.searchParams.get("code");
  const viewer = await getViewer(context);
  const signedIn = viewer ? { name: viewer.displayName ?? viewer.identifier ?? "" } : null;
  const redirectTo = backTo(url.searchParams.get("redirectTo"));
  // Where cards are handed out in the EPCI of the resident's quartier (or of the one chosen on the home page; every EPCI's without).
  const cookie = request.headers.get("cookie");
  const choice = readPlaceChoice(cookie);
  const near = viewer?.territory?.id ?? (choice ? choice.subsectorId ?? choice.placeId : null);
  const desks = async () => deskItems(await cardDesks(context.db, near, "epci"), context.lng, readFalc(cookie));
  if (raw === null) return json({ step: 1 as const, typed: "", problem: null, inspected: null, signedIn, redirectTo, desks: await desks() });
  const code = normalizeCode(raw);
  if (!code) return json({ step: 1 as const, typed: raw.slice(0, 40), problem: "code.badFormat", inspected: null, signedIn, redirectTo, desks: await desks() }, { status: 400 });
  const limited = await hitLimits(context.db, [{ key: `redeem:ip:${context.clientIp}`, limit: LIMITS.perIp }]);
  if (!limited.ok) return json({ step: 1 as const, typed: raw.slice(0, 40), problem: "code.limited", inspected: null, signedIn, redirectTo, desks: await desks() }, { status: 429 });
  const inspected = await inspectCode(context.db, code);
  if (!inspected.ok) return json({ step: 1 as const, typed: formatCode(code), problem: `code.refused.${inspected.error}`, inspected: null, signedIn, redirectTo, desks: await desks() }, { status: 400 });
  return json({ step: 2 as const, typed: formatCode(code), problem: null, inspected: inspected.value, signedIn, redirectTo, desks: [] });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await request.formData());
  const parsed = redeemSchema.safeParse(values);
  const keep = { displayName: values.displayName ?? "", secretKind: values.secretKind ?? "pin", subsectorId: values.subsectorId ?? "", ageBand: values.ageBand ?? "", gender: values.gender ?? "" };
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), keep, retryAfter: null }, { status: 400 });
  const input = parsed.data;
  const limited = await hitLimits(context.db, [
    { key: `redeem:code:${input.code}`, limit: LIMITS.redeemPerCode },
    { key: `redeem:ip:${context.clientIp}`, limit: LIMITS.perIp },
  ]);
  if (!limited.ok) return json({ errors: { _form: "code.limited" }, keep, retryAfter: limited.retryAfterSeconds }, { status: 429 });
  const viewer = await getViewer(context);
  const result = await redeemCode(
    context.db,
    {
      code: input.code,
      displayName: input.displayName,
      secret: input.secretKind === "pin" ? { kind: "pin" } : { kind: "password", value: input.password ?? "" },
      subsectorId: input.subsectorId,
      ageBand: input.ageBand ?? null,
      gender: input.gender ?? null,
    },
    viewer,
  );
  if (!result.ok) {
    const key = result.error === "badSubsector" ? "subsectorId" : "_form";
    return json({ errors: { [key]: result.error === "badSubsector" ? "forms.choose" : `code.refused.${result.error}` }, keep, retryAfter: null }, { status: 400 });
  }
  // Back to the page that asked: at once for a verification, after the new identifier is shown otherwise.
  const back = backTo(values.redirectTo);
  if (!result.value.created) return redirect(back ?? "/compte?verifie=1");
  const headers = await signedInCookies(context.db, result.value.accountId, { persistent: true, userAgent: request.headers.get("user-agent"), presentedDevice: presentedDevice(request.headers.get("cookie")), secure: context.secure });
  const welcome = `/compte?bienvenue=1${back ? `&suite=${encodeURIComponent(back)}` : ""}`;
  if (!result.value.pin) return redirect(welcome, { headers });
  // The drawn PIN is shown once, here, with the identifier; never cached.
  headers.set("Cache-Control", "no-store");
  return json({ errors: {}, keep, retryAfter: null, created: { identifier: result.value.identifier, pin: result.value.pin, next: welcome } }, { headers });
}

export default function RedeemCode() {
  const { step, typed, problem, inspected, signedIn, redirectTo, desks } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useT();
  const errors: Record<string, string> = data?.errors ?? {};
  const keep = data?.keep;
  if (data && "created" in data && data.created)
    return (
      <>
        <h1>{t("code.title")}</h1>
        <NewPin reason="created" identifier={data.created.identifier} pin={data.created.pin} next={data.created.next} />
      </>
    );
  if (step === 1 || !inspected)
    return (
      <>
        <h1>{t("code.title")}</h1>
        <p>{t("code.intro")}</p>
        <Form method="get" className="stack" noValidate>
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <Field id="code" label={t("code.code")} hint={t("code.codeHint")} error={problem}>
            <input id="code" name="code" type="text" className="code-input" autoComplete="off" autoCapitalize="characters" spellCheck={false} defaultValue={typed} aria-describedby={describedBy("code", problem, true)} aria-invalid={problem ? true : undefined} />
          </Field>
          <button type="submit" className="primary">
            {t("code.check")}
          </button>
        </Form>
        <CardDesks desks={desks} />
      </>
    );
  return (
    <>
      <h1>{t("code.title")}</h1>
      <p className="notice">
        {t("code.valid", { code: typed })} <Fr>{inspected.batchTerritory.name}</Fr>
      </p>
      {signedIn ? <p>{t("code.willVerify", { name: signedIn.name })}</p> : null}
      <FormAlert error={errors._form} retryAfter={data?.retryAfter} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="code" value={inspected.code} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        {inspected.subsectors.length > 0 ? (
          <Field id="subsectorId" label={t("code.subsector")} error={errors.subsectorId}>
            <select id="subsectorId" name="subsectorId" defaultValue={keep?.subsectorId ?? ""} aria-describedby={describedBy("subsectorId", errors.subsectorId)}>
              <option value="">{t("forms.chooseOption")}</option>
              {inspected.subsectors.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id="displayName" label={t("code.displayName")} hint={t("code.displayNameHint")} error={errors.displayName}>
          <input id="displayName" name="displayName" type="text" autoComplete="nickname" maxLength={40} defaultValue={keep?.displayName} aria-describedby={describedBy("displayName", errors.displayName, true)} />
        </Field>
        <fieldset>
          <legend>{t("code.secretKind")}</legend>
          <div className="check">
            <input type="radio" id="kind-pin" name="secretKind" value="pin" defaultChecked={(keep?.secretKind ?? "pin") === "pin"} />
            <label htmlFor="kind-pin">{t("code.kindPin")}</label>
          </div>
          <div className="check">
            <input type="radio" id="kind-password" name="secretKind" value="password" defaultChecked={keep?.secretKind === "password"} />
            <label htmlFor="kind-password">{t("code.kindPassword")}</label>
          </div>
        </fieldset>
        <Field id="password" label={t("code.password")} hint={t("code.passwordHint")} error={errors.password}>
          <input id="password" name="password" type="password" autoComplete="new-password" aria-describedby={describedBy("password", errors.password, true)} />
        </Field>
        <p className="hint">{t("code.detailsWhy")}</p>
        <PersonDetailsFields ageBand={keep?.ageBand} gender={keep?.gender} errors={errors} />
        <button type="submit" className="primary">
          {t("code.redeem")}
        </button>
      </Form>
    </>
  );
}
