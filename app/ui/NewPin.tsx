// A PIN drawn by the system, shown once (decision 0018): after redeeming a code, after a
// recovery at a desk, or when a PIN the resident had chosen is replaced at sign-in.
import type { HeadersFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "../i18n/i18n.js";

export function NewPin({ reason, identifier, pin, next }: { reason: "created" | "recovered" | "replaced"; identifier?: string | null; pin: string; next: string }) {
  const { t } = useT();
  return (
    <div className="notice" role="status">
      <h2>{reason === "created" ? t("newPin.created") : reason === "recovered" ? t("newPin.recovered") : t("newPin.replaced")}</h2>
      {reason === "replaced" ? <p>{t("newPin.whyReplaced")}</p> : null}
      {identifier ? (
        <p className="identifier">
          {t("newPin.identifier")} <strong className="code-big" id="new-identifier">{identifier}</strong>
        </p>
      ) : null}
      <p className="identifier">
        {t("newPin.pin")}{" "}
        <strong className="code-big" id="new-pin" dir="ltr">
          {pin}
        </strong>
      </p>
      <p>{t("newPin.writeDown")}</p>
      <p>
        <Link className="button-link" to={next}>
          {t("newPin.continue")}
        </Link>
      </p>
    </div>
  );
}

/** The route's headers: a page that shows a PIN says so to caches (its action sets no-store). */
export const newPinHeaders: HeadersFunction = ({ actionHeaders }) => {
  const cache = actionHeaders.get("Cache-Control");
  return cache ? { "Cache-Control": cache } : new Headers();
};
