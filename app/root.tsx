import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLocation, useRouteError, useRouteLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { DEFAULT_LANGUAGE, LANGUAGES, directionOf, isStaffArea, type Language } from "./i18n/config.js";
import { I18nProvider, useT } from "./i18n/i18n.js";
import { messagesFor, type Messages } from "./i18n/resources.server.js";
// Named imports of a JSON file bundle only those keys: the fallback below stays small.
import { errors as fallbackErrors, layout as fallbackLayout, languages as fallbackLanguages } from "../public/locales/fr/common.json";
import { langAttrs } from "./ui/Fr.js";
import { errorPageOf } from "./utils/http.js";
import { pageTitle } from "./utils/meta.js";
import { useNonce } from "./utils/nonce.js";
import { readFalc } from "./utils/preferences.js";
import { getViewer } from "./auth/guard.server.js";

export const links: LinksFunction = () => [
  // Outside /build so that pages keep their look when scripts are blocked.
  { rel: "stylesheet", href: "/css/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Error pages get a title too: the root is their boundary.
export const meta: MetaFunction = ({ error, matches }) => {
  if (!error) return [];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return pageTitle(matches, `errors.${errorPageOf(status)}.title`);
};

/** Reload the strings when a client-side navigation enters or leaves the staff area. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || isStaffArea(currentUrl.pathname) !== isStaffArea(nextUrl.pathname);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lng = context.lng ?? DEFAULT_LANGUAGE;
  const viewer = await getViewer(context);
  return json({
    lng,
    dir: directionOf(lng),
    falc: readFalc(request.headers.get("cookie")),
    // Residents' pages carry no staff strings (a few KB less on every page).
    messages: messagesFor(lng, isStaffArea(new URL(request.url).pathname)),
    // Test servers (PQ_I18N_MARKERS=1): a value a text expects and does not get shows as ⟦name⟧.
    markMissing: process.env.PQ_I18N_MARKERS === "1",
    viewer: viewer ? { name: viewer.displayName ?? viewer.identifier ?? "", staff: viewer.grants.some((g) => g.role === "staff" || g.role === "admin"), moderator: viewer.grants.some((g) => g.role === "moderator") } : null,
  });
}

export interface RootData {
  lng: Language;
  dir: "ltr" | "rtl";
  falc: boolean;
  messages: Messages;
  markMissing?: boolean;
  viewer: { name: string; staff: boolean; moderator: boolean } | null;
}

/** The root loader's data; on an error page that failed before it, French defaults. */
export function useRootData(): RootData {
  const data = useRouteLoaderData("root") as RootData | undefined;
  // When the root loader itself failed: French, and only the strings an error page needs.
  return data ?? { lng: DEFAULT_LANGUAGE, dir: "ltr", falc: false, messages: { errors: fallbackErrors, layout: fallbackLayout, languages: fallbackLanguages } as unknown as Messages, viewer: null };
}

export function Layout({ children }: { children: ReactNode }) {
  const { lng, dir, messages, markMissing } = useRootData();
  const nonce = useNonce();
  return (
    <html lang={lng} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider lng={lng} messages={messages} markMissing={markMissing}>
          <Chrome>{children}</Chrome>
        </I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Chrome({ children }: { children: ReactNode }) {
  const { t } = useT();
  const { falc, lng, viewer } = useRootData();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <>
      <a className="skip-link" href="#contenu">
        {t("layout.skipLink")}
      </a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand">
            {t("layout.siteName")}
          </Link>
          {/* Language and « Facile à lire » behind one line: the header stays within a fifth of a phone's screen. */}
          <details className="prefs-menu">
            <summary>
              <svg className="globe" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
                <path d="M1.5 8h13M8 1.5c2 2 2.8 4.2 2.8 6.5S10 12.5 8 14.5M8 1.5C6 3.5 5.2 5.7 5.2 8S6 12.5 8 14.5" fill="none" stroke="currentColor" strokeWidth="1.2" />
              </svg>
              {t("layout.prefs")}
            </summary>
            <div className="prefs">
              <Form method="post" action="/preferences" className="pref-form" reloadDocument>
                <input type="hidden" name="redirectTo" value={here} />
                <label htmlFor="pref-lng">{t("layout.language")}</label>
                <select id="pref-lng" name="lng" defaultValue={lng}>
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l} {...langAttrs(l, lng)}>
                      {t(`languages.${l}`)}
                    </option>
                  ))}
                </select>
                <button type="submit" name="intent" value="language">
                  {t("layout.languageApply")}
                </button>
              </Form>
              <Form method="post" action="/preferences" className="pref-form" reloadDocument>
                <input type="hidden" name="redirectTo" value={here} />
                <input type="hidden" name="falc" value={falc ? "off" : "on"} />
                <button type="submit" name="intent" value="falc" aria-describedby="falc-state">
                  {falc ? t("layout.falcTurnOff") : t("layout.falcTurnOn")}
                </button>
                <span id="falc-state" className="visually-hidden">
                  {falc ? t("layout.falcIsOn") : t("layout.falcIsOff")}
                </span>
              </Form>
            </div>
          </details>
        </div>
        <nav aria-label={t("layout.mainNav")}>
          <ul className="nav-list">
            <li>
              <Link to="/">{t("layout.navPlace")}</Link>
            </li>
            <li>
              <Link to="/contrats">{t("layout.navContracts")}</Link>
            </li>
            {viewer?.staff ? (
              <li>
                <Link to="/staff/codes">{t("layout.navStaff")}</Link>
              </li>
            ) : null}
            {viewer?.moderator ? (
              <li>
                <Link to="/moderation">{t("layout.navModeration")}</Link>
              </li>
            ) : null}
            <li>{viewer ? <Link to="/compte">{t("layout.navAccount")}</Link> : <Link to="/connexion">{t("layout.navLogin")}</Link>}</li>
          </ul>
        </nav>
      </header>
      <main id="contenu" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <ul className="nav-list">
          <li>
            <Link to="/accessibilite">{t("layout.accessibility")}</Link>
          </li>
          <li>
            <Link to="/confidentialite">{t("layout.privacy")}</Link>
          </li>
          <li>
            <Link to="/contrats">{t("layout.navContracts")}</Link>
          </li>
        </ul>
        <p>{t("layout.footerNote")}</p>
      </footer>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = errorPageOf(status);
  const retryAfter = isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "retryAfter" in error.data ? Number((error.data as { retryAfter: unknown }).retryAfter) : null;
  return (
    <div className="error-page">
      <h1>{t(`errors.${known}.title`)}</h1>
      <p>{t(`errors.${known}.body`)}</p>
      {known === 429 && retryAfter ? <p>{t("errors.429.retry", { count: Math.ceil(retryAfter / 60) })}</p> : null}
      <p>
        <Link to="/">{t("errors.home")}</Link>
      </p>
    </div>
  );
}
