// Checking a section's answers against its definition: raw answers in, checked answers (typed
// values) and errors out. One zod schema wraps it for react-hook-form in the browser; the
// action runs the same check, so a section completes on the same rules on both sides.
import { z } from "zod";
import type {
  CheckedAnswers,
  CheckedValue,
  FigureRow,
  RawAnswers,
  RawRow,
  RawValue,
} from "./answers";
import { answerError as msg, type AnswerError, type ErrorMessage } from "./answer-errors";
import type { Question, SimpleQuestion } from "./definition";
import { figureValueProblem, MAX_FIGURE_VALUE } from "./figure-value";
import { sanitizeRawAnswers } from "./raw-answers";
import { isoDate, normaliseNumber, parseNumber } from "./typed-values";
import { isVisible } from "./visibility";

export interface ValidationContext {
  /** Measure codes a measure picker may hold (the plan of the campaign). */
  measureCodes: ReadonlySet<string>;
  /**
   * Files attached to this section, per attachments question. The attachment rows are the
   * answer to such a question (uploads are saved as they happen, outside the form's data).
   */
  attachmentsByQuestion?: ReadonlyMap<string, readonly string[]>;
}

/** The attachments of a section grouped by question, for ValidationContext. */
export function attachmentsByQuestion(attachments: readonly { id: string; questionId: string }[]) {
  const map = new Map<string, string[]>();
  for (const a of attachments) map.set(a.questionId, [...(map.get(a.questionId) ?? []), a.id]);
  return map;
}

/** Full validation of one set of answers (a section, or one item of a repeatable group). */
export function checkAnswers(
  questions: readonly Question[],
  raw: RawAnswers,
  ctx: ValidationContext,
  prefix: (string | number)[] = [],
): { value: CheckedAnswers; errors: AnswerError[] } {
  const errors: AnswerError[] = [];
  const value: CheckedAnswers = {};
  for (const q of questions) {
    if (!isVisible(q, raw)) continue;
    const path = [...prefix, q.id];
    if (q.kind === "repeatableGroup") {
      // The form offers a blank item to type into (and "add" posts one without JavaScript): in
      // an optional group, an item left entirely blank is no answer, neither checked nor kept.
      // (In a required group it is checked, so each field says what it needs.) Errors keep the
      // item's index, which is the form's.
      const optional = !q.required && q.minItems === 0;
      const items = ((raw[q.id] as RawRow[] | undefined) ?? [])
        .map((item, i) => ({ item: item as RawAnswers, i }))
        .filter(({ item }) => !(optional && isBlankItem(item)));
      if (items.length < q.minItems || (q.required && items.length === 0)) {
        errors.push({ path, message: msg("minItems", { min: Math.max(q.minItems, 1) }) });
      }
      value[q.id] = items.map(({ item, i }) => {
        const result = checkAnswers(q.questions, item, ctx, [...path, i]);
        errors.push(...result.errors);
        return result.value;
      });
      continue;
    }
    const given =
      q.kind === "attachments" && ctx.attachmentsByQuestion
        ? [...(ctx.attachmentsByQuestion.get(q.id) ?? [])]
        : raw[q.id];
    value[q.id] = checkSimple(q, given, path, ctx, errors);
  }
  return { value, errors };
}

/**
 * The zod schema of a section for "complete" mode: what react-hook-form's resolver uses in
 * the browser and what the action uses on the server. Issues carry i18n keys.
 */
export function sectionAnswersSchema(questions: readonly Question[], ctx: ValidationContext) {
  return z
    .record(z.string(), z.unknown())
    .transform((input) => sanitizeRawAnswers(questions, input))
    .superRefine((raw, zctx) => {
      for (const error of checkAnswers(questions, raw, ctx).errors) {
        zctx.addIssue({ code: "custom", path: error.path, message: error.message });
      }
    });
}

function isBlankItem(item: RawAnswers) {
  return Object.values(item).every((value) => isEmpty(value));
}

