// A report table as a file for Excel: CSV in the dataset's shape (dataset/csv.ts: BOM, ";",
// CRLF, formula cells neutralised) and XLSX (one worksheet a table: title, headings, rows,
// total, the "how this is counted" note). Headings are the table's, in its language; figures
// are numbers (an "n/size" cell writes n, its size is the table's own column); a suppressed
// small count is the text "< k". Tables are small (a row a theme or measure): built whole.

import type { ReportCell, ReportRow, ReportTable, ReportTableName } from "./table-model";
import { CSV_BOM, csvRow, neutraliseFormula } from "~/modules/dataset/csv";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { loadExcelJS } from "~/utils/exceljs.server";

// Kept free of database imports (unlike dataset/xlsx.server.ts, which holds the same type):
// `npm run report` loads this file before it knows its arguments are good.
export const XLSX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

/**
 * What a file writes of a cell: its figure, or its text when it has none (a suppressed small
 * count's "< 5"). Not neutralised: the CSV and the workbooks do that as they write text.
 */
export function cellValue(cell: ReportCell | undefined): string | number | null {
  if (!cell) return null;
  if (typeof cell.value === "number") return cell.value;
  return cell.display;
}

/** Excel's limit on a sheet's name. */
const SHEET_NAME_LENGTH = 31;

/** A worksheet's name Excel accepts (no [ ] : * ? / \, 31 characters), unique in `taken`. */
export function sheetName(text: string, taken: Set<string>) {
  const base =
    text
      .replace(/[[\]:*?/\\]/g, " ")
      .trim()
      .slice(0, SHEET_NAME_LENGTH) || "Sheet";
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, SHEET_NAME_LENGTH - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

const rowsOf = (table: ReportTable): ReportRow[] => [
  ...table.rows,
  ...(table.total ? [table.total] : []),
];

export function reportTableCsv(table: ReportTable): string {
  let text = CSV_BOM + csvRow([table.rowHeading ?? "", ...table.columns.map((c) => c.label)]);
  for (const row of rowsOf(table))
    text += csvRow([row.label, ...table.columns.map((c) => cellValue(row.cells[c.key]))]);
  return text;
}

/**
 * Text as a part of a file name: ASCII letters and digits joined by "-", accents dropped
 * ("Récapitulatif thématiques" is "recapitulatif-thematiques"), Dutch plurals whole ("Overzicht
 * thema's" is "overzicht-themas"), at most `length` characters. The names of downloads are
 * ASCII by construction (download.server.ts attachmentResponse).
 */
export function fileNameSlug(text: string, length = 60) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’](?=s\b)/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, length)
    .replace(/-+$/, "");
}

/**
 * A table's short name in the language, as its worksheet is named, in the report's download
 * and in an edition's workbook alike ("Mesures par canal").
 */
export function reportSheetTitle(lang: Language, name: ReportTableName) {
  return getFixedT(lang, "reports")(`tables.${name}.sheet`);
}

/**
 * rapport-mesures-par-canal-2021-2022.csv, rapport-maatregelen-per-kanaal-2021-2022.xlsx: the
 * table named in the language, like the dataset's and the editions' files.
 */
export function reportFileName(
  lang: Language,
  name: ReportTableName,
  period: { from: number; to: number },
  extension: "csv" | "xlsx",
) {
  const t = getFixedT(lang, "reports");
  const table = fileNameSlug(reportSheetTitle(lang, name)) || name;
  return `${t("fileName")}-${table}-${period.from}-${period.to}.${extension}`;
}

const text = (value: string) => neutraliseFormula(value);

/** The tables as a workbook, a worksheet each, named in the tables' language. */
export async function reportTableXlsx(
  tables: readonly ReportTable[],
  lang: Language,
): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = "safe.brussels";
  const taken = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(reportSheetTitle(lang, table.name), taken));
    sheet.addRow([text(table.title)]).font = { bold: true };
    const heading = sheet.addRow([
      text(table.rowHeading ?? ""),
      ...table.columns.map((c) => text(c.label)),
    ]);
    heading.font = { bold: true };
    for (const row of rowsOf(table)) {
      const written = sheet.addRow([
        text(row.label),
        ...table.columns.map((c) => {
          const value = cellValue(row.cells[c.key]);
          return typeof value === "string" ? text(value) : value;
        }),
      ]);
      if (row === table.total) written.font = { bold: true };
    }
    sheet.addRow([]);
    sheet.addRow([text(table.howCounted)]);
    sheet.getColumn(1).width = 60;
    for (let i = 2; i <= table.columns.length + 1; i++) sheet.getColumn(i).width = 18;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
