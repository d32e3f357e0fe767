// npm run db:migration:create -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that brings the
// committed migrations up to schema.prisma. Does nothing when they already agree.
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { diffSchemaAgainstMigrations } from "./schema-diff";

const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration:create -- <short_name>");
  process.exit(1);
}
const sql = await diffSchemaAgainstMigrations();
if (!sql) {
  console.log("schema.prisma and prisma/migrations agree: no migration needed.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const migrationsDir = path.resolve(import.meta.dirname, "migrations");
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
const lock = path.join(migrationsDir, "migration_lock.toml");
if (!existsSync(lock)) {
  writeFileSync(lock, '# Do not edit: Prisma Migrate reads this.\nprovider = "postgresql"\n');
}
console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql`);
