// Raw answers: whatever arrives (a posted form, an autosave's JSON) reduced to the known
// questions, each in its raw shape. Never fails, so a draft is always saved as typed.
import type { RawAnswers, RawRow } from "./answers";
import type { Question } from "./definition";

const HARD_CAP = 50_000;

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
