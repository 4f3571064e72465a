import type { TerritoryKind } from "../../db/schema.js";
import { useT } from "../i18n/i18n.js";

/** « Secteur de vigilance » and « Archive » marks beside a quartier's name. */
export function PlaceBadges({ kind, inForce }: { kind: TerritoryKind; inForce: boolean }) {
  const { t } = useT();
  return (
    <>
      {kind === "secteur_vigilance" ? <span className="badge badge-vigilance">{t("place.vigilance")}</span> : null}
      {!inForce ? <span className="badge badge-archive">{t("contract.archive")}</span> : null}
    </>
  );
}
