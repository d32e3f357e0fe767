import type { RawValue } from "../answers";
import { fieldId, fieldName } from "../form-fields";
import type { SimpleQuestion } from "../definition";
import {
  describedBy,
  ErrorText,
  errorFor,
  Hint,
  OptionalTag,
  reg,
  type FieldContext,
  type Path,
  QuestionFieldset,
} from "./field-parts";

type ChoiceQuestion = Extract<
  SimpleQuestion,
  { kind: "yesNo" | "singleChoice" | "multipleChoice" }
>;

/** Text, number and date questions: one labelled input. */
export function InputField(props: {
  question: Extract<
    SimpleQuestion,
    { kind: "shortText" | "longText" | "integer" | "decimal" | "date" }
  >;
  path: Path;
  value: RawValue | undefined;
  ctx: FieldContext;
}) {
  const { question: q, path, ctx } = props;
  const id = fieldId(path);
  const name = fieldName(path);
  const error = errorFor(ctx, path);
  const value = typeof props.value === "string" ? props.value : "";
  const maxLength = (q.kind === "shortText" || q.kind === "longText") && q.maxLength;
  const limit = maxLength ? ctx.t("form.maxLength", { max: maxLength }) : undefined;
  const hasHint = Boolean(q.hint || limit);
  const common = {
    id,
    defaultValue: value,
    readOnly: ctx.readOnly,
    "aria-describedby": describedBy(path, hasHint, Boolean(error)),
    "aria-invalid": error ? true : undefined,
    ...reg(ctx, name),
  };
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {q.label[ctx.lang]}
        <OptionalTag required={q.required} ctx={ctx} />
      </label>
      <Hint id={`${id}-hint`} text={q.hint} lang={ctx.lang} extra={limit} />
      <ErrorText id={`${id}-error`} message={error} />
      {q.kind === "longText" ? (
        <textarea className="textarea" rows={6} {...common} />
      ) : q.kind === "integer" || q.kind === "decimal" ? (
        <div className="input-with-unit">
          <input
            className="input input--number"
            type="text"
            inputMode={q.kind === "integer" ? "numeric" : "decimal"}
            autoComplete="off"
            spellCheck={false}
            {...common}
          />
          {q.unit ? <span className="input-unit">{q.unit[ctx.lang]}</span> : null}
        </div>
      ) : q.kind === "date" ? (
        <input className="input input--date" type="date" min={q.min} max={q.max} {...common} />
      ) : (
        <input className="input" type="text" {...common} />
      )}
    </div>
  );
}

type ChoiceFieldProps = {
  question: ChoiceQuestion;
  path: Path;
  value: RawValue | undefined;
  ctx: FieldContext;
};

/** Radios and checkboxes in a fieldset with a legend (yes/no, single and multiple choice). */
export function ChoiceField(props: ChoiceFieldProps) {
  const { question: q, path, ctx } = props;
  const id = fieldId(path);
  const name = fieldName(path);
  const choices =
    q.kind === "yesNo"
      ? [
          { value: "yes", label: ctx.t("form.yes") },
          { value: "no", label: ctx.t("form.no") },
        ]
      : q.choices.map((c) => ({ value: c.value, label: c.label[ctx.lang] }));
  const multiple = q.kind === "multipleChoice";
  const selected = Array.isArray(props.value)
    ? (props.value as string[])
    : [String(props.value ?? "")];
  return (
    <QuestionFieldset question={q} path={path} ctx={ctx}>
      <div className={q.kind === "yesNo" ? "choices choices--inline" : "choices"}>
        {choices.map((choice, index) => {
          // The first option carries the field's id, so the error summary can link to it.
          const optionId = index === 0 ? id : `${id}-${choice.value}`;
          return (
            <div className="choice" key={choice.value}>
              <input
                className="choice__input"
                id={optionId}
                type={multiple ? "checkbox" : "radio"}
                value={choice.value}
                defaultChecked={selected.includes(choice.value)}
                disabled={ctx.readOnly}
                {...reg(ctx, name)}
              />
              <label className="choice__label" htmlFor={optionId}>
                {choice.label}
              </label>
            </div>
          );
        })}
      </div>
    </QuestionFieldset>
  );
}
