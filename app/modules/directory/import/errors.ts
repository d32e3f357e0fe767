// What an import reports about its file: each problem with the sheet, the line as the person
// sees it in a spreadsheet (the header is line 1), the column as headed in the file, and a
// translation key with its parameters, so the page and the command line say it in FR or NL.
import type { Key } from "~/modules/i18n/keys";
import type { ImportSheet } from "./columns";

/** Keys of the imports strings (`errors.*`), or of the directory forms' (`directory:errors.*`). */
export type ImportErrorKey = `errors.${ImportErrorCode}` | `directory:errors.${string}`;

export type ImportErrorCode =
  // the file
  | "empty"
  | "tooLarge"
  | "tooManyRows"
  | "tooManyColumns"
  | "encoding"
  | "utf16"
  | "oldExcel"
  | "unreadableWorkbook"
  | "unknownSheet"
  | "sheetUndetermined"
  | "sheetTwice"
  | "unknownColumn"
  | "duplicateColumn"
  | "missingColumn"
  | "malformedCsv"
  // a cell
  | "formula"
  | "cellError"
  | "controlCharacter"
  | "tooLong"
  | "required"
  // a value
  | "unknownKind"
  | "unknownChannel"
  | "unknownLanguage"
  | "unknownReportRole"
  | "yesNo"
  | "year"
  | "measureList"
  | "unknownMeasure"
  | "duplicateMeasure"
  | "unknownMission"
  | "noActivePlan"
  | "communeList"
  | "unknownCommune"
  | "communesOnlyForZones"
  | "parentOnlyForAntennas"
  | "unknownFollower"
  | "key"
  | "keyRequired"
  | "keyTaken"
  | "keyMismatch"
  | "kindMismatch"
  | "unknownOrganisation"
  | "ambiguousOrganisation"
  | "organisationWithErrors"
  | "duplicateRow"
  | "staffAccount"
  | "identifierNotForKind"
  | "invalid";

export interface RowError {
  /** The sheet (a workbook tab or a CSV file's content); null for the file itself. */
  sheet: ImportSheet | null;
  /** Line in the sheet, the header being line 1; null for the whole file. */
  line: number | null;
  /** The column's header as written in the file; null for the whole row. */
  column: string | null;
  key: ImportErrorKey;
  params?: Record<string, string | number>;
}

export const fileError = (
  code: ImportErrorCode,
  params?: RowError["params"],
  at: { sheet?: ImportSheet | null; line?: number | null; column?: string | null } = {},
): RowError => ({
  sheet: at.sheet ?? null,
  line: at.line ?? null,
  column: at.column ?? null,
  key: `errors.${code}`,
  ...(params ? { params } : {}),
});

/** tsc refuses an error code without its message in the imports strings. */
export const everyCodeHasAMessage = (key: `errors.${ImportErrorCode}`): Key<"imports"> => key;
