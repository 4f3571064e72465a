import type { MetaFunction } from "@remix-run/node";
import { useT } from "../i18n/i18n.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "a11y.title");

export default function AccessibilityStatement() {
  const { t } = useT();
  return (
    <>
      <h1>{t("a11y.title")}</h1>
      <p>{t("a11y.commitment")}</p>
      <h2>{t("a11y.statusTitle")}</h2>
      <p>{t("a11y.status")}</p>
      <h2>{t("a11y.testsTitle")}</h2>
      <p>{t("a11y.tests")}</p>
      <h2>{t("a11y.limitsTitle")}</h2>
      <p>{t("a11y.limits")}</p>
      <h2>{t("a11y.contactTitle")}</h2>
      <p>{t("a11y.contact")}</p>
      <h2>{t("a11y.remedyTitle")}</h2>
      <p>{t("a11y.remedy")}</p>
      <p className="hint">{t("a11y.date")}</p>
    </>
  );
}
