// The one message at the top of a refused form, with when to try again after a limit.
import { useT } from "../i18n/i18n.js";

export function FormAlert({ error, retryAfter }: { error?: string | null; retryAfter?: number | null }) {
  const { t } = useT();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {t(error)} {retryAfter ? t("errors.429.retry", { count: Math.ceil(retryAfter / 60) }) : null}
    </p>
  );
}
