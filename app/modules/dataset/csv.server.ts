// The dataset as a CSV download, streamed: entries are read in batches (keyset in the order
// they entered the dataset, export-order.server.ts), each batch's lines written by the database
// (csv-lines.server.ts) but for the entries it leaves to JavaScript (a finding to publish, a
// number or shape JavaScript formats its own way: written here from the entry as published,
// export-rows.server.ts). The next batch is read while this one goes out, and only when the
// client has taken what was sent (ReadableStream pull), so memory stays flat whether 50 or
// 200k entries match. Within a batch, the lines JavaScript writes come after the database's:
// spreadsheets sort as their users like.
import {
  type CsvBatch,
  type CsvLineOptions,
  csvPieceBytes,
  nextCsvBoundary,
  readCsvBatch,
} from "./csv-lines.server";
import {
  brusselsStamp,
  exportLookups,
  readExportEntriesById,
  type ExportEntry,
  type ExportLookups,
} from "./export-rows.server";
import type { ExportPosition } from "./export-order.server";
import { CSV_BOM, CSV_NEWLINE, CSV_SEPARATOR, csvCell, csvRow } from "./csv";
import type { DatasetFilters } from "./filters";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { formatNumber } from "~/modules/i18n/format";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { type Language, timeZone } from "~/modules/i18n/languages";
import {
  DatasetLink,
  DatasetSource,
  FundingChannel,
  OrganisationKind,
} from "~/generated/prisma/enums";
import { databaseEngine, prisma } from "~/utils/db.server";
import { describeError } from "~/utils/log.server";

// A batch is one statement and one text: larger than the XLSX's, which builds a row at a time.
export const BATCH_SIZE = 2000;

const day = new Intl.DateTimeFormat("sv-SE", {
  timeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The download's file name, with the day (Brussels) it was made: base-de-donnees-2026-12-01.csv */
export function datasetFileName(lang: Language, now = new Date(), extension = "csv") {
  return `${lang === "nl" ? "databank" : "base-de-donnees"}-${day.format(now)}.${extension}`;
}

/** formatNumber's digit-group separator for whole numbers, if it writes them as csv-lines expects. */
function groupSeparator(lang: Language): string | null {
  const match = /^-1(\D)234(\D)567$/.exec(formatNumber(-1234567, lang));
  if (!match || match[1] !== match[2] || formatNumber(1234, lang) !== `1${match[1]}234`) {
    return null;
  }
  return match[1]!;
}

/**
 * What every line of a download carries: the enum labels and the names (partners, measures,
 * staff, imported files) in its language, each written as a cell once per download.
 */
export async function csvLineOptions(filters: DatasetFilters, lang: Language) {
  const t = getFixedT(lang, "admin");
  const tp = getFixedT(lang, "partners");
  const lookups = await exportLookups(lang);
  const cells = (entries: Iterable<[string, string]>) =>
    Object.fromEntries([...entries].map(([key, text]) => [key, csvCell(text)]));
  const labels = <K extends string>(keys: K[], label: (key: K) => string) =>
    cells(keys.map((key) => [key, label(key)]));
  const options: CsvLineOptions = {
    lang,
    history: filters.history,
    groupSeparator: groupSeparator(lang),
    cells: {
      kind: labels(Object.values(OrganisationKind), (k) => tp(`kinds.${k}`)),
      channel: labels(Object.values(FundingChannel), (c) => tp(`channels.${c}`)),
      link: labels(Object.values(DatasetLink), (l) => t(`dataset.links.${l}`)),
      source: labels(Object.values(DatasetSource), (s) => t(`dataset.sources.${s}`)),
      organisations: cells(lookups.organisations),
      measures: cells(lookups.measures),
      users: cells(lookups.users),
      imports: cells(lookups.imports),
    },
  };
  return { lookups, options };
}

/** The CSV's text for the entries under `filters`, in the language's headers and labels. */
export function datasetCsvStream(
  filters: DatasetFilters,
  lang: Language,
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const t = getFixedT(lang, "admin");
  const encoder = new TextEncoder();
  let lookups: ExportLookups | null = null;
  let lineOptions: CsvLineOptions | null = null;
  // The entries the database leaves to JavaScript (csv-lines.server.ts), from the entry as
  // published.
  const screenedLines = async (ids: string[]) => {
    const entries = await readExportEntriesById(ids, lookups!);
    return entries.map((entry) => entryLine(entry, lineOptions!)).join("");
  };
  // Batches ahead of the one being written: their ranges are found first (ids only, cheap),
  // then their lines read. PostgreSQL reads two at once on two connections (its lines cost the
  // database more than they cost us); the embedded database runs one statement at a time.
  const ahead = databaseEngine === "postgres" ? 2 : 1;
  const reads: Promise<CsvBatch>[] = [];
  let after: ExportPosition | null = null;
  let lastRangeTaken = false;
  let planning: Promise<void> | null = null;
  const planAhead = () => {
    // (Cleared once settled, asynchronously: a plan that finds nothing to do settles at once.)
    planning ??= (async () => {
      while (!lastRangeTaken && reads.length < ahead) {
        const upTo = await nextCsvBoundary(filters, after, batchSize);
        const read = readCsvBatch(filters, lineOptions!, { after, upTo }, batchSize);
        read.catch(() => {}); // awaited by a later pull; a cancelled download never awaits it
        reads.push(read);
        if (upTo === null) lastRangeTaken = true;
        else after = upTo;
      }
    })().finally(() => {
      planning = null;
    });
    return planning;
  };

  const header = csvRow([
    t("dataset.columns.year"),
    t("dataset.columns.organisation"),
    t("dataset.columns.organisationKind"),
    t("dataset.columns.channel"),
    t("dataset.columns.funding"),
    t("dataset.columns.measureCode"),
    t("dataset.columns.measureTitle"),
    t("dataset.columns.link"),
    t("dataset.columns.missions"),
    t("dataset.columns.narrativeLanguage"),
    t("dataset.columns.narrative"),
    t("dataset.columns.figures"),
    t("dataset.columns.attachments"),
    t("dataset.columns.source"),
    t("dataset.columns.importFile"),
    t("dataset.columns.importLine"),
    t("dataset.columns.approvedBy"),
    t("dataset.columns.approvedAt"),
    ...(filters.history ? [t("dataset.columns.supersededAt")] : []),
    t("dataset.columns.returnId"),
    t("dataset.columns.submissionId"),
    t("dataset.columns.entryId"),
  ]);

  // What is left to send of the batch being written: the database's pieces, each turned into
  // bytes as it is sent (csvPieceBytes), then the lines JavaScript wrote.
  let items: (string | Uint8Array)[] = [];
  let at = 0;
  let done = false;

  // One chunk a pull: the stream asks for the next once the client has taken the last.
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!lookups) {
          // The header goes out with the names: the first bytes leave before any entry is read.
          ({ lookups, options: lineOptions } = await csvLineOptions(filters, lang));
          planAhead().catch(() => {}); // its failure surfaces in the next pull
          controller.enqueue(encoder.encode(CSV_BOM + header));
          return;
        }
        while (at === items.length) {
          if (done) return controller.close();
          if (reads.length === 0) await planAhead();
          const batch = await reads.shift()!;
          done = lastRangeTaken && reads.length === 0;
          if (!done) planAhead().catch(() => {});
          items = batch.pieces;
          at = 0;
          if (batch.screened.length > 0) {
            items.push(encoder.encode(await screenedLines(batch.screened)));
          }
        }
        const item = items[at++]!;
        controller.enqueue(typeof item === "string" ? csvPieceBytes(item) : item);
        if (done && at === items.length) controller.close();
      } catch (error) {
        // The client gets a cut file (the connection errors), never a file that looks whole.
        console.error(`Dataset CSV: a batch failed: ${describeError(error)}`);
        controller.error(error);
      }
    },
  });
}

