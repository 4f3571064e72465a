// The confirmation: « Votre réponse est enregistrée », the resident's own answer, « Modifier ».
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth/guard.server.js";
import { getConsultation, ownResponse } from "../domain/consultations/queries.server.js";
import { GRADES, consultationState, resultsVisible } from "../domain/consultations/rules.js";
import { pickVersion } from "../domain/consultations/text.js";
import { useT } from "../i18n/i18n.js";
import { InLang, Written, type Version } from "../ui/Fr.js";
import { notFound, parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { readFalc } from "../utils/preferences.js";

interface SummaryLine {
  rank?: number | null;
  label?: Version | null;
  grade?: string;
  value?: number | null;
  text?: string;
  /** Where the resident's own text stands: waiting to be read, published, or not (with why). */
  textStatus?: "pending" | "approved" | "rejected" | null;
  textReason?: string | null;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "consult.saved");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "resident");
  const id = parseId(params.id);
  const c = id ? await getConsultation(context.db, id) : null;
  if (!c || c.status !== "published") notFound();
  const own = await ownResponse(context.db, c.id, viewer.accountId);
  if (!own) notFound();
  const falc = readFalc(request.headers.get("cookie"));
  const v = (fr: string, f: string | null, en: string | null, ar: string | null) => pickVersion({ fr, falc: f, en, ar }, context.lng, falc);
  const summary = c.questions.map((q) => {
    const mine = own.answers.filter((a) => a.question_id === q.id);
    const optionLabel = (oid: number | null) => {
      const o = q.options.find((x) => x.id === oid);
      return o ? v(o.label, o.label_falc, o.label_en, o.label_ar) : null;
    };
    // One line per answer: the option (in its version) with its rank or grade, a value, or the resident's own text.
    let lines: SummaryLine[] = [];
    if (q.kind === "ranking") lines = mine.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((a) => ({ rank: a.rank, label: optionLabel(a.option_id) }));
    else if (q.kind === "majority") lines = mine.map((a) => ({ label: optionLabel(a.option_id), grade: GRADES[a.value ?? 0] }));
    else if (q.kind === "scale") lines = mine.map((a) => ({ value: a.value }));
    else if (q.kind === "text") lines = mine.map((a) => ({ text: a.text ?? "", textStatus: a.text_status, textReason: a.text_reason }));
    else lines = mine.map((a) => ({ label: optionLabel(a.option_id) }));
    return { id: q.id, kind: q.kind, prompt: v(q.prompt, q.prompt_falc, q.prompt_en, q.prompt_ar), lines };
  });
  const now = new Date();
  return json({ id: c.id, title: v(c.title, c.title_falc, c.title_en, c.title_ar), summary, open: consultationState(c, now) === "open", resultsVisible: resultsVisible(c, now) });
}

export default function Saved() {
  const d = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t("consult.saved")}</h1>
      <p className="notice" role="status">
        <InLang v={d.title} />
      </p>
      <h2>{t("consult.yourAnswer")}</h2>
      <dl className="summary-list">
        {d.summary.map((q) => (
          <div key={q.id}>
            <InLang v={q.prompt} as="dt" />
            {q.lines.map((line, i) => (
              <dd key={i}>
                {line.rank ? `${line.rank}. ` : null}
                {line.label ? <InLang v={line.label} /> : null}
                {line.grade ? ` : ${t(`grades.${line.grade}`)}` : null}
                {line.value ? `${line.value} / 5` : null}
                {line.text !== undefined ? <Written text={line.text} /> : null}
                {line.textStatus ? (
                  <span className="hint">
                    {" "}
                    ({line.textStatus === "rejected" && line.textReason ? t("consult.textRejected", { reason: t(`moderation.reasons.${line.textReason}`) }) : t(`consult.textStatus.${line.textStatus}`)})
                  </span>
                ) : null}
              </dd>
            ))}
          </div>
        ))}
      </dl>
      <div className="actions">
        {d.open ? (
          <Link className="button-link" to={`/consultations/${d.id}`}>
            {t("consult.modify")}
          </Link>
        ) : null}
        {d.resultsVisible ? (
          <Link className="button-link" to={`/consultations/${d.id}/resultats`}>
            {t("consult.seeResults")}
          </Link>
        ) : null}
        <Link className="button-link" to="/">
          {t("errors.home")}
        </Link>
      </div>
    </>
  );
}
