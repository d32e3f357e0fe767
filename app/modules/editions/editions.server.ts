// Reading frozen editions: the list, one edition with its tables, and its entries in batches
// (the workbook). Nothing here writes: an edition is written once, by freeze.server.ts.
import { readEditionTables } from "./diff";
import { type PublishedEntry, readPublishedEntry } from "./published";
import type { Language } from "~/modules/i18n/languages";
import { Prisma } from "~/generated/prisma/client";
import { prisma, readRows } from "~/utils/db.server";

/** The editions, latest first, with their plan and who froze them. */
export async function listEditions(lang: Language) {
  const editions = await prisma.reportEdition.findMany({
    orderBy: [{ frozenAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      title: true,
      fromYear: true,
      toYear: true,
      entryCount: true,
      frozenAt: true,
      plan: { select: { code: true, titleFr: true, titleNl: true } },
      frozenBy: { select: { displayName: true } },
    },
  });
  return editions.map((edition) => ({
    id: edition.id,
    title: edition.title,
    fromYear: edition.fromYear,
    toYear: edition.toYear,
    entryCount: edition.entryCount,
    frozenAt: edition.frozenAt,
    planCode: edition.plan.code,
    planTitle: lang === "nl" ? edition.plan.titleNl : edition.plan.titleFr,
    frozenBy: edition.frozenBy?.displayName ?? null,
  }));
}

// Ids are cuids; anything else names no edition (and never reaches the database).
const EDITION_ID = /^[a-z0-9_-]{1,60}$/i;

/** One edition with its frozen tables, or null (an unknown or malformed id). */
export async function findEdition(editionId: string | undefined) {
  if (!editionId || !EDITION_ID.test(editionId)) return null;
  const edition = await prisma.reportEdition.findUnique({
    where: { id: editionId },
    select: {
      id: true,
      planId: true,
      title: true,
      fromYear: true,
      toYear: true,
      entryCount: true,
      frozenAt: true,
      tables: true,
      plan: { select: { code: true, titleFr: true, titleNl: true } },
      frozenBy: { select: { displayName: true } },
    },
  });
  if (!edition) return null;
  return {
    id: edition.id,
    planId: edition.planId,
    planCode: edition.plan.code,
    planTitle: { fr: edition.plan.titleFr, nl: edition.plan.titleNl },
    title: edition.title,
    fromYear: edition.fromYear,
    toYear: edition.toYear,
    entryCount: edition.entryCount,
    frozenAt: edition.frozenAt,
    frozenBy: edition.frozenBy?.displayName ?? null,
    tables: readEditionTables(edition.tables),
  };
}

export type Edition = NonNullable<Awaited<ReturnType<typeof findEdition>>>;

/** What an edition's pages show of it, in the page's language (its tables in that language). */
export function editionInLanguage(edition: Edition, lang: Language) {
  return {
    id: edition.id,
    title: edition.title,
    planCode: edition.planCode,
    planTitle: edition.planTitle[lang],
    fromYear: edition.fromYear,
    toYear: edition.toYear,
    entryCount: edition.entryCount,
    frozenAt: edition.frozenAt,
    frozenBy: edition.frozenBy,
    suppressBelow: edition.tables.suppressBelow,
    tables: edition.tables[lang],
  };
}

/**
 * The edition's entries as published, in batches by entry id (the primary key's order): a
 * workbook of 200k entries never holds them all at once.
 */
export async function* editionEntryBatches(
  editionId: string,
  batchSize = 2000,
): AsyncGenerator<PublishedEntry[]> {
  let afterId = "";
  for (;;) {
    // Through the driver: Prisma's client converting every JSON value made a 200k-entry
    // workbook several times slower.
    const rows = await readRows<{ entryId: string; published: unknown }>(Prisma.sql`
      SELECT "entryId", "published" FROM "ReportEditionEntry"
       WHERE "editionId" = ${editionId} AND "entryId" > ${afterId}
       ORDER BY "entryId" LIMIT ${batchSize}::int`);
    if (rows.length === 0) return;
    yield rows.map((row) => readPublishedEntry(row.published));
    afterId = rows.at(-1)!.entryId;
    if (rows.length < batchSize) return;
  }
}
