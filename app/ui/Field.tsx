// A labelled form field with its hint and its error, wired for screen readers.
import type { ReactNode } from "react";
import { useT } from "../i18n/i18n.js";

export function FieldError({ id, error }: { id: string; error?: string | null }) {
  const { t } = useT();
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="error">
      {t(error)}
    </p>
  );
}

export function describedBy(id: string, error?: string | null, hint?: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
      {children}
    </div>
  );
}
