// The paper side of a consultation for staff: print, type ballots, tally sheets, results, exports.
import { Form, Link, useLocation, useSearchParams } from "@remix-run/react";
import { useT } from "../i18n/i18n.js";

export function LedgerNav({ id, title, current }: { id: number; title: string; current?: "bulletins" | "saisie" | "proces-verbal" }) {
  const { t } = useT();
  const links = [
    ["bulletins", "ledger.printTitle"],
    ["saisie", "ledger.typeTitle"],
    ["proces-verbal", "ledger.tallyTitle"],
  ] as const;
  return (
    <nav aria-label={t("ledger.nav", { title })} className="ledger-nav no-print">
      <ul className="nav-list">
        <li>
          <Link to={`/staff/consultations/${id}`}>{title}</Link>
        </li>
        {links.map(([path, key]) => (
          <li key={path}>
            <Link to={`/staff/consultations/${id}/${path}`} aria-current={current === path ? "page" : undefined}>
              {t(key)}
            </Link>
          </li>
        ))}
        <li>
          <Link to={`/consultations/${id}/resultats`}>{t("ledger.results")}</Link>
        </li>
      </ul>
    </nav>
  );
}

/** Voids one typed entry: a reason is required, and the entry stays listed as voided. */
export function VoidForm({ id, label }: { id: number; label: string }) {
  const { t } = useT();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="responseId" value={id} />
      <label htmlFor={`reason-${id}`}>{t("ledger.voidReason", { label })}</label>
      <input id={`reason-${id}`} name="reason" type="text" maxLength={300} required />
      <button type="submit" name="intent" value="void">
        {t("ledger.void")}
      </button>
    </Form>
  );
}

/**
 * Paging through a long ledger, newest first: « plus anciennes » continues after the last entry
 * shown, and the other query parameters (what the entry form keeps) are kept.
 */
export function LedgerPager({ olderThan }: { olderThan: number | null }) {
  const { t } = useT();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const at = (before: number | null) => {
    const next = new URLSearchParams(params);
    for (const notice of ["saisi", "annule", "confirme"]) next.delete(notice);
    if (before) next.set("avant", String(before));
    else next.delete("avant");
    const query = next.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  if (!olderThan && !params.get("avant")) return null;
  return (
    <nav aria-label={t("ledger.pages")} className="pager">
      <ul className="nav-list">
        {params.get("avant") ? (
          <li>
            <Link to={at(null)}>{t("ledger.newest")}</Link>
          </li>
        ) : null}
        {olderThan ? (
          <li>
            <Link to={at(olderThan)}>{t("ledger.older")}</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
