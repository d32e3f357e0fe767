// Reads an uploaded directory file, CSV or XLSX, into sheets of raw cells, with the limits
// enforced while reading: 10 MB, 20,000 data rows, 40 columns. The format is told by the
// content (an XLSX is a ZIP: "PK"), never by the file name. CSV must be UTF-8 (with or without
// a BOM): anything else is refused with the first line that is not, never guessed, since a
// Windows-1252 "é" read as something else would be stored wrong without anyone noticing.
// Formulas are never evaluated: a formula cell is kept as such for the row checks to refuse.
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type ExcelJS from "exceljs";
import { sheetOfHeaders, sheetOfName, type ImportSheet } from "./columns";
import { fileError, type RowError } from "./errors";

import { MAX_CELL_CHARS, MAX_IMPORT_BYTES, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from "./limits";
import { loadExcelJS } from "~/utils/exceljs.server";

export type RawCell = string | number | boolean | null | { formula: true } | { error: string };

export interface RawRow {
  line: number;
  cells: RawCell[];
}

export interface RawSheet {
  sheet: ImportSheet;
  headers: string[];
  rows: RawRow[];
}

export type ReadResult = { ok: true; sheets: RawSheet[] } | { ok: false; errors: RowError[] };

/** A table of a file: a CSV (no name) or a workbook tab, before anyone says what it holds. */
export interface RawTable {
  name: string | null;
  headers: string[];
  rows: RawRow[];
}

export interface TableLimits {
  maxBytes: number;
  maxRows: number;
}

const directoryLimits: TableLimits = { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS };

class FileProblem extends Error {
  constructor(readonly problem: RowError) {
    super(problem.key);
  }
}

/**
 * The sheets of a file. `sheet` is what the person said the file holds (a CSV, or a workbook
 * whose single tab has another name); otherwise tabs are known by name, then by their headers.
 */
export async function readImportFile(
  bytes: Uint8Array,
  options: { sheet?: ImportSheet } = {},
): Promise<ReadResult> {
  const read = await readTables(bytes, directoryLimits);
  if (!read.ok) return read;
  try {
    const sheets =
      read.tables.length === 1 && read.tables[0]!.name === null
        ? [{ ...read.tables[0]!, sheet: sheetOf(read.tables[0]!.headers, null, options.sheet) }]
        : sheetsOfTabs(read.tables, options.sheet);
    return { ok: true, sheets };
  } catch (error) {
    if (error instanceof FileProblem) return { ok: false, errors: [error.problem] };
    throw error;
  }
}

/**
 * The tables of a CSV or XLSX file, with the limits enforced while reading; errors are the
 * file's own (size, encoding, rows, columns), keyed in the imports strings. Shared by the
 * directory import and the contributions import.
 */
export async function readTables(
  bytes: Uint8Array,
  limits: TableLimits,
): Promise<{ ok: true; tables: RawTable[] } | { ok: false; errors: RowError[] }> {
  try {
    if (bytes.byteLength > limits.maxBytes)
      throw new FileProblem(fileError("tooLarge", { megabytes: limits.maxBytes / 1024 / 1024 }));
    if (bytes.byteLength === 0) throw new FileProblem(fileError("empty"));
    const tables = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])
      ? await readWorkbook(bytes, limits.maxRows)
      : [await readCsv(bytes, limits.maxRows)];
    if (tables.every((s) => s.rows.length === 0)) throw new FileProblem(fileError("empty"));
    return { ok: true, tables };
  } catch (error) {
    if (error instanceof FileProblem) return { ok: false, errors: [error.problem] };
    throw error;
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]) {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function sheetOf(headers: string[], named: ImportSheet | null, chosen?: ImportSheet) {
  const sheet = named ?? chosen ?? sheetOfHeaders(headers);
  if (!sheet) throw new FileProblem(fileError("sheetUndetermined", undefined, { line: 1 }));
  return sheet;
}

// ---- CSV -------------------------------------------------------------------------------

/** UTF-8 text, without its BOM; a file-level error naming the first line that is not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]))
    throw new FileProblem(fileError("utf16"));
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new FileProblem(fileError("oldExcel"));
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  try {
    return decoder.decode(bytes);
  } catch {
    const line = firstBadLine(bytes);
    throw new FileProblem(fileError("encoding", { line }, { line }));
  }
}

function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line += 1;
    start = i + 1;
  }
  return line;
}

/** The separator is the one of ";" and "," found more often in the header line. */
function separatorOf(text: string): ";" | "," {
  const end = text.search(/\r?\n/);
  const header = end === -1 ? text : text.slice(0, end);
  const count = (char: string) => header.split(char).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/**
 * The most bytes a record may hold. A row within the limits (40 cells of 1,000 characters, 3
 * bytes each at most) holds 120 kB: one past 1 MB has a cell far too long (or a quote never
 * closed, the rest of the file read as one cell), reported as that cell being too long, with
 * its line and column. Below, the row checks report each long cell with the row's other
 * problems. The limit keeps one record from holding the whole file.
 */
const MAX_RECORD_BYTES = 1024 * 1024;

async function readCsv(bytes: Uint8Array, maxRows: number): Promise<RawTable> {
  const text = decodeUtf8(bytes);
  let header: string[] | undefined;
  const parser = parse({
    delimiter: separatorOf(text),
    relax_column_count: true,
    // Records are counted as a spreadsheet shows them: an empty line is a line.
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
    // The header line as soon as it is parsed: a record over the size limit names its column.
    on_record: (record: string[]) => {
      header ??= record;
      return record;
    },
  });
  // Fed in pieces, so parsing a large file lets other requests run between them.
  const chunks = function* () {
    for (let i = 0; i < text.length; i += 64 * 1024) yield text.slice(i, i + 64 * 1024);
  };
  const records: string[][] = [];
  try {
    for await (const record of Readable.from(chunks()).pipe(parser)) {
      const cells = record as string[];
      if (cells.length > MAX_IMPORT_COLUMNS)
        throw new FileProblem(
          fileError("tooManyColumns", { max: MAX_IMPORT_COLUMNS }, { line: records.length + 1 }),
        );
      records.push(cells);
      if (records.length > maxRows + 1)
        throw new FileProblem(fileError("tooManyRows", { max: maxRows }));
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    const parsed = error as { code?: string; lines?: number; records?: number; column?: unknown };
    if (parsed.code === "CSV_MAX_RECORD_SIZE") {
      // Records read before this one, the header included: this one's line is the next.
      const line = (parsed.records ?? 0) + 1;
      const name = typeof parsed.column === "number" && line > 1 ? header?.[parsed.column] : null;
      throw new FileProblem(
        fileError(
          "tooLong",
          { max: MAX_CELL_CHARS },
          { line, column: name?.trim().slice(0, 60) || null },
        ),
      );
    }
    const line = parsed.lines;
    throw new FileProblem(fileError("malformedCsv", undefined, { line: line ?? null }));
  }
  const [headers = [], ...rest] = records;
  const rows = rest
    .map((cells, i) => ({ line: i + 2, cells: cells as RawCell[] }))
    .filter((row) => !isBlank(row.cells));
  return { name: null, headers, rows };
}

function isBlank(cells: RawCell[]) {
  return cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));
}

// ---- XLSX ------------------------------------------------------------------------------

/** A cell as read by ExcelJS's streaming reader: formulas stay formulas, text stays text. */
function rawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("formula" in v || "sharedFormula" in v) return { formula: true };
    if ("error" in v) return { error: String(v.error) };
    if (Array.isArray(v.richText))
      return (v.richText as { text?: unknown }[]).map((part) => String(part.text ?? "")).join("");
    if ("text" in v) return String(v.text);
  }
  return { error: "#VALUE!" };
}

