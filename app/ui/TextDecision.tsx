// Publish a resident's free text, or keep it unpublished with a reason from the fixed list:
// the two forms staff (on a consultation's page) and moderators (on /moderation) use.
import { Form } from "@remix-run/react";
import { TEXT_REASONS } from "../domain/consultations/rules.js";
import { useT } from "../i18n/i18n.js";

/** The decisions open to a text: both while it waits; once published, only taking it back. */
export function TextDecision({ answerId, consultationId, error, status = "pending" }: { answerId: number; consultationId?: number; error?: string | null; status?: "pending" | "approved" | "rejected" }) {
  const { t } = useT();
  const hidden = (
    <>
      <input type="hidden" name="answerId" value={answerId} />
      {consultationId ? <input type="hidden" name="consultationId" value={consultationId} /> : null}
    </>
  );
  const errorId = `reason-${answerId}-error`;
  return (
    <div className="actions">
      {status !== "approved" ? (
        <Form method="post">
          {hidden}
          <button type="submit" name="intent" value="approve_text" className="primary">
            {t("moderation.approve")}
          </button>
        </Form>
      ) : null}
      <Form method="post" className="inline-field">
        {hidden}
        <label htmlFor={`reason-${answerId}`}>{t("moderation.reason")}</label>
        <select id={`reason-${answerId}`} name="reason" defaultValue="" aria-describedby={error ? errorId : undefined}>
          <option value="">{t("moderation.chooseReason")}</option>
          {TEXT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`moderation.reasons.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit" name="intent" value="reject_text" className="danger">
          {t("moderation.reject")}
        </button>
        {error ? (
          <p id={errorId} className="error">
            {t(error)}
          </p>
        ) : null}
      </Form>
    </div>
  );
}
