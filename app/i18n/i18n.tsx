// One i18next instance per language, created synchronously from the strings the root
// loader sent, so server and browser render the same text.
import { createInstance, type i18n as I18n } from "i18next";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, initReactI18next, useTranslation } from "react-i18next";
import { directionOf, type Language } from "./config.js";

/** The marker a missing value leaves in a text on test servers, for the page scan to find. */
export const MISSING_MARK = (name: string) => `⟦${name}⟧`;

export function createI18n(lng: Language, messages: Record<string, unknown>, markMissing = false): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
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

export function useT() {
  const { t, i18n } = useTranslation("common");
  const lng = i18n.language as Language;
  return { t, lng, dir: directionOf(lng) };
}
