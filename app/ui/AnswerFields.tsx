// The answer controls of a consultation's questions, shared by the resident's form and the
// staff's paper-ballot typing: native inputs and one rank <select> per option, no JavaScript.
import { GRADES, QUESTIONS_FIELD, TEXT_MAX, questionsSignature, type QuestionKind } from "../domain/consultations/rules.js";
import { speechParts } from "../domain/consultations/text.js";
import { useT } from "../i18n/i18n.js";
import { InLang, type Version } from "./Fr.js";
import { Listen } from "./Listen.js";
import { Pictogram } from "./Pictogram.js";

export interface AnswerQuestion {
  id: number;
  kind: QuestionKind;
  prompt: Version;
  maxChoices: number | null;
  topN: number | null;
  options: { id: number; label: Version; pictogram: string | null }[];
}

export interface OwnAnswer {
  question_id: number;
  option_id: number | null;
  rank: number | null;
  value: number | null;
  text: string | null;
}

/** The first control of a question, where the error summary's link takes the reader. */
export function firstControlId(q: Pick<AnswerQuestion, "id" | "kind" | "options">): string {
  const first = q.options[0];
  if (q.kind === "scale") return `q${q.id}-v1`;
  if (q.kind === "text") return `q${q.id}-text`;
  if (!first) return `q${q.id}-error`;
  return q.kind === "ranking" || q.kind === "majority" ? `q${q.id}_o${first.id}` : `q${q.id}-${first.id}`;
}

/**
 * A problem in words. A ranking left partly done says how many ranks are still to give
 * (« Il reste 2 rangs à donner. »), counted from what was sent.
 */
export function problemText(t: (key: string, vars?: Record<string, unknown>) => string, q: Pick<AnswerQuestion, "id" | "kind" | "topN" | "options">, problem: string, sent: Record<string, string[]>): string {
  if (q.kind === "ranking" && problem === "missing") {
    const wanted = Math.min(q.topN ?? 1, q.options.length);
    const given = q.options.filter((o) => (sent[`q${q.id}_o${o.id}`]?.[0] ?? "").trim() !== "").length;
    if (given > 0 && given < wanted) return t("consult.problems.ranksLeft", { count: wanted - given });
  }
  return t(`consult.problems.${problem}`);
}

export function AnswerFields({ questions, own, sent, problems, listen = true }: { questions: AnswerQuestion[]; own: OwnAnswer[] | null; sent: Record<string, string[]>; problems: Record<string, string>; listen?: boolean }) {
  const { t, lng } = useT();
  const ownFor = (qid: number) => own?.filter((a) => a.question_id === qid) ?? [];
  const sentOne = (name: string) => sent[name]?.[0];
  return (
    <>
          <input type="hidden" name={QUESTIONS_FIELD} value={questionsSignature(questions.map((q) => ({ id: q.id, optionIds: q.options.map((o) => o.id) })))} />
          {questions.map((q, qi) => {
            const problem = problems[String(q.id)];
            const errorId = `q${q.id}-error`;
            const own = ownFor(q.id);
            // Read aloud as shown: the hint in the page's language, the question and each option in theirs.
            const hint = q.kind === "multiple" ? t("consult.atMost", { count: q.maxChoices ?? 1 }) : q.kind === "ranking" ? t("consult.rankHint", { count: q.topN ?? 1 }) : q.kind === "scale" ? t("consult.speechScale") : null;
            const label = (o: (typeof q.options)[number]) => (
              <InLang v={o.label}>
                <Pictogram value={o.pictogram} />
              </InLang>
            );
            return (
              <fieldset key={q.id} className="question" aria-describedby={problem ? errorId : undefined}>
                <legend>
                  <span className="q-number">{t("consult.questionN", { n: qi + 1 })}</span> <InLang v={q.prompt} />
                </legend>
                {listen ? <Listen parts={speechParts(q.prompt, hint, q.options.map((o) => o.label), { lng, option: t("consult.speechOption") })} /> : null}
                {q.kind === "multiple" ? <p className="hint">{t("consult.atMost", { count: q.maxChoices ?? 1 })}</p> : null}
                {q.kind === "ranking" ? <p className="hint">{t("consult.rankHint", { count: q.topN ?? 1 })}</p> : null}
                {problem ? (
                  <p id={errorId} className="error">
                    {problemText(t, q, problem, sent)}
                  </p>
                ) : null}
                {q.kind === "single" || q.kind === "multiple"
                  ? q.options.map((o) => {
                      const checked = sent[`q${q.id}`] ? sent[`q${q.id}`]!.includes(String(o.id)) : own.some((a) => a.option_id === o.id);
                      return (
                        <div className="choice" key={o.id}>
                          <input type={q.kind === "single" ? "radio" : "checkbox"} id={`q${q.id}-${o.id}`} name={`q${q.id}`} value={o.id} defaultChecked={checked} />
                          <label htmlFor={`q${q.id}-${o.id}`}>{label(o)}</label>
                        </div>
                      );
                    })
                  : null}
                {q.kind === "scale" ? (
                  <div className="scale">
                    {[1, 2, 3, 4, 5].map((v) => (
                      <div className="choice" key={v}>
                        <input type="radio" id={`q${q.id}-v${v}`} name={`q${q.id}`} value={v} defaultChecked={sentOne(`q${q.id}`) ? sentOne(`q${q.id}`) === String(v) : own.some((a) => a.value === v)} />
                        <label htmlFor={`q${q.id}-v${v}`}>{t(`consult.scale.${v}`)}</label>
                      </div>
                    ))}
                  </div>
                ) : null}
                {q.kind === "text" ? (
                  <>
                    <InLang v={q.prompt} as="label" className="visually-hidden" htmlFor={`q${q.id}-text`} />
                    <textarea id={`q${q.id}-text`} name={`q${q.id}`} rows={4} dir="auto" maxLength={TEXT_MAX} defaultValue={sentOne(`q${q.id}`) ?? own[0]?.text ?? ""} />
                    <p className="hint">{t("consult.textHint", { max: TEXT_MAX })}</p>
                  </>
                ) : null}
                {q.kind === "ranking" || q.kind === "majority"
                  ? q.options.map((o) => {
                      const name = `q${q.id}_o${o.id}`;
                      const ownValue = q.kind === "ranking" ? own.find((a) => a.option_id === o.id)?.rank : own.find((a) => a.option_id === o.id)?.value;
                      const current = sentOne(name) ?? (ownValue === undefined || ownValue === null ? "" : q.kind === "ranking" ? String(ownValue) : GRADES[ownValue]);
                      return (
                        <div className="rank-row" key={o.id}>
                          <label htmlFor={name}>{label(o)}</label>
                          <select id={name} name={name} defaultValue={current}>
                            <option value="">{q.kind === "ranking" ? t("consult.notRanked") : t("forms.chooseOption")}</option>
                            {q.kind === "ranking"
                              ? Array.from({ length: q.topN ?? 1 }, (_, i) => (
                                  <option key={i} value={i + 1}>
                                    {t("consult.rankN", { rank: i + 1 })}
                                  </option>
                                ))
                              : GRADES.map((g) => (
                                  <option key={g} value={g}>
                                    {t(`grades.${g}`)}
                                  </option>
                                ))}
                          </select>
                        </div>
                      );
                    })
                  : null}
              </fieldset>
            );
          })}
    </>
  );
}
