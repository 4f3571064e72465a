// Getting in without a card: where invitation cards are handed out (each live batch's help
// text — where, when, a phone, tappable), and, for an account awaiting verification, who
// confirms it and where. Never a code.
import { Link } from "@remix-run/react";
import { splitPhones, type DeskItem } from "../domain/accounts/rules.js";
import { useT } from "../i18n/i18n.js";
import { Fr, langAttrs } from "./Fr.js";

function Help({ help }: { help: DeskItem["help"] }) {
  const { lng } = useT();
  return (
    <span className="desk-help" {...langAttrs(help.lang, lng)}>
      {splitPhones(help.text).map((part, i) =>
        part.tel ? (
          <a key={i} href={`tel:${part.tel}`} dir="ltr" className="phone">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}

/** The desks, one per line: the quartier the cards are for (its EPCI when several are listed), then the help text. */
export function DeskList({ desks }: { desks: DeskItem[] }) {
  const { t } = useT();
  const severalEpcis = new Set(desks.map((d) => d.epci)).size > 1;
  const mixed = desks.some((d) => d.here) && desks.some((d) => !d.here);
  return (
    <ul className="desks">
      {desks.map((d, i) => (
        <li key={i} className={d.here && mixed ? "desk here" : "desk"}>
          <strong className="desk-place">
            <Fr>{d.qpv ? `${d.qpv} — ${d.place}` : d.place}</Fr>
            {severalEpcis ? (
              <>
                {" · "}
                <Fr>{d.epci}</Fr>
              </>
            ) : null}
            {d.here && mixed ? ` (${t("getCard.yourPlace")})` : null}
          </strong>{" "}
          <Help help={d.help} />
        </li>
      ))}
    </ul>
  );
}

/**
 * « Pas encore de carte ? »: where to get one. `desks` null: no quartier chosen yet (the home
 * page asks for one first); an empty list says none hands any out now, and offers sign-up.
 */
export function CardDesks({ desks }: { desks: DeskItem[] | null }) {
  const { t } = useT();
  if (desks === null)
    return (
      <p className="notice get-card" id="get-card">
        {t("getCard.chooseFirst")}
      </p>
    );
  return (
    <section aria-labelledby="get-card-h" className="get-card" id="get-card">
      <h2 id="get-card-h">{t("getCard.title")}</h2>
      {desks.length > 0 ? (
        <>
          <p>{t("getCard.intro")}</p>
          <DeskList desks={desks} />
        </>
      ) : (
        <p>{t("getCard.none")}</p>
      )}
      <p className="hint">
        {t("getCard.orSignup")} <Link to="/inscription">{t("getCard.signupLink")}</Link>
      </p>
    </section>
  );
}

/** An account awaiting verification: who confirms it (the staff of its EPCI) and where (the desks that hand out cards). */
export function VerifierNotice({ verifier, codeLink }: { verifier: { epciName: string | null; desks: DeskItem[] }; codeLink: string }) {
  const { t } = useT();
  return (
    <section className="notice verifier" aria-labelledby="verifier-h" id="verification">
      <h2 id="verifier-h">{t("verify.title")}</h2>
      <p>
        {t("verify.who")} <strong>{verifier.epciName ? <Fr>{verifier.epciName}</Fr> : t("verify.whoUnknown")}</strong>
      </p>
      {verifier.desks.length > 0 ? (
        <>
          <p>{t("verify.where")}</p>
          <DeskList desks={verifier.desks} />
          <p>{t("verify.then")}</p>
        </>
      ) : (
        <p>{t("verify.whereNoDesk")}</p>
      )}
      <p>
        <Link to={codeLink}>{t("verify.enterCode")}</Link>
      </p>
    </section>
  );
}