async function readWorkbook(bytes: Uint8Array, maxRows: number): Promise<RawTable[]> {
  const { stream } = await loadExcelJS();
  const reader = new stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const tabs: { name: string; headers: string[]; rows: RawRow[] }[] = [];
  let dataRows = 0;
  try {
    for await (const worksheet of reader) {
      const tab = { name: worksheetName(worksheet, tabs.length), headers: [], rows: [] } as {
        name: string;
        headers: string[];
        rows: RawRow[];
      };
      let headerLine: number | null = null;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]).slice(1);
        if (values.length > MAX_IMPORT_COLUMNS)
          throw new FileProblem(
            fileError("tooManyColumns", { max: MAX_IMPORT_COLUMNS }, { line: row.number }),
          );
        const cells = Array.from(values, rawCell);
        if (isBlank(cells)) continue;
        if (headerLine === null) {
          headerLine = row.number;
          tab.headers = cells.map((c) => (typeof c === "string" ? c : c === null ? "" : String(c)));
          continue;
        }
        dataRows += 1;
        if (dataRows > maxRows) throw new FileProblem(fileError("tooManyRows", { max: maxRows }));
        tab.rows.push({ line: row.number, cells });
      }
      tabs.push(tab);
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(fileError("unreadableWorkbook"));
  }
  return tabs.filter((t) => t.headers.length > 0);
}

function sheetsOfTabs(filled: RawTable[], chosen?: ImportSheet): RawSheet[] {
  const sheets: RawSheet[] = [];
  for (const tab of filled) {
    const named = sheetOfName(tab.name ?? "");
    if (!named && filled.length > 1)
      throw new FileProblem(fileError("unknownSheet", { name: (tab.name ?? "").slice(0, 40) }));
    const sheet = sheetOf(tab.headers, named, chosen);
    if (sheets.some((s) => s.sheet === sheet))
      throw new FileProblem(fileError("sheetTwice", { name: (tab.name ?? "").slice(0, 40) }));
    sheets.push({ sheet, headers: tab.headers, rows: tab.rows });
  }
  return sheets;
}

/** The tab's name; the streaming reader may not know it yet when the workbook lists it late. */
function worksheetName(worksheet: unknown, index: number): string {
  const name = (worksheet as { name?: unknown }).name;
  return typeof name === "string" && name !== "" ? name : `Sheet${index + 1}`;
}
