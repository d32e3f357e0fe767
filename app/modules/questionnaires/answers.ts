// Answers derived from a definition. Two shapes:
// - raw answers: what the partner typed, kept as typed (strings), saved on every autosave,
//   so nothing is ever lost, even invalid input;
// - checked answers: typed values (numbers, booleans, ISO dates), produced by validation,
//   required to complete a section and frozen in the submission snapshot.
// The same functions run in the browser (react-hook-form resolver) and in the action.
import { z } from "zod";
import type { Question, SimpleQuestion } from "./definition";

export type RawValue = string | string[] | RawRow[];
export type RawRow = Record<string, string | string[]>;
export type RawAnswers = Record<string, RawValue>;

export interface FigureRow {
  label: string;
  value: number;
  unit: string;
}
export type CheckedValue =
  string | number | boolean | string[] | FigureRow[] | Record<string, unknown>[] | null;
export type CheckedAnswers = Record<string, CheckedValue>;

export interface ValidationContext {
  /** Measure codes a measure picker may hold (the plan of the campaign). */
  measureCodes: ReadonlySet<string>;
  /**
   * Files attached to this section, per attachments question. The attachment rows are the
   * answer to such a question (uploads are saved as they happen, outside the form's data).
   */
  attachmentsByQuestion?: ReadonlyMap<string, readonly string[]>;
}

/** An i18n key of the "returns" namespace with its parameters, encoded as "key?a=1&b=2". */
export type ErrorMessage = string;
export interface AnswerError {
  path: (string | number)[];
  message: ErrorMessage;
}

const HARD_CAP = 50_000;
export const FIGURE_COLUMNS = ["label", "value", "unit"] as const;

function msg(key: string, params?: Record<string, string | number>): ErrorMessage {
  if (!params) return `errors.${key}`;
  return `errors.${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
}

export function parseErrorMessage(message: string): {
  key: string;
  params: Record<string, string>;
} {
  const [key = "", query = ""] = message.split("?");
  return { key, params: Object.fromEntries(new URLSearchParams(query)) };
}

const str = (value: unknown) =>
  typeof value === "string"
    ? value.slice(0, HARD_CAP)
    : typeof value === "number"
      ? String(value)
      : "";
const strList = (value: unknown) =>
  (Array.isArray(value) ? value : typeof value === "string" && value !== "" ? [value] : [])
    .filter((v): v is string => typeof v === "string" && v !== "")
    .map((v) => v.slice(0, 200))
    .slice(0, 200);

/** Keeps only known questions, each in its raw shape. Never fails: a draft is always saved. */
export function sanitizeRawAnswers(questions: readonly Question[], input: unknown): RawAnswers {
  const source =
    input && typeof input === "object" && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {};
  const out: RawAnswers = {};
  for (const q of questions) {
    const value = source[q.id];
    switch (q.kind) {
      case "multipleChoice":
      case "attachments":
        out[q.id] = strList(value);
        break;
      case "measurePicker":
        out[q.id] = q.multiple ? strList(value) : str(value);
        break;
      case "figuresTable":
        // Empty rows are dropped: the form always offers one blank row to type into.
        out[q.id] = rows(value, q.maxRows)
          .map((row) => ({ label: str(row.label), value: str(row.value), unit: str(row.unit) }))
          .filter((row) => row.label.trim() || row.value.trim() || row.unit.trim());
        break;
      case "repeatableGroup":
        out[q.id] = rows(value, q.maxItems).map(
          (row) => sanitizeRawAnswers(q.questions, row) as RawRow,
        );
        break;
      default:
        out[q.id] = str(value);
    }
  }
  return out;
}

function rows(value: unknown, max: number): Record<string, unknown>[] {
  const list = Array.isArray(value)
    ? value
    : value && typeof value === "object"
      ? // FormData paths such as "figures.0.label" arrive as objects keyed by index.
        Object.entries(value as Record<string, unknown>)
          .filter(([k]) => /^\d+$/.test(k))
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, v]) => v)
      : [];
  return list
    .filter((row): row is Record<string, unknown> => Boolean(row) && typeof row === "object")
    .slice(0, max);
}

function isEmpty(value: RawValue | undefined) {
  if (value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Conditional visibility: hidden questions are neither validated nor kept at submission. */
export function isVisible(q: Question, values: Record<string, unknown>) {
  if (!q.visibleWhen) return true;
  const other = values[q.visibleWhen.question];
  const expected = q.visibleWhen.equals;
  if (typeof expected === "boolean") return other === (expected ? "yes" : "no");
  const accepted = [expected].flat();
  return Array.isArray(other)
    ? other.some((v) => accepted.includes(v))
    : accepted.includes(other as string);
}

/**
 * Numbers as Belgians type them: "12,5" and "12.5"; thousands grouped by spaces or dots
 * ("1 250", "1.250", "1.250.000", "1.250,5"). A single dot followed by exactly three digits is
 * read as a thousands separator, as in Belgian usage; decimals are written with a comma.
 */
export function normaliseNumber(text: string): string | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  const sign = /^[-+]/.test(cleaned) ? cleaned[0] : "";
  const body = sign ? cleaned.slice(1) : cleaned;
  let normalised: string | null = null;
  if (/^\d+$/.test(body)) normalised = body;
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(body))
    normalised = body.replace(/\./g, "").replace(",", ".");
  else if (/^\d*,\d+$/.test(body)) normalised = body.replace(",", ".");
  else if (/^\d*\.\d+$/.test(body)) normalised = body;
  if (normalised === null) return null;
  return `${sign === "-" ? "-" : ""}${normalised.startsWith(".") ? `0${normalised}` : normalised}`;
}

/**
 * A date as the date field shows it (15/03/2023, or 15-03-2023 / 15.03.2023), for browsers
 * without a date picker, read as ISO; ISO dates pass through.
 */
function isoDate(text: string): string {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!match) return text;
  const [, day, month, year] = match;
  return `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
}

