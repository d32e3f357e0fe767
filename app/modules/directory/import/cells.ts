// From raw cells to the values of each row, by field: headers are matched to the sheet's
// columns, and every cell is checked on its own before any rule about its meaning. Formulas are
// refused, never evaluated: a formula cell of a workbook, or a text starting with = + - @ (the
// way a formula is smuggled into a CSV, to run when someone opens an export in a spreadsheet).
// Numbers are not formulas: "-5" goes on to the rule of its column.
import {
  columnsOf,
  fieldOfHeader,
  type ColumnSpec,
  type FieldOf,
  type ImportSheet,
} from "./columns";
import { fileError, type RowError } from "./errors";
import { MAX_CELL_CHARS } from "./limits";
import type { RawCell, RawSheet } from "./read-file.server";

export { MAX_CELL_CHARS };

export type CellValue = string | number;

export interface SheetRow<S extends ImportSheet = ImportSheet> {
  line: number;
  /** Non-empty values by field; a cell with a problem is left out (and reported). */
  values: Partial<Record<FieldOf<S>, CellValue>>;
  /** The header of each field as written in the file, for the errors. */
  headers: Partial<Record<FieldOf<S>, string>>;
  /** The row has a cell problem: its other rules still run, it will not be imported. */
  hasCellErrors: boolean;
  /** Fields whose cell was refused: no second error is reported about them. */
  badFields: Set<FieldOf<S>>;
}

export interface ReadSheet<S extends ImportSheet = ImportSheet> {
  sheet: S;
  /** The columns the file has: an absent optional column leaves the stored value as it is. */
  columns: Set<FieldOf<S>>;
  headers: Partial<Record<FieldOf<S>, string>>;
  rows: SheetRow<S>[];
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const plainNumber = /^[+-]?\s*\d[\d\s.,]*$/;

/** A text a spreadsheet would run as a formula. */
export function looksLikeFormula(text: string): boolean {
  const start = text.trimStart();
  return /^[=+\-@]/.test(start) && !plainNumber.test(start);
}

type CellCheck = { ok: true; value: CellValue | null } | { ok: false; code: RowErrorCode };
type RowErrorCode = "formula" | "cellError" | "controlCharacter" | "tooLong";

export function checkCell(cell: RawCell | undefined): CellCheck {
  if (cell === null || cell === undefined) return { ok: true, value: null };
  if (typeof cell === "number") return { ok: true, value: Number.isFinite(cell) ? cell : null };
  if (typeof cell === "boolean") return { ok: true, value: cell ? "yes" : "no" };
  if (typeof cell === "object")
    return { ok: false, code: "formula" in cell ? "formula" : "cellError" };
  if (controlCharacters.test(cell)) return { ok: false, code: "controlCharacter" };
  if (cell.length > MAX_CELL_CHARS) return { ok: false, code: "tooLong" };
  if (looksLikeFormula(cell)) return { ok: false, code: "formula" };
  const trimmed = cell.trim();
  return { ok: true, value: trimmed === "" ? null : trimmed };
}

export function readSheet<S extends ImportSheet>(
  raw: RawSheet & { sheet: S },
  errors: RowError[],
): ReadSheet<S> | null {
  const sheet = raw.sheet;
  const specs = columnsOf[sheet] as readonly ColumnSpec<FieldOf<S>>[];
  const fieldAt: (FieldOf<S> | null)[] = [];
  const headers: Partial<Record<FieldOf<S>, string>> = {};
  let usable = true;
  raw.headers.forEach((header, index) => {
    const text = header.trim();
    const field = fieldOfHeader(sheet, text) as FieldOf<S> | null;
    fieldAt.push(field);
    if (field === null) {
      // A column without a header and without values (a stray separator) is nothing.
      const used = raw.rows.some(
        (row) => checkCell(row.cells[index]).ok === false || valueAt(row.cells[index]) !== null,
      );
      if (text === "" && !used) return;
      errors.push(
        fileError(
          "unknownColumn",
          { column: text === "" ? `#${index + 1}` : text.slice(0, 60) },
          {
            sheet,
            line: 1,
            column: text.slice(0, 60) || null,
          },
        ),
      );
      usable = false;
    } else if (headers[field] !== undefined) {
      errors.push(fileError("duplicateColumn", { column: text }, { sheet, line: 1, column: text }));
      usable = false;
    } else headers[field] = text;
  });
  for (const spec of specs) {
    if (spec.required && headers[spec.field] === undefined) {
      errors.push(fileError("missingColumn", spec.header, { sheet, line: 1 }));
      usable = false;
    }
  }
  if (!usable) return null;

  const rows = raw.rows.map((row) => {
    const values: Partial<Record<FieldOf<S>, CellValue>> = {};
    let hasCellErrors = false;
    const badFields = new Set<FieldOf<S>>();
    fieldAt.forEach((field, index) => {
      const check = checkCell(row.cells[index]);
      if (!check.ok) {
        hasCellErrors = true;
        if (field === null) return;
        badFields.add(field);
        errors.push(
          fileError(
            check.code,
            { max: MAX_CELL_CHARS },
            { sheet, line: row.line, column: headers[field] },
          ),
        );
      } else if (field !== null && check.value !== null) values[field] = check.value;
    });
    // Cells past the last header hold something the file does not name.
    for (let index = fieldAt.length; index < row.cells.length; index++) {
      if (valueAt(row.cells[index]) !== null) {
        hasCellErrors = true;
        errors.push(
          fileError("unknownColumn", { column: `#${index + 1}` }, { sheet, line: row.line }),
        );
        break;
      }
    }
    return { line: row.line, values, headers, hasCellErrors, badFields };
  });
  return { sheet, columns: new Set(Object.keys(headers) as FieldOf<S>[]), headers, rows };
}

function valueAt(cell: RawCell | undefined) {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "string") return cell.trim() === "" ? null : cell;
  return cell;
}
