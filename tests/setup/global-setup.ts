// Migrates one database per run; each test file then starts from a copy of it
// (tests/setup/setup-test-env.ts) instead of creating a cluster and migrating it again: on
// PGlite a dump of the migrated data folder, on PostgreSQL a template database.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../app/utils/db/migrate.server";
import { pgliteRunner, postgresRunner } from "../../app/utils/db/sql-runner.server";
import { createScratchDatabase } from "../fixtures/scratch-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** File holding the migrated PGlite data folder dump (PGlite runs). */
    pgliteTemplate: string;
    /** Name of the migrated template database (PostgreSQL runs). */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DB_ENGINE === "postgres") {
    const adminUrl = process.env.TEST_POSTGRES_URL;
    if (!adminUrl) throw new Error("TEST_DB_ENGINE=postgres needs TEST_POSTGRES_URL");
    const template = await createScratchDatabase(adminUrl, "test_template");
    const runner = await postgresRunner(template.url);
    try {
      await applyMigrations(runner);
    } finally {
      // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
      await runner.close();
    }
    project.provide("postgresTemplate", template.name);
    return () => template.drop();
  }

  const pglite = new PGlite("memory://");
  try {
    await applyMigrations(pgliteRunner(pglite));
    const dump = await pglite.dumpDataDir("none");
    const dir = mkdtempSync(path.join(tmpdir(), "pglite-template-"));
    const file = path.join(dir, "migrated.tar");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide("pgliteTemplate", file);
    return () => rmSync(dir, { recursive: true, force: true });
  } finally {
    await pglite.close();
  }
}
