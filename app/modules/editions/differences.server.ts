// What changed in the dataset since an edition was frozen, never a silent change: the tables
// counted again now (same plan, period and small-count threshold) against the frozen ones, the
// entries that entered the period's dataset since (current, not in the edition), the edition's
// entries that left it since (superseded: a reopened return, a corrected import), and those
// still in it that are now published otherwise (a reviewer decided on a personal-data finding
// since: text masked at the freeze is now published, replaced, or the other way round).
// Counts of each, and the first rows of each for the page.
import { type Edition } from "./editions.server";
import { publishedTables } from "./freeze.server";
import { type ChangedEntry, tableDifferences } from "./diff";
import { organisationName, type PublishedEntry, readPublishedEntry } from "./published";
import { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { publishEntry } from "~/modules/screening/publish";
import { findingsForEntries } from "~/modules/screening/publish.server";
import { prisma, readRows } from "~/utils/db.server";

/** Entries listed on the page, of each kind; the counts say how many there are in all. */
export const DIFFERENCE_ROWS = 20;

interface AddedRow {
  id: string;
  year: number;
  organisationName: string;
  channel: string;
  measureCode: string;
  returnId: string | null;
  organisationId: string;
  measureId: string;
  createdAt: Date;
}

async function addedEntries(edition: Edition, lang: Language, limit: number) {
  const name = Prisma.raw(lang === "nl" ? `o."nameNl"` : `o."nameFr"`);
  const since = Prisma.sql`
      FROM "DatasetEntry" e
     WHERE e."supersededAt" IS NULL AND e."planId" = ${edition.planId}
       AND e."year" >= ${edition.fromYear}::int AND e."year" <= ${edition.toYear}::int
       AND NOT EXISTS (SELECT 1 FROM "ReportEditionEntry" r
                        WHERE r."editionId" = ${edition.id} AND r."entryId" = e."id")`;
  const [[count], rows] = await Promise.all([
    readRows<{ n: number }>(Prisma.sql`SELECT count(*)::int AS "n" ${since}`),
    readRows<AddedRow>(Prisma.sql`
      SELECT e."id", e."year", ${name} AS "organisationName", e."channel"::text AS "channel",
             e."measureCode", e."returnId", e."organisationId", e."measureId", e."createdAt"
        FROM (SELECT e.* ${since} ORDER BY e."createdAt" DESC, e."id" DESC
              LIMIT ${limit}::int) e
        JOIN "Organisation" o ON o."id" = e."organisationId"
       ORDER BY e."createdAt" DESC, e."id" DESC`),
  ]);
  return {
    count: count?.n ?? 0,
    rows: rows.map((row): ChangedEntry => ({
      entryId: row.id,
      year: row.year,
      organisationName: row.organisationName,
      channel: row.channel,
      measureCode: row.measureCode,
      returnId: row.returnId,
      organisationId: row.organisationId,
      measureId: row.measureId,
      at: row.createdAt,
    })),
  };
}

interface RemovedRow {
  published: unknown;
  returnId: string | null;
  organisationId: string;
  measureId: string;
  supersededAt: Date;
}

/** An edition's entry as the differences list it, with where it lives in the dataset now. */
function editionEntry(
  entry: PublishedEntry,
  row: { returnId: string | null; organisationId: string; measureId: string },
  at: Date,
  lang: Language,
): ChangedEntry {
  return {
    entryId: entry.entryId,
    year: entry.year,
    organisationName: organisationName(entry, lang),
    channel: entry.channel,
    measureCode: entry.measureCode,
    returnId: row.returnId,
    organisationId: row.organisationId,
    measureId: row.measureId,
    at,
  };
}

async function removedEntries(edition: Edition, lang: Language, limit: number) {
  const since = Prisma.sql`
      FROM "ReportEditionEntry" r
      JOIN "DatasetEntry" e ON e."id" = r."entryId"
     WHERE r."editionId" = ${edition.id} AND e."supersededAt" IS NOT NULL`;
  const [[count], rows] = await Promise.all([
    readRows<{ n: number }>(Prisma.sql`SELECT count(*)::int AS "n" ${since}`),
    readRows<RemovedRow>(Prisma.sql`
      SELECT r."published", e."returnId", e."organisationId", e."measureId", e."supersededAt"
      ${since}
       ORDER BY e."supersededAt" DESC, e."id" DESC
       LIMIT ${limit}::int`),
  ]);
  return {
    count: count?.n ?? 0,
    // What the edition published of it: the entry as it stood at the freeze.
    rows: rows.map((row) =>
      editionEntry(readPublishedEntry(row.published), row, row.supersededAt, lang),
    ),
  };
}

interface RepublishedRow {
  published: unknown;
  narrative: string;
  figures: unknown;
  returnId: string | null;
  organisationId: string;
  measureId: string;
  /** The latest decision on (or finding of) the entry's personal data. */
  changedAt: Date;
}

/** Whether an entry is published now as the edition published it (text, figures, screening). */
function samePublication(frozen: PublishedEntry, now: ReturnType<typeof publishEntry>) {
  return (
    frozen.narrative === now.narrative &&
    frozen.screening === now.screening &&
    frozen.figures.length === now.figures.length &&
    frozen.figures.every((figure, i) => figure.label === now.figures[i]!.label)
  );
}

/**
 * The edition's entries still in the dataset whose publication differs now. Entries never
 * change, their findings do (a reviewer's decision): only the entries with findings can differ,
 * few of them, each published again as the exports publish it and compared with the edition.
 */
async function republishedEntries(edition: Edition, lang: Language, limit: number) {
  const rows = await readRows<RepublishedRow>(Prisma.sql`
    SELECT r."published", e."narrative", e."figures", e."returnId", e."organisationId",
           e."measureId", f."changedAt"
      FROM "ReportEditionEntry" r
      JOIN "DatasetEntry" e ON e."id" = r."entryId"
      JOIN (SELECT "entryId", max(greatest("createdAt", "resolvedAt")) AS "changedAt"
              FROM "PersonalDataFinding" GROUP BY "entryId") f ON f."entryId" = e."id"
     WHERE r."editionId" = ${edition.id} AND e."supersededAt" IS NULL
     ORDER BY f."changedAt" DESC, e."id" DESC`);
  const frozen = rows.map((row) => readPublishedEntry(row.published));
  const findings = await findingsForEntries(
    prisma,
    frozen.map((entry) => entry.entryId),
  );
  const changed = rows.flatMap((row, i): ChangedEntry[] => {
    const entry = frozen[i]!;
    const now = publishEntry(row, findings.get(entry.entryId) ?? []);
    return samePublication(entry, now) ? [] : [editionEntry(entry, row, row.changedAt, lang)];
  });
  return { count: changed.length, rows: changed.slice(0, limit) };
}

/** The differences between an edition and the dataset now, in the page's language. */
export async function editionDifferences(
  edition: Edition,
  lang: Language,
  options: { limit?: number } = {},
) {
  const limit = options.limit ?? DIFFERENCE_ROWS;
  const period = { from: edition.fromYear, to: edition.toYear };
  const current = await publishedTables(
    edition.planCode,
    period,
    lang,
    edition.tables.suppressBelow,
  );
  const [added, removed, republished] = await Promise.all([
    addedEntries(edition, lang, limit),
    removedEntries(edition, lang, limit),
    republishedEntries(edition, lang, limit),
  ]);
  const tables = tableDifferences(edition.tables[lang], current);
  return {
    tables,
    changedTables: tables.filter((table) => table.changes.length > 0).length,
    added,
    removed,
    republished,
  };
}
