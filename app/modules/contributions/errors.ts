// What a contributions import reports about its file: the line as a spreadsheet shows it (the
// header is line 1), the column as headed in the file, and a translation key with its
// parameters, so the page and the command line say it in French or Dutch. File problems
// (size, encoding, rows, cells) are the directory import's, in the imports strings.
import type { Key } from "~/modules/i18n/keys";
import type { ImportErrorCode, RowError } from "~/modules/directory/import/errors";

export type ContributionErrorCode =
  | "missingColumn"
  | "unknownColumn"
  | "duplicateColumn"
  | "figureColumn"
  | "required"
  | "year"
  | "noPlanForYear"
  | "unknownOrganisation"
  | "ambiguousOrganisation"
  | "unknownChannel"
  | "channelNotForKind"
  | "measureFormat"
  | "measureAsNumber"
  | "unknownMeasure"
  | "measureNotInPlan"
  | "unknownLink"
  | "unknownLanguage"
  | "figureValue"
  | "figureAmbiguous"
  | "duplicateRow";

export type ContributionErrorKey =
  `errors.${ContributionErrorCode}` | `imports:errors.${ImportErrorCode}`;

export interface ContributionError {
  /** Line in the file, the header being line 1; null for the whole file. */
  line: number | null;
  /** The column's header as written in the file; null for the whole row or file. */
  column: string | null;
  key: ContributionErrorKey;
  params?: Record<string, string | number>;
}

export const rowError = (
  code: ContributionErrorCode,
  line: number | null,
  column: string | null,
  params?: ContributionError["params"],
): ContributionError => ({ line, column, key: `errors.${code}`, ...(params ? { params } : {}) });

/** A problem found by the shared file reader or cell checks (imports strings). */
export const fromFileError = (error: RowError): ContributionError => ({
  line: error.line,
  column: error.column,
  key: error.key.startsWith("errors.")
    ? (`imports:${error.key}` as ContributionErrorKey)
    : "imports:errors.invalid",
  ...(error.params ? { params: error.params } : {}),
});

export const cellError = (
  code: ImportErrorCode,
  line: number,
  column: string,
  params?: ContributionError["params"],
): ContributionError => ({
  line,
  column,
  key: `imports:errors.${code}`,
  ...(params ? { params } : {}),
});

/** tsc refuses an error code without its message in the contributions strings. */
export const everyCodeHasAMessage = (
  key: `errors.${ContributionErrorCode}`,
): Key<"contributions"> => key;
