// Each test file gets its own throwaway database, a copy of the one migrated once per run
// (tests/setup/global-setup.ts): an in-memory PGlite by default, or a database on a real
// PostgreSQL when TEST_DB_ENGINE=postgres (scripts/test-postgres.mjs).
// Tests fail on any console.error, so unexpected server errors cannot pass silently.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import { createScratchDatabase } from "../fixtures/scratch-database";

// Workers run several files (isolate: false in vitest.config.ts): forget every module the
// previous file evaluated, so this file imports the app afresh (its own db.server.ts, hence
// its own database below, and fresh module state). node_modules stay loaded: that is the gain.
vi.resetModules();

type Database = Awaited<ReturnType<typeof import("~/utils/db/engine.server").openDatabase>>;

process.env.SESSION_SECRET ??= "test-secret";
process.env.OUTBOX_WORKER = "off";

let dropDatabase: (() => Promise<void>) | undefined;
let database: Promise<Database> | undefined;

if (process.env.TEST_DB_ENGINE === "postgres") {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error("TEST_DB_ENGINE=postgres needs TEST_POSTGRES_URL");
  const scratch = await createScratchDatabase(adminUrl, "test", {
    template: inject("postgresTemplate"),
  });
  process.env.DATABASE_URL = scratch.url;
  dropDatabase = scratch.drop;
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
}

// app/utils/db.server.ts opens the database the first time it is imported, unless one is in
// globalThis.__database. Files that never import it (unit tests) pay nothing; the others get
// a PGlite loaded from the migrated dump (its migration check then finds nothing to do).
Object.defineProperty(globalThis, "__database", {
  configurable: true,
  get() {
    database ??= import("~/utils/db/engine.server").then(
      ({ databaseConfigFromEnv, openDatabase }) =>
        process.env.TEST_DB_ENGINE === "postgres"
          ? openDatabase(databaseConfigFromEnv())
          : openDatabase({
              pgliteDir: "memory://",
              pgliteDump: new Blob([readFileSync(inject("pgliteTemplate"))]),
            }),
    );
    return database;
  },
  set(value: Promise<Database> | undefined) {
    database = value;
  },
});

let consoleError: ReturnType<typeof vi.spyOn> | undefined;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => consoleError?.mockRestore());

afterAll(async () => {
  if (database) await (await database).close();
  database = undefined;
  await dropDatabase?.();
});
