import { NavLink } from "@remix-run/react";
import { useT } from "../i18n/i18n.js";

/** The staff area's own navigation. */
export function StaffNav() {
  const { t } = useT();
  const links = [
    ["/staff/consultations", "staff.consultationsTitle"],
    ["/staff/codes", "staff.codesTitle"],
    ["/staff/habitants", "staff.residentsTitle"],
    ["/staff/invitations", "staff.invitationsTitle"],
    ["/staff/contrats", "staff.contractsTitle"],
    ["/staff/parametres", "staff.settingsTitle"],
    ["/staff/journal", "staff.auditTitle"],
  ] as const;
  return (
    <nav aria-label={t("staff.nav")} className="staff-nav">
      <ul className="nav-list">
        {links.map(([to, key]) => (
          <li key={to}>
            <NavLink to={to} end>
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
