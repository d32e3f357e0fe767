// A submission's answers as the answer summary reads them. A submission freezes checked answers
// (numbers, booleans, ISO dates); the summary shows answers as typed (strings, "yes"/"no"), so
// they are written back that way, numbers with a decimal comma: "100.125" would be read as one
// hundred thousand (a dot before three digits is a Belgian thousands separator).
import type {
  CheckedAnswers,
  CheckedValue,
  RawAnswers,
  RawValue,
} from "~/modules/questionnaires/answers";
import type { Question } from "~/modules/questionnaires/definition";

/**
 * Checked answers (typed values, as frozen in a submission) written back as the answer summary
 * reads them: numbers with a decimal comma (never read as thousands), yes/no, rows of text.
 */
export function rawFromChecked(
  questions: readonly Question[],
  answers: CheckedAnswers,
): RawAnswers {
  const raw: RawAnswers = {};
  for (const q of questions) {
    const value = answers[q.id];
    if (value === undefined || value === null) continue;
    if (q.kind === "repeatableGroup") {
      raw[q.id] = (Array.isArray(value) ? value : []).map(
        (item) => rawFromChecked(q.questions, item as CheckedAnswers) as Record<string, string>,
      );
      continue;
    }
    raw[q.id] = rawValue(q.kind, value);
  }
  return raw;
}

function rawValue(kind: Question["kind"], value: CheckedValue): RawValue {
  if (kind === "yesNo") return value === true ? "yes" : value === false ? "no" : String(value);
  if (typeof value === "number") return numberText(value);
  if (kind === "figuresTable" && Array.isArray(value))
    return (value as { label?: unknown; value?: unknown; unit?: unknown }[]).map((row) => ({
      label: String(row.label ?? ""),
      value: typeof row.value === "number" ? numberText(row.value) : String(row.value ?? ""),
      unit: String(row.unit ?? ""),
    }));
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

export function numberText(n: number): string {
  return String(n).replace(".", ",");
}
