// The privacy page: controller, legal basis, what is kept and for how long, rights, cookies.
import type { MetaFunction } from "@remix-run/node";
import { useT } from "../i18n/i18n.js";
import { RETENTION } from "../domain/accounts/retention.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy.title");

export default function Privacy() {
  const { t } = useT();
  return (
    <>
      <h1>{t("privacy.title")}</h1>
      <h2>{t("privacy.controllerTitle")}</h2>
      <p>{t("privacy.controller")}</p>
      <h2>{t("privacy.basisTitle")}</h2>
      <p>{t("privacy.basis")}</p>
      <h2>{t("privacy.whatTitle")}</h2>
      <ul>
        <li>{t("privacy.whatAccount")}</li>
        <li>{t("privacy.whatDetails")}</li>
        <li>{t("privacy.whatSessions", { days: RETENTION.sessionDays })}</li>
        <li>{t("privacy.whatDevices", { days: RETENTION.signInDeviceDays })}</li>
        <li>{t("privacy.whatLimits")}</li>
        <li>{t("privacy.whatCodes", { days: RETENTION.expiredCodeDays })}</li>
        <li>{t("privacy.whatUnverified", { months: RETENTION.unverifiedAccountMonths })}</li>
        <li>{t("privacy.whatAudit")}</li>
        <li>{t("privacy.whatSignatures")}</li>
      </ul>
      <h2>{t("privacy.rightsTitle")}</h2>
      <p>{t("privacy.rights")}</p>
      <p>{t("privacy.cnil")}</p>
      <h2>{t("privacy.cookiesTitle")}</h2>
      <p>{t("privacy.cookies")}</p>
    </>
  );
}
