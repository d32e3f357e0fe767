// Turns a posted section form into raw answers and applies the row buttons
// ("add a row", "remove row 2"), so the same form works with and without JavaScript.
import type { RawAnswers, RawRow } from "~/modules/questionnaires/answers";
import { formDataToObject, isMultiValued } from "~/modules/questionnaires/form-fields";
import { sanitizeRawAnswers } from "~/modules/questionnaires/raw-answers";
import type { Question } from "~/modules/questionnaires/definition";

export function postedAnswers(form: FormData, questions: readonly Question[]): RawAnswers {
  const entries = [...form.entries()].filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
  return sanitizeRawAnswers(
    questions,
    formDataToObject(entries, (name) => isMultiValued(questions, name)),
  );
}

/**
 * The section version a form was drawn from (its hidden `_version`), or null when absent or not
 * a version: a post without one is not a post the page makes (`Number(null)` would be 0).
 */
export function postedVersion(form: FormData): number | null {
  const value = form.get("_version");
  return typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

export type Intent =
  | { kind: "autosave" | "draft" | "complete" }
  | { kind: "add-row"; questionId: string }
  | { kind: "remove-row"; questionId: string; index: number }
  | { kind: "upload"; questionId: string }
  | { kind: "remove-file"; attachmentId: string }
  /** Saves the section, then opens the page where a measure picker's measures are chosen. */
  | { kind: "pick-measures"; field: string };

export function parseIntent(value: FormDataEntryValue | null): Intent | null {
  const text = typeof value === "string" ? value : "";
  if (text === "autosave" || text === "draft" || text === "complete") return { kind: text };
  const [kind, a, b] = text.split(":");
  if (kind === "add-row" && a) return { kind, questionId: a };
  if (kind === "remove-row" && a && b && /^\d{1,2}$/.test(b))
    return { kind, questionId: a, index: Number(b) };
  if (kind === "upload" && a) return { kind, questionId: a };
  if (kind === "remove-file" && a) return { kind, attachmentId: a };
  if (kind === "pick-measures" && a) return { kind, field: a };
  return null;
}

/** Adds an empty row/item, or removes one, on a figures table or repeatable group. */
export function applyRowIntent(
  raw: RawAnswers,
  questions: readonly Question[],
  intent: Intent,
): RawAnswers {
  if (intent.kind !== "add-row" && intent.kind !== "remove-row") return raw;
  const question = questions.find((q) => q.id === intent.questionId);
  if (!question || (question.kind !== "figuresTable" && question.kind !== "repeatableGroup"))
    return raw;
  const rows = [...((raw[question.id] as RawRow[] | undefined) ?? [])];
  if (intent.kind === "add-row") {
    // A figures table always shows one blank row after the saved ones: saving is enough.
    if (question.kind === "repeatableGroup" && rows.length < question.maxItems) {
      if (rows.length === 0) rows.push({});
      rows.push({});
    }
  } else {
    rows.splice(intent.index, 1);
  }
  return { ...raw, [question.id]: rows };
}
