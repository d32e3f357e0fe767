// A frozen edition as an Excel workbook, in the language of the page it is downloaded from: a
// first sheet saying what the edition is, one sheet per table with the frozen values (numbers
// as numbers; a suppressed small count as its text "< 5"), and an "entries" sheet with every
// entry as the edition published it, its codes in the language's words. Streamed with exceljs's
// streaming writer, batch by batch (editions.server.ts editionEntryBatches): an edition of 200k
// entries never sits in memory.
// Text cells are neutralised like the dataset's downloads (dataset/xlsx.server.ts xlsxText).
import { once } from "node:events";
import { PassThrough, Readable, type Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { type Edition, editionEntryBatches } from "./editions.server";
import { figuresText, publishedEntrySchema, type PublishedEntry } from "./published";
import { recordAudit } from "~/modules/audit/audit.server";
import { brusselsWallClock, xlsxText } from "~/modules/dataset/xlsx.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import {
  cellValue,
  fileNameSlug,
  reportSheetTitle,
  sheetName,
} from "~/modules/reports/export.server";
import type { ReportCell, ReportTable } from "~/modules/reports/table-model";
import {
  DatasetLink,
  DatasetSource,
  FundingChannel,
  OrganisationKind,
} from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { describeError } from "~/utils/log.server";
import { loadExcelJS } from "~/utils/exceljs.server";

/** A frozen cell as a spreadsheet holds it: its figure when it is one, else its text. */
function cellText(cell: ReportCell | undefined): string | number | null {
  const value = cellValue(cell);
  return typeof value === "string" ? xlsxText(value) : value;
}

function writeTable(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  table: ReportTable,
  name: string,
) {
  const sheet = workbook.addWorksheet(name);
  const title = sheet.addRow([xlsxText(table.title)]);
  title.font = { bold: true, size: 13 };
  title.commit();
  sheet.addRow([xlsxText(table.howCounted)]).commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow([
    xlsxText(table.rowHeading ?? ""),
    ...table.columns.map((column) => xlsxText(column.label)),
  ]);
  header.font = { bold: true };
  header.commit();
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  for (const row of rows) {
    const written = sheet.addRow([
      xlsxText(row.label),
      ...table.columns.map((column) => cellText(row.cells[column.key])),
    ]);
    if (row === table.total) written.font = { bold: true };
    written.commit();
  }
  sheet.getColumn(1).width = 48;
  for (let i = 0; i < table.columns.length; i++) sheet.getColumn(i + 2).width = 16;
  sheet.commit();
}

/**
 * The words the sheet writes for an entry's codes, in the language: the labels of the dataset's
 * own workbook (dataset/xlsx.server.ts) for the organisation's kind, the channel, the link and
 * the source, and the personal-data check's state at the freeze. An edition keeps the codes of
 * its day: one this version has no label for is written as it is.
 */
function codeLabels(lang: Language) {
  const t = getFixedT(lang, "admin");
  const tp = getFixedT(lang, "partners");
  const te = getFixedT(lang, "editions");
  const labels = <K extends string>(keys: readonly K[], label: (key: K) => string) => {
    const known = new Map<string, string>(keys.map((key) => [key, label(key)]));
    return (code: string) => known.get(code) ?? xlsxText(code);
  };
  return {
    kind: labels(Object.values(OrganisationKind), (k) => tp(`kinds.${k}`)),
    channel: labels(Object.values(FundingChannel), (c) => tp(`channels.${c}`)),
    link: labels(Object.values(DatasetLink), (l) => t(`dataset.links.${l}`)),
    source: labels(Object.values(DatasetSource), (s) => t(`dataset.sources.${s}`)),
    screening: labels(publishedEntrySchema.shape.screening.options, (s) =>
      te(`xlsx.screeningValues.${s}`),
    ),
  };
}

function entryValues(entry: PublishedEntry, label: ReturnType<typeof codeLabels>) {
  return [
    entry.year,
    xlsxText(entry.planCode),
    xlsxText(entry.themeCode),
    xlsxText(entry.measureCode),
    xlsxText(entry.organisation.identifier),
    label.kind(entry.organisation.kind),
    xlsxText(entry.organisation.nameFr),
    xlsxText(entry.organisation.nameNl),
    label.channel(entry.channel),
    label.link(entry.link),
    label.source(entry.source),
    xlsxText(entry.missionCodes.join(", ")),
    entry.narrativeLanguage,
    xlsxText(entry.narrative),
    xlsxText(figuresText(entry.figures, String)),
    label.screening(entry.screening),
    brusselsWallClock(new Date(entry.approvedAt)),
    entry.entryId,
  ];
}

