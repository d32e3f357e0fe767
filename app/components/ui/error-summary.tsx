import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export type FieldErrors = Record<string, string | undefined>;

/**
 * GOV.UK error summary: focused on render, links to each field. Messages are i18n keys,
 * translated here so one schema serves both languages.
 */
export function ErrorSummary(props: { errors: FieldErrors; ns: string }) {
  const { t } = useTranslation(["common", props.ns]);
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(props.errors).filter(([, message]) => Boolean(message));
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [entries.length, props.errors]);
  if (entries.length === 0) return null;
  return (
    <div
      className="error-summary"
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title" className="error-summary__title">
        {t("common:errors.summaryTitle")}
      </h2>
      <ul className="error-summary__list">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{t(`${props.ns}:${message}`)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TextField(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  type?: "text" | "email" | "search" | "date";
  autoComplete?: string;
  defaultValue?: string;
  spellCheck?: boolean;
  inputMode?: "numeric" | "text";
  className?: string;
}) {
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = props.error ? `${props.name}-error` : undefined;
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={props.name}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={hintId} className="hint">
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <p id={errorId} className="error-message">
          {props.error}
        </p>
      ) : null}
      <input
        className={`input${props.className ? ` ${props.className}` : ""}`}
        id={props.name}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        spellCheck={props.spellCheck}
        inputMode={props.inputMode}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={props.error ? true : undefined}
      />
    </div>
  );
}
