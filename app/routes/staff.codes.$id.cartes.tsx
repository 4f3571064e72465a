// Staff: a batch printed as A4 sheets of cut-out cards (10 per sheet), each with its QR code,
// the address to type (from PUBLIC_URL, never from the request), where to get help and a line
// for the identifier the resident will write on it. In French, and in Arabic or English when
// staff choose it (`?langue=ar`), whatever language they read the site in.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import QRCode from "qrcode";
import { batchCodes } from "../domain/accounts/queries.server.js";
import { CARD_HELP_BILINGUAL_MAX, formatCode, readCardLanguage, splitPhones, typedAddress, type CardSecondLanguage } from "../domain/accounts/rules.js";
import { printedCardWords } from "../domain/accounts/cards.server.js";
import { useT } from "../i18n/i18n.js";
import { Field, describedBy } from "../ui/Field.js";
import { pageTitle } from "../utils/meta.js";
import { requireBatch } from "../utils/staff.server.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "staff.cardsTitle", data?.batch.label);

export const CARDS_PER_SHEET = 10;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { batch } = await requireBatch(request, context, params.id);
  const asked = readCardLanguage(new URL(request.url).searchParams.get("langue"));
  const second = asked.ok ? asked.value : null;
  const origin = context.publicUrl;
  const codes = (await batchCodes(context.db, batch.id)).filter((c) => !c.revoked_at && !c.redeemed_at);
  const cards = await Promise.all(
    codes.map(async (c) => {
      const url = `${origin}/code?code=${c.code}`;
      return { code: formatCode(c.code), qr: await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
    }),
  );
  const sheets: (typeof cards)[] = [];
  for (let i = 0; i < cards.length; i += CARDS_PER_SHEET) sheets.push(cards.slice(i, i + CARDS_PER_SHEET));
  const secondHelp = second === "ar" ? batch.help_text_ar : second === "en" ? batch.help_text_en : null;
  return json(
    {
      batch: { id: batch.id, label: batch.label, territoryName: batch.territoryName },
      sheets,
      address: typedAddress(origin),
      second,
      languageError: asked.ok ? null : "staff.cardsLanguageBad",
      words: printedCardWords(second, batch.expires_at),
      help: { fr: batch.help_text, second: secondHelp },
      // Two languages leave less room: say so when the help would be cut.
      helpTooLong: second !== null && Math.max(batch.help_text.length, secondHelp?.length ?? 0) > CARD_HELP_BILINGUAL_MAX ? CARD_HELP_BILINGUAL_MAX : null,
    },
    { status: asked.ok ? 200 : 400 },
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** A passage in the card's second language: marked, in its own direction, on its own line. */
function Second({ lang, children }: { lang: CardSecondLanguage; children: ReactNode }) {
  return (
    <span className="card-second" lang={lang} dir={lang === "ar" ? "rtl" : "ltr"}>
      {children}
    </span>
  );
}

/** The same words in the second language, after a separator, on the same line (nothing without one). */
function Also({ lang, sep, text }: { lang: CardSecondLanguage | null; sep: string; text: string | undefined }) {
  if (!lang || text === undefined) return null;
  return (
    <>
      {sep}
      <span lang={lang} dir={lang === "ar" ? "rtl" : "ltr"}>
        {text}
      </span>
    </>
  );
}

/** A help text with its phone numbers kept left to right, even inside Arabic. */
function HelpText({ text }: { text: string }) {
  return (
    <>
      {splitPhones(text).map((part, i) =>
        part.tel ? (
          <span key={i} className="phone" dir="ltr">
            {part.text}
          </span>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/**
 * One card, 54 mm high: the QR code floats beside the first lines and the rest flows under
 * it; the identifier line is always at the foot, whatever the help text's length.
 */
function Card({ card, d }: { card: Data["sheets"][number][number]; d: Data }) {
  const { t } = useT();
  const { fr, second } = d.words;
  const lang = d.second;
  return (
    <article className={lang ? "card bilingual" : "card"} lang="fr" dir="ltr">
      <div className="card-body">
        <div className="card-qr" role="img" aria-label={t("cards.qr")} dangerouslySetInnerHTML={{ __html: card.qr }} />
        <p className="card-purpose">
          {fr.purpose} {d.batch.territoryName}
          {second && lang ? <Second lang={lang}>{second.purpose}</Second> : null}
        </p>
        <p className="card-code">{card.code}</p>
        <p className="card-address">
          {fr.address}
          <Also lang={lang} sep=" " text={second?.address} />
          <strong className="card-url" dir="ltr">
            {d.address}
          </strong>
        </p>
        <p className="card-small">
          {fr.expires}
          <Also lang={lang} sep=" · " text={second?.expires} />
        </p>
        <p className="card-small card-help">
          {fr.help} <HelpText text={d.help.fr} />
          {second && lang && d.help.second ? (
            <Second lang={lang}>
              {second.help} <HelpText text={d.help.second} />
            </Second>
          ) : null}
        </p>
      </div>
      {/* One line to write on: French reads it from the left, Arabic from the right. */}
      <p className="card-identifier">
        <span>
          {fr.identifier}
          <Also lang={lang === "en" ? lang : null} sep=" / " text={second?.identifier} />
        </span>
        <span className="card-line" aria-hidden="true" />
        {second && lang === "ar" ? (
          <span lang="ar" dir="rtl">
            {second.identifier}
          </span>
        ) : null}
      </p>
    </article>
  );
}

export default function Cards() {
  const d = useLoaderData<typeof loader>();
  const { t } = useT();
  const { batch, sheets } = d;
  return (
    <div className="print-page">
      <div className="no-print">
        <p>
          <Link to={`/staff/codes/${batch.id}`}>{batch.label}</Link>
        </p>
        <h1>{t("staff.cardsTitle")}</h1>
        <p>{t("staff.cardsHint", { count: sheets.reduce((n, s) => n + s.length, 0), sheets: sheets.length })}</p>
        <Form method="get" className="inline-form">
          <Field id="langue" label={t("staff.cardsLanguage")} error={d.languageError}>
            <select id="langue" name="langue" defaultValue={d.second ?? "fr"} aria-describedby={describedBy("langue", d.languageError)} aria-invalid={d.languageError ? true : undefined}>
              <option value="fr">{t("staff.cardsLangFr")}</option>
              <option value="ar">{t("staff.cardsLangAr")}</option>
              <option value="en">{t("staff.cardsLangEn")}</option>
            </select>
          </Field>
          <button type="submit">{t("staff.cardsShow")}</button>
        </Form>
        {d.second && !d.help.second ? <p className="notice">{t(d.second === "ar" ? "staff.cardsNoHelpAr" : "staff.cardsNoHelpEn")}</p> : null}
        {d.helpTooLong ? <p className="notice">{t("staff.cardsHelpTooLong", { max: d.helpTooLong })}</p> : null}
      </div>
      {sheets.map((sheet, i) => (
        <section key={i} className="sheet" aria-label={t("staff.sheet", { n: i + 1 })}>
          {sheet.map((card) => (
            <Card key={card.code} card={card} d={d} />
          ))}
        </section>
      ))}
    </div>
  );
}
