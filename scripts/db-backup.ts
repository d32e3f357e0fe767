// npm run db:backup -- [archive.tar.gz]      backs up the embedded database folder (PGLITE_DIR)
// npm run db:restore -- <archive.tar.gz> [--replace]
// The app must be stopped: both take the folder's lock. PostgreSQL: pg_dump/pg_restore, see
// docs/operations.md.
import path from "node:path";
import { backupPgliteFolder, restorePgliteFolder } from "../app/utils/db/backup.server";
import { databaseConfigFromEnv } from "../app/utils/db/engine.server";
import { DatabaseFolderLockedError } from "../app/utils/db/folder-lock.server";

const [command, ...args] = process.argv.slice(2);
const config = databaseConfigFromEnv();

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (config.databaseUrl) {
  fail("DATABASE_URL is set: back up PostgreSQL with pg_dump (docs/operations.md).");
}
const folder = config.pgliteDir!;
if (folder.startsWith("memory://")) fail("PGLITE_DIR is in memory: there is nothing to back up.");

try {
  if (command === "backup") {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const archive = path.resolve(args[0] ?? `backups/pglite-${stamp}.tar.gz`);
    const { bytes } = await backupPgliteFolder(folder, archive);
    console.log(`Backed up ${folder} to ${archive} (${bytes} bytes).`);
  } else if (command === "restore") {
    const archive = args.find((arg) => !arg.startsWith("--"));
    if (!archive) fail("Usage: npm run db:restore -- <archive.tar.gz> [--replace]");
    const { movedAside } = await restorePgliteFolder(path.resolve(archive), folder, {
      replace: args.includes("--replace"),
    });
    if (movedAside) console.log(`The previous folder was moved to ${movedAside}.`);
    console.log(`Restored ${archive} into ${folder}.`);
  } else {
    fail("Usage: tsx scripts/db-backup.ts backup [archive] | restore <archive> [--replace]");
  }
} catch (error) {
  if (error instanceof DatabaseFolderLockedError) fail(error.message);
  if (error instanceof Error && /not empty|not an embedded/.test(error.message)) {
    fail(error.message);
  }
  throw error;
}
