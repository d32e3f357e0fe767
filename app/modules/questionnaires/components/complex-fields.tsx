import { Fragment } from "react";
import type { MeasureOption } from "~/modules/plan/measures";
import type { RawRow, RawValue } from "../answers";
import { fieldId, fieldName } from "../form-fields";
import type { Question, SimpleQuestion } from "../definition";
import {
  ErrorText,
  errorFor,
  reg,
  type FieldContext,
  type Path,
  QuestionFieldset,
} from "./field-parts";
import { ChoiceField, InputField } from "./simple-fields";

export type { MeasureOption };

export interface AttachmentView {
  id: string;
  questionId: string;
  fileName: string;
  sizeBytes: number;
}

export interface ComplexContext extends FieldContext {
  measures: readonly MeasureOption[];
  attachments: readonly AttachmentView[];
  attachmentUrl: (id: string) => string;
  /**
   * Rows removed in the browser and not saved as final yet (keys "name:index"): hidden, their
   * inputs disabled so they are not posted, and an "Undo" button in their place.
   */
  removedRows?: ReadonlySet<string>;
  undoRemove?: (key: string) => void;
}

// Rows and groups are display:flex/block in the stylesheet, which beats the hidden attribute.
const HIDDEN = { display: "none" } as const;

/** In place of a row removed in the browser: what was removed, and a button to bring it back. */
function RemovedRow(props: { rowKey: string; label: string; ctx: ComplexContext }) {
  const { t } = props.ctx;
  const { rowKey, label, ctx } = props;
  return (
    <p className="removed-row">
      {t("form.removedRow", { label })}{" "}
      <button
        type="button"
        className="button button--secondary button--small"
        data-undo={rowKey}
        onClick={() => ctx.undoRemove?.(rowKey)}
      >
        {t("form.undoRemove", { label })}
      </button>
    </p>
  );
}

/**
 * The measures chosen at a picker, and a button to the page where they are chosen (the plan's
 * 77 measures are a page of their own). The button saves what was typed first, as every button
 * of the form does; hidden inputs post the choice with the rest of the section.
 */
