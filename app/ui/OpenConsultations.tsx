import { Link } from "@remix-run/react";
import { useT } from "../i18n/i18n.js";
import { InLang, type Version } from "./Fr.js";
import { formatParisDateTime } from "../utils/paris-time.js";

/** Open consultations for the reader's quartier: one tap to the answer page. */
export function OpenConsultations({ items, heading = "consult.openHere" }: { items: { id: number; demo: boolean; closesAt: string; title: Version }[]; heading?: string }) {
  const { t, lng } = useT();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="open-consultations-h" className="open-consultations">
      <h2 id="open-consultations-h">{t(heading)}</h2>
      <ul className="cards">
        {items.map((c) => (
          <li key={c.id}>
            <Link to={`/consultations/${c.id}`} className="big-link">
              <InLang v={c.title} />
            </Link>
            <p className="hint">
              {t("consult.closes", { date: formatParisDateTime(c.closesAt, lng) })}
              {c.demo ? ` · ${t("consult.demoData")}` : ""}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
