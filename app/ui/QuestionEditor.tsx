// Staff editor: one question's own texts and each option's labels, pictogram and objectives,
// one form per question and per option (submit buttons, so it works without JavaScript).
// Once answers exist only the easy-read (FALC) versions and the objective links are offered.
import { Form } from "@remix-run/react";
import { PICTOGRAMS } from "../domain/consultations/rules.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "./Field.js";
import { Fr, useFieldLang } from "./Fr.js";

export interface EditableOption {
  id: number;
  label: string;
  labelFalc: string;
  labelEn: string;
  labelAr: string;
  pictogram: string;
  objectiveIds: number[];
}

export interface EditableQuestion {
  id: number;
  prompt: string;
  promptFalc: string;
  promptEn: string;
  promptAr: string;
  options: EditableOption[];
}

/** What the last post about this editor returned, when it was about this question or option. */
export interface EditOutcome {
  intent?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

type Objective = { id: number; code: string; title: string };

const LANG_FIELDS = ["En", "Ar"] as const;

export function QuestionEditor({ q, frozen, objectives, linked, outcome }: { q: EditableQuestion; frozen: boolean; objectives: Objective[]; linked: number[]; outcome?: EditOutcome }) {
  const { t } = useT();
  const fieldLang = useFieldLang();
  const mine = (intent: string, field: string, id: number) => outcome?.intent === intent && outcome.values?.[field] === String(id);
  const qPosted = mine("edit_question", "questionId", q.id);
  const qErrors = qPosted ? (outcome?.errors ?? {}) : {};
  const qValue = (name: keyof EditableQuestion) => (qPosted && outcome?.values?.[name] !== undefined ? outcome.values[name] : String(q[name]));
  const anyPosted = qPosted || q.options.some((o) => mine("edit_option", "optionId", o.id));
  const p = `q${q.id}`;
  return (
    <details className="panel" open={anyPosted}>
      <summary>{t("cstaff.editQuestion")}</summary>
      {frozen ? <p className="hint">{t("cstaff.editFrozenHint")}</p> : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="questionId" value={q.id} />
        {!frozen ? (
          <Field id={`${p}-prompt`} label={t("cstaff.prompt")} error={qErrors.prompt}>
            <input id={`${p}-prompt`} name="prompt" {...fieldLang("prompt")} type="text" defaultValue={qValue("prompt")} aria-describedby={describedBy(`${p}-prompt`, qErrors.prompt)} />
          </Field>
        ) : null}
        <Field id={`${p}-promptFalc`} label={t("cstaff.promptFalc")} hint={t("cstaff.falcHint")} error={qErrors.promptFalc}>
          <input id={`${p}-promptFalc`} name="promptFalc" {...fieldLang("promptFalc")} type="text" defaultValue={qValue("promptFalc")} aria-describedby={describedBy(`${p}-promptFalc`, qErrors.promptFalc, true)} />
        </Field>
        {!frozen
          ? LANG_FIELDS.map((suffix) => {
              const name = `prompt${suffix}` as const;
              return (
                <Field key={name} id={`${p}-${name}`} label={t(`cstaff.${name}`)} error={qErrors[name]}>
                  <input id={`${p}-${name}`} name={name} {...fieldLang(name)} type="text" defaultValue={qValue(name)} aria-describedby={describedBy(`${p}-${name}`, qErrors[name])} />
                </Field>
              );
            })
          : null}
        <button type="submit" name="intent" value="edit_question">
          {t("cstaff.saveQuestion")}
        </button>
      </Form>
      {q.options.map((o, i) => (
        <OptionEditor key={o.id} o={o} n={i + 1} frozen={frozen} objectives={objectives} linked={linked} outcome={mine("edit_option", "optionId", o.id) ? outcome : undefined} />
      ))}
    </details>
  );
}

function OptionEditor({ o, n, frozen, objectives, linked, outcome }: { o: EditableOption; n: number; frozen: boolean; objectives: Objective[]; linked: number[]; outcome?: EditOutcome }) {
  const { t } = useT();
  const fieldLang = useFieldLang();
  const errors = outcome?.errors ?? {};
  const value = (name: "label" | "labelFalc" | "labelEn" | "labelAr" | "pictogram") => (outcome?.values?.[name] !== undefined ? outcome.values[name] : o[name]);
  const offered = objectives.filter((x) => linked.includes(x.id) || o.objectiveIds.includes(x.id));
  const p = `o${o.id}`;
  return (
    <Form method="post" className="stack option-editor" noValidate>
      <fieldset>
        <legend>{t("cstaff.optionN", { n, label: o.label })}</legend>
        <input type="hidden" name="optionId" value={o.id} />
        {!frozen ? (
          <Field id={`${p}-label`} label={t("cstaff.optionLabel")} error={errors.label}>
            <input id={`${p}-label`} name="label" {...fieldLang("label")} type="text" defaultValue={value("label")} aria-describedby={describedBy(`${p}-label`, errors.label)} />
          </Field>
        ) : null}
        <Field id={`${p}-labelFalc`} label={t("cstaff.optionFalc")} hint={t("cstaff.falcHint")} error={errors.labelFalc}>
          <input id={`${p}-labelFalc`} name="labelFalc" {...fieldLang("labelFalc")} type="text" defaultValue={value("labelFalc")} aria-describedby={describedBy(`${p}-labelFalc`, errors.labelFalc, true)} />
        </Field>
        {!frozen ? (
          <>
            {LANG_FIELDS.map((suffix) => {
              const name = `label${suffix}` as const;
              return (
                <Field key={name} id={`${p}-${name}`} label={t(`cstaff.option${suffix}`)} error={errors[name]}>
                  <input id={`${p}-${name}`} name={name} {...fieldLang(name)} type="text" defaultValue={value(name)} aria-describedby={describedBy(`${p}-${name}`, errors[name])} />
                </Field>
              );
            })}
            <Field id={`${p}-pictogram`} label={t("cstaff.pictogram")} hint={t("cstaff.pictogramHint", { names: PICTOGRAMS.join(", ") })} error={errors.pictogram}>
              <input id={`${p}-pictogram`} name="pictogram" type="text" defaultValue={value("pictogram").replace(/^svg:/, "")} aria-describedby={describedBy(`${p}-pictogram`, errors.pictogram, true)} />
            </Field>
          </>
        ) : null}
        <input type="hidden" name="objectives" value="1" />
        <fieldset className="objective-picker">
          <legend>{t("cstaff.optionObjectives")}</legend>
          <p className="hint">{offered.length ? t("cstaff.optionObjectivesHint") : t("cstaff.noObjectiveYet")}</p>
          {offered.map((x) => (
            <ObjectiveCheckbox key={x.id} id={`${p}-objective-${x.id}`} objective={x} checked={o.objectiveIds.includes(x.id)} />
          ))}
        </fieldset>
        <button type="submit" name="intent" value="edit_option">
          {t("cstaff.saveOption")}
        </button>
      </fieldset>
    </Form>
  );
}

/** One objective to tick (`objectiveId`), with its code and its French title. */
export function ObjectiveCheckbox({ id, objective, checked, depth = 0 }: { id: string; objective: Objective; checked: boolean; depth?: number }) {
  return (
    // A class per depth, not a style attribute: the CSP allows no inline style.
    <div className={depth ? `check depth-${Math.min(depth, 6)}` : "check"}>
      <input type="checkbox" id={id} name="objectiveId" value={objective.id} defaultChecked={checked} />
      <label htmlFor={id}>
        <span className="code">{objective.code}</span> <Fr>{objective.title}</Fr>
      </label>
    </div>
  );
}
