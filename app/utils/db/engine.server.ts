import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated/prisma/client";
import { applyMigrations } from "./migrate.server";
import { pgliteRunner, postgresRunner } from "./sql-runner.server";

export type DatabaseEngine = "pglite" | "postgres";

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data folder, or "memory://" for a throwaway in-memory database. */
  pgliteDir?: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
}

export interface Database {
  prisma: PrismaClient;
  engine: DatabaseEngine;
  close(): Promise<void>;
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: env.PGLITE_DIR || path.resolve(process.cwd(), ".data/pglite"),
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
    const prisma = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: config.databaseUrl,
        connectionTimeoutMillis: 10_000,
      }),
    });
    return { prisma, engine: "postgres", close: () => prisma.$disconnect() };
  }

  const dir = config.pgliteDir ?? "memory://";
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  if (migrate) await applyMigrations(pgliteRunner(pglite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    engine: "pglite",
    // PGlite replays its write-ahead log at the next start if it is not closed cleanly.
    async close() {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
