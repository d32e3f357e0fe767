// The dataset as an Excel workbook, streamed with exceljs's streaming writer: each batch of
// entries (export-rows.server.ts: keyset by id, text as published) is written as committed
// rows, which go through the zip's deflate straight into the response, so memory stays flat
// whether 50 or 200k entries match. The response starts with the zip's first bytes (no
// Content-Length: the size is not known before the end), so the browser shows the download's
// progress from the start.
//
// Backpressure: the next batch is read only when the client has taken what was sent (the
// response's queue is below its high-water mark) and the zip's deflate has taken the rows
// written (exceljs's sheet stream writes into it without waiting; see zipCaughtUp).
//
// Cells: years, figure values and import lines as numbers, dates as Excel dates (Brussels wall
// time), text as text, neutralised like the CSV's (csv.ts) so that a cell never starts with a
// formula character, and cut at Excel's limit of 32,767 characters per cell.
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import { neutraliseFormula } from "./csv";
import { auditDatasetExport, datasetFileName } from "./csv.server";
import {
  brusselsWallClock,
  EXPORT_BATCH_SIZE,
  exportLookups,
  readExportBatch,
} from "./export-rows.server";

export { brusselsWallClock };
import type { DatasetFilters } from "./filters";
import { filterConditions, where } from "./browse.server";
import { Prisma } from "~/generated/prisma/client";
import type { CurrentUser } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { readRows } from "~/utils/db.server";
import { describeError } from "~/utils/log.server";

export const XLSX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Excel's own limit of characters in one cell (a longer cell makes it "repair" the file). */
const EXCEL_CELL_LIMIT = 32_767;

/** Bytes the response may hold that the client has not taken yet. */
const QUEUE_BYTES = 1 << 20;

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

