// The summary at the top of a refused form, as GOV.UK and the DSFR do and RGAA expects: it
// says the form was not accepted and links to each field in error. With JavaScript, focus
// moves to it as soon as it appears (a screen reader reads it, a keyboard starts there);
// without, the page opens at its anchor (#erreurs).
import { useEffect, useRef } from "react";

export const ERROR_SUMMARY_ID = "erreurs";

export function ErrorSummary({ title, items }: { title: string; items: { href: string; text: string }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = items.map((i) => `${i.href}:${i.text}`).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (items.length === 0) return null;
  return (
    <div id={ERROR_SUMMARY_ID} className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${ERROR_SUMMARY_ID}-title`}>
      <h2 id={`${ERROR_SUMMARY_ID}-title`}>{title}</h2>
      <ul>
        {items.map((i) => (
          <li key={i.href}>
            <a href={i.href}>{i.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
