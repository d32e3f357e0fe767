import { cpSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffSchemaAgainstMigrations } from "../../prisma/schema-diff";

const root = path.resolve(import.meta.dirname, "../..");

// Each check starts Prisma's schema engine on a fresh PGlite cluster: ~7 s on a quiet 2-core
// machine, several times that while other test files share its cores.
describe("schema.prisma and prisma/migrations", { timeout: 180_000 }, () => {
  it("agree: the migrations produce exactly the schema", async () => {
    expect(await diffSchemaAgainstMigrations()).toBe("");
  });

  it("the check detects drift when the schema changes without a migration", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "drift-"));
    const schemaPath = path.join(dir, "schema.prisma");
    const schema = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    writeFileSync(schemaPath, schema.replace("model Plan {", "model Plan {\n  driftProbe String?"));
    cpSync(path.join(root, "prisma/migrations"), path.join(dir, "migrations"), { recursive: true });
    const sql = await diffSchemaAgainstMigrations({
      schemaPath,
      migrationsDir: path.join(dir, "migrations"),
    });
    expect(sql).toContain('ADD COLUMN     "driftProbe" TEXT');
  });
});
