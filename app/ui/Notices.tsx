// Small shared pieces of the staff pages: what a redirect after a write announces, a one-button
// form that sends an intent about one row, and the grade headers of majority-judgment tables.
import { Form, useSearchParams } from "@remix-run/react";
import { GRADES } from "../domain/consultations/rules.js";
import { useT } from "../i18n/i18n.js";

/** One status line per query parameter present after a redirect (`?saisi=…` → its message). */
export function QueryNotices({ notices }: { notices: [param: string, key: string, vars?: (value: string) => Record<string, string>][] }) {
  const { t } = useT();
  const [params] = useSearchParams();
  return (
    <>
      {notices.map(([param, key, vars]) => {
        const value = params.get(param);
        return value ? (
          <p className="notice" role="status" key={param}>
            {t(key, vars?.(value))}
          </p>
        ) : null;
      })}
    </>
  );
}

/** A form with one button: sends `intent` about the row `name=value`. */
export function IntentButton({ name, value, intent, label, className }: { name: string; value: string | number; intent: string; label: string; className?: string }) {
  return (
    <Form method="post">
      <input type="hidden" name={name} value={value} />
      <button type="submit" name="intent" value={intent} className={className}>
        {label}
      </button>
    </Form>
  );
}

/** Column headers, one per grade of majority judgment. */
export function GradeHeaders() {
  const { t } = useT();
  return (
    <>
      {GRADES.map((g) => (
        <th scope="col" key={g}>
          {t(`grades.${g}`)}
        </th>
      ))}
    </>
  );
}