/**
 * An entry's line written from the entry as published (screening/publish.ts): the entries
 * csv-lines.server.ts leaves to JavaScript. Same cells, same order, as the database writes.
 */
export function entryLine(entry: ExportEntry, options: CsvLineOptions): string {
  const figures = entry.figures
    .map((f) => {
      const value = typeof f.value === "number" ? formatNumber(f.value, options.lang) : f.value;
      return `${f.label}: ${value ?? ""}${f.unit ? ` ${f.unit}` : ""}`;
    })
    .join(" | ");
  const label = (name: "kind" | "channel" | "link" | "source", key: string) =>
    options.cells[name][key] ?? "";
  const cells = [
    String(entry.year),
    csvCell(entry.organisationName),
    label("kind", entry.organisationKind),
    label("channel", entry.channel),
    csvCell(entry.fundingTitle),
    csvCell(entry.measureCode),
    csvCell(entry.measureTitle),
    label("link", entry.link),
    csvCell(entry.missions),
    entry.narrativeLanguage ?? "",
    csvCell(entry.narrative),
    csvCell(figures),
    csvCell(entry.attachments),
    label("source", entry.source),
    csvCell(entry.importFile),
    entry.importLine === null ? "" : String(entry.importLine),
    csvCell(entry.approvedBy),
    brusselsStamp(entry.approvedAt),
    ...(options.history ? [entry.supersededAt ? brusselsStamp(entry.supersededAt) : ""] : []),
    csvCell(entry.returnId),
    csvCell(entry.submissionId),
    csvCell(entry.id),
  ];
  return cells.join(CSV_SEPARATOR) + CSV_NEWLINE;
}

/**
 * A staff member's download of the dataset: the export is audited (who, which filters: ids
 * and codes only) before the first byte, then the file streams.
 */
export async function exportDataset(current: CurrentUser, filters: DatasetFilters, lang: Language) {
  await auditDatasetExport(current, filters, lang);
  return { fileName: datasetFileName(lang), stream: datasetCsvStream(filters, lang) };
}

/** Audits a download of the dataset (CSV, or the format named): who, which filters, the language. */
export async function auditDatasetExport(
  current: CurrentUser,
  filters: DatasetFilters,
  lang: Language,
  format?: "xlsx",
) {
  await recordAudit(prisma, {
    action: "dataset.exported",
    actorUserId: current.user.id,
    targetType: "DatasetEntry",
    details: {
      filters: Object.fromEntries(
        Object.entries(filters).filter(([, value]) => value !== undefined && value !== false),
      ),
      language: lang,
      ...(format ? { format } : {}),
    },
  });
}
