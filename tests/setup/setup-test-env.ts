// Each test file gets its own throwaway database: an in-memory PGlite by default, or a fresh
// database on a real PostgreSQL when TEST_DB_ENGINE=postgres (scripts/test-postgres.mjs).
// Tests fail on any console.error, so unexpected server errors cannot pass silently.
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { createScratchDatabase } from "../fixtures/scratch-database";

const globalForDb = globalThis as unknown as { __database?: Promise<{ close(): Promise<void> }> };
// Worker processes are reused between files: never inherit the previous file's database.
delete globalForDb.__database;

process.env.SESSION_SECRET ??= "test-secret";
process.env.OUTBOX_WORKER = "off";

let dropDatabase: (() => Promise<void>) | undefined;

if (process.env.TEST_DB_ENGINE === "postgres") {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error("TEST_DB_ENGINE=postgres needs TEST_POSTGRES_URL");
  const database = await createScratchDatabase(adminUrl, "test");
  process.env.DATABASE_URL = database.url;
  dropDatabase = database.drop;
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
}

let consoleError: ReturnType<typeof vi.spyOn> | undefined;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => consoleError?.mockRestore());

afterAll(async () => {
  const database = globalForDb.__database;
  if (database) await (await database).close();
  delete globalForDb.__database;
  await dropDatabase?.();
});
