import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SqlRunner } from "./sql-runner.server";

// Applies prisma/migrations/*/migration.sql in order and records them in
// _prisma_migrations exactly as Prisma Migrate does, so `prisma migrate status` agrees.
// Prisma's own runner needs a native engine that offline machines cannot download
// (docs/decisions/0003-migration-runner.md).

export const defaultMigrationsDir = () => path.resolve(process.cwd(), "prisma/migrations");

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationChecksumError extends Error {
  constructor(public readonly migrationName: string) {
    super(
      `Migration ${migrationName} was edited after it was applied (checksum mismatch). ` +
        "Create a new migration instead of changing an applied one.",
    );
  }
}

export function readMigrations(dir = defaultMigrationsDir()): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const createHistoryTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;

// Any constant works; it only has to be the same for every instance of this app.
const MIGRATION_LOCK_KEY = 7_250_019;

/** Returns the names of the migrations applied by this call. */
export async function applyMigrations(
  sql: SqlRunner,
  migrations: MigrationFile[] = readMigrations(),
): Promise<string[]> {
  await sql.exec(createHistoryTable);
  // Several app instances may start together against one PostgreSQL.
  await sql.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    const rows = await sql.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) throw new MigrationChecksumError(migration.name);
        continue;
      }
      await sql.transaction(async (tx) => {
        const id = randomUUID();
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 0)`,
          [id, migration.checksum, migration.name],
        );
        await tx.exec(migration.sql);
        await tx.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
      });
      done.push(migration.name);
    }
    return done;
  } finally {
    await sql.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}
