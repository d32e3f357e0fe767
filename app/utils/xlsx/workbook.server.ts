// An Excel workbook (SpreadsheetML, ECMA-376) written as a stream, row by row, into a streamed
// zip (zip.server.ts): the fixed parts first, then each sheet as its rows come, then the styles
// and the zip's directory. What the big downloads need (the dataset's one sheet; a report
// edition's facts, tables and entries): bold, title and frozen header rows; column widths; a
// number format per column or per cell (dates are Excel serial numbers under a date format);
// text as inline strings (no shared-strings table, which would grow with the file); numbers as
// numbers. Small workbooks with more features are made with exceljs elsewhere.
import { xmlAttribute, xmlText, keepsSpaces } from "./xml.server";
import { ZipStreamWriter, type ZipEntryWriter } from "./zip.server";

export type XlsxValue = string | number | Date | null | undefined;
/** A cell: its value, or its value with its own number format or weight. */
export type XlsxCell = XlsxValue | { value: XlsxValue; numFmt?: string; bold?: boolean };

export interface XlsxColumn {
  /** The header row's text (a sheet started with `header: false` has none). */
  header?: string;
  /** In characters, as Excel's column width. */
  width: number;
  /** An Excel number format for the column's cells, e.g. "yyyy-mm-dd hh:mm". */
  numFmt?: string;
  /** The column's cells in bold (a list of labels). */
  bold?: boolean;
}

/** A row's font: bold (a total), or a sheet's title (bold, larger). */
export type XlsxRowFont = "bold" | "title";

export interface XlsxWriterOptions {
  /** The sheets' names, in order: each is then started, written and ended in turn. */
  sheetNames: readonly string[];
  /** The file's author (docProps/core.xml). */
  creator: string;
  /** Receives the file's bytes, in order. */
  emit: (chunk: Uint8Array) => void;
  /** zlib's deflate level for the sheets (default 6). */
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

const sheetPart = (index: number) => `worksheets/sheet${index + 1}.xml`;

function contentTypes(sheetCount: number) {
  const type = "application/vnd.openxmlformats-officedocument";
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Override PartName="/xl/${sheetPart(i)}" ContentType="${type}.spreadsheetml.worksheet+xml"/>`,
  ).join("");
  return `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${type}.spreadsheetml.sheet.main+xml"/>${sheets}<Override PartName="/xl/styles.xml" ContentType="${type}.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
}

function rootRelationships() {
  return `${DECLARATION}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
}

function coreProperties(creator: string, created: Date) {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}

// Sheet i is relationship rId(i+1); the styles come after the sheets.
function workbook(sheetNames: readonly string[]) {
  const sheets = sheetNames
    .map((name, i) => `<sheet name="${xmlAttribute(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  return `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

function workbookRelationships(sheetCount: number) {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${sheetPart(i)}"/>`,
  ).join("");
  return `${DECLARATION}<Relationships xmlns="${PACKAGE_REL}">${sheets}<Relationship Id="rId${sheetCount + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
}

const FONT_IDS = { regular: 0, bold: 1, title: 2 } as const;
type FontName = keyof typeof FONT_IDS;

/**
 * The workbook's cell formats, registered as the sheets use them and written last: format 0 is
 * the default, 1 bold (the header rows); then one per font and number format met (custom number
 * formats are numbered from 164).
 */
class StyleRegistry {
  readonly #formats = new Map<string, number>();
  readonly #cellFormats = new Map<string, number>();
  readonly #xfs: string[] = [];

  constructor() {
    this.format("regular");
    this.format("bold");
  }

  /** The index of the cell format of this font and number format. */
  format(font: FontName, numFmt?: string): number {
    const key = `${font}\u0000${numFmt ?? ""}`;
    let index = this.#cellFormats.get(key);
    if (index !== undefined) return index;
    let numFmtId = 0;
    if (numFmt) {
      numFmtId = this.#formats.get(numFmt) ?? 164 + this.#formats.size;
      this.#formats.set(numFmt, numFmtId);
    }
    const fontId = FONT_IDS[font];
    index = this.#xfs.length;
    this.#xfs.push(
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${
        numFmtId ? ' applyNumberFormat="1"' : ""
      }${fontId ? ' applyFont="1"' : ""}/>`,
    );
    this.#cellFormats.set(key, index);
    return index;
  }

  xml() {
    const font = (size: number) =>
      `<sz val="${size}"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>`;
    const formats = [...this.#formats];
    return `${DECLARATION}<styleSheet xmlns="${MAIN}">${
      formats.length
        ? `<numFmts count="${formats.length}">${formats
            .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttribute(code)}"/>`)
            .join("")}</numFmts>`
        : ""
    }<fonts count="3"><font>${font(11)}</font><font><b/>${font(11)}</font><font><b/>${font(13)}</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${
      this.#xfs.length
    }">${this.#xfs.join("")}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>`;
  }
}

