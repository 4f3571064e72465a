// Printable paper ballots: the same questions and options in the same order as online, and a
// serial number on each copy. A new series reserves its numbers (recorded and audited), so the
// next one starts after it; any range can be shown again to reprint it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { nextSerialNumber, printBallotSeries, printSeries } from "../domain/consultations/paper.server.js";
import { readPaperLanguages } from "../domain/consultations/ballot-layout.js";
import { printedBallot } from "../domain/consultations/print.server.js";
import { MAX_PRINT_COPIES, paperSerial } from "../domain/consultations/rules.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { LedgerNav } from "../ui/LedgerNav.js";
import { Pictogram } from "../ui/Pictogram.js";
import { QueryNotices } from "../ui/Notices.js";
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
  const languages = readPaperLanguages(url.searchParams.get("langues"));
  const series = await printSeries(context.db, c.id);
  return json({
    id: c.id,
    title: c.title,
    from: from.value,
    copies: copies.value,
    errors: { debut: from.bad ? "ledger.errors.badStart" : null, nombre: copies.bad ? "ledger.errors.badCopies" : null },
    serials: shown ? Array.from({ length: copies.value }, (_, i) => paperSerial(c.id, from.value + i)) : [],
    series: series.map((x) => ({ id: x.id, first: x.first_serial, copies: x.copies, from: paperSerial(c.id, x.first_serial), to: paperSerial(c.id, x.first_serial + x.copies - 1), by: x.display_name ?? x.identifier ?? "", at: x.printed_at })),
    languages,
    paper: await printedBallot(context.db, c, languages),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { c, viewer } = await requireStaffConsultation(request, context, params.id);
  const form = await request.formData();
  const raw = String(form.get("nombre") ?? "").trim();
  const copies = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  const languages = readPaperLanguages(String(form.get("langues") ?? ""));
  const r = await printBallotSeries(context.db, viewer, c.id, copies);
  if (r.ok) return redirect(`/staff/consultations/${c.id}/bulletins?debut=${r.value.first}&nombre=${r.value.copies}&langues=${languages}&serie=1`);
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
            <LanguagesField id="series-langues" value={d.languages} />
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
                      <Link to={`?debut=${x.first}&nombre=${x.copies}&langues=${d.languages}`}>{t("ledger.reprint", { first: x.from, last: x.to })}</Link>
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
            <LanguagesField id="langues" value={d.languages} />
            <button type="submit">{t("ledger.prepare")}</button>
          </Form>
        </details>
        {d.serials.length ? <p>{t("ledger.printHint", { first: d.serials[0], last: d.serials[d.serials.length - 1] })}</p> : null}
        <p className="hint" id="pages-per-ballot">
          {d.paper.pages.length === 1 ? t("ledger.onePage") : t("ledger.manyPages", { pages: d.paper.pages.length })}
        </p>
        {d.paper.missingArabic.length ? <p className="notice">{t("ledger.missingAr", { texts: d.paper.missingArabic.map((x) => `« ${x} »`).join(", ") })}</p> : null}
      </div>
      <div className="ballots">
        {d.serials.map((serial) => (
          <PrintedBallot key={serial} serial={serial} paper={d.paper} label={t("ledger.ballotN", { serial })} />
        ))}
      </div>
    </>
  );
}

function LanguagesField({ id, value }: { id: string; value: string }) {
  const { t } = useT();
  return (
    <Field id={id} label={t("ledger.languages")}>
      <select id={id} name="langues" defaultValue={value}>
        <option value="fr">{t("ledger.langFr")}</option>
        <option value="fr-ar">{t("ledger.langFrAr")}</option>
      </select>
    </Field>
  );
}

type Paper = ReturnType<typeof useLoaderData<typeof loader>>["paper"];
type Words = Paper["labels"]["serial"];

/** A text in French, or in French and Arabic side by side (one row, two columns). */
function Bi({ text }: { text: Words }) {
  if (text.ar === undefined) return <>{text.fr}</>;
  return (
    <span className="bi">
      <span>{text.fr}</span>
      <span lang="ar" dir="rtl">
        {text.ar ?? ""}
      </span>
    </span>
  );
}

