// Tally sheets (« procès-verbal »), for when only counts exist: the number of ballots and the
// counts per option, value, rank or grade, which must add up. One staff member enters a sheet;
// a different one confirms it, and only then does it count.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formToMap, formToObject } from "../domain/accounts/schemas.js";
import { ballotPlaces, confirmTallySheet, enterTallySheet, ledgerEntries, voidEntry, type LedgerChannel } from "../domain/consultations/paper.server.js";
import { GRADES, tallyField } from "../domain/consultations/rules.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { LedgerFields } from "../ui/LedgerFields.js";
import { LedgerNav, LedgerPager, VoidForm } from "../ui/LedgerNav.js";
import { GradeHeaders, IntentButton, QueryNotices } from "../ui/Notices.js";
import { StaffNav } from "../ui/StaffNav.js";
import { parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";
import { requireStaffConsultation } from "../utils/staff.server.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "ledger.tallyTitle", data?.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c, viewer } = await requireStaffConsultation(request, context, params.id);
  const sheets = await ledgerEntries(context.db, c.id, "tally", { before: parseId(new URL(request.url).searchParams.get("avant") ?? "") });
  return json({
    id: c.id,
    title: c.title,
    published: c.status === "published",
    places: await ballotPlaces(context.db, c.id),
    total: sheets.total,
    olderThan: sheets.olderThan,
    sheets: sheets.rows.map((s) => ({ id: Number(s.id), ballots: s.ballots, channel: s.channel, source: s.source, place: s.place, enteredBy: s.enteredBy, mine: s.entered_by === viewer.accountId, confirmedAt: s.confirmed_at, confirmedBy: s.confirmedBy, voidedAt: s.voided_at, voidReason: s.void_reason })),
    questions: c.questions.filter((q) => q.kind !== "text").map((q) => ({ id: q.id, kind: q.kind, prompt: q.prompt, topN: Math.min(q.top_n ?? 1, q.options.length), options: q.options.map((o) => ({ id: o.id, label: o.label })) })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { c, viewer } = await requireStaffConsultation(request, context, params.id);
  const form = await request.formData();
  const values = formToObject(form);
  const intent = values.intent ?? "";
  const fail = (error: string, status = 400, problems: Record<string, string> = {}) => json({ intent, error, problems, values }, { status });
  const done = (query: string) => redirect(`/staff/consultations/${c.id}/proces-verbal?${query}`);
  const refused = (error: string) => {
    if (error === "forbidden") throw new Response(null, { status: 403 });
    return fail(`ledger.errors.${error}`, error === "notFound" ? 404 : error === "sameStaff" || error === "alreadyConfirmed" ? 409 : 400);
  };
  if (intent === "confirm" || intent === "void") {
    const responseId = parseId(values.responseId);
    if (!responseId) return fail("ledger.errors.notFound", 404);
    const r = intent === "confirm" ? await confirmTallySheet(context.db, viewer, c.id, responseId) : await voidEntry(context.db, viewer, c.id, responseId, values.reason ?? "");
    return r.ok ? done(intent === "confirm" ? "confirme=1" : "annule=1") : refused(r.error);
  }
  if (intent !== "enter_sheet") return fail("cstaff.errors.unknown");
  const territoryId = values.place ? parseId(values.place) : null;
  if (values.place && !territoryId) return fail("ledger.errors.badPlace");
  const r = await enterTallySheet(context.db, viewer, c.id, { ballots: values.ballots ?? "", territoryId, channel: (values.channel ?? "paper") as LedgerChannel, source: values.source ?? "", form: formToMap(form) });
  if (r.ok) return done("saisi=1");
  if ("problems" in r) return fail("ledger.errors.tallyInvalid", 400, r.problems as Record<string, string>);
  return refused(r.error);
}

function CountInput({ name, label, value }: { name: string; label: string; value?: string }) {
  return <input id={name} name={name} type="text" inputMode="numeric" pattern="[0-9]*" size={4} aria-label={label} defaultValue={value ?? ""} className="count" />;
}

export default function TallySheets() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  const sent: Record<string, string> = data?.intent === "enter_sheet" ? data.values : {};
  const problems: Record<string, string> = data?.intent === "enter_sheet" ? data.problems : {};
  return (
    <>
      <StaffNav />
      <LedgerNav id={d.id} title={d.title} current="proces-verbal" />
      <h1>{t("ledger.tallyTitle")}</h1>
      <p className="hint">{t("ledger.tallyIntro")}</p>
      <QueryNotices notices={[["saisi", "ledger.sheetEntered"], ["confirme", "ledger.sheetConfirmed"], ["annule", "ledger.voided"]]} />
      {data?.error ? (
        <p className="error" role="alert">
          {t(data.error)}
        </p>
      ) : null}

      <section aria-labelledby="sheets-h">
        <h2 id="sheets-h">{t("ledger.sheets", { count: d.total })}</h2>
        {d.sheets.length === 0 ? <p>{t("ledger.noSheets")}</p> : null}
        <ul className="cards">
          {d.sheets.map((s) => (
            <li key={s.id} className={s.voidedAt ? "voided" : undefined}>
              <p>
                <strong>{t("ledger.sheetN", { n: s.id, ballots: s.ballots ?? 0 })}</strong> · {t(`channels.${s.channel}`)} · {s.place ?? t("consult.notSpecified")}
              </p>
              <p className="hint">
                {s.source} · {t("ledger.by", { name: s.enteredBy ?? "—" })}
              </p>
              {s.voidedAt ? (
                <p>
                  <strong>{t("ledger.voidedOn", { date: formatParisDateTime(s.voidedAt, lng) })}</strong> {s.voidReason}
                </p>
              ) : s.confirmedAt ? (
                <p>{t("ledger.confirmedBy", { name: s.confirmedBy ?? "—", date: formatParisDateTime(s.confirmedAt, lng) })}</p>
              ) : s.mine ? (
                <p className="notice">{t("ledger.needsAnother")}</p>
              ) : (
                <IntentButton name="responseId" value={s.id} intent="confirm" label={t("ledger.confirm")} className="primary" />
              )}
              {!s.voidedAt ? <VoidForm id={s.id} label={t("ledger.sheetN", { n: s.id, ballots: s.ballots ?? 0 })} /> : null}
            </li>
          ))}
        </ul>
        <LedgerPager olderThan={d.olderThan} />
      </section>

      {d.published ? (
        <section aria-labelledby="new-sheet-h">
          <h2 id="new-sheet-h">{t("ledger.newSheet")}</h2>
          <Form method="post" noValidate className="tally-form">
            <Field id="ballots" label={t("ledger.ballots")} hint={t("ledger.ballotsHint")}>
              <input id="ballots" name="ballots" type="text" inputMode="numeric" pattern="[0-9]*" required defaultValue={sent.ballots ?? ""} aria-describedby={describedBy("ballots", null, true)} />
            </Field>
            <LedgerFields places={d.places} values={sent} errors={{}} />
            {d.questions.map((q, qi) => {
              const problem = problems[String(q.id)];
              const errorId = `tq${q.id}-error`;
              const opt = (o: { id: number; label: string }) => o.label;
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
                  <div className="count-row">
                    <label htmlFor={tallyField.blanks(q.id)}>{t("ledger.blanks")}</label>
                    <CountInput name={tallyField.blanks(q.id)} label={t("ledger.blanks")} value={sent[tallyField.blanks(q.id)]} />
                  </div>
                  {q.kind === "single" || q.kind === "multiple"
                    ? q.options.map((o) => (
                        <div className="count-row" key={o.id}>
                          <label htmlFor={tallyField.option(q.id, o.id)}>{opt(o)}</label>
                          <CountInput name={tallyField.option(q.id, o.id)} label={opt(o)} value={sent[tallyField.option(q.id, o.id)]} />
                        </div>
                      ))
                    : null}
                  {q.kind === "scale"
                    ? [1, 2, 3, 4, 5].map((v) => (
                        <div className="count-row" key={v}>
                          <label htmlFor={tallyField.scale(q.id, v)}>{t(`consult.scale.${v}`)}</label>
                          <CountInput name={tallyField.scale(q.id, v)} label={t(`consult.scale.${v}`)} value={sent[tallyField.scale(q.id, v)]} />
                        </div>
                      ))
                    : null}
                  {q.kind === "ranking" || q.kind === "majority" ? (
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
                          {q.options.map((o) => (
                            <tr key={o.id}>
                              <th scope="row">{opt(o)}</th>
                              {(q.kind === "ranking" ? Array.from({ length: q.topN }, (_, r) => [tallyField.rank(q.id, o.id, r + 1), t("consult.rankN", { rank: r + 1 })]) : GRADES.map((g, gi) => [tallyField.grade(q.id, o.id, gi), t(`grades.${g}`)])).map(([name, head]) => (
                                <td key={name}>
                                  <CountInput name={name!} label={`${opt(o)} — ${head}`} value={sent[name!]} />
                                </td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ) : null}
                </fieldset>
              );
            })}
            <button type="submit" name="intent" value="enter_sheet" className="primary big">
              {t("ledger.enterSheet")}
            </button>
          </Form>
        </section>
      ) : (
        <p className="notice">{t("ledger.notPublished")}</p>
      )}
      <p>
        <Link to={`/staff/consultations/${d.id}`}>{t("ledger.back")}</Link>
      </p>
    </>
  );
}
