// The rules of the embedded database folder lock, on hand-written lock files: who holds it,
// when a lock is stale, and that a held lock is never taken over.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseFolderLockedError, lockDatabaseFolder } from "~/utils/db/folder-lock.server";

// realpath: the lock names the folder by its real path (os.tmpdir() may be a symlink).
const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "folder-lock-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
function folder() {
  const dir = path.join(root, `db${++count}`);
  mkdirSync(dir);
  return { dir, lockPath: `${dir}.lock` };
}

const lockFileOf = (owner: object) => `${JSON.stringify(owner)}\n`;

/** The PID of a process that has exited (and been reaped). */
function deadPid() {
  const result = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], {
    encoding: "utf8",
  });
  return Number(result.stdout.trim());
}

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseFolderLockedError);
    return (error as Error).message;
  }
  throw new Error("the lock was taken");
}

describe("database folder lock", () => {
  it("writes who holds it, and removes it on release (only once, only if still ours)", () => {
    const { dir, lockPath } = folder();
    const lock = lockDatabaseFolder(dir);
    expect(lock.path).toBe(lockPath);
    expect(JSON.parse(readFileSync(lockPath, "utf8"))).toEqual({
      pid: process.pid,
      host: os.hostname(),
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    // Someone else's lock, written after ours was released, is left alone.
    writeFileSync(lockPath, lockFileOf({ pid: 1, host: os.hostname(), startedAt: "x" }));
    lock.release();
    expect(existsSync(lockPath)).toBe(true);
  });

  it("the same folder twice in one process is refused, however it is spelled", () => {
    const { dir } = folder();
    const lock = lockDatabaseFolder(dir);
    const message = refusal(() => lockDatabaseFolder(`${dir}/./`));
    expect(message).toContain(`folder ${dir} is in use by process ${process.pid}`);
    lock.release();
    lockDatabaseFolder(dir).release();
  });

  it("a live process's lock is refused, naming the folder, PID, host and start time", () => {
    const { dir, lockPath } = folder();
    // The parent of this test process is alive for as long as the test runs. Its lock was
    // written since this machine booted (a lock older than the boot is stale, whoever holds
    // the PID now): a fixed date here failed on any machine booted after it.
    const startedAt = new Date(Date.now() - 1000).toISOString();
    const owner = { pid: process.ppid, host: os.hostname(), startedAt };
    writeFileSync(lockPath, lockFileOf(owner));
    expect(refusal(() => lockDatabaseFolder(dir))).toBe(
      `The embedded database folder ${dir} is in use by process ${owner.pid} on host ` +
        `${owner.host}, started ${startedAt}. Only one process may open it at a time: ` +
        `stop that process, or set PGLITE_DIR to another folder. If that process is certainly ` +
        `not running, delete ${lockPath}.`,
    );
    expect(readFileSync(lockPath, "utf8")).toBe(lockFileOf(owner));
  });

  it("a lock from another host is never judged stale", () => {
    const { dir } = folder();
    const owner = { pid: deadPid(), host: "other-host", startedAt: new Date().toISOString() };
    writeFileSync(`${dir}.lock`, lockFileOf(owner));
    expect(refusal(() => lockDatabaseFolder(dir))).toContain(
      `process ${owner.pid} on host other-host`,
    );
  });

  it("a lock left by a dead process on this host is taken over", () => {
    const { dir, lockPath } = folder();
    const owner = { pid: deadPid(), host: os.hostname(), startedAt: new Date().toISOString() };
    writeFileSync(lockPath, lockFileOf(owner));
    const lock = lockDatabaseFolder(dir);
    expect(JSON.parse(readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it("a lock naming this very PID from an earlier run (restarted container) is taken over", () => {
    const { dir, lockPath } = folder();
    const earlier = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
    writeFileSync(lockPath, lockFileOf(earlier));
    lockDatabaseFolder(dir).release();
  });

  it("processes racing to take over one stale lock: exactly one gets it", async () => {
    const { dir, lockPath } = folder();
    const stale = { pid: deadPid(), host: os.hostname(), startedAt: new Date().toISOString() };
    writeFileSync(lockPath, lockFileOf(stale));
    const child = path.resolve(import.meta.dirname, "../fixtures/folder-lock-child.ts");
    // The winner holds the lock until every contender has answered (this file), so a contender
    // that starts late on a loaded machine still races a held lock.
    const releaseWhen = `${dir}.release`;
    // Every contender starts (tsx, imports) before this moment, then they all try at once.
    const startAt = Date.now() + 8_000;
    const answers: string[] = [];
    const exits = Array.from(
      { length: 6 },
      () =>
        new Promise<void>((resolve, reject) => {
          const env = { ...process.env };
          delete env.NODE_OPTIONS;
          const run = spawn(
            process.execPath,
            ["--import", "tsx", child, dir, String(startAt), releaseWhen],
            { env, stdio: ["ignore", "pipe", "inherit"] },
          );
          run.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            answers.push(...chunk.split("\n").filter(Boolean));
            if (answers.length === 6) writeFileSync(releaseWhen, "");
          });
          run.on("error", reject);
          run.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
        }),
    );
    await Promise.all(exits);
    const outcomes = answers;
    expect(outcomes.filter((outcome) => outcome === "got")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "refused")).toHaveLength(5);
    expect(existsSync(lockPath), "the winner released it").toBe(false);
  }, 60_000);

  it("a stale lock being taken over by another process is left to it: refused, not removed", () => {
    // Without the takeover guard, a process that had judged the lock stale moved away whatever
    // lock file was there by then, leaving a moment with none, in which a third could create its
    // own while the first still held: two holders (seen once in CI with six contenders).
    const { dir, lockPath } = folder();
    const stale = { pid: deadPid(), host: os.hostname(), startedAt: new Date().toISOString() };
    writeFileSync(lockPath, lockFileOf(stale));
    mkdirSync(`${lockPath}.takeover`);
    expect(refusal(() => lockDatabaseFolder(dir))).toContain(`process ${stale.pid}`);
    expect(readFileSync(lockPath, "utf8")).toBe(lockFileOf(stale));
    // Once that process is done (guard gone), the stale lock is taken over.
    rmdirSync(`${lockPath}.takeover`);
    lockDatabaseFolder(dir).release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it("a takeover guard left by a crash is cleared after a few seconds", () => {
    const { dir, lockPath } = folder();
    const stale = { pid: deadPid(), host: os.hostname(), startedAt: new Date().toISOString() };
    writeFileSync(lockPath, lockFileOf(stale));
    mkdirSync(`${lockPath}.takeover`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${lockPath}.takeover`, old, old);
    lockDatabaseFolder(dir).release();
    expect(existsSync(`${lockPath}.takeover`)).toBe(false);
  });

  it("an unreadable lock is held while fresh (being written), stale after a few seconds", () => {
    const { dir, lockPath } = folder();
    writeFileSync(lockPath, "");
    expect(refusal(() => lockDatabaseFolder(dir))).toContain(
      "in use by another process (its lock file cannot be read)",
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath, old, old);
    lockDatabaseFolder(dir).release();
  });
});
