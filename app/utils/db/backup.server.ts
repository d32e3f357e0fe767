// Backup and restore of the embedded database folder (docs/operations.md). Both hold the
// folder lock, so neither runs beside the app: a copy taken under a running PGlite could be
// torn, and a restore under it would be overwritten by the app's next write.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { lockDatabaseFolder } from "./folder-lock.server";

/** Writes the whole folder, as PGlite sees it after a clean open, to a gzipped tarball. */
export async function backupPgliteFolder(folder: string, archive: string) {
  if (!existsSync(path.join(folder, "PG_VERSION"))) {
    throw new Error(`${folder} is not an embedded database folder (no PG_VERSION).`);
  }
  const lock = lockDatabaseFolder(folder);
  try {
    const pglite = new PGlite(folder);
    try {
      await pglite.waitReady;
      // A checkpoint first, so the archive holds the data files, not only a log to replay.
      await pglite.exec("CHECKPOINT");
      const dump = await pglite.dumpDataDir("gzip");
      const bytes = Buffer.from(await dump.arrayBuffer());
      mkdirSync(path.dirname(path.resolve(archive)), { recursive: true });
      // Written aside then renamed: a failed backup never leaves a truncated archive behind.
      const partial = `${archive}.partial`;
      writeFileSync(partial, bytes);
      renameSync(partial, archive);
      return { bytes: bytes.length };
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

/**
 * Restores an archive made by backupPgliteFolder into `folder`. An existing non-empty folder
 * is refused unless `replace` is set; it is then moved aside (`<folder>.before-restore-<time>`),
 * never deleted. Returns where the old folder went.
 */
export async function restorePgliteFolder(
  archive: string,
  folder: string,
  options: { replace?: boolean } = {},
) {
  const data = readFileSync(archive);
  mkdirSync(folder, { recursive: true });
  // The lock first: nothing may be open on the folder while it is swapped.
  const lock = lockDatabaseFolder(folder);
  let movedAside: string | null = null;
  try {
    if (readdirSync(folder).length > 0) {
      if (!options.replace) {
        throw new Error(
          `${folder} is not empty: restore into a new folder, or pass --replace to move ` +
            `the current one aside first.`,
        );
      }
      movedAside = `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(folder, movedAside);
      mkdirSync(folder);
    }
    const pglite = new PGlite(folder, { loadDataDir: new Blob([data]) });
    try {
      await pglite.waitReady;
      await pglite.query("SELECT 1");
    } finally {
      await pglite.close();
    }
    return { movedAside };
  } finally {
    lock.release();
  }
}
