// An exclusive lock on the embedded database folder. PGlite runs PostgreSQL inside the process
// with no shared memory between processes: two processes on one folder each keep their own
// view and overwrite each other's writes. Why this design: ADR 0009 (docs/decisions/).
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import os from "node:os";

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface FolderLock {
  /** The lock file, beside the folder (`<folder>.lock`). */
  path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

// Locks this process holds: a lock file naming our own PID is stale (left by an earlier run
// that had the same PID, as in a restarted container) unless it is in here.
const heldByThisProcess = new Set<string>();

export class DatabaseFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly lockPath: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner
      ? `process ${owner.pid} on host ${owner.host}, started ${owner.startedAt}`
      : "another process (its lock file cannot be read)";
    super(
      `The embedded database folder ${folder} is in use by ${who}. ` +
        `Only one process may open it at a time: stop that process, or set PGLITE_DIR to ` +
        `another folder. If that process is certainly not running, delete ${lockPath}.`,
    );
    this.name = "DatabaseFolderLockedError";
  }
}

/**
 * Takes the lock of an existing folder, or throws DatabaseFolderLockedError naming the owner.
 * Creation is atomic (O_EXCL). A lock left by a crash (its process is gone from this host) is
 * taken over; one from another host is never guessed about.
 */
export function lockDatabaseFolder(folder: string): FolderLock {
  // One lock per folder, however it is spelled (relative, symlink, trailing slash). The lock
  // sits beside the folder, not in it, so a copy of the folder never carries a lock along.
  const realFolder = realpathSync(folder);
  const lockPath = `${realFolder}.lock`;
  const me: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  const mine = `${JSON.stringify(me)}\n`;

  for (let attempt = 0; attempt < 50; attempt++) {
    if (createExclusive(lockPath, mine)) return heldLock(lockPath, mine);
    const raw = readIfExists(lockPath);
    if (raw === null) continue; // released between our two calls: try again
    const owner = parseOwner(raw);
    const stale = owner
      ? isStale(owner, me) && !heldByThisProcess.has(lockPath)
      : isAbandonedUnreadable(lockPath);
    if (!stale) throw new DatabaseFolderLockedError(realFolder, lockPath, owner);
    // Another process is taking it over: look again in a moment (then it is held, or gone).
    if (!takeOverStale(lockPath, raw)) pause(20);
  }
  throw new DatabaseFolderLockedError(realFolder, lockPath, parseOwner(readIfExists(lockPath)));
}

function heldLock(lockPath: string, mine: string): FolderLock {
  let held = true;
  heldByThisProcess.add(lockPath);
  const release = () => {
    if (!held) return;
    held = false;
    heldByThisProcess.delete(lockPath);
    process.removeListener("exit", release);
    // Never remove a lock that a later process took over (after judging us dead).
    if (readIfExists(lockPath) === mine) unlinkQuietly(lockPath);
  };
  // A process that exits without closing the database (process.exit in a script) would
  // otherwise leave its lock for the next start to judge stale.
  process.on("exit", release);
  return { path: lockPath, release };
}

function createExclusive(lockPath: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx", 0o644);
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes the stale lock judged by the caller, under a takeover guard (a directory beside the
 * lock: mkdir is atomic), so that one process at a time does it; the caller then tries the
 * exclusive create again. Under the guard, the lock is removed only if it still is that stale
 * lock: nothing else can change a stale lock (its owner is gone; only guard holders remove one),
 * so a lock another process has since created is never removed. (Moving the lock aside without
 * a guard, as before, left a moment with no lock file at all, in which a third process could
 * create one while the second put the first one's back: two holders.) Returns false when
 * another process holds the guard (the caller waits and looks again).
 */
function takeOverStale(lockPath: string, staleRaw: string): boolean {
  const guard = `${lockPath}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
    // A guard is held for a few file operations: one older than this was left by a crash.
    if (ageMs(guard) > GUARD_ABANDONED_MS) removeDirQuietly(guard);
    return false;
  }
  try {
    if (readIfExists(lockPath) === staleRaw) unlinkQuietly(lockPath);
  } finally {
    removeDirQuietly(guard);
  }
  return true;
}

const GUARD_ABANDONED_MS = 10_000;

function ageMs(file: string): number {
  return unlessMissing(() => Date.now() - statSync(file).mtimeMs, 0);
}

function removeDirQuietly(dir: string) {
  unlessMissing(() => rmdirSync(dir), undefined);
}

/** Blocks this thread for a moment (opening the database is synchronous start-up work). */
function pause(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A lock is stale when its process is gone: same host, and no such PID (or it is ours). */
function isStale(owner: LockOwner, me: LockOwner): boolean {
  if (owner.host !== me.host) return false;
  // Our own PID cannot hold it (we are only starting): a restarted container often gets the
  // PID its previous run had. A lock older than the last boot cannot be held either.
  if (owner.pid === me.pid) return true;
  const bootedAt = Date.now() - os.uptime() * 1000;
  if (Date.parse(owner.startedAt) < bootedAt - 60_000) return true;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, run by another user.
    return errorCode(error) === "ESRCH";
  }
}

/**
 * A lock file that does not parse is being written right now, or its writer crashed between
 * creating and writing it: after a few seconds, only the second is possible.
 */
function isAbandonedUnreadable(lockPath: string): boolean {
  return ageMs(lockPath) > 10_000;
}

function parseOwner(raw: string | null): LockOwner | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>;
    if (
      Number.isInteger(value.pid) &&
      (value.pid ?? 0) > 0 &&
      typeof value.host === "string" &&
      typeof value.startedAt === "string"
    ) {
      return { pid: value.pid!, host: value.host, startedAt: value.startedAt };
    }
  } catch {
    // Unreadable: treated as held (a process may be writing it right now).
  }
  return null;
}

function readIfExists(file: string): string | null {
  return unlessMissing(() => readFileSync(file, "utf8"), null);
}

function unlinkQuietly(file: string) {
  unlessMissing(() => unlinkSync(file), undefined);
}

/** `run`'s answer, or `missing` when the file it touches is gone (ENOENT); other errors throw. */
function unlessMissing<T>(run: () => T, missing: T): T {
  try {
    return run();
  } catch (error) {
    if (errorCode(error) === "ENOENT") return missing;
    throw error;
  }
}

function errorCode(error: unknown) {
  return error && typeof error === "object" && "code" in error ? String(error.code) : undefined;
}
