// Staff: a batch printed as A4 sheets of cut-out cards (10 per sheet), each with its QR code.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { batchCodes } from "../domain/accounts/queries.server.js";
import { formatCode } from "../domain/accounts/rules.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDate } from "../utils/paris-time.js";
import { requireBatch } from "../utils/staff.server.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "staff.cardsTitle", data?.batch.label);

export const CARDS_PER_SHEET = 10;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { batch } = await requireBatch(request, context, params.id);
  const origin = context.publicUrl;
  const codes = (await batchCodes(context.db, batch.id)).filter((c) => !c.revoked_at && !c.redeemed_at);
  const cards = await Promise.all(
    codes.map(async (c) => {
      const url = `${origin}/code?code=${c.code}`;
      return { code: formatCode(c.code), url, qr: await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
    }),
  );
  const sheets: (typeof cards)[] = [];
  for (let i = 0; i < cards.length; i += CARDS_PER_SHEET) sheets.push(cards.slice(i, i + CARDS_PER_SHEET));
  return json({ batch, sheets });
}

export default function Cards() {
  const { batch, sheets } = useLoaderData<typeof loader>();
  const { t, lng } = useT();
  const expires = formatParisDate(batch.expires_at, lng);
  return (
    <div className="print-page">
      <div className="no-print">
        <p>
          <Link to={`/staff/codes/${batch.id}`}>{batch.label}</Link>
        </p>
        <h1>{t("staff.cardsTitle")}</h1>
        <p>{t("staff.cardsHint", { count: sheets.reduce((n, s) => n + s.length, 0), sheets: sheets.length })}</p>
      </div>
      {sheets.map((sheet, i) => (
        <section key={i} className="sheet" aria-label={t("staff.sheet", { n: i + 1 })}>
          {sheet.map((card) => (
            <article key={card.code} className="card">
              <div className="card-text">
                <p className="card-purpose">
                  {t("cards.purpose")} <Fr>{batch.territoryName}</Fr>
                </p>
                <p className="card-code">{card.code}</p>
                <p className="card-small">{t("cards.expires", { date: expires })}</p>
                <p className="card-small">
                  {t("cards.help")} {batch.help_text}
                </p>
              </div>
              <div className="card-qr" role="img" aria-label={t("cards.qr")} dangerouslySetInnerHTML={{ __html: card.qr }} />
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
