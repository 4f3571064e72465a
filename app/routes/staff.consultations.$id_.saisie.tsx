// Staff type paper ballots one by one: serial, sous-secteur (or « non précisé »), optionally
// the voter's identifier, and the answers with the same controls as the online form. A typed
// ballot is never deleted: a mistake is voided with a reason.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formToMap, formToObject } from "../domain/accounts/schemas.js";
import { ballotPlaces, enterPaperBallot, ledgerEntries, nextSerialNumber, voidEntry, type LedgerChannel } from "../domain/consultations/paper.server.js";
import { paperSerial, readSerial } from "../domain/consultations/rules.js";
import { pickVersion } from "../domain/consultations/text.js";
import { useT } from "../i18n/i18n.js";
import { AnswerFields } from "../ui/AnswerFields.js";
import { Field, describedBy } from "../ui/Field.js";
import { LedgerFields } from "../ui/LedgerFields.js";
import { LedgerNav, LedgerPager, VoidForm } from "../ui/LedgerNav.js";
import { QueryNotices } from "../ui/Notices.js";
import { StaffNav } from "../ui/StaffNav.js";
import { parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";
import { requireStaffConsultation } from "../utils/staff.server.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "ledger.typeTitle", data?.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c } = await requireStaffConsultation(request, context, params.id);
  const v = (fr: string, en: string | null, ar: string | null) => pickVersion({ fr, falc: null, en, ar }, context.lng, false);
  const url = new URL(request.url);
  // « Retrouver un bulletin »: the number alone or the printed form, like the entry form.
  const wanted = url.searchParams.get("numero")?.trim() ?? "";
  const serial = wanted ? readSerial(c.id, wanted) : null;
  const entries = await ledgerEntries(context.db, c.id, "individual", { serial: wanted ? (serial ?? "") : null, before: parseId(url.searchParams.get("avant") ?? "") });
  return json({
    search: wanted ? { value: wanted, serial, error: serial ? null : "ledger.errors.badSerial" } : null,
    olderThan: wanted ? null : entries.olderThan,
    id: c.id,
    title: c.title,
    published: c.status === "published",
    places: await ballotPlaces(context.db, c.id),
    nextSerial: paperSerial(c.id, await nextSerialNumber(context.db, c.id)),
    total: entries.total,
    entries: entries.rows.map((e) => ({ id: Number(e.id), serial: e.serial, channel: e.channel, source: e.source, place: e.place, named: e.named, enteredBy: e.enteredBy, voidedAt: e.voided_at, voidReason: e.void_reason })),
    questions: c.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: v(q.prompt, q.prompt_en, q.prompt_ar),
      maxChoices: q.max_choices,
      topN: q.top_n,
      options: q.options.map((o) => ({ id: o.id, label: v(o.label, o.label_en, o.label_ar), pictogram: o.pictogram })),
    })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { c, viewer } = await requireStaffConsultation(request, context, params.id);
  const form = await request.formData();
  const values = formToObject(form);
  const intent = values.intent ?? "";
  const fail = (error: string, status = 400, problems: Record<string, string> = {}) => json({ intent, error, problems, values: Object.fromEntries(formToMap(form)) }, { status });
  if (intent === "void") {
    const responseId = parseId(values.responseId);
    if (!responseId) return fail("ledger.errors.notFound", 404);
    const r = await voidEntry(context.db, viewer, c.id, responseId, values.reason ?? "");
    if (r.ok) return redirect(`/staff/consultations/${c.id}/saisie?annule=${responseId}`);
    if (r.error === "forbidden") throw new Response(null, { status: 403 });
    return fail(`ledger.errors.${r.error}`, r.error === "notFound" ? 404 : 400);
  }
  if (intent !== "enter") return fail("cstaff.errors.unknown");
  const territoryId = values.place ? parseId(values.place) : null;
  if (values.place && !territoryId) return fail("ledger.errors.badPlace");
  const r = await enterPaperBallot(context.db, viewer, c.id, {
    serial: values.serial ?? "",
    identifier: values.identifier ?? null,
    territoryId,
    channel: (values.channel ?? "paper") as LedgerChannel,
    source: values.source ?? "",
    form: formToMap(form),
  });
  if (r.ok) {
    // The next ballot keeps the channel, source and sous-secteur: a pile is usually from one place.
    const keep = new URLSearchParams({ saisi: r.value.serial, canal: values.channel ?? "paper", source: values.source ?? "", lieu: values.place ?? "" });
    return redirect(`/staff/consultations/${c.id}/saisie?${keep}`);
  }
  if (r.error === "forbidden") throw new Response(null, { status: 403 });
  if ("problems" in r) return fail("consult.fixBelow", 400, r.problems as Record<string, string>);
  return fail(`ledger.errors.${r.error}`, r.error === "duplicateSerial" || r.error === "alreadyVoted" || r.error === "blankNamed" ? 409 : 400);
}

