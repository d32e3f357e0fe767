// The embedded database's own autovacuum (app/utils/db/embedded-vacuum.server.ts): PGlite has
// no background workers, so without it a table that grows never gets its visibility map or
// fresh statistics, and index-only counts read the whole table.
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, expect, it } from "vitest";
import { tablesDueForVacuum, vacuumDueTables } from "~/utils/db/embedded-vacuum.server";
import { openDatabase } from "~/utils/db/engine.server";

const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "pglite-vacuum-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function visiblePages(pglite: Pick<PGlite, "query">, table: string) {
  const { rows } = await pglite.query<{ relallvisible: number }>(
    "SELECT relallvisible FROM pg_class WHERE relname = $1",
    [table],
  );
  return rows[0]!.relallvisible;
}

/** Statistics reach the shared counters when a session goes idle, at most once a second. */
async function flushStatistics(pglite: PGlite) {
  await pglite.query("SELECT pg_stat_force_next_flush()");
  await pglite.query("SELECT 1");
}

it("vacuums a table once its changes pass autovacuum's threshold, and only then", async () => {
  const pglite = new PGlite();
  try {
    await pglite.exec(`
      CREATE TABLE entry (id int PRIMARY KEY, label text);
      CREATE TABLE quiet (id int PRIMARY KEY);
      INSERT INTO entry SELECT g, 'entrée ' || g FROM generate_series(1, 2000) g;
      INSERT INTO quiet SELECT g FROM generate_series(1, 10) g;
    `);
    await flushStatistics(pglite);
    expect(await tablesDueForVacuum(pglite)).toEqual(["entry"]);
    expect(await visiblePages(pglite, "entry")).toBe(0);

    expect(await vacuumDueTables(pglite)).toEqual(["entry"]);
    expect(await visiblePages(pglite, "entry")).toBeGreaterThan(0);
    const stats = await pglite.query<{ vacuumed: boolean; analysed: boolean }>(
      `SELECT last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analysed
         FROM pg_stat_user_tables WHERE relname = 'entry'`,
    );
    expect(stats.rows[0]).toEqual({ vacuumed: true, analysed: true });

    // A few more rows are below 50 + 20 % of the table: not due again.
    await pglite.exec(`INSERT INTO entry SELECT g, 'x' FROM generate_series(2001, 2100) g`);
    await flushStatistics(pglite);
    expect(await tablesDueForVacuum(pglite)).toEqual([]);
    // Many changes are.
    await pglite.exec(`UPDATE entry SET label = label || '!' WHERE id <= 1000`);
    await flushStatistics(pglite);
    expect(await tablesDueForVacuum(pglite)).toEqual(["entry"]);
  } finally {
    await pglite.close();
  }
});

it("a database opened in a folder vacuums its grown tables by itself; closing stops it", async () => {
  const database = await openDatabase({
    pgliteDir: path.join(root, "db"),
    vacuumIntervalMs: 50,
  });
  try {
    await database.prisma.$executeRawUnsafe(
      `INSERT INTO "Plan" (id, code, "titleFr", "titleNl", "startYear", "endYear", "updatedAt")
       SELECT 'plan-' || g, 'P-' || g, 'Plan ' || g, 'Plan ' || g, 2021, 2024, now()
         FROM generate_series(1, 500) g`,
    );
    await expect
      .poll(
        async () =>
          (
            await database.prisma.$queryRawUnsafe<{ n: number }[]>(
              `SELECT relallvisible::int AS n FROM pg_class WHERE relname = 'Plan'`,
            )
          )[0]!.n,
        { timeout: 20_000, interval: 100 },
      )
      .toBeGreaterThan(0);
  } finally {
    await database.close();
  }
});
