// What a contributions import reports about its file: the line as a spreadsheet shows it (the
// header is line 1), the column as headed in the file, and a translation key with its
// parameters, so the page and the command line say it in French or Dutch. File problems
// (size, encoding, rows, cells) are the directory import's, in the imports strings.
import { formatNumber } from "~/modules/i18n/format";
import type { Key } from "~/modules/i18n/keys";
import type { Language } from "~/modules/i18n/languages";
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
  | "figureNegative"
  | "figureTooLarge"
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

// Parameters that are quantities: written as the language groups digits ("1 000 caractères",
// "1.000 tekens"). Years, line numbers and values quoted from the file stay as they are.
const QUANTITY_PARAMS = ["max", "megabytes"] as const;

/** An error's parameters as its message shows them in `lang`. */
export function errorParams(
  error: ContributionError,
  lang: Language,
): Record<string, string | number> {
  const params = { ...error.params };
  for (const name of QUANTITY_PARAMS) {
    const value = params[name];
    if (typeof value === "number") params[name] = formatNumber(value, lang);
  }
  return params;
}

/** tsc refuses an error code without its message in the contributions strings. */
export const everyCodeHasAMessage = (
  key: `errors.${ContributionErrorCode}`,
): Key<"contributions"> => key;
