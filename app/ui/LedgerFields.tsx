// What every typed entry carries, for ballots and tally sheets alike: the channel, the source
// and the voter's sous-secteur (or « non précisé »).
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "./Field.js";

export function LedgerFields({ places, values, errors }: { places: { id: number; name: string }[]; values: Record<string, string>; errors: Record<string, string> }) {
  const { t } = useT();
  return (
    <>
      <fieldset className="inline-choices">
        <legend>{t("ledger.channel")}</legend>
        {(["paper", "atelier"] as const).map((ch) => (
          <div className="choice" key={ch}>
            <input type="radio" id={`channel-${ch}`} name="channel" value={ch} defaultChecked={(values.channel || "paper") === ch} />
            <label htmlFor={`channel-${ch}`}>{t(`channels.${ch}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field id="source" label={t("ledger.source")} hint={t("ledger.sourceHint")} error={errors.source}>
        <input id="source" name="source" type="text" maxLength={200} required defaultValue={values.source ?? ""} aria-describedby={describedBy("source", errors.source, true)} />
      </Field>
      <Field id="place" label={t("ledger.place")} error={errors.place}>
        <select id="place" name="place" defaultValue={values.place ?? ""} aria-describedby={describedBy("place", errors.place)}>
          <option value="">{t("consult.notSpecified")}</option>
          {places.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
