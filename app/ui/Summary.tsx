// A consultation's published summary (« synthèse »): what residents said, what will be done,
// in the reader's version, with the day it was published (and last changed, when it was),
// and the conseils citoyens that co-signed it; « Écouter » reads each text aloud where the
// browser can.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../i18n/i18n.js";
import { formatParisDate } from "../utils/paris-time.js";
import { Fr, InLang, type Version } from "./Fr.js";
import { Listen } from "./Listen.js";

export interface SummaryView {
  said: Version;
  nextSteps: Version;
  publishedAt: Date | string | null;
  updatedAt: Date | string;
  /** The councils that co-signed; `current` when they signed the text as it is now. */
  signatures: { qpvId: number; name: string; signedAt: Date | string; current: boolean }[];
}

export function SummarySection({ s, children }: { s: SummaryView; children?: ReactNode }) {
  const { t, lng } = useT();
  const published = s.publishedAt ? formatParisDate(s.publishedAt, lng) : null;
  const updated = formatParisDate(s.updatedAt, lng);
  return (
    <section aria-labelledby="summary-h" className="summary">
      <h2 id="summary-h">{t("consult.summary")}</h2>
      <h3>{t("consult.summarySaid")}</h3>
      <Listen parts={[s.said]} />
      <InLang v={s.said} as="p" className="summary-text" />
      <h3>{t("consult.summaryNextSteps")}</h3>
      <Listen parts={[s.nextSteps]} />
      <InLang v={s.nextSteps} as="p" className="summary-text" />
      {published ? (
        <p className="hint">
          {published === updated || new Date(s.updatedAt) <= new Date(s.publishedAt!) ? t("consult.summaryDate", { date: published }) : t("consult.summaryUpdated", { date: published, updated })}
        </p>
      ) : null}
      {s.signatures.length > 0 ? (
        <ul className="signatures">
          {s.signatures.map((g) => (
            <li key={g.qpvId}>
              {t(g.current ? "consult.cosignedBy" : "consult.cosignedEarlier")} <Fr>{g.name}</Fr> ({formatParisDate(g.signedAt, lng)})
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </section>
  );
}

/** « Lire la synthèse », after a separator, when the consultation has a published summary. */
export function SummaryLink({ consultationId, published, separator = " · " }: { consultationId: number; published: boolean; separator?: string }) {
  const { t } = useT();
  if (!published) return null;
  return (
    <>
      {separator}
      <Link to={`/consultations/${consultationId}/resultats#summary-h`}>{t("consult.summaryLink")}</Link>
    </>
  );
}
