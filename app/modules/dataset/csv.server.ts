// The dataset as a CSV download, streamed: entries are read in batches of BATCH_SIZE, each
// batch written out before the next is read, and the next read only when the client has taken
// what was sent (ReadableStream pull), so memory stays flat whether 50 or 200k entries match.
// Batches run by id (the primary key's index): every batch is an index range scan whatever
// the filters, where the page's order would need a keyset on four columns for
// every batch. Spreadsheets sort as their users like. No transaction spans the download (a
// slow client would hold it open, and the embedded database has one connection): an entry
// approved or superseded meanwhile may or may not be in it, but no entry appears twice.
import { filterConditions, storedFigures, where } from "./browse.server";
import { CSV_BOM, csvRow } from "./csv";
import type { DatasetFilters } from "./filters";
import {
  Prisma,
  type DatasetLink,
  type FundingChannel,
  type Language as NarrativeLanguage,
  type OrganisationKind,
} from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { formatNumber } from "~/modules/i18n/format";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { type Language, timeZone } from "~/modules/i18n/languages";
import { prisma, readRows } from "~/utils/db.server";
import { describeError } from "~/utils/log.server";

export const BATCH_SIZE = 1000;

interface CsvRow {
  id: string;
  year: number;
  organisationName: string;
  organisationKind: OrganisationKind;
  channel: FundingChannel;
  fundingTitle: string | null;
  measureCode: string;
  measureTitle: string;
  link: DatasetLink;
  missions: string;
  narrativeLanguage: NarrativeLanguage | null;
  narrative: string;
  figures: unknown;
  attachments: unknown;
  approvedBy: string | null;
  approvedAt: Date;
  supersededAt: Date | null;
  returnId: string | null;
  submissionId: string | null;
}

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
export function datasetFileName(lang: Language, now = new Date()) {
  return `${lang === "nl" ? "databank" : "base-de-donnees"}-${day.format(now)}.csv`;
}

function attachmentNames(json: unknown): string {
  if (!Array.isArray(json)) return "";
  return json
    .map((a: unknown) => (a && typeof a === "object" && "fileName" in a ? String(a.fileName) : ""))
    .filter(Boolean)
    .join(", ");
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
  const suffix = Prisma.raw(lang === "nl" ? "Nl" : "Fr");
  const encoder = new TextEncoder();
  let lastId: string | null = null;
  let started = false;

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
    t("dataset.columns.approvedBy"),
    t("dataset.columns.approvedAt"),
    ...(filters.history ? [t("dataset.columns.supersededAt")] : []),
    t("dataset.columns.returnId"),
    t("dataset.columns.submissionId"),
    t("dataset.columns.entryId"),
  ]);

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + header));
        return;
      }
      let batch;
      try {
        const conditions = filterConditions(filters);
        if (lastId !== null) conditions.push(Prisma.sql`e."id" > ${lastId}`);
        batch = await readRows<CsvRow>(Prisma.sql`
          SELECT e."id", e."year", o."name${suffix}" AS "organisationName",
                 e."organisationKind"::text AS "organisationKind", e."channel"::text AS "channel",
                 e."fundingTitle", e."measureCode", m."title${suffix}" AS "measureTitle",
                 e."link"::text AS "link", array_to_string(e."missionCodes", ', ') AS "missions",
                 e."narrativeLanguage"::text AS "narrativeLanguage", e."narrative", e."figures",
                 e."attachments", u."displayName" AS "approvedBy", e."approvedAt",
                 e."supersededAt", e."returnId", e."submissionId"
            FROM "DatasetEntry" e
            JOIN "Organisation" o ON o."id" = e."organisationId"
            JOIN "Measure" m ON m."id" = e."measureId"
            LEFT JOIN "User" u ON u."id" = e."approvedById"
            ${where(conditions)}
           ORDER BY e."id"
           LIMIT ${batchSize}::int`);
      } catch (error) {
        // The client gets a cut file (the connection errors), never a file that looks whole.
        console.error(`Dataset CSV: a batch failed: ${describeError(error)}`);
        controller.error(error);
        return;
      }
      let text = "";
      for (const entry of batch) {
        const figures = storedFigures(entry.figures)
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
          attachmentNames(entry.attachments),
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