/**
 * exceljs's sheet stream hands its buffers to the zip entry's input stream without waiting for
 * it (exceljs 4's StreamBuf ignores write()'s answer): until the deflate behind it has taken
 * what was written, rows pile up there (a probe: 20k rows written, 166 kB zipped). That input
 * is the one pipe of the sheet's stream, an internal of exceljs and archiver, looked up
 * defensively: without it, the client's pace alone paces.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet, cancelled: Promise<void>) {
  const sheetStream = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  const input = sheetStream?.pipes?.[0] as
    (Writable & { _writableState?: { needDrain?: boolean } }) | undefined;
  if (input?._writableState?.needDrain && typeof input.once === "function") {
    await Promise.race([once(input, "drain"), cancelled]);
  }
}

/** The workbook of the entries under `filters`, in the language's headers and labels. */
export function datasetXlsxStream(
  filters: DatasetFilters,
  lang: Language,
  options: XlsxStreamOptions = {},
): ReadableStream<Uint8Array> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const t = getFixedT(lang, "admin");
  const tp = getFixedT(lang, "partners");
  const output = new PassThrough();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  let onCancel!: () => void;
  const whenCancelled = new Promise<void>((resolve) => (onCancel = resolve));
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull: signal,
      cancel() {
        cancelled = true;
        output.destroy();
        onCancel();
        signal();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: QUEUE_BYTES }),
  );
  output.on("data", (chunk: Buffer) => {
    if (!cancelled) controller.enqueue(new Uint8Array(chunk));
  });
  output.on("end", () => {
    if (!cancelled) controller.close();
  });

  const roomInQueue = async () => {
    while (!cancelled && (controller.desiredSize ?? 0) <= 0) {
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  async function produce() {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useStyles: true,
      useSharedStrings: false,
    });
    workbook.creator = "safe.brussels";
    const figures = await figureColumns(filters);
    const lookups = await exportLookups(lang);
    const figureHeaders = Array.from({ length: figures }, (_, i) => {
      const number = i + 1;
      return [
        { header: t("dataset.columns.figureLabel", { number }), key: `f${i}l`, width: 24 },
        {
          header: t("dataset.columns.figureValue", { number }),
          key: `f${i}v`,
          width: 12,
          style: { numFmt: "#,##0.##" },
        },
        { header: t("dataset.columns.figureUnit", { number }), key: `f${i}u`, width: 12 },
      ];
    }).flat();
    const date = { numFmt: "yyyy-mm-dd hh:mm" };
    const sheet = workbook.addWorksheet(t("dataset.sheetName"), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    sheet.columns = [
      { header: t("dataset.columns.year"), key: "year", width: 7 },
      { header: t("dataset.columns.organisation"), key: "organisation", width: 32 },
      { header: t("dataset.columns.organisationKind"), key: "kind", width: 18 },
      { header: t("dataset.columns.channel"), key: "channel", width: 22 },
      { header: t("dataset.columns.funding"), key: "funding", width: 24 },
      { header: t("dataset.columns.measureCode"), key: "measureCode", width: 9 },
      { header: t("dataset.columns.measureTitle"), key: "measureTitle", width: 40 },
      { header: t("dataset.columns.link"), key: "link", width: 18 },
      { header: t("dataset.columns.missions"), key: "missions", width: 12 },
      { header: t("dataset.columns.narrativeLanguage"), key: "narrativeLanguage", width: 8 },
      { header: t("dataset.columns.narrative"), key: "narrative", width: 60 },
      ...figureHeaders,
      { header: t("dataset.columns.attachments"), key: "attachments", width: 24 },
      { header: t("dataset.columns.source"), key: "source", width: 18 },
      { header: t("dataset.columns.importFile"), key: "importFile", width: 24 },
      { header: t("dataset.columns.importLine"), key: "importLine", width: 8 },
      { header: t("dataset.columns.approvedBy"), key: "approvedBy", width: 20 },
      { header: t("dataset.columns.approvedAt"), key: "approvedAt", width: 17, style: date },
      ...(filters.history
        ? [
            {
              header: t("dataset.columns.supersededAt"),
              key: "supersededAt",
              width: 17,
              style: date,
            },
          ]
        : []),
      { header: t("dataset.columns.returnId"), key: "returnId", width: 26 },
      { header: t("dataset.columns.submissionId"), key: "submissionId", width: 26 },
      { header: t("dataset.columns.entryId"), key: "entryId", width: 26 },
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();

    let lastId: string | null = null;
    let written = 0;
    for (;;) {
      await roomInQueue();
      if (cancelled) return;
      const batch = await readExportBatch(filters, lookups, lastId, batchSize);
      for (const entry of batch) {
        const values: Record<string, string | number | Date | null> = {
          year: entry.year,
          organisation: xlsxText(entry.organisationName),
          kind: tp(`kinds.${entry.organisationKind}`),
          channel: tp(`channels.${entry.channel}`),
          funding: xlsxText(entry.fundingTitle),
          measureCode: xlsxText(entry.measureCode),
          measureTitle: xlsxText(entry.measureTitle),
          link: t(`dataset.links.${entry.link}`),
          missions: xlsxText(entry.missions),
          narrativeLanguage: entry.narrativeLanguage,
          narrative: xlsxText(entry.narrative),
          attachments: xlsxText(entry.attachments),
          source: t(`dataset.sources.${entry.source}`),
          importFile: xlsxText(entry.importFile),
          importLine: entry.importLine,
          approvedBy: xlsxText(entry.approvedBy),
          approvedAt: brusselsWallClock(entry.approvedAt),
          supersededAt: entry.supersededAt ? brusselsWallClock(entry.supersededAt) : null,
          returnId: entry.returnId,
          submissionId: entry.submissionId,
          entryId: entry.id,
        };
        entry.figures.forEach((figure, i) => {
          values[`f${i}l`] = xlsxText(figure.label);
          values[`f${i}v`] =
            typeof figure.value === "number" ? figure.value : xlsxText(figure.value);
          values[`f${i}u`] = xlsxText(figure.unit);
        });
        sheet.addRow(values).commit();
      }
      written += batch.length;
      lastId = batch.at(-1)?.id ?? lastId;
      options.onProgress?.(written);
      await zipCaughtUp(sheet, whenCancelled);
      if (batch.length < batchSize) break;
    }
    sheet.commit();
    await workbook.commit();
  }

  produce().catch((error: unknown) => {
    // The client gets a cut file (the connection errors), never a file that looks whole.
    console.error(`Dataset XLSX: the export failed: ${describeError(error)}`);
    if (!cancelled) controller.error(error);
    output.destroy();
  });
  return stream;
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
