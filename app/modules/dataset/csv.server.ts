// The dataset as a CSV download, streamed: entries are read in batches (export-rows.server.ts:
// keyset by id, text as published), each batch written out before the next is read, and the
// next read only when the client has taken what was sent (ReadableStream pull), so memory
// stays flat whether 50 or 200k entries match. Spreadsheets sort as their users like.
import {
  brusselsStamp,
  EXPORT_BATCH_SIZE,
  exportLookups,
  readExportBatch,
  type ExportEntry,
} from "./export-rows.server";
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
  let lookups: Awaited<ReturnType<typeof exportLookups>> | null = null;
  // The next batch is read while this one is written out (PostgreSQL reads it meanwhile).
  let next: Promise<ExportEntry[]> | null = null;
  const readAfter = (after: string | null) => {
    const read = readExportBatch(filters, lookups!, after, batchSize);
    read.catch(() => {}); // awaited by the next pull; a cancelled download never awaits it
    return read;
  };
  // Labels and numbers repeat across rows: each translated or formatted once.
  const once = <K>(make: (key: K) => string) => {
    const known = new Map<K, string>();
    return (key: K) => {
      let text = known.get(key);
      if (text === undefined) {
        text = make(key);
        if (known.size > 50_000) known.clear();
        known.set(key, text);
      }
      return text;
    };
  };
  const kind = once((k: ExportEntry["organisationKind"]) => tp(`kinds.${k}`));
  const channel = once((c: ExportEntry["channel"]) => tp(`channels.${c}`));
  const link = once((l: ExportEntry["link"]) => t(`dataset.links.${l}`));
  const source = once((s: ExportEntry["source"]) => t(`dataset.sources.${s}`));
  const number = once((n: number) => formatNumber(n, lang));

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
          next = readAfter(null);
          controller.enqueue(encoder.encode(CSV_BOM + header));
          return;
        }
        batch = await next!;
      } catch (error) {
        // The client gets a cut file (the connection errors), never a file that looks whole.
        console.error(`Dataset CSV: a batch failed: ${describeError(error)}`);
        controller.error(error);
        return;
      }
      const full = batch.length === batchSize;
      if (full) next = readAfter(batch.at(-1)!.id);
      let text = "";
      for (const entry of batch) {
        const figures = entry.figures
          .map((f) => {
            const value = typeof f.value === "number" ? number(f.value) : f.value;
            return `${f.label}: ${value ?? ""}${f.unit ? ` ${f.unit}` : ""}`;
          })
          .join(" | ");
        text += csvRow([
          entry.year,
          entry.organisationName,
          kind(entry.organisationKind),
          channel(entry.channel),
          entry.fundingTitle,
          entry.measureCode,
          entry.measureTitle,
          link(entry.link),
          entry.missions,
          entry.narrativeLanguage,
          entry.narrative,
          figures,
          entry.attachments,
          source(entry.source),
          entry.importFile,
          entry.importLine,
          entry.approvedBy,
          brusselsStamp(entry.approvedAt),
          ...(filters.history
            ? [entry.supersededAt ? brusselsStamp(entry.supersededAt) : null]
            : []),
          entry.returnId,
          entry.submissionId,
          entry.id,
        ]);
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (!full) controller.close();
    },
  });
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
