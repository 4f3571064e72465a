// Printable paper ballots: the same questions and options in the same order as online, and a
// serial number on each copy. A new series reserves its numbers (recorded and audited), so the
// next one starts after it; any range can be shown again to reprint it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ballotPlaces, nextSerialNumber, printBallotSeries, printSeries } from "../domain/consultations/paper.server.js";
import { GRADES, MAX_PRINT_COPIES, paperSerial } from "../domain/consultations/rules.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { LedgerNav } from "../ui/LedgerNav.js";
import { Pictogram } from "../ui/Pictogram.js";
import { GradeHeaders, QueryNotices } from "../ui/Notices.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";
import { requireStaffConsultation } from "../utils/staff.server.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "ledger.printTitle", data?.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c } = await requireStaffConsultation(request, context, params.id);
  const url = new URL(request.url);
  const next = await nextSerialNumber(context.db, c.id);
  const asked = (name: string, fallback: number, max: number) => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw.trim() === "") return { value: fallback, bad: false };
    const n = /^\d{1,7}$/.test(raw.trim()) ? Number(raw) : NaN;
    return n >= 1 && n <= max ? { value: n, bad: false } : { value: fallback, bad: true };
  };
  const from = asked("debut", next, 9_999_999);
  const copies = asked("nombre", 10, MAX_PRINT_COPIES);
  // Ballots are shown for a range asked for (a new series, or a reprint), not by default.
  const shown = url.searchParams.has("debut") || url.searchParams.has("nombre");
  const series = await printSeries(context.db, c.id);
  return json({
    id: c.id,
    title: c.title,
    titleFalc: c.title_falc,
    closesAt: c.closes_at,
    from: from.value,
    copies: copies.value,
    errors: { debut: from.bad ? "ledger.errors.badStart" : null, nombre: copies.bad ? "ledger.errors.badCopies" : null },
    serials: shown ? Array.from({ length: copies.value }, (_, i) => paperSerial(c.id, from.value + i)) : [],
    series: series.map((x) => ({ id: x.id, first: x.first_serial, copies: x.copies, from: paperSerial(c.id, x.first_serial), to: paperSerial(c.id, x.first_serial + x.copies - 1), by: x.display_name ?? x.identifier ?? "", at: x.printed_at })),
    places: (await ballotPlaces(context.db, c.id)).map((p) => p.name),
    questions: c.questions.map((q) => ({ id: q.id, kind: q.kind, prompt: q.prompt, promptFalc: q.prompt_falc, topN: q.top_n, maxChoices: q.max_choices, options: q.options.map((o) => ({ id: o.id, label: o.label, pictogram: o.pictogram })) })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { c, viewer } = await requireStaffConsultation(request, context, params.id);
  const form = await request.formData();
  const raw = String(form.get("nombre") ?? "").trim();
  const copies = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  const r = await printBallotSeries(context.db, viewer, c.id, copies);
  if (r.ok) return redirect(`/staff/consultations/${c.id}/bulletins?debut=${r.value.first}&nombre=${r.value.copies}&serie=1`);
  if (r.error === "forbidden") throw new Response(null, { status: 403 });
  if (r.error === "notFound") throw new Response(null, { status: 404 });
  return json({ error: `ledger.errors.${r.error}`, nombre: raw }, { status: 400 });
}

export default function PrintBallots() {
  const d = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const { t, lng } = useT();
  return (
    <>
      <LedgerNav id={d.id} title={d.title} current="bulletins" />
      <div className="no-print">
        <h1>{t("ledger.printTitle")}</h1>
        <p className="hint">{t("ledger.printIntro")}</p>
        <QueryNotices notices={[["serie", "ledger.reserved"]]} />
        <section aria-labelledby="series-h">
          <h2 id="series-h">{t("ledger.seriesTitle")}</h2>
          <p className="hint">{t("ledger.seriesIntro")}</p>
          {sent?.error ? (
            <p className="error" role="alert">
              {t(sent.error)}
            </p>
          ) : null}
          <Form method="post" className="inline-form">
            <Field id="series-copies" label={t("ledger.copies", { max: MAX_PRINT_COPIES })}>
              <input id="series-copies" name="nombre" type="text" inputMode="numeric" defaultValue={sent?.nombre ?? "10"} />
            </Field>
            <button type="submit" className="primary">
              {t("ledger.reserve")}
            </button>
          </Form>
        </section>
        <section aria-labelledby="series-done-h">
          <h2 id="series-done-h">{t("ledger.seriesDone")}</h2>
          {d.series.length === 0 ? (
            <p>{t("ledger.noSeries")}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("ledger.colSerials")}</th>
                  <th scope="col">{t("ledger.colBy")}</th>
                  <th scope="col">{t("ledger.colWhen")}</th>
                </tr>
              </thead>
              <tbody>
                {d.series.map((x) => (
                  <tr key={x.id}>
                    <td>
                      <Link to={`?debut=${x.first}&nombre=${x.copies}`}>{t("ledger.reprint", { first: x.from, last: x.to })}</Link>
                    </td>
                    <td>{x.by}</td>
                    <td>{formatParisDateTime(x.at, lng)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <details className="panel" open={Boolean(d.errors.debut || d.errors.nombre)}>
          <summary>{t("ledger.reprintTitle")}</summary>
          <p className="hint">{t("ledger.reprintHint")}</p>
          <Form method="get" className="inline-form">
            <Field id="debut" label={t("ledger.firstSerial")} error={d.errors.debut}>
              <input id="debut" name="debut" type="text" inputMode="numeric" defaultValue={d.from} aria-describedby={describedBy("debut", d.errors.debut)} />
            </Field>
            <Field id="nombre" label={t("ledger.copies", { max: MAX_PRINT_COPIES })} error={d.errors.nombre}>
              <input id="nombre" name="nombre" type="text" inputMode="numeric" defaultValue={d.copies} aria-describedby={describedBy("nombre", d.errors.nombre)} />
            </Field>
            <button type="submit">{t("ledger.prepare")}</button>
          </Form>
        </details>
        {d.serials.length ? <p>{t("ledger.printHint", { first: d.serials[0], last: d.serials[d.serials.length - 1] })}</p> : null}
      </div>
      <div className="ballots">
        {d.serials.map((serial) => (
          <article className="ballot" key={serial} aria-label={t("ledger.ballotN", { serial })}>
            <header className="ballot-head">
              <p className="ballot-serial">
                {t("ballot.serial")} <strong>{serial}</strong>
              </p>
              <h2>{d.title}</h2>
              {d.titleFalc ? <p>{d.titleFalc}</p> : null}
              <p className="hint">{t("ballot.deadline", { date: formatParisDateTime(d.closesAt, lng) })}</p>
            </header>
            <p className="ballot-line">
              <strong>{t("ballot.place")}</strong> {[...d.places, t("ballot.dontKnow")].map((p) => (
                <span key={p} className="box-choice">
                  <span className="box" aria-hidden="true" /> {p}
                </span>
              ))}
            </p>
            <p className="ballot-line">
              <strong>{t("ballot.identifier")}</strong> <span className="write-line" />
            </p>
            {d.questions.map((q, qi) => (
              <section key={q.id} className="ballot-question">
                <h3>
                  {qi + 1}. {q.prompt}
                </h3>
                {q.promptFalc ? <p>{q.promptFalc}</p> : null}
                {q.kind === "multiple" ? <p className="hint">{t("ballot.atMost", { count: q.maxChoices ?? 1 })}</p> : null}
                {q.kind === "ranking" ? <p className="hint">{t("ballot.rankHint", { n: q.topN ?? 1 })}</p> : null}
                {q.kind === "single" || q.kind === "multiple" ? (
                  <ul className="ballot-options">
                    {q.options.map((o) => (
                      <li key={o.id}>
                        <span className="box" aria-hidden="true" /> <Pictogram value={o.pictogram} />
                        {o.label}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {q.kind === "scale" ? (
                  <ul className="ballot-options inline">
                    {[1, 2, 3, 4, 5].map((v) => (
                      <li key={v}>
                        <span className="box" aria-hidden="true" /> {v}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {q.kind === "ranking" ? (
                  <ul className="ballot-options">
                    {q.options.map((o) => (
                      <li key={o.id}>
                        <span className="rank-box" aria-hidden="true" /> {o.label}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {q.kind === "majority" ? (
                  <table className="data ballot-grid">
                    <caption>{q.prompt}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("consult.option")}</th>
                        <GradeHeaders />
                      </tr>
                    </thead>
                    <tbody>
                      {q.options.map((o) => (
                        <tr key={o.id}>
                          <th scope="row">{o.label}</th>
                          {GRADES.map((g) => (
                            <td key={g}>
                              <span className="box" aria-hidden="true" />
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
                {q.kind === "text" ? <div className="write-box" /> : null}
              </section>
            ))}
            <p className="hint ballot-foot">{t("ballot.secret")}</p>
          </article>
        ))}
      </div>
    </>
  );
}
