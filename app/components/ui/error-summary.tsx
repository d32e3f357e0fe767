import { useEffect, useRef, type ReactNode } from "react";
import { useT } from "~/modules/i18n/use-t";
import { shownAsData } from "~/modules/i18n/keys";
import type { Namespace } from "~/modules/i18n/namespaces";

export type FieldErrors = Record<string, string | undefined>;

export interface ErrorSummaryItem {
  /** The field's id, without "#". */
  field: string;
  text: string;
  /** When the text is not in the page's language (a parser's English message). */
  lang?: string;
}

/**
 * The one GOV.UK error summary of the site: "There is a problem", focused when it appears,
 * each entry a link to its field; `children` for a message that belongs to no field.
 */
export function ErrorSummaryBox(props: {
  items?: readonly ErrorSummaryItem[];
  children?: React.ReactNode;
  /** Focus again whenever this changes (a new errors object: the form was sent again). */
  focusKey?: unknown;
}) {
  const { t } = useT("common");
  const ref = useRef<HTMLDivElement>(null);
  const items = props.items ?? [];
  const key = items.map((item) => `${item.field}:${item.text}`).join("|");
  useEffect(() => {
    ref.current?.focus();
  }, [key, props.focusKey]);
  return (
    <div
      className="error-summary"
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title" className="error-summary__title">
        {t("errors.summaryTitle")}
      </h2>
      {props.children}
      {items.length > 0 ? (
        <ul className="error-summary__list">
          {items.map((item, index) => (
            <li key={`${item.field}-${index}`}>
              <a href={`#${item.field}`} lang={item.lang}>
                {item.text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Error summary of a form's field errors. Messages are i18n keys, translated here so one
 * schema serves both languages; `values` fills the messages that name something (a range).
 */
export function ErrorSummary(props: {
  errors: FieldErrors;
  ns: Namespace;
  values?: Record<string, string | number>;
}) {
  const { t } = useT(props.ns);
  const entries = Object.entries(props.errors).filter((entry): entry is [string, string] =>
    Boolean(entry[1]),
  );
  if (entries.length === 0) return null;
  return (
    <ErrorSummaryBox
      items={entries.map(([field, message]) => ({
        field,
        text: t(message, { ...shownAsData(message), ...props.values }),
      }))}
      focusKey={props.errors}
    />
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
  return (
    <FieldGroup {...props}>
      {(describedBy) => (
        <input
          className={`input${props.className ? ` ${props.className}` : ""}`}
          id={props.name}
          name={props.name}
          type={props.type ?? "text"}
          autoComplete={props.autoComplete}
          defaultValue={props.defaultValue}
          spellCheck={props.spellCheck}
          inputMode={props.inputMode}
          aria-describedby={describedBy}
          aria-invalid={props.error ? true : undefined}
        />
      )}
    </FieldGroup>
  );
}

/**
 * One labelled control in GOV.UK style: label, hint and error above it, the control described by
 * both. The control gets the ids to name in its aria-describedby.
 */
export function FieldGroup(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
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
      {props.children([hintId, errorId].filter(Boolean).join(" ") || undefined)}
    </div>
  );
}