/** Refusals that belong to one field, shown next to it as well as at the top. */
const FIELD_OF_ERROR: Record<string, "serial" | "identifier"> = {
  "ledger.errors.badSerial": "serial",
  "ledger.errors.duplicateSerial": "serial",
  "ledger.errors.unknownIdentifier": "identifier",
  "ledger.errors.alreadyVoted": "identifier",
  "ledger.errors.blankNamed": "identifier",
};

export default function TypeBallots() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  const [params] = useSearchParams();
  const sent: Record<string, string[]> = data?.intent === "enter" ? data.values : {};
  const one = (k: string) => sent[k]?.[0];
  const kept = { channel: one("channel") ?? params.get("canal") ?? "paper", source: one("source") ?? params.get("source") ?? "", place: one("place") ?? params.get("lieu") ?? "" };
  const fieldError = (name: "serial" | "identifier") => (data?.intent === "enter" && FIELD_OF_ERROR[data.error] === name ? data.error : undefined);
  return (
    <>
      <StaffNav />
      <LedgerNav id={d.id} title={d.title} current="saisie" />
      <h1>{t("ledger.typeTitle")}</h1>
      <p className="hint">{t("ledger.typeIntro")}</p>
      <QueryNotices notices={[["saisi", "ledger.typed", (serial) => ({ serial })], ["annule", "ledger.voided"]]} />
      {data?.error ? (
        <p className="error" role="alert">
          {t(data.error)}
        </p>
      ) : null}
      {!d.published ? (
        <p className="notice">{t("ledger.notPublished")}</p>
      ) : (
        <Form method="post" className="answer-form" noValidate key={params.get("saisi") ?? "form"}>
          <Field id="serial" label={t("ledger.serial")} hint={t("ledger.serialHint", { example: d.nextSerial })} error={fieldError("serial")}>
            <input id="serial" name="serial" type="text" inputMode="numeric" autoComplete="off" required defaultValue={one("serial") ?? ""} aria-describedby={describedBy("serial", fieldError("serial"), true)} />
          </Field>
          <LedgerFields places={d.places} values={kept} errors={{}} />
          <Field id="identifier" label={t("ledger.identifier")} hint={t("ledger.identifierHint")} error={fieldError("identifier")}>
            <input id="identifier" name="identifier" type="text" autoComplete="off" autoCapitalize="none" defaultValue={one("identifier") ?? ""} aria-describedby={describedBy("identifier", fieldError("identifier"), true)} />
          </Field>
          <AnswerFields questions={d.questions} own={null} sent={sent} problems={data?.intent === "enter" ? data.problems : {}} listen={false} />
          <p className="hint">{t("ledger.blankHint")}</p>
          <button type="submit" name="intent" value="enter" className="primary big">
            {t("ledger.enterBallot")}
          </button>
        </Form>
      )}
      <section aria-labelledby="typed-h">
        <h2 id="typed-h">{t("ledger.typedList", { count: d.total })}</h2>
        {d.total > 0 ? (
          <Form method="get" className="search-form" role="search" aria-label={t("ledger.findTitle")}>
            {(["canal", "source", "lieu"] as const).map((k) => (params.get(k) ? <input key={k} type="hidden" name={k} value={params.get(k)!} /> : null))}
            <label htmlFor="numero">{t("ledger.find")}</label>
            <input id="numero" name="numero" type="search" inputMode="numeric" autoComplete="off" defaultValue={d.search?.value ?? ""} aria-describedby={d.search?.error ? "numero-error" : undefined} aria-invalid={d.search?.error ? true : undefined} />
            <button type="submit">{t("ledger.findButton")}</button>
            {d.search?.error ? (
              <p id="numero-error" className="error">
                {t(d.search.error)}
              </p>
            ) : null}
          </Form>
        ) : null}
        {d.search ? (
          <p role="status">
            {d.search.serial ? (d.entries.length ? t("ledger.found", { serial: d.search.serial }) : t("ledger.notFoundSerial", { serial: d.search.serial })) : null}{" "}
            <Link to={`/staff/consultations/${d.id}/saisie`}>{t("ledger.showAll")}</Link>
          </p>
        ) : null}
        {d.total === 0 ? <p>{t("ledger.noneTyped")}</p> : null}
        <ul className="cards" id="typed-list">
          {d.entries.map((e) => (
            <li key={e.id} className={e.voidedAt ? "voided" : undefined}>
              <p>
                <strong>{e.serial}</strong> · {t(`channels.${e.channel}`)} · {e.place ?? t("consult.notSpecified")} · {e.named ? t("ledger.named") : t("ledger.unnamed")}
              </p>
              <p className="hint">
                {e.source} · {t("ledger.by", { name: e.enteredBy ?? "—" })}
              </p>
              {e.voidedAt ? (
                <p>
                  <strong>{t("ledger.voidedOn", { date: formatParisDateTime(e.voidedAt, lng) })}</strong> {e.voidReason}
                </p>
              ) : (
                <VoidForm id={e.id} label={e.serial ?? String(e.id)} />
              )}
            </li>
          ))}
        </ul>
        <LedgerPager olderThan={d.olderThan} />
      </section>
      <p>
        <Link to={`/staff/consultations/${d.id}`}>{t("ledger.back")}</Link>
      </p>
    </>
  );
}