function isEmpty(value: RawValue | undefined) {
  if (value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The message for a required question left empty: "tick at least one", "choose", "attach"… */
function requiredMessage(q: SimpleQuestion): ErrorMessage {
  if (q.kind === "attachments") return msg("attachmentRequired");
  if (q.kind === "multipleChoice" || (q.kind === "measurePicker" && q.multiple))
    return msg("choicesRequired");
  if (q.kind === "singleChoice" || q.kind === "yesNo" || q.kind === "measurePicker")
    return msg("choiceRequired");
  if (q.kind === "figuresTable") return msg("figuresRequired");
  return msg("required");
}

/** An unanswered question's checked value: an empty list where the answer is a list. */
function emptyValue(q: SimpleQuestion): CheckedValue {
  return q.kind === "multipleChoice" ||
    q.kind === "attachments" ||
    q.kind === "figuresTable" ||
    (q.kind === "measurePicker" && q.multiple)
    ? []
    : null;
}

function checkSimple(
  q: SimpleQuestion,
  value: RawValue | undefined,
  path: (string | number)[],
  ctx: ValidationContext,
  errors: AnswerError[],
): CheckedValue {
  const fail = (message: ErrorMessage) => {
    errors.push({ path, message });
    return null;
  };
  if (isEmpty(value)) return q.required ? fail(requiredMessage(q)) : emptyValue(q);
  switch (q.kind) {
    case "shortText":
    case "longText": {
      const text = String(value).trim();
      if (text.length > q.maxLength) return fail(msg("maxLength", { max: q.maxLength }));
      if (q.minLength && text.length < q.minLength)
        return fail(msg("minLength", { min: q.minLength }));
      return text;
    }
    case "integer": {
      const n = parseNumber(String(value));
      if (n === null || !Number.isInteger(n)) return fail(msg("integer"));
      if (q.min != null && n < q.min) return fail(msg("min", { min: q.min }));
      if (q.max != null && n > q.max) return fail(msg("max", { max: q.max }));
      return n;
    }
    case "decimal": {
      const n = parseNumber(String(value));
      if (n === null) return fail(msg("number"));
      if ((normaliseNumber(String(value))?.split(".")[1]?.length ?? 0) > q.decimals)
        return fail(msg("decimals", { decimals: q.decimals }));
      if (q.min != null && n < q.min) return fail(msg("min", { min: q.min }));
      if (q.max != null && n > q.max) return fail(msg("max", { max: q.max }));
      return n;
    }
    case "date": {
      const text = isoDate(String(value).trim());
      const parsed = z.iso.date().safeParse(text);
      if (!parsed.success) return fail(msg("date"));
      if (q.min && text < q.min) return fail(msg("dateMin", { min: q.min }));
      if (q.max && text > q.max) return fail(msg("dateMax", { max: q.max }));
      return text;
    }
    case "yesNo":
      if (value !== "yes" && value !== "no") return fail(msg("choiceRequired"));
      return value === "yes";
    case "singleChoice":
      if (!q.choices.some((c) => c.value === value)) return fail(msg("choiceInvalid"));
      return String(value);
    case "multipleChoice": {
      const list = value as string[];
      if (list.some((v) => !q.choices.some((c) => c.value === v)))
        return fail(msg("choiceInvalid"));
      if (q.minSelected && list.length < q.minSelected)
        return fail(msg("minSelected", { min: q.minSelected }));
      if (q.maxSelected && list.length > q.maxSelected)
        return fail(msg("maxSelected", { max: q.maxSelected }));
      return list;
    }
    case "measurePicker": {
      const list = Array.isArray(value) ? (value as string[]) : [String(value)];
      if (list.some((code) => !ctx.measureCodes.has(code))) return fail(msg("measureInvalid"));
      return q.multiple ? list : (list[0] ?? null);
    }
    case "attachments": {
      const list = value as string[];
      if (list.length > q.maxFiles) return fail(msg("maxFiles", { max: q.maxFiles }));
      return list;
    }
    case "figuresTable": {
      const before = errors.length;
      const out = checkFigureRows(value as RawRow[], path, errors);
      if (q.required && out.length === 0 && errors.length === before)
        return fail(msg("figuresRequired"));
      return out;
    }
  }
}

/**
 * Each typed row of a figures table needs a label and a number as figure-value.ts allows (0 or
 * more, within a maximum); empty rows are ignored.
 */
function checkFigureRows(
  rows: RawRow[],
  path: (string | number)[],
  errors: AnswerError[],
): FigureRow[] {
  const out: FigureRow[] = [];
  rows.forEach((row, i) => {
    const label = String(row.label ?? "").trim();
    const rawValue = String(row.value ?? "").trim();
    const unit = String(row.unit ?? "").trim();
    if (!label && !rawValue && !unit) return;
    const rowErrors: AnswerError[] = [];
    if (!label) rowErrors.push({ path: [...path, i, "label"], message: msg("figureLabel") });
    else if (label.length > 200)
      rowErrors.push({ path: [...path, i, "label"], message: msg("maxLength", { max: 200 }) });
    const n = parseNumber(rawValue);
    if (n === null)
      rowErrors.push({
        path: [...path, i, "value"],
        message: msg(rawValue ? "number" : "figureValue"),
      });
    else {
      const problem = figureValueProblem(n);
      if (problem === "min")
        rowErrors.push({ path: [...path, i, "value"], message: msg("min", { min: 0 }) });
      else if (problem === "max")
        rowErrors.push({
          path: [...path, i, "value"],
          message: msg("max", { max: MAX_FIGURE_VALUE }),
        });
    }
    if (unit.length > 60)
      rowErrors.push({ path: [...path, i, "unit"], message: msg("maxLength", { max: 60 }) });
    errors.push(...rowErrors);
    if (rowErrors.length === 0 && n !== null) out.push({ label, value: n, unit });
  });
  return out;
}
