import { Link } from "@remix-run/react";
import { useT } from "../i18n/i18n.js";
import { Fr } from "./Fr.js";

/** A link to an objective; a link the data only infers says « lien déduit ». */
export function ObjectiveLink({ contractCode, code, title, inferred }: { contractCode: string; code: string; title: string; inferred?: boolean }) {
  const { t } = useT();
  return (
    <>
      <Link to={`/contrats/${contractCode}/objectifs/${encodeURIComponent(code)}`}>
        <span className="code">{code}</span> <Fr>{title}</Fr>
      </Link>
      {inferred ? <span className="badge badge-inferred">{t("contract.inferredLink")}</span> : null}
    </>
  );
}
