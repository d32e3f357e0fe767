// CSV for Excel as Belgian staff open it: the list separator of Excel under fr-BE and nl-BE
// is ";" (the comma is the decimal separator there), so a ";" file opens in columns on a
// double click, while a "," file lands in one column. The UTF-8 byte-order mark makes Excel
// read the file as UTF-8 (accents, Dutch diacritics) instead of the ANSI code page. No
// "sep=;" line: with it Excel ignores the BOM and garbles every accent.

export const CSV_SEPARATOR = ";";
export const CSV_BOM = "\uFEFF";
/** Excel and RFC 4180 both expect CRLF between records. */
export const CSV_NEWLINE = "\r\n";

// A cell starting with one of these is read by spreadsheets as a formula (OWASP "CSV
// injection"): = + - @, tab and carriage return, and their full-width forms, which some
// spreadsheet versions fold to ASCII before evaluating.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Text written by people as a spreadsheet must show it: a leading formula character is
 * neutralised with an apostrophe (shown as text, the characters kept). The CSV's cells and the
 * XLSX's text cells (xlsx.server.ts) both go through it.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One cell of text written by people, neutralised (neutraliseFormula), and quoted when it
 * holds the separator, a quote or a line break. Numbers our own code produced are written as
 * they are.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = neutraliseFormula(value);
  return /[";,\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR) + CSV_NEWLINE;
}
