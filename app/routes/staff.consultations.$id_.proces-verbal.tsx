// Tally sheets (« procès-verbal »), for when only counts exist: the number of ballots and the
// counts per option, value, rank or grade, which must add up. One staff member enters a sheet;
// a different one types it again without seeing the first entry (`?feuille=<id>`), and it
// counts once the two entries match. A mismatch names the differing cells to both, and each
// corrects their own entry with the same form.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { formToMap, formToObject } from "../domain/accounts/schemas.js";
import { ballotPlaces, checkTallySheet, correctTallySheet, enterTallySheet, ownSheetEntry, tallySheetList, voidEntry, type LedgerChannel } from "../domain/consultations/paper.server.js";
import { useT } from "../i18n/i18n.js";
import { LedgerNav, LedgerPager, VoidForm } from "../ui/LedgerNav.js";
import { QueryNotices } from "../ui/Notices.js";
import { StaffNav } from "../ui/StaffNav.js";
import { TallySheetForm, useCellName } from "../ui/TallySheetForm.js";
import { parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";
import { requireStaffConsultation } from "../utils/staff.server.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "ledger.tallyTitle", data?.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c, viewer } = await requireStaffConsultation(request, context, params.id);
  const query = new URL(request.url).searchParams;
  const sheets = await tallySheetList(context.db, c.id, viewer.accountId, { before: parseId(query.get("avant") ?? "") });
  const editing = parseId(query.get("feuille") ?? "");
  const entry = editing && c.status === "published" ? await ownSheetEntry(context.db, c.id, editing, viewer.accountId) : null;
  return json({
    id: c.id,
    title: c.title,
    published: c.status === "published",
    places: await ballotPlaces(context.db, c.id),
    total: sheets.total,
    olderThan: sheets.olderThan,
    sheets: sheets.rows,
    editing: entry && editing ? { id: editing, ...entry } : null,
    questions: c.questions.filter((q) => q.kind !== "text").map((q) => ({ id: q.id, kind: q.kind, prompt: q.prompt, topN: Math.min(q.top_n ?? 1, q.options.length), options: q.options.map((o) => ({ id: o.id, label: o.label })) })),
  });
}

const SHEET_INTENTS = ["enter_sheet", "correct_sheet", "check_sheet"];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { c, viewer } = await requireStaffConsultation(request, context, params.id);
  const form = await request.formData();
  const values = formToObject(form);
  const intent = values.intent ?? "";
  const fail = (error: string, status = 400, problems: Record<string, string> = {}) => json({ intent, error, problems, values }, { status });
  const done = (query: string) => redirect(`/staff/consultations/${c.id}/proces-verbal?${query}`);
  const refused = (error: string) => {
    if (error === "forbidden") throw new Response(null, { status: 403 });
    return fail(`ledger.errors.${error}`, error === "notFound" ? 404 : error === "sameStaff" || error === "alreadyConfirmed" || error === "notYours" ? 409 : 400);
  };
  const responseId = parseId(values.responseId);
  if (intent === "void") {
    if (!responseId) return fail("ledger.errors.notFound", 404);
    const r = await voidEntry(context.db, viewer, c.id, responseId, values.reason ?? "");
    return r.ok ? done("annule=1") : refused(r.error);
  }
  if (!SHEET_INTENTS.includes(intent)) return fail("cstaff.errors.unknown");
  if (intent !== "enter_sheet" && !responseId) return fail("ledger.errors.notFound", 404);
  const territoryId = values.place ? parseId(values.place) : null;
  if (values.place && !territoryId) return fail("ledger.errors.badPlace");
  const figures = { ballots: values.ballots ?? "", form: formToMap(form) };
  const base = { territoryId, channel: (values.channel ?? "paper") as LedgerChannel, source: values.source ?? "" };
  const r =
    intent === "enter_sheet"
      ? await enterTallySheet(context.db, viewer, c.id, { ...base, ...figures })
      : intent === "correct_sheet"
        ? await correctTallySheet(context.db, viewer, c.id, responseId!, { ...base, ...figures })
        : await checkTallySheet(context.db, viewer, c.id, responseId!, figures);
  if (r.ok) {
    if (!("confirmed" in r.value)) return done("saisi=1");
    return done(r.value.confirmed ? "confirme=1" : r.value.checked ? `ecart=${responseId}` : "corrige=1");
  }
  if ("problems" in r) return fail("ledger.errors.tallyInvalid", 400, r.problems as Record<string, string>);
  return refused(r.error);
}

