// The two shapes of a section's answers, derived from its definition:
// - raw answers: what the partner typed, kept as typed (strings), saved on every autosave,
//   so nothing is ever lost, even invalid input (raw-answers.ts);
// - checked answers: typed values (numbers, booleans, ISO dates), produced by validation,
//   required to complete a section and frozen in the submission snapshot (check-answers.ts).
// The same functions run in the browser (react-hook-form resolver) and in the action.

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
