// The one message at the top of a refused form, with when to try again after a limit.
import { useT } from "../i18n/i18n.js";

/** A wait in the unit a person reads best: minutes up to an hour and a half, hours up to two days, then days. */
export function retryWait(seconds: number): { unit: "minutes" | "hours" | "days"; count: number } {
  if (seconds <= 90 * 60) return { unit: "minutes", count: Math.max(1, Math.ceil(seconds / 60)) };
  if (seconds <= 48 * 3600) return { unit: "hours", count: Math.ceil(seconds / 3600) };
  return { unit: "days", count: Math.ceil(seconds / 86400) };
}

export function FormAlert({ error, retryAfter }: { error?: string | null; retryAfter?: number | null }) {
  const { t } = useT();
  if (!error) return null;
  const wait = retryAfter ? retryWait(retryAfter) : null;
  return (
    <p className="error" role="alert">
      {t(error)}{" "}
      {wait?.unit === "minutes" ? t("errors.429.retry", { count: wait.count }) : wait?.unit === "hours" ? t("errors.429.retryHours", { count: wait.count }) : wait ? t("errors.429.retryDays", { count: wait.count }) : null}
    </p>
  );
}
