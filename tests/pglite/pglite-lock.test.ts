// The embedded database folder is opened by one process at a time, and survives a crash.
// Real processes (tests/fixtures/pglite-lock-child.ts, through the app's db.server.ts) on a real
// folder; the engine under test is PGlite whatever TEST_DB_ENGINE says.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase } from "~/utils/db/engine.server";

const CHILD = path.resolve(import.meta.dirname, "../fixtures/pglite-lock-child.ts");
const root = mkdtempSync(path.join(os.tmpdir(), "pglite-lock-"));
/** A migrated folder, copied for each test: migrating a fresh folder takes long. */
const prepared = path.join(root, "prepared");
const children: ChildProcess[] = [];

interface Child {
  process: ChildProcess;
  /** Resolves with the first stdout line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  lines(): string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startChild(folder: string, mode: "hold" | "insert" | "check"): Child {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: folder };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS; // vitest's own loader options are not for the child
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, mode], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const seen: string[] = [];
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    const parts = stdout.split("\n");
    stdout = parts.pop()!;
    for (const line of parts) {
      seen.push(line);
      for (const wait of waiting.filter((w) => w.pattern.test(line))) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(line);
      }
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    process: child,
    lines: () => seen,
    exit,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const found = seen.find((line) => pattern.test(line));
        if (found) return resolve(found);
        waiting.push({ pattern, resolve });
        void exit.then(({ code, stderr }) =>
          reject(new Error(`child exited (${code}) before ${pattern}: ${stderr.slice(-2000)}`)),
        );
      }),
  };
}

function freshFolder(name: string) {
  const folder = path.join(root, name);
  cpSync(prepared, folder, { recursive: true });
  return folder;
}

beforeAll(async () => {
  // From the run's migrated dump (tests/setup/global-setup.ts): initdb and the migrations in
  // WebAssembly cost 5-20 s on a busy 2-core machine.
  const database = await openDatabase({
    pgliteDir: prepared,
    pgliteDump: new Blob([readFileSync(inject("pgliteTemplate"))]),
  });
  await database.prisma.$executeRawUnsafe(
    "CREATE TABLE lock_probe (id serial PRIMARY KEY, writer int NOT NULL)",
  );
  await database.close();
  expect(existsSync(`${realpathSync(prepared)}.lock`), "released on close").toBe(false);
}, 120_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

describe("embedded database folder lock", () => {
  it("a second process on the same folder refuses to start, naming the folder and the first process; the first keeps working", async () => {
    const folder = freshFolder("two-processes");
    const first = startChild(folder, "hold");
    await first.line(/^ready$/);
    const lockFile = `${realpathSync(folder)}.lock`;
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({
      pid: first.process.pid,
      host: os.hostname(),
    });

    const second = startChild(folder, "check");
    const refused = await second.exit;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`folder ${realpathSync(folder)} is in use`);
    expect(refused.stderr).toContain(`process ${first.process.pid} on host ${os.hostname()}`);
    expect(refused.stderr, "a clear message, not a stack trace").not.toMatch(/\n\s+at /);
    expect(second.lines(), "it never opened the database").toEqual([]);

    first.process.stdin!.write("write\n");
    expect(await first.line(/^wrote/)).toBe("wrote 1");
    first.process.stdin!.end("close\n");
    expect((await first.exit).code).toBe(0);
    expect(existsSync(lockFile), "the lock is released on a clean close").toBe(false);
  }, 90_000);

  it("after kill -9 mid-write, the folder opens with every committed row and takes writes", async () => {
    const folder = freshFolder("killed");
    const writer = startChild(folder, "insert");
    await writer.line(/^inserted 20$/);
    writer.process.kill("SIGKILL");
    const killed = await writer.exit;
    expect(killed.signal).toBe("SIGKILL");
    const committed = Math.max(
      ...writer
        .lines()
        .map((line) => /^inserted (\d+)$/.exec(line)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number),
    );
    // The dead process's lock is still there: the next one takes it over.
    expect(existsSync(`${realpathSync(folder)}.lock`)).toBe(true);

    const next = startChild(folder, "check");
    const summary = JSON.parse(await next.line(/^\{/)) as { rows: number };
    // Every acknowledged commit survived (one more may have committed before the kill).
    expect(summary.rows).toBeGreaterThanOrEqual(committed);
    expect(summary.rows).toBeLessThanOrEqual(committed + 1);
    expect(await next.line(/^wrote/)).toBe(`wrote ${summary.rows + 1}`);
    const done = await next.exit;
    expect(done.code, done.stderr).toBe(0);
  }, 90_000);
});