function sheetStart(columns: readonly XlsxColumn[], columnStyle: number[], frozenHeader: boolean) {
  const cols = columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${
          columnStyle[i] ? ` style="${columnStyle[i]}"` : ""
        }/>`,
    )
    .join("");
  // A frozen header row stays in view: the pane below row 1 scrolls.
  const view = frozenHeader
    ? '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
    : '<sheetView workbookViewId="0"/>';
  return `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
}

/** Characters of XML handed to the deflate at a time. */
const PIECE = 32_768;

const SHEET_END =
  '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

/**
 * Writes a workbook: `begin()` writes the parts that do not depend on the sheets' columns (at
 * once, before any data is read: the download starts); then, for each sheet in turn,
 * `startSheet(columns)` (its header row), `writeRows()` (resolving once the rows are deflated
 * and emitted), `endSheet()`; `finish()` writes the styles and closes the zip.
 */
export class XlsxStreamWriter {
  readonly #options: XlsxWriterOptions;
  readonly #zip: ZipStreamWriter;
  readonly #styles = new StyleRegistry();
  #columns: readonly XlsxColumn[] = [];
  #letters: string[] = [];
  #columnStyle: number[] = [];
  #begun = false;
  #sheet: ZipEntryWriter | null = null;
  #sheetsStarted = 0;
  #row = 0;

