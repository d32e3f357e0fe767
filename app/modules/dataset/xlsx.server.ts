// The dataset as an Excel workbook, written by our own streaming writer (utils/xlsx: a zip
// written as a stream, the sheet's rows deflated as they come; exceljs cost about 200 µs of CPU
// per row here, see ADR 0021). Each batch of entries (export-rows.server.ts: keyset in the
// downloads' order, text as published) becomes rows of the sheet, deflated straight into the
// response, so memory stays flat whether 50 or 200k entries match. The response starts with the zip's first bytes (no
// Content-Length: the size is not known before the end), so the browser shows the download's
// progress from the start.
//
// Backpressure: the next batch is read only when the client has taken what was sent (the
// response's queue is below its high-water mark) and the deflate has taken the rows written.
//
// Cells: years, figure values and import lines as numbers, dates as Excel dates (Brussels wall
// time), text as text, neutralised like the CSV's (csv.ts) so that a cell never starts with a
// formula character, and cut at Excel's limit of 32,767 characters per cell. The header row is
// bold and frozen; columns have widths; figure values show as "#,##0.##", dates as
// "yyyy-mm-dd hh:mm".
import { neutraliseFormula } from "./csv";
import { auditDatasetExport, datasetFileName } from "./csv.server";
import {
  brusselsWallClock,
  exportLookups,
  readExportBatch,
  type ExportEntry,
} from "./export-rows.server";

export { brusselsWallClock };
import type { DatasetFilters } from "./filters";
import { filterConditions, where } from "./browse.server";
import { Prisma } from "~/generated/prisma/client";
import type { CurrentUser } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { readRows } from "~/utils/db.server";
import { xlsxDownload } from "~/utils/xlsx/stream.server";
import type { XlsxCell, XlsxColumn } from "~/utils/xlsx/workbook.server";

export const XLSX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Excel's own limit of characters in one cell (a longer cell makes it "repair" the file). */
const EXCEL_CELL_LIMIT = 32_767;

/**
 * Entries per batch: fewer than the CSV's (EXPORT_BATCH_SIZE), because a row of the sheet
 * allocates several times more than a CSV line: with 1,000 a batch's entries outlived the young
 * generation's collections and the heap grew by 130 MB of garbage between full collections
 * (on PGlite, where the database shares the thread, still with 250). With 100 it stays flat on
 * both engines, and the export is faster (docs/benchmarks.md, issue 10).
 */
const XLSX_BATCH_SIZE = 100;

export interface XlsxStreamOptions {
  batchSize?: number;
  /** Told the number of entries written after each batch (tests, the bench). */
  onProgress?: (entries: number) => void;
}

// Half of a UTF-16 pair alone: not a character, and not allowed in the sheet's XML.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as a cell holds it: neutralised, well-formed (no lone surrogate), within Excel's limit. */
export function xlsxText(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const text = neutraliseFormula(value.replace(LONE_SURROGATE, "\uFFFD"));
  return text.length > EXCEL_CELL_LIMIT ? `${text.slice(0, EXCEL_CELL_LIMIT - 1)}…` : text;
}

/** The most figures one entry under the filters has: that many column triples. */
async function figureColumns(filters: DatasetFilters): Promise<number> {
  const [row] = await readRows<{ n: number | null }>(Prisma.sql`
    SELECT max(jsonb_array_length(CASE jsonb_typeof(e."figures") WHEN 'array' THEN e."figures"
                                       ELSE '[]'::jsonb END))::int AS "n"
      FROM "DatasetEntry" e ${where(filterConditions(filters))}`);
  return row?.n ?? 0;
}

/** Labels by key, translated once per download instead of once per cell. */
function memo<K extends string>(translate: (key: K) => string) {
  const known = new Map<K, string>();
  return (key: K) => {
    let label = known.get(key);
    if (label === undefined) known.set(key, (label = translate(key)));
    return label;
  };
}

