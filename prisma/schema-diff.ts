// Computes the SQL that takes the committed migrations to schema.prisma, with Prisma's own
// schema engine compiled to WebAssembly, on a throwaway in-memory PGlite (no native engine,
// no network). Empty output = schema and migrations agree. Internal API: versions pinned.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { readMigrations } from "../app/utils/db/migrate.server";

const require = createRequire(import.meta.url);

interface WasmSchemaEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout?: string }>;
  free(): void;
}

let loaded: ReturnType<typeof instantiateSchemaEngine> | undefined;

/** The WebAssembly module keeps global state: instantiate it once per process. */
function loadSchemaEngine() {
  loaded ??= instantiateSchemaEngine();
  return loaded;
}

async function instantiateSchemaEngine() {
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bg = await import(path.join(pkgDir, "schema_engine_bg.js"));
  const module = new WebAssembly.Module(readFileSync(path.join(pkgDir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      throw new Error(`Prisma schema engine panicked: ${message}`);
    },
  };
  return bg as {
    SchemaEngine: {
      new: (
        options: unknown,
        log: (line: string) => void,
        adapter: unknown,
      ) => Promise<WasmSchemaEngine>;
    };
  };
}

export async function diffSchemaAgainstMigrations(options?: {
  schemaPath?: string;
  migrationsDir?: string;
}): Promise<string> {
  const root = path.resolve(import.meta.dirname, "..");
  const schemaPath = options?.schemaPath ?? path.join(root, "prisma/schema.prisma");
  const migrationsDir = options?.migrationsDir ?? path.join(root, "prisma/migrations");
  const schema = readFileSync(schemaPath, "utf8");
  const bg = await loadSchemaEngine();
  const pglite = new PGlite();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    () => {},
    adapter,
  );
  try {
    const migrations = readMigrations(migrationsDir);
    const result = await engine.diff({
      from: {
        tag: "migrations",
        baseDir: migrationsDir,
        lockfile: {
          path: path.join(migrationsDir, "migration_lock.toml"),
          content: 'provider = "postgresql"\n',
        },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((m) => ({
          path: path.join(migrationsDir, m.name),
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
        })),
      },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = (result.stdout ?? "").trim();
    return /^-- This is an empty migration\.?$/.test(sql) ? "" : sql;
  } finally {
    engine.free();
    await pglite.close();
  }
}