/** One copy: its pages as laid out by the server (ballot-layout.ts), each with the serial. */
function PrintedBallot({ serial, paper, label }: { serial: string; paper: Paper; label: string }) {
  const { ballot, labels, pages, pageLabels } = paper;
  const Serial = () => (
    <p className="ballot-serial">
      <Bi text={labels.serial} /> <strong dir="ltr">{serial}</strong>
    </p>
  );
  return (
    <article className={ballot.bilingual ? "ballot bilingual" : "ballot"} lang="fr" dir="ltr" aria-label={label}>
      {pages.map((page, pi) => (
        <section className="ballot-page" key={pi}>
          {pi === 0 ? (
            <header className="ballot-head">
              <Serial />
              {pageLabels[pi] ? (
                <p className="ballot-page-n">
                  <Bi text={pageLabels[pi]!} />
                </p>
              ) : null}
              <h2>
                <Bi text={ballot.title} />
              </h2>
              {ballot.titleFalc ? <p>{ballot.titleFalc}</p> : null}
              <p className="hint">
                <Bi text={labels.deadline} />
              </p>
              <p className="ballot-line">
                <strong>
                  <Bi text={labels.place} />
                </strong>{" "}
                {ballot.places.map((p) => (
                  <span key={p} className="box-choice">
                    <span className="box" aria-hidden="true" /> {p}
                  </span>
                ))}
                <span className="box-choice">
                  <span className="box" aria-hidden="true" /> <Bi text={labels.dontKnow} />
                </span>
              </p>
              <p className="ballot-line">
                <strong>
                  <Bi text={labels.identifier} />
                </strong>{" "}
                <span className="write-line" />
              </p>
            </header>
          ) : (
            <header className="ballot-head continued">
              <Serial />
              <p className="ballot-page-n">
                <Bi text={pageLabels[pi]!} />
              </p>
              <p className="ballot-title-short">{ballot.title.fr}</p>
            </header>
          )}
          {page.segments.map((seg) => (
            <BallotQuestion key={`${seg.question}-${seg.from}`} paper={paper} seg={seg} />
          ))}
          {pi === pages.length - 1 ? (
            <p className="hint ballot-foot">
              <Bi text={labels.secret} />
            </p>
          ) : null}
        </section>
      ))}
    </article>
  );
}

function BallotQuestion({ paper, seg }: { paper: Paper; seg: Paper["pages"][number]["segments"][number] }) {
  const q = paper.ballot.questions[seg.question]!;
  const options = q.options.slice(seg.from, seg.to);
  return (
    <section className="ballot-question">
      <h3>
        {seg.question + 1}. <Bi text={q.prompt} />
        {seg.first ? null : (
          <>
            {" "}
            <Bi text={paper.labels.continued} />
          </>
        )}
      </h3>
      {seg.first && q.falc ? <p>{q.falc}</p> : null}
      {seg.first ? (
        <p className="hint ballot-take">
          <Bi text={q.instruction} />
        </p>
      ) : null}
      {q.kind === "single" || q.kind === "multiple" || q.kind === "ranking" ? (
        <ul className="ballot-options">
          {options.map((o, i) => (
            <li key={seg.from + i}>
              <span className={q.kind === "ranking" ? "rank-box" : "box"} aria-hidden="true" /> <Pictogram value={o.pictogram} />
              <Bi text={o} />
            </li>
          ))}
        </ul>
      ) : null}
      {q.kind === "scale" ? (
        <ul className="ballot-options inline">
          {paper.scale.map((words, v) => (
            <li key={v}>
              <span className="box" aria-hidden="true" /> <Bi text={words} />
            </li>
          ))}
        </ul>
      ) : null}
      {q.kind === "majority" ? (
        <table className="data ballot-grid">
          <thead>
            <tr>
              <td />
              {paper.grades.map((g) => (
                <th scope="col" key={g.fr}>
                  <Bi text={g} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {options.map((o, i) => (
              <tr key={seg.from + i}>
                <th scope="row">
                  <Bi text={o} />
                </th>
                {paper.grades.map((g) => (
                  <td key={g.fr}>
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
  );
}
