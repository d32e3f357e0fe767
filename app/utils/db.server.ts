import { databaseConfigFromEnv, openDatabase } from "./db/engine.server";
import { DatabaseFolderLockedError } from "./db/folder-lock.server";

// One database per process. Migrations are applied before the first query.
const globalForDb = globalThis as unknown as {
  __database?: Promise<Awaited<ReturnType<typeof openDatabase>>>;
};

globalForDb.__database ??= openDatabase(databaseConfigFromEnv());
const database = await globalForDb.__database.catch((error: unknown) => {
  // Another process holds the embedded database: say who, once, without a stack trace.
  if (error instanceof DatabaseFolderLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});

export const prisma = database.prisma;
/** Rows read through the driver, not Prisma's client: for the reads every page makes. */
export const readRows = database.readRows;
export const databaseEngine = database.engine;
export const closeDatabase = database.close;

export type { Prisma } from "~/generated/prisma/client";
export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];
