// Form parts of the directory pages: selects, radio and checkbox groups in GOV.UK style (label,
// hint, error above the control, fieldset and legend for groups), and the error summary with a
// message for the whole form (a concurrent edit). Messages arrive as directory keys.
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { ErrorSummaryBox, FieldGroup } from "~/components/ui/error-summary";
import { shownAsData } from "~/modules/i18n/keys";
import { useT } from "~/modules/i18n/use-t";
import { fieldErrors } from "~/utils/zod-errors";

export type FormValues = Record<string, string | string[] | undefined>;

/** A posted form as values to show again: repeated names become lists. */
export function formValues(form: FormData): FormValues {
  const out: FormValues = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const before = out[name];
    out[name] =
      before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return out;
}

export const textOf = (values: FormValues, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? value[0] : value;
};

export const listOf = (values: FormValues, name: string) => {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

/**
 * The browser checks the form with the action's schema before sending: errors appear at once,
 * without a round trip; without JavaScript the action answers the same errors.
 */
export function useClientCheck(
  schema: z.ZodType,
  toValues: (form: FormData) => unknown = formValues,
) {
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const parsed = schema.safeParse(toValues(new FormData(event.currentTarget)));
    if (!parsed.success) {
      event.preventDefault();
      setClientErrors(fieldErrors(parsed.error));
    } else setClientErrors({});
  };
  return { clientErrors, onSubmit };
}

/** The translated message of a field, or undefined. */
export function useFieldError(errors: Record<string, string | undefined>) {
  const { t } = useT("directory");
  return (name: string) => {
    const message = errors[name];
    return message ? t(message, shownAsData(message)) : undefined;
  };
}

/** The error summary: one link per field error, and a message about the whole form. */
export function DirectoryErrorSummary(props: {
  errors: Record<string, string | undefined>;
  formError?: string;
}) {
  const { t } = useT("directory");
  const items = Object.entries(props.errors)
    .filter((entry): entry is [string, string] => Boolean(entry[1]) && entry[0] !== "form")
    .map(([field, message]) => ({ field, text: t(message, shownAsData(message)) }));
  if (items.length === 0 && !props.formError) return null;
  return (
    <ErrorSummaryBox items={items} focusKey={props.errors}>
      {props.formError ? <p>{t(props.formError, shownAsData(props.formError))}</p> : null}
    </ErrorSummaryBox>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <FieldGroup {...props}>
      {(describedBy) => (
        <select
          className="select"
          id={props.name}
          name={props.name}
          defaultValue={props.defaultValue ?? ""}
          aria-describedby={describedBy}
          aria-invalid={props.error ? true : undefined}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldGroup>
  );
}

/** Radios or checkboxes in a fieldset; the first input carries the group's id for the summary. */
export function ChoiceGroup(props: {
  type: "radio" | "checkbox";
  name: string;
  /** The first input's id, when the error key differs from the field name. */
  id?: string;
  legend: string;
  hint?: string;
  error?: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  inline?: boolean;
}) {
  const base = props.id ?? props.name;
  const hintId = props.hint ? `${base}-hint` : undefined;
  const errorId = props.error ? `${base}-error` : undefined;
  return (
    <div className={`form-group${props.error ? " form-group--error" : ""}`}>
      <fieldset
        className="fieldset"
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      >
        <legend className="fieldset__legend">{props.legend}</legend>
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
        <div className={props.inline ? "choices choices--inline" : "choices"}>
          {props.options.map((option, index) => {
            const id = index === 0 ? base : `${base}-${option.value}`;
            return (
              <div className="choice" key={option.value}>
                <input
                  className="choice__input"
                  type={props.type}
                  id={id}
                  name={props.name}
                  value={option.value}
                  defaultChecked={props.checked.includes(option.value)}
                />
                <label className="choice__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
