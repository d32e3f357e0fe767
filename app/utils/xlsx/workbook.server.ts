// A one-sheet Excel workbook (SpreadsheetML, ECMA-376) written as a stream, row by row, into a
// streamed zip (zip.server.ts): the fixed parts first, then the sheet as its rows come, then
// the zip's directory. Only what the dataset's big download needs: a bold header row, frozen;
// column widths; a number format per column (dates are Excel serial numbers under a date
// format); text as inline strings (no shared-strings table, which would grow with the file);
// numbers as numbers. Small workbooks with more features are made with exceljs elsewhere.
import { xmlAttribute, xmlText, keepsSpaces } from "./xml.server";
import { ZipStreamWriter, type ZipEntryWriter } from "./zip.server";

export type XlsxCell = string | number | Date | null | undefined;

export interface XlsxColumn {
  header: string;
  /** In characters, as Excel's column width. */
  width: number;
  /** An Excel number format for the column's cells, e.g. "yyyy-mm-dd hh:mm". */
  numFmt?: string;
}

export interface XlsxWriterOptions {
  sheetName: string;
  /** The file's author (docProps/core.xml). */
  creator: string;
  /** Receives the file's bytes, in order. */
  emit: (chunk: Uint8Array) => void;
  /** zlib's deflate level for the sheet (default 6). */
  level?: number;
  /** The file's creation time (default: now). */
  created?: Date;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as an Excel serial day (1900 date system). */
const UNIX_EPOCH_DAY = 25_569;
/** Excel's sheet-name rules: 1–31 characters, none of : \ / ? * [ ]. */
const SHEET_NAME = /^[^:\\/?*[\]]{1,31}$/;

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** A date as Excel's serial number: its UTC fields are the wall-clock time shown. */
export const excelSerial = (date: Date) => date.getTime() / MS_PER_DAY + UNIX_EPOCH_DAY;

function contentTypes() {
  const type = "application/vnd.openxmlformats-officedocument";
  return `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${type}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${type}.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${type}.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
}

function rootRelationships() {
  return `${DECLARATION}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
}

function coreProperties(creator: string, created: Date) {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}

function workbook(sheetName: string) {
  return `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets><sheet name="${xmlAttribute(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

function workbookRelationships() {
  return `${DECLARATION}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
}

/**
 * The styles: cell format 0 is the default, 1 the bold header, then one per distinct number
 * format of the columns (custom formats are numbered from 164). Returns each column's format.
 */
function styles(columns: readonly XlsxColumn[]) {
  const formats = [...new Set(columns.flatMap((c) => (c.numFmt ? [c.numFmt] : [])))];
  const font = '<sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>';
  const xf = (numFmt: number, fontId: number) =>
    `<xf numFmtId="${numFmt}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${
      numFmt ? ' applyNumberFormat="1"' : ""
    }${fontId ? ' applyFont="1"' : ""}/>`;
  const xml = `${DECLARATION}<styleSheet xmlns="${MAIN}">${
    formats.length
      ? `<numFmts count="${formats.length}">${formats
          .map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlAttribute(f)}"/>`)
          .join("")}</numFmts>`
      : ""
  }<fonts count="2"><font>${font}</font><font><b/>${font}</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${
    2 + formats.length
  }">${xf(0, 0)}${xf(0, 1)}${formats.map((_, i) => xf(164 + i, 0)).join("")}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>`;
  const columnStyle = columns.map((c) => (c.numFmt ? 2 + formats.indexOf(c.numFmt) : 0));
  return { xml, columnStyle };
}

function sheetStart(columns: readonly XlsxColumn[], columnStyle: number[]) {
  const cols = columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${
          columnStyle[i] ? ` style="${columnStyle[i]}"` : ""
        }/>`,
    )
    .join("");
  // The header row stays in view: the pane below row 1 scrolls.
  return `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
}

/** Characters of XML handed to the deflate at a time. */
const PIECE = 32_768;

const SHEET_END =
  '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

/**
 * Writes a workbook of one sheet: `begin()` writes the parts that do not depend on the columns
 * (at once, before any data is read: the download starts), `start(columns)` the styles and the
 * header row,
 * `writeRows()` appends rows (resolving once they are deflated and emitted), `finish()` closes
 * the sheet and the zip.
 */
export class XlsxStreamWriter {
  readonly #options: XlsxWriterOptions;
  readonly #zip: ZipStreamWriter;
  #letters: string[] = [];
  #columnStyle: number[] = [];
  #begun = false;
  #sheet: ZipEntryWriter | null = null;
  #row = 0;