/**
 * exceljs hands the sheet's rows to the zip's deflate without waiting (see dataset's
 * xlsx.server.ts zipCaughtUp); between batches, wait for the deflate and for the client, so
 * rows never pile up in memory.
 */
async function caughtUp(sheet: ExcelJS.Worksheet, output: PassThrough, closed: Promise<unknown>) {
  const deflate = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as
    Writable | undefined;
  if (deflate?.writableNeedDrain) await Promise.race([once(deflate, "drain"), closed]);
  if (output.writableNeedDrain) await Promise.race([once(output, "drain"), closed]);
}

/** The edition's workbook as a stream of bytes, in the language's headers. */
export function editionXlsxStream(
  edition: Edition,
  lang: Language,
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  const t = getFixedT(lang, "editions");
  const output = new PassThrough({ highWaterMark: 1 << 20 });
  // Settles when the client goes away: a wait for room never outlives the download.
  const closed = new Promise((resolve) => output.once("close", resolve));

  async function produce() {
    const { stream } = await loadExcelJS();
    const workbook = new stream.xlsx.WorkbookWriter({
      stream: output,
      useStyles: true,
      useSharedStrings: false,
    });
    workbook.creator = "safe.brussels";
    const taken = new Set<string>();
    const about = workbook.addWorksheet(sheetName(t("xlsx.aboutSheet"), taken));
    const facts: [string, string | number | Date | null][] = [
      [t("xlsx.edition"), xlsxText(edition.title)],
      [t("xlsx.plan"), xlsxText(`${edition.planCode} – ${edition.planTitle[lang]}`)],
      [t("xlsx.from"), edition.fromYear],
      [t("xlsx.to"), edition.toYear],
      [t("xlsx.frozenAt"), brusselsWallClock(edition.frozenAt)],
      [t("xlsx.frozenBy"), xlsxText(edition.frozenBy)],
      [t("xlsx.entryCount"), edition.entryCount],
      [t("xlsx.suppressBelow"), edition.tables.suppressBelow],
    ];
    for (const [label, value] of facts) {
      const row = about.addRow([label, value]);
      row.getCell(1).font = { bold: true };
      if (value instanceof Date) row.getCell(2).numFmt = "yyyy-mm-dd hh:mm";
      row.commit();
    }
    about.getColumn(1).width = 32;
    about.getColumn(2).width = 48;
    about.commit();

    for (const table of edition.tables[lang])
      writeTable(workbook, table, sheetName(reportSheetTitle(lang, table.name), taken));

    const sheet = workbook.addWorksheet(sheetName(t("xlsx.entriesSheet"), taken), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    const columns = [
      ["year", 7],
      ["plan", 16],
      ["theme", 7],
      ["measure", 9],
      ["organisationId", 16],
      ["organisationKind", 16],
      ["organisationFr", 32],
      ["organisationNl", 32],
      ["channel", 18],
      ["link", 11],
      ["source", 10],
      ["missions", 12],
      ["narrativeLanguage", 8],
      ["narrative", 60],
      ["figures", 40],
      ["screening", 10],
      ["approvedAt", 17],
      ["entryId", 26],
    ] as const;
    sheet.columns = columns.map(([key, width]) => ({
      header: t(`xlsx.columns.${key}`),
      key,
      width,
      ...(key === "approvedAt" ? { style: { numFmt: "yyyy-mm-dd hh:mm" } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    const labels = codeLabels(lang);
    for await (const batch of editionEntryBatches(edition.id, options.batchSize)) {
      if (output.destroyed) return;
      for (const entry of batch) sheet.addRow(entryValues(entry, labels)).commit();
      await caughtUp(sheet, output, closed);
    }
    sheet.commit();
    await workbook.commit();
  }

  produce().catch((error: unknown) => {
    // The client gets a cut file (the connection errors), never a file that looks whole.
    console.error(`Edition XLSX: the export failed: ${describeError(error)}`);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/** "edition-rapport-2023-2026-12-01.xlsx": ASCII only, named by the edition and its day. */
export function editionFileName(edition: Edition, lang: Language) {
  const slug = fileNameSlug(edition.title);
  const day = edition.frozenAt.toISOString().slice(0, 10);
  return `${getFixedT(lang, "editions")("xlsx.fileName")}-${slug || edition.id}-${day}.xlsx`;
}

/** A staff member's download of an edition: audited before the first byte, then streamed. */
export async function exportEditionXlsx(userId: string, edition: Edition, lang: Language) {
  await recordAudit(prisma, {
    action: "report-edition.exported",
    actorUserId: userId,
    targetType: "ReportEdition",
    targetId: edition.id,
    details: { language: lang, format: "xlsx" },
  });
  return { fileName: editionFileName(edition, lang), stream: editionXlsxStream(edition, lang) };
}
