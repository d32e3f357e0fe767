import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import type { Question } from "../definition";
import { useT } from "~/modules/i18n/use-t";
import type { UseFormRegister } from "react-hook-form";
import { shownAsData } from "~/modules/i18n/keys";
import type { Language } from "~/modules/i18n/languages";
import { answerErrorText } from "../answer-errors";
import { fieldId } from "../form-fields";
import type { BilingualText } from "../definition";

export type Path = readonly (string | number)[];
export type Register = UseFormRegister<Record<string, unknown>> | null;

export interface FieldContext {
  lang: Language;
  /**
   * The form's strings, from the form's one useT: a hook per field cost more on the
   * server than rendering the field.
   */
  t: TFunction<"returns">;
  errors: Record<string, string>;
  register: Register;
  readOnly: boolean;
}

/** Spreads react-hook-form's registration when the form is enhanced; plain inputs otherwise. */
export function reg(ctx: FieldContext, name: string) {
  return ctx.register ? ctx.register(name) : { name };
}

export function useErrorText() {
  const { t, lang } = useT("returns");
  return (message: string | undefined) => {
    if (!message) return undefined;
    return answerErrorText(message, lang, (key, params) =>
      t(key, { ...params, ...shownAsData(key) }),
    );
  };
}

export function errorFor(ctx: FieldContext, path: Path) {
  return ctx.errors[path.join(".")];
}

export function Hint(props: {
  id: string;
  text?: BilingualText;
  lang: Language;
  extra?: ReactNode;
}) {
  if (!props.text && !props.extra) return null;
  return (
    <div id={props.id} className="hint">
      {props.text?.[props.lang]}
      {props.extra ? <> {props.extra}</> : null}
    </div>
  );
}

// Every field renders ErrorText: its hooks run only when there is an error to show.
export function ErrorText(props: { id: string; message?: string }) {
  return props.message ? <ErrorMessage id={props.id} message={props.message} /> : null;
}

function ErrorMessage(props: { id: string; message: string }) {
  const { t } = useT("common");
  const text = useErrorText()(props.message);
  if (!text) return null;
  return (
    <p id={props.id} className="error-message">
      <span className="visually-hidden">{t("errors.errorPrefix")}</span> {text}
    </p>
  );
}

/** ids for aria-describedby: hint and error, when present. */
export function describedBy(path: Path, hasHint: boolean, hasError: boolean) {
  const id = fieldId(path);
  return (
    [hasHint ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined
  );
}

export function OptionalTag(props: { required: boolean; ctx: FieldContext }) {
  return props.required ? null : <span className="optional"> {props.ctx.t("form.optional")}</span>;
}

/** A question answered with several inputs: fieldset, legend, hint and error, GOV.UK style. */
export function QuestionFieldset(props: {
  question: Pick<Question, "label" | "hint" | "required">;
  path: Path;
  ctx: FieldContext;
  legendClass?: string;
  children: ReactNode;
}) {
  const { question: q, path, ctx } = props;
  const id = fieldId(path);
  const error = errorFor(ctx, path);
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <fieldset
        className="fieldset"
        aria-describedby={describedBy(path, Boolean(q.hint), Boolean(error))}
      >
        <legend className={`fieldset__legend${props.legendClass ? ` ${props.legendClass}` : ""}`}>
          {q.label[ctx.lang]}
          <OptionalTag required={q.required} ctx={ctx} />
        </legend>
        <Hint id={`${id}-hint`} text={q.hint} lang={ctx.lang} />
        <ErrorText id={`${id}-error`} message={error} />
        {props.children}
      </fieldset>
    </div>
  );
}
