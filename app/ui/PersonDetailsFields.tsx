// Age band and gender, for participation statistics only (never a birth date): the same two
// optional selects wherever a resident gives them.
import { AGE_BANDS, GENDERS } from "../domain/accounts/rules.js";
import { useT } from "../i18n/i18n.js";
import { Field } from "./Field.js";

export function PersonDetailsFields({ ageBand, gender, errors = {} }: { ageBand?: string; gender?: string; errors?: Record<string, string> }) {
  const { t } = useT();
  return (
    <>
      <Field id="ageBand" label={t("code.ageBand")} error={errors.ageBand}>
        <select id="ageBand" name="ageBand" defaultValue={ageBand ?? ""}>
          <option value="">{t("forms.skip")}</option>
          {AGE_BANDS.map((a) => (
            <option key={a} value={a}>
              {t(`ageBands.${a}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="gender" label={t("code.gender")} error={errors.gender}>
        <select id="gender" name="gender" defaultValue={gender ?? ""}>
          <option value="">{t("forms.skip")}</option>
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {t(`genders.${g}`)}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
