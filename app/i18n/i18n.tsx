// One i18next instance per language, created synchronously from the strings the root
// loader sent, so server and browser render the same text.
import { createInstance, type i18n as I18n } from "i18next";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, initReactI18next, useTranslation } from "react-i18next";
import { directionOf, type Language } from "./config.js";

/** The marker a missing value leaves in a text on test servers, for the page scan to find. */
export const MISSING_MARK = (name: string) => `⟦${name}⟧`;

export function createI18n(lng: Language, messages: Record<string, unknown>, markMissing = false, forReact = true): I18n {
  const instance = createInstance();
  if (forReact) instance.use(initReactI18next);
  void instance.init({
    lng,
    fallbackLng: false,
    resources: { [lng]: { common: messages } },
    defaultNS: "common",
    ns: ["common"],
    initImmediate: false,
    interpolation: { escapeValue: false },
    ...(markMissing ? { missingInterpolationHandler: (_text: string, value: RegExpExecArray) => MISSING_MARK(value[1]!.trim()) } : {}),
    returnNull: false,
  });
  return instance;
}

export function I18nProvider({ lng, messages, markMissing = false, children }: { lng: Language; messages: Record<string, unknown>; markMissing?: boolean; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(lng, messages, markMissing), [lng, messages, markMissing]);
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}

/**
 * Text in a language other than the page's, for what is printed in fixed languages (a paper
 * ballot is in French, or French and Arabic, whatever the staff member reads the site in).
 */
export function useFixedT(lng: Language, messages: Record<string, unknown>) {
  const { i18n } = useTranslation("common");
  const markMissing = Boolean(i18n.options.missingInterpolationHandler);
  return useMemo(() => createI18n(lng, messages, markMissing, false).t, [lng, messages, markMissing]);
}

export function useT() {
  const { t, i18n } = useTranslation("common");
  const lng = i18n.language as Language;
  return { t, lng, dir: directionOf(lng) };
}
