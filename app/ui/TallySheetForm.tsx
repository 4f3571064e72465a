// The count-entry form of a tally sheet, one for every entry: the first (a new sheet), its
// correction by the first typist, and the second entry typed blind by another staff member.
// Plain fields and one submit button: it works without JavaScript. Its cells are those of
// `questionCells` (the reader's), and `cellText` names a cell the same way here and in the list
// of cells where two entries differ.
import { Form } from "@remix-run/react";
import { GRADES, questionCells, type QuestionKind, type TallyCell } from "../domain/consultations/rules.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "./Field.js";
import { LedgerFields } from "./LedgerFields.js";
import { GradeHeaders } from "./Notices.js";

export interface TallyQuestion {
  id: number;
  kind: QuestionKind;
  prompt: string;
  /** How many ranks the sheet counts (a ranking), at most the number of options. */
  topN: number;
  options: { id: number; label: string }[];
}

type T = ReturnType<typeof useT>["t"];

const cellsOf = (q: TallyQuestion) => questionCells({ id: q.id, kind: q.kind, topN: q.topN, optionIds: q.options.map((o) => o.id) });

/** A cell within its question: « Blancs ou nuls », an option, a scale value, « option — rang 2 », « option — Bien ». */
function cellText(t: T, q: TallyQuestion, cell: TallyCell): string {
  const option = q.options.find((o) => o.id === cell.optionId)?.label;
  if (option === undefined) return cell.value === null ? t("ledger.blanks") : t(`consult.scale.${cell.value}`);
  if (cell.rank !== null) return `${option} — ${t("consult.rankN", { rank: cell.rank })}`;
  if (cell.value !== null) return `${option} — ${t(`grades.${GRADES[cell.value]}`)}`;
  return option;
}

/** A cell of the sheet, with its question: what a list of differing cells says. */
export function useCellName(questions: TallyQuestion[]) {
  const { t } = useT();
  return (cell: TallyCell) => {
    const i = questions.findIndex((q) => q.id === cell.questionId);
    if (i < 0) return t("ledger.ballots");
    return t("ledger.differentCell", { n: i + 1, prompt: questions[i]!.prompt, cell: cellText(t, questions[i]!, cell) });
  };
}

function CountInput({ name, label, value }: { name: string; label: string; value?: string }) {
  return <input id={name} name={name} type="text" inputMode="numeric" pattern="[0-9]*" size={4} aria-label={label} defaultValue={value ?? ""} className="count" />;
}

export function TallySheetForm({
  questions,
  values,
  problems,
  intent,
  submitLabel,
  places,
  responseId,
}: {
  questions: TallyQuestion[];
  /** What the fields start from: what was just sent back, or the typist's own entry. */
  values: Record<string, string>;
  problems: Record<string, string>;
  intent: "enter_sheet" | "correct_sheet" | "check_sheet";
  submitLabel: string;
  /** The channel, source and sous-secteur fields, for the first typist; the second entry types only the figures. */
  places?: { id: number; name: string }[];
  responseId?: number;
}) {
  const { t } = useT();
  return (
    <Form method="post" noValidate className="tally-form">
      {responseId ? <input type="hidden" name="responseId" value={responseId} /> : null}
      <Field id="ballots" label={t("ledger.ballots")} hint={t("ledger.ballotsHint")}>
        <input id="ballots" name="ballots" type="text" inputMode="numeric" pattern="[0-9]*" required defaultValue={values.ballots ?? ""} aria-describedby={describedBy("ballots", null, true)} />
      </Field>
      {places ? <LedgerFields places={places} values={values} errors={{}} /> : null}
      {questions.map((q, qi) => {
        const problem = problems[String(q.id)];
        const errorId = `tq${q.id}-error`;
        const [blanks, ...cells] = cellsOf(q);
        const input = (cell: TallyCell) => <CountInput name={cell.name} label={cellText(t, q, cell)} value={values[cell.name]} />;
        const row = (cell: TallyCell) => (
          <div className="count-row" key={cell.name}>
            <label htmlFor={cell.name}>{cellText(t, q, cell)}</label>
            {input(cell)}
          </div>
        );
        const grid = q.kind === "ranking" || q.kind === "majority";
        const width = q.kind === "ranking" ? q.topN : GRADES.length;
        return (
          <fieldset key={q.id} className="question" aria-describedby={problem ? errorId : undefined}>
            <legend>
              {t("consult.questionN", { n: qi + 1 })} {q.prompt}
            </legend>
            {problem ? (
              <p id={errorId} className="error">
                {t(`ledger.tallyProblems.${problem}`)}
              </p>
            ) : null}
            {blanks ? row(blanks) : null}
            {grid ? (
              <div className="table-scroll">
                <table className="data">
                  <caption>{q.kind === "ranking" ? t("ledger.perRank") : t("ledger.perGrade")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("consult.option")}</th>
                      {q.kind === "ranking"
                        ? Array.from({ length: q.topN }, (_, r) => (
                            <th scope="col" key={r}>
                              {t("consult.rankN", { rank: r + 1 })}
                            </th>
                          ))
                        : <GradeHeaders />}
                    </tr>
                  </thead>
                  <tbody>
                    {q.options.map((o, i) => (
                      <tr key={o.id}>
                        <th scope="row">{o.label}</th>
                        {cells.slice(i * width, (i + 1) * width).map((cell) => (
                          <td key={cell.name}>{input(cell)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              cells.map(row)
            )}
          </fieldset>
        );
      })}
      <button type="submit" name="intent" value={intent} className="primary big">
        {submitLabel}
      </button>
    </Form>
  );
}