/** The sheet's columns, in order, and each entry's cells in the same order. */
function datasetSheet(lang: Language, figures: number, history: boolean) {
  const t = getFixedT(lang, "admin");
  const tp = getFixedT(lang, "partners");
  const kind = memo((key: ExportEntry["organisationKind"]) => tp(`kinds.${key}`));
  const channel = memo((key: ExportEntry["channel"]) => tp(`channels.${key}`));
  const link = memo((key: ExportEntry["link"]) => t(`dataset.links.${key}`));
  const source = memo((key: ExportEntry["source"]) => t(`dataset.sources.${key}`));
  const date = "yyyy-mm-dd hh:mm";
  const figureColumns: XlsxColumn[] = Array.from({ length: figures }, (_, i) => {
    const number = i + 1;
    return [
      { header: t("dataset.columns.figureLabel", { number }), width: 24 },
      { header: t("dataset.columns.figureValue", { number }), width: 12, numFmt: "#,##0.##" },
      { header: t("dataset.columns.figureUnit", { number }), width: 12 },
    ];
  }).flat();
  const columns: XlsxColumn[] = [
    { header: t("dataset.columns.year"), width: 7 },
    { header: t("dataset.columns.organisation"), width: 32 },
    { header: t("dataset.columns.organisationKind"), width: 18 },
    { header: t("dataset.columns.channel"), width: 22 },
    { header: t("dataset.columns.funding"), width: 24 },
    { header: t("dataset.columns.measureCode"), width: 9 },
    { header: t("dataset.columns.measureTitle"), width: 40 },
    { header: t("dataset.columns.link"), width: 18 },
    { header: t("dataset.columns.missions"), width: 12 },
    { header: t("dataset.columns.narrativeLanguage"), width: 8 },
    { header: t("dataset.columns.narrative"), width: 60 },
    ...figureColumns,
    { header: t("dataset.columns.attachments"), width: 24 },
    { header: t("dataset.columns.source"), width: 18 },
    { header: t("dataset.columns.importFile"), width: 24 },
    { header: t("dataset.columns.importLine"), width: 8 },
    { header: t("dataset.columns.approvedBy"), width: 20 },
    { header: t("dataset.columns.approvedAt"), width: 17, numFmt: date },
    ...(history ? [{ header: t("dataset.columns.supersededAt"), width: 17, numFmt: date }] : []),
    { header: t("dataset.columns.returnId"), width: 26 },
    { header: t("dataset.columns.submissionId"), width: 26 },
    { header: t("dataset.columns.entryId"), width: 26 },
  ];

  const cells = (entry: ExportEntry): XlsxCell[] => {
    const row: XlsxCell[] = [
      entry.year,
      xlsxText(entry.organisationName),
      kind(entry.organisationKind),
      channel(entry.channel),
      xlsxText(entry.fundingTitle),
      xlsxText(entry.measureCode),
      xlsxText(entry.measureTitle),
      link(entry.link),
      xlsxText(entry.missions),
      entry.narrativeLanguage,
      xlsxText(entry.narrative),
    ];
    for (let i = 0; i < figures; i++) {
      const figure = entry.figures[i];
      if (!figure) {
        row.push(null, null, null);
        continue;
      }
      row.push(
        xlsxText(figure.label),
        typeof figure.value === "number" ? figure.value : xlsxText(figure.value),
        xlsxText(figure.unit),
      );
    }
    row.push(
      xlsxText(entry.attachments),
      source(entry.source),
      xlsxText(entry.importFile),
      entry.importLine,
      xlsxText(entry.approvedBy),
      brusselsWallClock(entry.approvedAt),
    );
    if (history) row.push(entry.supersededAt ? brusselsWallClock(entry.supersededAt) : null);
    row.push(entry.returnId, entry.submissionId, entry.id);
    return row;
  };
  return { columns, cells };
}

/** The workbook of the entries under `filters`, in the language's headers and labels. */
export function datasetXlsxStream(
  filters: DatasetFilters,
  lang: Language,
  options: XlsxStreamOptions = {},
): ReadableStream<Uint8Array> {
  const batchSize = options.batchSize ?? XLSX_BATCH_SIZE;
  const sheetNames = [getFixedT(lang, "admin")("dataset.sheetName")];
  return xlsxDownload(
    { sheetNames, creator: "safe.brussels" },
    "Dataset XLSX",
    async ({ writer, roomInQueue, ...production }) => {
      // The file's first bytes leave before the database is asked anything.
      writer.begin();
      const figures = await figureColumns(filters);
      const lookups = await exportLookups(lang);
      const sheet = datasetSheet(lang, figures, filters.history);
      if (production.cancelled) return;
      await writer.startSheet(sheet.columns);

      let written = 0;
      let batch = await readExportBatch(filters, lookups, null, batchSize);
      for (;;) {
        await roomInQueue();
        if (production.cancelled) return;
        // The next batch is read while this one is written (the database works meanwhile): at
        // most one batch ahead, and only once the client has taken what was sent.
        const last = batch.length === batchSize ? batch.at(-1)! : null;
        const next = last === null ? null : readExportBatch(filters, lookups, last, batchSize);
        next?.catch(() => {}); // awaited below; not unhandled if the writing fails first
        // Resolves once the rows are deflated and queued in the response.
        await writer.writeRows(batch.map(sheet.cells));
        written += batch.length;
        options.onProgress?.(written);
        if (!next) break;
        batch = await next;
        if (production.cancelled) return;
      }
    },
  );
}

/**
 * A staff member's download of the dataset as a workbook: audited (who, which filters: ids
 * and codes only, the format) before the first byte, then the file streams.
 */
export async function exportDatasetXlsx(
  current: CurrentUser,
  filters: DatasetFilters,
  lang: Language,
) {
  await auditDatasetExport(current, filters, lang, "xlsx");
  return {
    fileName: datasetFileName(lang, new Date(), "xlsx"),
    stream: datasetXlsxStream(filters, lang),
  };
}
