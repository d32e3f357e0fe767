import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, MigrationChecksumError, readMigrations } from "~/utils/db/migrate.server";
import { pgliteRunner, postgresRunner, type SqlRunner } from "~/utils/db/sql-runner.server";
import { databaseEngine, prisma } from "~/utils/db.server";

// The app's database (opened by db.server) is a copy of the one tests/setup/global-setup.ts
// migrated with the same runner.
describe("migration runner", () => {
  const runners: SqlRunner[] = [];
  const pglites: PGlite[] = [];
  afterAll(async () => {
    for (const r of runners) await r.close();
    for (const p of pglites) await p.close();
  });

  it("runs on the engine this suite was asked for", () => {
    expect(databaseEngine).toBe(process.env.TEST_DB_ENGINE === "postgres" ? "postgres" : "pglite");
  });

  it("records every migration as Prisma Migrate does", async () => {
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const rows = await prisma.$queryRaw<
      {
        migration_name: string;
        checksum: string;
        applied_steps_count: number;
        finished_at: Date | null;
      }[]
    >`SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const sha = createHash("sha256").update(files[i]!.sql).digest("hex");
      expect(row.checksum).toBe(sha);
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).not.toBeNull();
    }
  });

  async function freshRunner(): Promise<SqlRunner> {
    const url = process.env.DATABASE_URL;
    if (url) {
      const runner = await postgresRunner(url);
      runners.push(runner);
      return runner;
    }
    const pglite = new PGlite();
    pglites.push(pglite);
    return pgliteRunner(pglite);
  }

  it("applies nothing twice and refuses an applied migration that was edited", async () => {
    const runner = await freshRunner();
    // The database is already migrated (by db.server or, on PostgreSQL, the same database).
    if (!process.env.DATABASE_URL)
      expect(await applyMigrations(runner)).toHaveLength(readMigrations().length);
    expect(await applyMigrations(runner)).toEqual([]);
    const edited = readMigrations().map((m, i) =>
      i === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: "0".repeat(64) } : m,
    );
    await expect(applyMigrations(runner, edited)).rejects.toBeInstanceOf(MigrationChecksumError);
  });

  it("rolls back a failing migration completely", async () => {
    const runner = await freshRunner();
    await applyMigrations(runner);
    const broken = [
      ...readMigrations(),
      {
        name: "99999999999999_broken",
        sql: 'CREATE TABLE "Half" (id int);\nSELECT * FROM "does_not_exist";',
        checksum: "f".repeat(64),
      },
    ];
    await expect(applyMigrations(runner, broken)).rejects.toThrow();
    const half = await runner.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM information_schema.tables WHERE table_name = 'Half'`,
    );
    expect(half[0]?.n).toBe("0");
    const recorded = await runner.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`,
    );
    expect(recorded[0]?.n).toBe("0");
  });

  it("writes the CSV cells of the dataset entries already there when it adds them", async () => {
    const pglite = new PGlite();
    pglites.push(pglite);
    const runner = pgliteRunner(pglite);
    const all = readMigrations();
    const at = all.findIndex((m) => m.name.endsWith("_dataset_entry_csv_cells"));
    expect(at).toBeGreaterThan(0);
    await applyMigrations(runner, all.slice(0, at));
    // An entry approved before the migration (its foreign keys set aside: only its cells matter).
    await pglite.exec(`
      SET session_replication_role = replica;
      INSERT INTO "DatasetEntry" (id, year, "planId", "organisationId", "organisationKind",
        "fundingTitle", channel, "measureId", "measureCode", "themeId", link, "missionCodes",
        narrative, "narrativeLanguage", figures, attachments, "approvedAt")
      VALUES ('e1', 2023, 'p', 'o', 'COMMUNE', '=Titre', 'FSE', 'm', '4.10', 't', 'PRIMARY',
        '{1.2,3.4}', 'Dit "oui"; puis non', 'fr',
        '[{"label": "Personnes", "value": 1234, "unit": "pers."}, {"label": "ETP", "value": 2.5}]',
        '[{"id": "a", "fileName": "plan, final.pdf"}]', '2024-03-31 01:00:00');
      SET session_replication_role = origin;`);
    await applyMigrations(runner, all.slice(0, at + 1));
    const [row] = (
      await pglite.query<Record<string, string | null>>(
        `SELECT "csvFunding", "csvNarrative", "csvFiguresFr", "csvFiguresNl", "csvApprovedAt"
           FROM "DatasetEntry"`,
      )
    ).rows;
    expect(row).toEqual({
      csvFunding: "'=Titre;4.10",
      csvNarrative: '"1.2, 3.4";fr;"Dit ""oui""; puis non"',
      // A decimal: JavaScript writes the figures.
      csvFiguresFr: null,
      csvFiguresNl: null,
      csvApprovedAt: "2024-03-31 03:00",
    });
    // The entry is history again: nothing changes it.
    await expect(pglite.exec(`UPDATE "DatasetEntry" SET narrative = 'autre'`)).rejects.toThrow();
  });
});
