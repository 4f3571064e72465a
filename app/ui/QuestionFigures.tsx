// A consultation's figures question by question (`questionFigures`), as a nested list: the
// question, how many answered, a scale's average and how many gave each value, one line per
// option; « non publié » when the question keeps its figures hidden.
import type { FigureLine, QuestionFigures } from "../utils/results.server.js";
import { useT } from "../i18n/i18n.js";
import { InLang } from "./Fr.js";

function Figure({ f }: { f: FigureLine["figure"] }) {
  const { t } = useT();
  if (f.kind === "rank") return <>{`${t("consult.rankN", { rank: f.rank })}${f.tied ? ` ${t("consult.exAequo")}` : ""} · ${t("consult.pointsN", { count: f.points })}`}</>;
  if (f.kind === "count") return <>{`${f.n} · ${f.share}`}</>;
  return <>{`${t("consult.majorityGrade")} : ${f.grade ? t(`grades.${f.grade}`) : "—"}`}</>;
}

export function QuestionFigureList({ questions }: { questions: QuestionFigures[] }) {
  const { t } = useT();
  if (questions.length === 0) return null;
  return (
    <ul className="figures">
      {questions.map((q) => (
        <li key={q.id} data-question={q.id}>
          <InLang v={q.prompt} />
          {q.hidden ? (
            <p className="hint">{t("consult.questionHidden")}</p>
          ) : (
            <>
              {q.respondents !== null ? <span className="hint"> ({t("consult.respondentsN", { count: q.respondents })})</span> : null}
              {q.mean !== null ? <p>{t("consult.scaleMean", { mean: q.mean })}</p> : null}
              {q.distribution ? (
                <ul className="scale-distribution">
                  {q.distribution.map((d, i) => (
                    <li key={i} data-value={i + 1}>
                      {t(`consult.scale.${i + 1}`)} : {`${d.n} · ${d.share}`}
                    </li>
                  ))}
                </ul>
              ) : null}
              {q.lines.length > 0 ? (
                <ul>
                  {q.lines.map((l, i) => (
                    <li key={i}>
                      <InLang v={l.label} /> — <Figure f={l.figure} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
