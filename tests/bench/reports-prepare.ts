// Adds the imported history to the bench's database (tests/bench/reports.ts), once: run in the
// database's own process (PGLITE_DIR or DATABASE_URL), after the large dataset is generated.
import { closeDatabase, prisma } from "~/utils/db.server";

// One imported file of historical contributions: a copy of the first generated year's current
// entries, a year earlier, as the contributions import writes them (provenance: file, line, key).
export const IMPORTED_HISTORY = `
  WITH first AS (SELECT min(year) AS year FROM "DatasetEntry" WHERE id LIKE 'bde-%'),
  file AS (
    INSERT INTO "ContributionImport" (id, "fileName", "fileSha256", "rowCount", "createdCount", "importedAt")
    SELECT 'bench-import', 'contributions-' || (first.year - 1) || '.xlsx', repeat('0', 64),
           count(*), count(*), now()
      FROM "DatasetEntry" e, first
     WHERE e.year = first.year AND e."supersededAt" IS NULL AND e.id LIKE 'bde-%'
     GROUP BY first.year
    RETURNING id)
  INSERT INTO "DatasetEntry" (id, source, year, "planId", "organisationId", "organisationKind",
    "fundingTitle", channel, "measureId", "measureCode", "themeId", link, "missionCodes", narrative,
    "narrativeLanguage", figures, attachments, "approvedAt", "importId", "importLine", "importKey")
  SELECT 'bimp-' || e.id, 'IMPORT', e.year - 1, e."planId", e."organisationId", e."organisationKind",
         e."fundingTitle", e.channel, e."measureId", e."measureCode", e."themeId", e.link,
         e."missionCodes", e.narrative, e."narrativeLanguage", e.figures, '[]'::jsonb, now(),
         (SELECT id FROM file), (row_number() OVER (ORDER BY e.id) + 1)::int, md5('bench' || e.id)
    FROM "DatasetEntry" e, first
   WHERE e.year = first.year AND e."supersededAt" IS NULL AND e.id LIKE 'bde-%'`;

try {
  const known = await prisma.contributionImport.count({ where: { id: "bench-import" } });
  if (known === 0) {
    const started = Date.now();
    const rows = await prisma.$executeRawUnsafe(IMPORTED_HISTORY);
    await prisma.$executeRawUnsafe(`VACUUM ANALYZE "DatasetEntry"`);
    console.log(`bench: imported history: ${rows} entries (${Date.now() - started} ms)`);
  }
  // Approvals add entries one at a time, and an import adds its rows in one transaction with
  // ids in sequence: on disk, entries lie in the order they came in ("createdAt", then id), the
  // order the downloads read them in (dataset/export-order.server.ts). The generator writes a
  // year's entries in one statement: they share one "createdAt", and their ids are hashes, so
  // read in that order they would be scattered over the table as they never are in production.
  // Once (a bench database only): each entry gets its own "createdAt", year after year in the
  // generator's order of returns, and the table is laid out in that order.
  const [spread] = await prisma.$queryRawUnsafe<{ distinct: number; all: number }[]>(
    `SELECT count(DISTINCT "createdAt")::int AS "distinct", count(*)::int AS "all"
       FROM "DatasetEntry"`,
  );
  if (spread!.distinct < spread!.all / 2) {
    const started = Date.now();
    await prisma.$executeRawUnsafe(
      `ALTER TABLE "DatasetEntry" DISABLE TRIGGER "DatasetEntry_history_only"`,
    );
    await prisma.$executeRawUnsafe(`
      UPDATE "DatasetEntry" e SET "createdAt" = timestamp '2012-01-01' + o.n * interval '1 second'
        FROM (SELECT id, row_number() OVER (ORDER BY year, "returnId", id) AS n
                FROM "DatasetEntry") o
       WHERE o.id = e.id`);
    await prisma.$executeRawUnsafe(
      `ALTER TABLE "DatasetEntry" ENABLE TRIGGER "DatasetEntry_history_only"`,
    );
    await prisma.$executeRawUnsafe(`CLUSTER "DatasetEntry" USING "DatasetEntry_createdAt_id_idx"`);
    // (The visibility map too: the counts per return are read from an index alone.)
    await prisma.$executeRawUnsafe(`VACUUM ANALYZE "DatasetEntry"`);
    console.log(`bench: entries laid out in the order they came in (${Date.now() - started} ms)`);
  }
  const [counts] = await prisma.$queryRawUnsafe<{ current: number; all: number }[]>(
    `SELECT count(*) FILTER (WHERE "supersededAt" IS NULL)::int AS current, count(*)::int AS all
       FROM "DatasetEntry"`,
  );
  console.log(`bench: ${counts!.current} current dataset entries (${counts!.all} in all)`);
} finally {
  await closeDatabase();
}
