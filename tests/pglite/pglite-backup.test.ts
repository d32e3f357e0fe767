// npm run db:backup / db:restore on a real embedded database folder: the rows come back in a
// fresh folder; neither runs while the folder is open elsewhere; a restore never overwrites.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, inject, it } from "vitest";
import { openDatabase } from "~/utils/db/engine.server";

const repo = path.resolve(import.meta.dirname, "../..");
const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "pglite-backup-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the real script (package.json: db:backup, db:restore) on `folder`. */
function script(folder: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: folder };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/db-backup.ts", ...args], {
    cwd: repo,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
}

async function rowsIn(folder: string) {
  const database = await openDatabase({ pgliteDir: folder, migrate: false });
  try {
    const rows = await database.prisma.$queryRawUnsafe<{ note: string }[]>(
      "SELECT note FROM backup_probe ORDER BY id",
    );
    return rows.map((row) => row.note);
  } finally {
    await database.close();
  }
}

it("backup then restore into a fresh folder gives the same rows; both refuse an open folder", async () => {
  const source = path.join(root, "source");
  const archive = path.join(root, "backups", "source.tar.gz");
  // From the run's migrated dump (tests/setup/global-setup.ts), not initdb and migrations.
  const database = await openDatabase({
    pgliteDir: source,
    pgliteDump: new Blob([readFileSync(inject("pgliteTemplate"))]),
  });
  await database.prisma.$executeRawUnsafe(
    "CREATE TABLE backup_probe (id serial PRIMARY KEY, note text NOT NULL)",
  );
  await database.prisma.$executeRawUnsafe(
    "INSERT INTO backup_probe (note) VALUES ('première'), ('tweede')",
  );

  // While the folder is open (here, by this process), the backup refuses and names it.
  const refused = script(source, "backup", archive);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain(`folder ${source} is in use by process ${process.pid}`);
  expect(existsSync(archive)).toBe(false);
  await database.close();

  const backup = script(source, "backup", archive);
  expect(backup.status, backup.stderr).toBe(0);
  expect(backup.stdout).toContain(`Backed up ${source} to ${archive}`);
  expect(readdirSync(path.dirname(archive)), "no partial file left").toEqual(["source.tar.gz"]);

  const target = path.join(root, "restored");
  const restore = script(target, "restore", archive);
  expect(restore.status, restore.stderr).toBe(0);
  expect(await rowsIn(target)).toEqual(["première", "tweede"]);

  // A restore never overwrites a folder in place: refused, then moved aside with --replace.
  const again = script(target, "restore", archive);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain(`${target} is not empty`);
  const replaced = script(target, "restore", archive, "--replace");
  expect(replaced.status, replaced.stderr).toBe(0);
  const aside = readdirSync(root).filter((name) => name.startsWith("restored.before-restore-"));
  expect(aside).toHaveLength(1);
  expect(existsSync(path.join(root, aside[0]!, "PG_VERSION")), "the old folder is kept").toBe(true);
  expect(await rowsIn(target)).toEqual(["première", "tweede"]);
}, 180_000);
