import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated/prisma/client";
import { lockDatabaseFolder, type FolderLock } from "./folder-lock.server";
import { startEmbeddedVacuum } from "./embedded-vacuum.server";
import { applyMigrations } from "./migrate.server";
import { statementName, nameStatements } from "./prepared-statements.server";
import { pgliteRowReader, postgresRowReader, type RowReader } from "./rows.server";
import { pgliteRunner, postgresRunner } from "./sql-runner.server";

// PostgreSQL's page cache in PGlite, which lives in the process's own memory (PGlite's
// default is 128 MB). The pages it does not hold come from the files, which the system keeps
// cached anyway: the embedded database held about 85 MB less once opened, report tables and
// API as fast (docs/benchmarks.md).
const PGLITE_SHARED_BUFFERS = "32MB";

export type DatabaseEngine = "pglite" | "postgres";

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data folder, or "memory://" for a throwaway in-memory database. */
  pgliteDir?: string;
  /**
   * A PGlite data folder dump (`dumpDataDir`) to start from instead of an empty cluster: the
   * tests migrate one database and start each file from its copy (tests/setup/global-setup.ts).
   */
  pgliteDump?: Blob;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /**
   * PGlite in a folder: how often to vacuum the tables that changed enough (PGlite has no
   * autovacuum; embedded-vacuum.server.ts). Default 5 minutes; 0 turns it off.
   */
  vacuumIntervalMs?: number;
  /** PGlite: PostgreSQL's page cache (`shared_buffers`, e.g. "32MB", the default). */
  pgliteSharedBuffers?: string;
}

export interface Database {
  prisma: PrismaClient;
  /** Rows read through the driver, not Prisma's client: for the reads every page makes (rows.server.ts). */
  readRows: RowReader;
  engine: DatabaseEngine;
  close(): Promise<void>;
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: env.PGLITE_DIR || path.resolve(process.cwd(), ".data/pglite"),
    vacuumIntervalMs: env.PGLITE_VACUUM_INTERVAL_MS
      ? Number(env.PGLITE_VACUUM_INTERVAL_MS)
      : undefined,
    pgliteSharedBuffers: env.PGLITE_SHARED_BUFFERS || undefined,
  };
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const migrate = config.migrate ?? true;
  if (config.databaseUrl) {
    if (migrate) {
      const runner = await postgresRunner(config.databaseUrl);
      try {
        await applyMigrations(runner);
      } finally {
        await runner.close();
      }
    }
    // One pool for Prisma's adapter and the direct reads.
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection that breaks (a server restart) is reported, not thrown: the pool
    // opens a new one for the next query.
    pool.on("error", (error) => console.error(`PostgreSQL idle connection: ${error.message}`));
    const prisma = new PrismaClient({
      adapter: new PrismaPg(pool, {
        // Statements parsed and planned once per connection (prepared-statements.server.ts).
        // The type says a name is required; `pg` sends a statement without one unnamed.
        statementNameGenerator: (query) => statementName(query.sql, query.args.length)!,
      }),
    });
    return {
      prisma,
      readRows: postgresRowReader(pool, pg.types),
      engine: "postgres",
      async close() {
        await prisma.$disconnect();
        if (!pool.ended) await pool.end();
      },
    };
  }

  const dir = config.pgliteDir ?? "memory://";
  // An in-memory database belongs to this process alone; a folder is locked before PGlite
  // touches it, and the lock is released only once PGlite has closed it.
  let lock: FolderLock | null = null;
  if (!dir.startsWith("memory://")) {
    mkdirSync(dir, { recursive: true });
    lock = lockDatabaseFolder(dir);
  }
  let pglite: PGlite | undefined;
  try {
    pglite = new PGlite(dir, {
      startParams: [
        ...PGlite.defaultStartParams,
        "-c",
        `shared_buffers=${config.pgliteSharedBuffers ?? PGLITE_SHARED_BUFFERS}`,
      ],
      ...(config.pgliteDump ? { loadDataDir: config.pgliteDump } : {}),
    });
    await pglite.waitReady;
    if (migrate) await applyMigrations(pgliteRunner(pglite));
  } catch (error) {
    if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
  nameStatements(pglite);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const opened = pglite;
  // A throwaway in-memory database (tests) lives too short to need it.
  const vacuumEvery = config.vacuumIntervalMs ?? 5 * 60_000;
  const stopVacuum =
    lock && vacuumEvery > 0 ? startEmbeddedVacuum(opened, vacuumEvery) : async () => undefined;
  return {
    prisma,
    readRows: pgliteRowReader(opened),
    engine: "pglite",
    // PGlite replays its write-ahead log at the next start if it is not closed cleanly.
    async close() {
      try {
        await stopVacuum();
        await prisma.$disconnect();
        if (!opened.closed) await opened.close();
      } finally {
        lock?.release();
      }
    },
  };
}