  constructor(options: XlsxWriterOptions) {
    if (!SHEET_NAME.test(options.sheetName)) {
      throw new Error(`Not a valid Excel sheet name: ${JSON.stringify(options.sheetName)}`);
    }
    this.#options = options;
    this.#zip = new ZipStreamWriter(options.emit, {
      level: options.level,
      modified: options.created,
    });
  }

  /** Rows written so far, the header included. */
  get rowCount(): number {
    return this.#row;
  }

  /** The parts that do not depend on the columns: the file's first bytes. */
  begin() {
    if (this.#begun) return;
    this.#begun = true;
    const { sheetName, creator } = this.#options;
    const zip = this.#zip;
    zip.addFile("[Content_Types].xml", contentTypes());
    zip.addFile("_rels/.rels", rootRelationships());
    zip.addFile("docProps/core.xml", coreProperties(creator, this.#options.created ?? new Date()));
    zip.addFile("xl/workbook.xml", workbook(sheetName));
    zip.addFile("xl/_rels/workbook.xml.rels", workbookRelationships());
  }

  /** The styles, then the sheet up to its header row. */
  async start(columns: readonly XlsxColumn[]): Promise<void> {
    if (this.#sheet || this.#row) throw new Error("The sheet is already started");
    if (columns.length === 0 || columns.length > 16_384) {
      throw new Error("A sheet has 1 to 16,384 columns");
    }
    this.begin();
    const zip = this.#zip;
    this.#letters = columns.map((_, i) => columnLetters(i));
    const { xml, columnStyle } = styles(columns);
    this.#columnStyle = columnStyle;
    zip.addFile("xl/styles.xml", xml);
    this.#sheet = zip.openFile("xl/worksheets/sheet1.xml");
    this.#row = 1;
    const header = columns.map((c, i) => this.#text(c.header, `${this.#letters[i]}1`, 1)).join("");
    await this.#sheet.write(`${sheetStart(columns, this.#columnStyle)}<row r="1">${header}</row>`);
  }

  #text(value: string, ref: string, style: number): string {
    const s = style ? ` s="${style}"` : "";
    const space = keepsSpaces(value) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  }

  /** One row's XML: empty cells are left out. */
  #rowXml(cells: readonly XlsxCell[]): string {
    const r = ++this.#row;
    if (r > 1_048_576) throw new Error("An Excel sheet holds 1,048,576 rows at most");
    let xml = `<row r="${r}">`;
    const count = Math.min(cells.length, this.#letters.length);
    for (let i = 0; i < count; i++) {
      const value = cells[i];
      if (value === null || value === undefined || value === "") continue;
      const ref = this.#letters[i]! + r;
      const style = this.#columnStyle[i]!;
      const s = style ? ` s="${style}"` : "";
      if (typeof value === "number") {
        xml += Number.isFinite(value)
          ? `<c r="${ref}"${s}><v>${value}</v></c>`
          : this.#text(String(value), ref, style);
      } else if (value instanceof Date) {
        const serial = excelSerial(value);
        if (Number.isFinite(serial)) xml += `<c r="${ref}"${s}><v>${serial}</v></c>`;
      } else {
        xml += this.#text(value, ref, style);
      }
    }
    return `${xml}</row>`;
  }

  /**
   * Appends rows; resolves once they have been deflated and handed to `emit`. The XML goes to
   * the deflate in pieces of about PIECE characters, one piece being deflated (on the thread
   * pool) while the next is built: short-lived strings that the young generation's collections
   * free, where a batch's XML as one string of megabytes would wait for a full collection.
   */
  async writeRows(rows: readonly (readonly XlsxCell[])[]): Promise<void> {
    const sheet = this.#sheet;
    if (!sheet) throw new Error("The workbook is not started");
    let inFlight: Promise<void> | null = null;
    let xml = "";
    for (const row of rows) {
      xml += this.#rowXml(row);
      if (xml.length >= PIECE) {
        await inFlight;
        inFlight = sheet.write(xml);
        xml = "";
      }
    }
    await inFlight;
    if (xml) await sheet.write(xml);
  }

  async finish(): Promise<void> {
    if (!this.#sheet) throw new Error("The workbook is not started");
    await this.#sheet.write(SHEET_END);
    await this.#sheet.close();
    this.#sheet = null;
    this.#zip.finish();
  }

  /** Stops writing (the client went away): the deflate is released. */
  abort() {
    this.#zip.abort();
  }
}
