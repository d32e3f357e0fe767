// A measure picker's answer is chosen on a page of its own (GOV.UK's "one thing per page"): the
// section shows the chosen measures and a button to change them, so its page does not carry the
// plan's 77 checkboxes. A picker is named by its form field: "relatedMeasures", or
// "activities.2.measures" inside item 3 of a repeatable group.
import type { RawAnswers, RawRow } from "./answers";
import type { Question } from "./definition";

export type MeasurePickerQuestion = Extract<Question, { kind: "measurePicker" }>;

export interface MeasurePickerAt {
  question: MeasurePickerQuestion;
  /** The field's path: [questionId] or [groupId, itemIndex, questionId]. */
  path: [string] | [string, number, string];
  field: string;
}

/** The picker a field name points at, or null when it names none (a forged or stale name). */
export function measurePickerAt(
  questions: readonly Question[],
  field: string,
): MeasurePickerAt | null {
  const parts = field.split(".");
  if (parts.length === 1) {
    const question = questions.find((q) => q.id === parts[0]);
    return question?.kind === "measurePicker" ? { question, path: [question.id], field } : null;
  }
  if (parts.length !== 3 || !/^\d{1,2}$/.test(parts[1]!)) return null;
  const group = questions.find((q) => q.id === parts[0]);
  if (group?.kind !== "repeatableGroup") return null;
  const index = Number(parts[1]);
  if (index >= group.maxItems) return null;
  const question = group.questions.find((q) => q.id === parts[2]);
  return question?.kind === "measurePicker"
    ? { question, path: [group.id, index, question.id], field }
    : null;
}

/** The measure codes chosen at a picker, as saved. */
export function measuresAt(answers: RawAnswers, at: MeasurePickerAt): string[] {
  const value =
    at.path.length === 1
      ? answers[at.path[0]]
      : (answers[at.path[0]] as RawRow[] | undefined)?.[at.path[1]]?.[at.path[2]];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value ? [value] : [];
}

/** The answers with the picker's choice replaced; everything else as it was. */
export function withMeasuresAt(
  answers: RawAnswers,
  at: MeasurePickerAt,
  codes: readonly string[],
): RawAnswers {
  const value = at.question.multiple ? [...codes] : (codes[0] ?? "");
  if (at.path.length === 1) return { ...answers, [at.path[0]]: value };
  const [groupId, index, questionId] = at.path;
  const rows = [...((answers[groupId] as RawRow[] | undefined) ?? [])];
  while (rows.length <= index) rows.push({});
  rows[index] = { ...rows[index], [questionId]: value };
  return { ...answers, [groupId]: rows };
}

/** Every measure code chosen in a section's pickers: the only titles its page needs. */
export function chosenMeasureCodes(
  questions: readonly Question[],
  answers: RawAnswers,
): Set<string> {
  const codes = new Set<string>();
  const add = (value: unknown) => {
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === "string" && v) codes.add(v);
  };
  for (const q of questions) {
    if (q.kind === "measurePicker") add(answers[q.id]);
    if (q.kind === "repeatableGroup" && q.questions.some((inner) => inner.kind === "measurePicker"))
      for (const row of (answers[q.id] as RawRow[] | undefined) ?? [])
        for (const inner of q.questions) if (inner.kind === "measurePicker") add(row?.[inner.id]);
  }
  return codes;
}