export function MeasurePickerField(props: {
  question: Extract<SimpleQuestion, { kind: "measurePicker" }>;
  path: Path;
  value: RawValue | undefined;
  ctx: ComplexContext;
}) {
  const { t } = props.ctx;
  const { question: q, path, ctx } = props;
  const name = fieldName(path);
  const chosen = Array.isArray(props.value)
    ? (props.value as string[])
    : props.value
      ? [String(props.value)]
      : [];
  const titles = new Map(ctx.measures.map((m) => [m.code, m.title]));
  return (
    <QuestionFieldset question={q} path={path} ctx={ctx}>
      {chosen.length > 0 ? (
        <ul className="plain-list chosen-measures">
          {chosen.map((code) => (
            <li key={code}>
              <strong>{code}</strong> {titles.get(code) ?? ""}
              <input type="hidden" name={name} value={code} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="chosen-measures">{t("form.noMeasureChosen")}</p>
      )}
      {ctx.readOnly ? null : (
        <button
          type="submit"
          id={fieldId(path)}
          name="_intent"
          value={`pick-measures:${name}`}
          className="button button--secondary"
        >
          {chosen.length > 0 ? t("form.changeMeasures") : t("form.chooseMeasures")}
        </button>
      )}
    </QuestionFieldset>
  );
}

/** Rows of label / value / unit. Rows are added and removed by submit buttons: works without JS. */
export function FiguresTableField(props: {
  question: Extract<SimpleQuestion, { kind: "figuresTable" }>;
  path: Path;
  value: RawValue | undefined;
  ctx: ComplexContext;
}) {
  const { t } = props.ctx;
  const { question: q, path, ctx } = props;
  const id = fieldId(path);
  const rows = (Array.isArray(props.value) ? (props.value as RawRow[]) : []).slice(0, q.maxRows);
  // Always one empty row to type into, up to the maximum.
  const shown = rows.length < q.maxRows ? [...rows, { label: "", value: "", unit: "" }] : rows;
  const name = fieldName(path);
  return (
    <QuestionFieldset question={q} path={path} ctx={ctx}>
      <span id={id} tabIndex={-1} />
      {shown.map((row, index) => {
        const rowKey = `${name}:${index}`;
        const removed = ctx.removedRows?.has(rowKey) ?? false;
        const rowLabel = t("form.figureRow", { n: index + 1 });
        return (
          <Fragment key={index}>
            {removed ? <RemovedRow rowKey={rowKey} label={rowLabel} ctx={ctx} /> : null}
            <div
              className="figure-row"
              role="group"
              aria-labelledby={`${id}-row-${index}`}
              hidden={removed}
              style={removed ? HIDDEN : undefined}
            >
              <p className="figure-row__title" id={`${id}-row-${index}`}>
                {rowLabel}
              </p>
              {(["label", "value", "unit"] as const).map((column) => {
                const cellPath = [...path, index, column];
                const cellId = fieldId(cellPath);
                const cellError = errorFor(ctx, cellPath);
                return (
                  <div
                    key={column}
                    className={`figure-row__cell figure-row__cell--${column}${cellError ? " form-group--error" : ""}`}
                  >
                    <label className="label label--small" htmlFor={cellId}>
                      {t(`form.figure.${column}`)}
                      {/* Every row has the same three labels: name the row for screen readers. */}
                      <span className="visually-hidden"> ({rowLabel})</span>
                    </label>
                    <ErrorText id={`${cellId}-error`} message={cellError} />
                    <input
                      className="input"
                      id={cellId}
                      type="text"
                      inputMode={column === "value" ? "decimal" : undefined}
                      defaultValue={String(row[column] ?? "")}
                      readOnly={ctx.readOnly}
                      disabled={removed}
                      aria-invalid={cellError ? true : undefined}
                      aria-describedby={cellError ? `${cellId}-error` : undefined}
                      {...reg(ctx, fieldName(cellPath))}
                    />
                  </div>
                );
              })}
              {index < rows.length && !ctx.readOnly ? (
                <button
                  type="submit"
                  name="_intent"
                  value={`remove-row:${name}:${index}`}
                  data-row-label={rowLabel}
                  className="button button--secondary button--small"
                >
                  {t("form.removeRow", { n: index + 1 })}
                </button>
              ) : null}
            </div>
          </Fragment>
        );
      })}
      {!ctx.readOnly && shown.length < q.maxRows ? (
        <button
          type="submit"
          name="_intent"
          value={`add-row:${name}`}
          className="button button--secondary button--small"
        >
          {t("form.addRow")}
        </button>
      ) : null}
    </QuestionFieldset>
  );
}

export function AttachmentsField(props: {
  question: Extract<SimpleQuestion, { kind: "attachments" }>;
  path: Path;
  ctx: ComplexContext;
}) {
  const { t } = props.ctx;
  const { question: q, path, ctx } = props;
  const id = fieldId(path);
  const files = ctx.attachments.filter((a) => a.questionId === q.id);
  return (
    <QuestionFieldset question={q} path={path} ctx={ctx}>
      {files.length > 0 ? (
        <ul className="file-list">
          {files.map((file) => (
            <li key={file.id}>
              <a href={ctx.attachmentUrl(file.id)} download>
                {file.fileName}
              </a>{" "}
              <span className="muted">
                ({t("form.fileSize", { kb: Math.max(1, Math.round(file.sizeBytes / 1024)) })})
              </span>{" "}
              {!ctx.readOnly ? (
                <button
                  type="submit"
                  name="_intent"
                  value={`remove-file:${file.id}`}
                  className="link-button"
                >
                  {t("form.removeFile", { name: file.fileName })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("form.noFiles")}</p>
      )}
      {!ctx.readOnly && files.length < q.maxFiles ? (
        <div className="upload">
          <label className="label label--small" htmlFor={id}>
            {t("form.chooseFile")}
          </label>
          <input
            className="file-input"
            id={id}
            name={`_file.${q.id}`}
            type="file"
            accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp,.csv,.txt"
          />
          <button
            type="submit"
            name="_intent"
            value={`upload:${q.id}`}
            className="button button--secondary button--small"
          >
            {t("form.upload")}
          </button>
        </div>
      ) : null}
    </QuestionFieldset>
  );
}

/** A repeatable group: one fieldset per item, items added and removed by submit buttons. */
export function RepeatableGroupField(props: {
  question: Extract<Question, { kind: "repeatableGroup" }>;
  path: Path;
  value: RawValue | undefined;
  ctx: ComplexContext;
  visible: (q: Question, values: Record<string, unknown>) => boolean;
}) {
  const { t } = props.ctx;
  const { question: q, path, ctx } = props;
  const id = fieldId(path);
  const items = (Array.isArray(props.value) ? (props.value as RawRow[]) : []).slice(0, q.maxItems);
  const shown = items.length === 0 ? [{}] : items;
  const name = fieldName(path);
  return (
    <QuestionFieldset question={q} path={path} ctx={ctx} legendClass="fieldset__legend--m">
      <span id={id} tabIndex={-1} />
      {shown.map((item, index) => {
        const rowKey = `${name}:${index}`;
        const removed = ctx.removedRows?.has(rowKey) ?? false;
        const itemLabel = `${q.itemLabel[ctx.lang]} ${index + 1}`;
        return (
          <Fragment key={index}>
            {removed ? <RemovedRow rowKey={rowKey} label={itemLabel} ctx={ctx} /> : null}
            <fieldset
              className="fieldset group-item"
              hidden={removed}
              style={removed ? HIDDEN : undefined}
              disabled={removed}
            >
              <legend className="fieldset__legend">{itemLabel}</legend>
              {q.questions
                .filter((inner) => props.visible(inner, item))
                .map((inner) => (
                  <SimpleQuestionField
                    key={inner.id}
                    question={inner}
                    path={[...path, index, inner.id]}
                    value={(item as RawRow)[inner.id]}
                    ctx={ctx}
                  />
                ))}
              {index < items.length && !ctx.readOnly && items.length > q.minItems ? (
                <button
                  type="submit"
                  name="_intent"
                  value={`remove-row:${name}:${index}`}
                  data-row-label={itemLabel}
                  className="button button--secondary button--small"
                >
                  {t("form.removeItem", { label: q.itemLabel[ctx.lang], n: index + 1 })}
                </button>
              ) : null}
            </fieldset>
          </Fragment>
        );
      })}
      {!ctx.readOnly && shown.length < q.maxItems ? (
        <button
          type="submit"
          name="_intent"
          value={`add-row:${name}`}
          className="button button--secondary button--small"
        >
          {t("form.addItem", { label: q.itemLabel[ctx.lang] })}
        </button>
      ) : null}
    </QuestionFieldset>
  );
}

export function SimpleQuestionField(props: {
  question: SimpleQuestion;
  path: Path;
  value: RawValue | undefined;
  ctx: ComplexContext;
}) {
  const { question: q } = props;
  switch (q.kind) {
    case "shortText":
    case "longText":
    case "integer":
    case "decimal":
    case "date":
      return <InputField question={q} path={props.path} value={props.value} ctx={props.ctx} />;
    case "yesNo":
    case "singleChoice":
    case "multipleChoice":
      return <ChoiceField question={q} path={props.path} value={props.value} ctx={props.ctx} />;
    case "measurePicker":
      return (
        <MeasurePickerField question={q} path={props.path} value={props.value} ctx={props.ctx} />
      );
    case "figuresTable":
      return (
        <FiguresTableField question={q} path={props.path} value={props.value} ctx={props.ctx} />
      );
    case "attachments":
      return <AttachmentsField question={q} path={props.path} ctx={props.ctx} />;
  }
}