export default function TallySheets() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  const cellName = useCellName(d.questions);
  const sheetIntent = d.editing ? (d.editing.role === "first" ? "correct_sheet" : "check_sheet") : "enter_sheet";
  const returned = data && data.intent === sheetIntent;
  const sent: Record<string, string> = returned ? data.values : (d.editing?.values ?? {});
  const problems: Record<string, string> = returned ? data.problems : {};
  const title = (s: { id: number; ballots: number | null }) => (s.ballots === null ? t("ledger.sheetNoFigures", { n: s.id }) : t("ledger.sheetN", { n: s.id, count: s.ballots }));
  const editLink = (id: number, label: string) => <Link to={`?feuille=${id}`}>{label}</Link>;
  const editedPlace = d.editing ? (d.places.find((p) => p.id === d.editing!.sheet.territoryId)?.name ?? t("consult.notSpecified")) : "";
  return (
    <>
      <StaffNav />
      <LedgerNav id={d.id} title={d.title} current="proces-verbal" />
      <h1>{t("ledger.tallyTitle")}</h1>
      <p className="hint">{t("ledger.tallyIntro")}</p>
      <QueryNotices notices={[["saisi", "ledger.sheetEntered"], ["confirme", "ledger.sheetConfirmed"], ["corrige", "ledger.sheetCorrected"], ["ecart", "ledger.sheetMismatch", (n) => ({ n })], ["annule", "ledger.voided"]]} />
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
            <li key={s.id} id={`feuille-${s.id}`} className={s.voidedAt ? "voided" : undefined}>
              <p>
                <strong>{title(s)}</strong> · {t(`channels.${s.channel}`)} · {s.place ?? t("consult.notSpecified")}
              </p>
              <p className="hint">
                {s.source} · {t("ledger.by", { name: s.enteredBy ?? "—" })}
                {s.check ? <> · {t("ledger.checkedBy", { name: s.check.typistName ?? "—" })}</> : null}
              </p>
              {s.voidedAt ? (
                <p>
                  <strong>{t("ledger.voidedOn", { date: formatParisDateTime(s.voidedAt, lng) })}</strong> {s.voidReason}
                </p>
              ) : s.confirmedAt ? (
                <p>{t("ledger.confirmedBy", { name: s.confirmedBy ?? "—", date: formatParisDateTime(s.confirmedAt, lng) })}</p>
              ) : (
                <>
                  {s.check?.differences.length ? (
                    <div className="error">
                      <p>{t("ledger.mismatchCells")}</p>
                      <ul>
                        {s.check.differences.map((cell) => (
                          <li key={cell.name}>{cellName(cell)}</li>
                        ))}
                      </ul>
                      <p>{t("ledger.mismatchHint")}</p>
                    </div>
                  ) : s.mine ? (
                    <p className="notice">{t("ledger.needsAnother")}</p>
                  ) : !s.check ? (
                    <p className="notice pending-flag">
                      <strong>{t("ledger.awaitsYourEntry")}</strong>
                    </p>
                  ) : null}
                  {d.published ? <p>{s.mine ? editLink(s.id, t("ledger.correct")) : editLink(s.id, s.check?.mine ? t("ledger.retype") : t("ledger.check"))}</p> : null}
                </>
              )}
              {!s.voidedAt ? <VoidForm id={s.id} label={title(s)} /> : null}
            </li>
          ))}
        </ul>
        <LedgerPager olderThan={d.olderThan} />
      </section>

      {!d.published ? (
        <p className="notice">{t("ledger.notPublished")}</p>
      ) : d.editing ? (
        <section aria-labelledby="edit-sheet-h">
          <h2 id="edit-sheet-h">{d.editing.role === "first" ? t("ledger.correctTitle", { n: d.editing.id }) : t("ledger.checkTitle", { n: d.editing.id })}</h2>
          <p className="hint">{d.editing.role === "first" ? t("ledger.correctIntro") : t("ledger.checkIntro")}</p>
          {d.editing.role === "second" ? (
            <p>
              {t(`channels.${d.editing.sheet.channel}`)} · {editedPlace} · {d.editing.sheet.source}
            </p>
          ) : null}
          <TallySheetForm
            key={`${d.editing.id}-${d.editing.role}`}
            questions={d.questions}
            values={sent}
            problems={problems}
            intent={sheetIntent}
            submitLabel={d.editing.role === "first" ? t("ledger.enterCorrection") : t("ledger.enterCheck")}
            places={d.editing.role === "first" ? d.places : undefined}
            responseId={d.editing.id}
          />
          <p>
            <Link to=".">{t("ledger.backToSheets")}</Link>
          </p>
        </section>
      ) : (
        <section aria-labelledby="new-sheet-h">
          <h2 id="new-sheet-h">{t("ledger.newSheet")}</h2>
          <TallySheetForm questions={d.questions} values={sent} problems={problems} intent="enter_sheet" submitLabel={t("ledger.enterSheet")} places={d.places} />
        </section>
      )}
      <p>
        <Link to={`/staff/consultations/${d.id}`}>{t("ledger.back")}</Link>
      </p>
    </>
  );
}
