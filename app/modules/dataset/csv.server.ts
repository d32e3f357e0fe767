// The dataset as a CSV download, streamed: entries are read in batches (export-rows.server.ts:
// keyset by id, text as published), each batch written out before the next is read, and the
// next read only when the client has taken what was sent (ReadableStream pull), so memory
// stays flat whether 50 or 200k entries match. Spreadsheets sort as their users like.
import { EXPORT_BATCH_SIZE, exportLookups, readExportBatch } from "./export-rows.server";
import { CSV_BOM, csvRow } from "./csv";
import type { DatasetFilters } from "./filters";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { formatNumber } from "~/modules/i18n/format";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { type Language, timeZone } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";
import { describeError } from "~/utils/log.server";

export const BATCH_SIZE = EXPORT_BATCH_SIZE;

// "2026-12-01 14:05" in Brussels: the form Excel reads as a date and time in any locale.
const stamp = new Intl.DateTimeFormat("sv-SE", {
  timeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
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

/** The CSV's text for the entries under `filters`, in the language's headers and labels. */
export function datasetCsvStream(
  filters: DatasetFilters,
  lang: Language,
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const t = getFixedT(lang, "admin");
  const tp = getFixedT(lang, "partners");
  const encoder = new TextEncoder();
  let lastId: string | null = null;
  let lookups: Awaited<ReturnType<typeof exportLookups>> | null = null;

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

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let batch;
      try {
        if (!lookups) {
          // The header goes out with the names: the first bytes leave before any entry is read.
          lookups = await exportLookups(lang);
          controller.enqueue(encoder.encode(CSV_BOM + header));
          return;
        }
        batch = await readExportBatch(filters, lookups, lastId, batchSize);
      } catch (error) {
        // The client gets a cut file (the connection errors), never a file that looks whole.
        console.error(`Dataset CSV: a batch failed: ${describeError(error)}`);
        controller.error(error);
        return;
      }
      let text = "";
      for (const entry of batch) {
        const figures = entry.figures
          .map((f) => {
            const value = typeof f.value === "number" ? formatNumber(f.value, lang) : f.value;
            return `${f.label}: ${value ?? ""}${f.unit ? ` ${f.unit}` : ""}`;
          })
          .join(" | ");
        text += csvRow([
          entry.year,
          entry.organisationName,
          tp(`kinds.${entry.organisationKind}`),
          tp(`channels.${entry.channel}`),
          entry.fundingTitle,
          entry.measureCode,
          entry.measureTitle,
          t(`dataset.links.${entry.link}`),
          entry.missions,
          entry.narrativeLanguage,
          entry.narrative,
          figures,
          entry.attachments,
          t(`dataset.sources.${entry.source}`),
          entry.importFile,
          entry.importLine,
          entry.approvedBy,
          stamp.format(entry.approvedAt),
          ...(filters.history
            ? [entry.supersededAt ? stamp.format(entry.supersededAt) : null]
            : []),
          entry.returnId,
          entry.submissionId,
          entry.id,
        ]);
      }
      if (text) controller.enqueue(encoder.encode(text));
      lastId = batch.at(-1)?.id ?? lastId;
      if (batch.length < batchSize) controller.close();
    },
  });
}

/**
 * A staff member's download of the dataset: the export is audited (who, which filters: ids
 * and codes only) before the first byte, then the file streams.
 */
export async function exportDataset(current: CurrentUser, filters: DatasetFilters, lang: Language) {
  await recordAudit(prisma, {
    action: "dataset.exported",
    actorUserId: current.user.id,
    targetType: "DatasetEntry",
    details: {
      filters: Object.fromEntries(
        Object.entries(filters).filter(([, value]) => value !== undefined && value !== false),
      ),
      language: lang,
    },
  });
  return { fileName: datasetFileName(lang), stream: datasetCsvStream(filters, lang) };
}
