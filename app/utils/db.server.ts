import { databaseConfigFromEnv, openDatabase } from "./db/engine.server";

// One database per process. Migrations are applied before the first query.
const globalForDb = globalThis as unknown as {
  __database?: Promise<Awaited<ReturnType<typeof openDatabase>>>;
};

globalForDb.__database ??= openDatabase(databaseConfigFromEnv());
const database = await globalForDb.__database;

export const prisma = database.prisma;
export const databaseEngine = database.engine;
export const closeDatabase = database.close;

export type { Prisma } from "~/generated/prisma/client";
export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];
