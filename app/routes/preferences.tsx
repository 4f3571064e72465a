// The language switch and the « Facile à lire » switch: plain forms that set a cookie and come back.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { LANGUAGE_COOKIE, isLanguage } from "../i18n/config.js";
import { preferenceCookie } from "../utils/cookies.js";
import { safeRedirectPath } from "../utils/origin.js";
import { FALC_COOKIE } from "../utils/preferences.js";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const back = safeRedirectPath(form.get("redirectTo"));
  const headers = new Headers();
  const lng = form.get("lng");
  const falc = form.get("falc");
  if (form.get("intent") === "language" && isLanguage(lng)) {
    headers.append("Set-Cookie", preferenceCookie(LANGUAGE_COOKIE, lng, { secure: context.secure }));
    // ?lng= in the page we return to would override the cookie: drop it.
    const url = new URL(back, "http://x");
    url.searchParams.delete("lng");
    return redirect(url.pathname + url.search, { headers });
  }
  if (form.get("intent") === "falc" && (falc === "on" || falc === "off")) {
    headers.append("Set-Cookie", preferenceCookie(FALC_COOKIE, falc === "on" ? "1" : null, { secure: context.secure }));
    return redirect(back, { headers });
  }
  throw new Response(null, { status: 400 });
}

// A component of its own (nothing to show: the loader and the action redirect) so that a
// refused switch gets the 400 page with its message, not a bare 400.
export default function Preferences() {
  return null;
}