export function parseNumber(text: string): number | null {
  const normalised = normaliseNumber(text);
  if (normalised === null) return null;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

function checkSimple(
  q: SimpleQuestion,
  value: RawValue | undefined,
  path: (string | number)[],
  ctx: ValidationContext,
  errors: AnswerError[],
): CheckedValue {
  const fail = (message: ErrorMessage, at: (string | number)[] = path) => {
    errors.push({ path: at, message });
    return null;
  };
  if (isEmpty(value)) {
    if (q.required)
      return fail(
        msg(
          q.kind === "attachments"
            ? "attachmentRequired"
            : q.kind === "multipleChoice" || (q.kind === "measurePicker" && q.multiple)
              ? "choicesRequired"
              : q.kind === "singleChoice" || q.kind === "yesNo" || q.kind === "measurePicker"
                ? "choiceRequired"
                : q.kind === "figuresTable"
                  ? "figuresRequired"
                  : "required",
        ),
      );
    return q.kind === "multipleChoice" ||
      q.kind === "attachments" ||
      q.kind === "figuresTable" ||
      (q.kind === "measurePicker" && q.multiple)
      ? []
      : null;
  }
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
      const out: FigureRow[] = [];
      const before = errors.length;
      (value as RawRow[]).forEach((row, i) => {
        const label = String(row.label ?? "").trim();
        const rawValue = String(row.value ?? "").trim();
        const unit = String(row.unit ?? "").trim();
        if (!label && !rawValue && !unit) return; // an empty row is ignored
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
        else if (n < 0)
          rowErrors.push({ path: [...path, i, "value"], message: msg("min", { min: 0 }) });
        if (unit.length > 60)
          rowErrors.push({ path: [...path, i, "unit"], message: msg("maxLength", { max: 60 }) });
        errors.push(...rowErrors);
        if (rowErrors.length === 0 && n !== null) out.push({ label, value: n, unit });
      });
      if (q.required && out.length === 0 && errors.length === before)
        return fail(msg("figuresRequired"));
      return out;
    }
  }
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
      const items = (raw[q.id] as RawRow[] | undefined) ?? [];
      if (items.length < q.minItems || (q.required && items.length === 0)) {
        errors.push({ path, message: msg("minItems", { min: Math.max(q.minItems, 1) }) });
      }
      value[q.id] = items.map((item, i) => {
        const result = checkAnswers(q.questions, item as RawAnswers, ctx, [...path, i]);
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

/** DOM id of a field, from its path: ["figures", 0, "value"] → "f-figures-0-value". */
export function fieldId(path: readonly (string | number)[]) {
  return `f-${path.join("-")}`;
}

/** Form field name of a path: ["figures", 0, "value"] → "figures.0.value" (react-hook-form's notation). */
export function fieldName(path: readonly (string | number)[]) {
  return path.join(".");
}

/**
 * Rebuilds nested answers from posted form fields named with dot paths. Multi-valued fields
 * (checkboxes) are arrays. Works without JavaScript: this is what a plain form post gives.
 */
export function formDataToObject(
  entries: Iterable<[string, FormDataEntryValue]>,
  multi: (name: string) => boolean,
) {
  const out: Record<string, unknown> = {};
  for (const [name, entry] of entries) {
    if (typeof entry !== "string" || name.startsWith("_")) continue;
    const parts = name.split(".");
    if (
      parts.length > 4 ||
      parts.some((p) => p === "" || p === "__proto__" || p === "constructor" || p === "prototype")
    )
      continue;
    // Field names come from the client: a name that clashes with another's shape ("a" and
    // "a.b", an image button's "x.y", inherited names like "toString") is ignored, never thrown on.
    let node: Record<string, unknown> | undefined = out;
    const last = parts.length - 1;
    for (const part of parts.slice(0, last)) {
      if (!node) break;
      if (!Object.hasOwn(node, part)) node[part] = {};
      const child: unknown = node[part];
      node = isPlainRecord(child) ? child : undefined;
    }
    if (!node) continue;
    const key = parts[last] ?? "";
    const existing = Object.hasOwn(node, key) ? node[key] : undefined;
    if (multi(name)) {
      if (existing === undefined) node[key] = [entry];
      else if (Array.isArray(existing)) existing.push(entry);
    } else if (existing === undefined || typeof existing === "string") {
      node[key] = entry;
    }
  }
  return out;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a field name (dot path) is multi-valued, according to the definition. */
export function isMultiValued(questions: readonly Question[], name: string): boolean {
  const [first, , nested] = name.split(".");
  const q = questions.find((item) => item.id === first);
  if (!q) return false;
  if (q.kind === "repeatableGroup") {
    const inner = q.questions.find((item) => item.id === nested);
    return Boolean(
      inner &&
      (inner.kind === "multipleChoice" || (inner.kind === "measurePicker" && inner.multiple)),
    );
  }
  return (
    q.kind === "multipleChoice" ||
    q.kind === "attachments" ||
    (q.kind === "measurePicker" && q.multiple)
  );
}

export function attachmentsByQuestion(attachments: readonly { id: string; questionId: string }[]) {
  const map = new Map<string, string[]>();
  for (const a of attachments) map.set(a.questionId, [...(map.get(a.questionId) ?? []), a.id]);
  return map;
}