  constructor(options: XlsxWriterOptions) {
    if (options.sheetNames.length === 0) throw new Error("A workbook has one sheet at least");
    const seen = new Set<string>();
    for (const name of options.sheetNames) {
      if (!SHEET_NAME.test(name)) {
        throw new Error(`Not a valid Excel sheet name: ${JSON.stringify(name)}`);
      }
      // Excel compares sheet names without case.
      if (seen.has(name.toLowerCase())) throw new Error(`Two sheets named ${JSON.stringify(name)}`);
      seen.add(name.toLowerCase());
    }
    this.#options = options;
    this.#zip = new ZipStreamWriter(options.emit, {
      level: options.level,
      modified: options.created,
    });
  }

  /** Rows written so far in the current (or last) sheet, its header included. */
  get rowCount(): number {
    return this.#row;
  }

  /** The parts that do not depend on the columns: the file's first bytes. */
  begin() {
    if (this.#begun) return;
    this.#begun = true;
    const { sheetNames, creator } = this.#options;
    const zip = this.#zip;
    zip.addFile("[Content_Types].xml", contentTypes(sheetNames.length));
    zip.addFile("_rels/.rels", rootRelationships());
    zip.addFile("docProps/core.xml", coreProperties(creator, this.#options.created ?? new Date()));
    zip.addFile("xl/workbook.xml", workbook(sheetNames));
    zip.addFile("xl/_rels/workbook.xml.rels", workbookRelationships(sheetNames.length));
  }

  /**
   * The next sheet, up to its header row: the columns' headers in bold (`header: false`: none),
   * frozen in view unless `frozenHeader` is false.
   */
  async startSheet(
    columns: readonly XlsxColumn[],
    options: { header?: boolean; frozenHeader?: boolean } = {},
  ): Promise<void> {
    if (this.#sheet) throw new Error("The sheet before is not ended");
    if (this.#sheetsStarted >= this.#options.sheetNames.length) {
      throw new Error("Every sheet named is already written");
    }
    if (columns.length === 0 || columns.length > 16_384) {
      throw new Error("A sheet has 1 to 16,384 columns");
    }
    const header = options.header ?? true;
    this.begin();
    this.#columns = columns;
    this.#letters = columns.map((_, i) => columnLetters(i));
    this.#columnStyle = this.#rowStyles();
    this.#sheet = this.#zip.openFile(`xl/${sheetPart(this.#sheetsStarted)}`);
    this.#sheetsStarted++;
    this.#row = 0;
    let xml = sheetStart(columns, this.#columnStyle, header && (options.frozenHeader ?? true));
    if (header) {
      this.#row = 1;
      const bold = this.#styles.format("bold");
      xml += `<row r="1">${columns
        .map((c, i) => this.#text(c.header ?? "", `${this.#letters[i]}1`, bold))
        .join("")}</row>`;
    }
    await this.#sheet.write(xml);
  }

  /** Each column's cell format in a row of this font (the column's own weight by default). */
  #rowStyles(font?: XlsxRowFont): number[] {
    return this.#columns.map((c) =>
      this.#styles.format(font ?? (c.bold ? "bold" : "regular"), c.numFmt),
    );
  }

  #text(value: string, ref: string, style: number): string {
    const s = style ? ` s="${style}"` : "";
    const space = keepsSpaces(value) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  }

  /** One row's XML: empty cells are left out. */
  #rowXml(cells: readonly XlsxCell[], columnStyle: number[], font?: XlsxRowFont): string {
    const r = ++this.#row;
    if (r > 1_048_576) throw new Error("An Excel sheet holds 1,048,576 rows at most");
    let xml = `<row r="${r}">`;
    const count = Math.min(cells.length, this.#letters.length);
    for (let i = 0; i < count; i++) {
      const cell = cells[i];
      let value: XlsxValue;
      let style: number;
      if (cell !== null && typeof cell === "object" && !(cell instanceof Date)) {
        value = cell.value;
        const column = this.#columns[i]!;
        style = this.#styles.format(
          font ?? (cell.bold || column.bold ? "bold" : "regular"),
          cell.numFmt ?? column.numFmt,
        );
      } else {
        value = cell;
        style = columnStyle[i]!;
      }
      if (value === null || value === undefined || value === "") continue;
      const ref = this.#letters[i]! + r;
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
   * Appends rows (in `font`: a total, a title); resolves once they have been deflated and handed
   * to `emit`. The XML goes to the deflate in pieces of about PIECE characters, one piece being
   * deflated (on the thread pool) while the next is built: short-lived strings that the young
   * generation's collections free, where a batch's XML as one string of megabytes would wait
   * for a full collection.
   */
  async writeRows(
    rows: readonly (readonly XlsxCell[])[],
    options: { font?: XlsxRowFont } = {},
  ): Promise<void> {
    const sheet = this.#sheet;
    if (!sheet) throw new Error("No sheet is started");
    const columnStyle = options.font ? this.#rowStyles(options.font) : this.#columnStyle;
    let inFlight: Promise<void> | null = null;
    let xml = "";
    for (const row of rows) {
      xml += this.#rowXml(row, columnStyle, options.font);
      if (xml.length >= PIECE) {
        await inFlight;
        inFlight = sheet.write(xml);
        xml = "";
      }
    }
    await inFlight;
    if (xml) await sheet.write(xml);
  }

  /** Closes the current sheet. */
  async endSheet(): Promise<void> {
    if (!this.#sheet) throw new Error("No sheet is started");
    await this.#sheet.write(SHEET_END);
    await this.#sheet.close();
    this.#sheet = null;
  }

  /** Closes the last sheet if open, writes the styles and the zip's directory. */
  async finish(): Promise<void> {
    if (this.#sheet) await this.endSheet();
    if (this.#sheetsStarted !== this.#options.sheetNames.length) {
      throw new Error("A sheet named was not written");
    }
    this.#zip.addFile("xl/styles.xml", this.#styles.xml());
    this.#zip.finish();
  }

  /** Stops writing (the client went away): the deflate is released. */
  abort() {
    this.#zip.abort();
  }
}
