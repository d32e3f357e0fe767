// A frozen edition as an Excel workbook, in the language of the page it is downloaded from: a
// first sheet saying what the edition is, one sheet per table with the frozen values (numbers
// as numbers; a suppressed small count as its text "< 5"), and an "entries" sheet with every
// entry as the edition published it, its codes in the language's words. Streamed with our own
// workbook writer (utils/xlsx: the dataset's), batch by batch (editions.server.ts
// editionEntryBatches), the next batch read while one is written and only once the client has
// taken what was sent: an edition of 200k entries never sits in memory (docs/benchmarks.md).
// Text cells are neutralised like the dataset's downloads (dataset/xlsx.server.ts xlsxText).
import { type Edition, editionEntryBatches } from "./editions.server";
import { figuresText, publishedEntrySchema, type PublishedEntry } from "./published";
import { recordAudit } from "~/modules/audit/audit.server";
import { brusselsWallClock, xlsxText } from "~/modules/dataset/xlsx.server";
import { formatNumber } from "~/modules/i18n/format";
import { brusselsDay } from "~/modules/returns/deadlines";
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
import { xlsxDownload } from "~/utils/xlsx/stream.server";
import type { XlsxStreamWriter } from "~/utils/xlsx/workbook.server";

/** A frozen cell as a spreadsheet holds it: its figure when it is one, else its text. */
function cellText(cell: ReportCell | undefined): string | number | null {
  const value = cellValue(cell);
  return typeof value === "string" ? xlsxText(value) : value;
}

/** A frozen table's sheet: its title, how it is counted, its header, rows and total. */
async function writeTable(writer: XlsxStreamWriter, table: ReportTable) {
  await writer.startSheet([{ width: 48 }, ...table.columns.map(() => ({ width: 16 }))], {
    header: false,
  });
  await writer.writeRows([[xlsxText(table.title)]], { font: "title" });
  await writer.writeRows([[xlsxText(table.howCounted)], []]);
  await writer.writeRows(
    [[xlsxText(table.rowHeading ?? ""), ...table.columns.map((column) => xlsxText(column.label))]],
    { font: "bold" },
  );
  const row = (r: ReportTable["rows"][number]) => [
    xlsxText(r.label),
    ...table.columns.map((column) => cellText(r.cells[column.key])),
  ];
  await writer.writeRows(table.rows.map(row));
  if (table.total) await writer.writeRows([row(table.total)], { font: "bold" });
  await writer.endSheet();
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

function entryValues(entry: PublishedEntry, label: ReturnType<typeof codeLabels>, lang: Language) {
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
    xlsxText(figuresText(entry.figures, (n) => formatNumber(n, lang))),
    label.screening(entry.screening),
    brusselsWallClock(new Date(entry.approvedAt)),
    entry.entryId,
  ];
}

/** Entries per batch: as the dataset's workbook, small enough for the young generation. */
const ENTRY_BATCH_SIZE = 250;

const DATE_FORMAT = "yyyy-mm-dd hh:mm";

/** The edition's workbook as a stream of bytes, in the language's headers. */
export function editionXlsxStream(
  edition: Edition,
  lang: Language,
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  const t = getFixedT(lang, "editions");
  const taken = new Set<string>();
  const sheetNames = [
    sheetName(t("xlsx.aboutSheet"), taken),
    ...edition.tables[lang].map((table) => sheetName(reportSheetTitle(lang, table.name), taken)),
    sheetName(t("xlsx.entriesSheet"), taken),
  ];
  return xlsxDownload(
    { sheetNames, creator: "safe.brussels" },
    "Edition XLSX",
    async ({ writer, roomInQueue, ...production }) => {
      writer.begin();
      await writer.startSheet([{ width: 32, bold: true }, { width: 48 }], { header: false });
      await writer.writeRows([
        [t("xlsx.edition"), xlsxText(edition.title)],
        [t("xlsx.plan"), xlsxText(`${edition.planCode} – ${edition.planTitle[lang]}`)],
        [t("xlsx.from"), edition.fromYear],
        [t("xlsx.to"), edition.toYear],
        [t("xlsx.frozenAt"), { value: brusselsWallClock(edition.frozenAt), numFmt: DATE_FORMAT }],
        [t("xlsx.frozenBy"), xlsxText(edition.frozenBy)],
        [t("xlsx.entryCount"), edition.entryCount],
        [t("xlsx.suppressBelow"), edition.tables.suppressBelow],
      ]);
      await writer.endSheet();

      for (const table of edition.tables[lang]) await writeTable(writer, table);

      await writer.startSheet(
        ENTRY_COLUMNS.map(([key, width]) => ({
          header: t(`xlsx.columns.${key}`),
          width,
          ...(key === "approvedAt" ? { numFmt: DATE_FORMAT } : {}),
        })),
      );
      const labels = codeLabels(lang);
      const batches = editionEntryBatches(edition.id, options.batchSize ?? ENTRY_BATCH_SIZE);
      let batch = await batches.next();
      while (!batch.done) {
        await roomInQueue();
        if (production.cancelled) return;
        // The next batch is read while this one is written, at most one ahead.
        const next = batches.next();
        next.catch(() => {}); // awaited below; not unhandled if the writing fails first
        await writer.writeRows(batch.value.map((entry) => entryValues(entry, labels, lang)));
        batch = await next;
      }
    },
  );
}

const ENTRY_COLUMNS = [
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

/** "edition-rapport-2023-2026-12-01.xlsx": ASCII only, named by the edition and its day (Brussels). */
export function editionFileName(edition: Edition, lang: Language) {
  const slug = fileNameSlug(edition.title);
  // The day it was frozen in Brussels, as its page says (not UTC's, a day behind after midnight).
  const day = brusselsDay(edition.frozenAt);
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
