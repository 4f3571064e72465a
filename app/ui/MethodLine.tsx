// Where every figure comes from: channels, entry modes and counts. The same component on the
// public results and the staff pages, fed by the same counters, so the totals are the same.
import { useT } from "../i18n/i18n.js";

import type { MethodLine as Method } from "../domain/consultations/queries.server.js";

export function MethodLine({ m }: { m: Method }) {
  const { t } = useT();
  // A hidden cell (1 to 4 people, or hidden beside one) reads « non publié », like every other.
  const figure = (n: number | null) => (n === null ? t("consult.notPublished") : String(n));
  const rows = [
    ["web", m.web, t("method.web")],
    ["paper", m.paper, m.paperUnnamed ? t("method.paperUnnamed", { count: m.paperUnnamed }) : t("method.paper")],
    ["atelier", m.atelier, t("method.atelier")],
    ["tally", m.tally, t("method.tally", { count: m.tallySheets })],
  ] as const;
  const notes = [
    m.pendingVerification ? t("method.pendingVerification", { count: m.pendingVerification }) : null,
    m.pendingTallies ? t("method.pendingTallies", { count: m.pendingTallies }) : null,
    m.voided ? t("method.voided", { count: m.voided }) : null,
  ].filter(Boolean);
  return (
    <>
      <p className="method">
        {m.n === null ? t("method.lineHidden") : t("method.line", { count: m.n })}{" "}
        {rows
          .filter(([key, n]) => n !== 0 || key === "web")
          .map(([, n, label]) => `${figure(n)} ${label}`)
          .join(" · ")}
        {notes.length ? `. ${notes.join(" · ")}.` : "."}
      </p>
      <table className="data method-table">
        <caption>{t("method.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("method.channel")}</th>
            <th scope="col">{t("method.counted")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, n, label]) => (
            <tr key={key} data-channel={key}>
              <th scope="row">{label}</th>
              <td>{figure(n)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-channel="total">
            <th scope="row">{t("method.total")}</th>
            <td>{figure(m.n)}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}
