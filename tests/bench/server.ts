// Benchmark plumbing: production build, fresh seeded PGlite folder, `node server.js` start/stop.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createScratchDatabase } from "../fixtures/scratch-database";

export const root = path.resolve(import.meta.dirname, "../..");

/**
 * Builds when build/ is missing (or when BENCH_REBUILD=1); a failed build is retried, since
 * someone may have a file in progress.
 */
export async function ensureBuild({ attempts = 3, retryDelayMs = 30_000 } = {}) {
  const forced = process.env.BENCH_REBUILD === "1";
  if (!forced && existsSync(path.join(root, "build/server/index.js"))) {
    console.log("bench: using the existing production build (build/).");
    return { built: false };
  }
  for (let attempt = 1; attempt <= attempts; attempt++) {
    console.log(`bench: running \`npm run build\` (attempt ${attempt})…`);
    const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (result.status === 0 && existsSync(path.join(root, "build/server/index.js"))) {
      return { built: true };
    }
    if (attempt < attempts) await sleep(retryDelayMs);
  }
  throw new Error("`npm run build` failed.");
}

/** Environment of the seed and of the server: production, own PGlite folder, no mail sent. */
export function benchEnv(
  pgliteDir: string,
  port?: number,
  databaseUrl?: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PGLITE_DIR: pgliteDir,
    SESSION_SECRET: "bench-only-session-secret-not-for-production",
    INSECURE_COOKIES: "1",
    DEV_MAILBOX: "1",
    OUTBOX_WORKER: "off",
    HOST: "127.0.0.1",
    BENCH_PAGES: "1",
    // As `npm start` runs the server (package.json): two glibc arenas rather than eight per core.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2",
  };
  // Production refuses to start without PUBLIC_URL (links in emails are built from it).
  if (port !== undefined) {
    env.PORT = String(port);
    env.PUBLIC_URL = `http://127.0.0.1:${port}`;
  }
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  delete env.SMTP_URL;
  delete env.TRUST_PROXY;
  return env;
}

/** Removes the folder and seeds it with the demo data (same command as the e2e server). */
export function seedFreshDatabase(pgliteDir: string, databaseUrl?: string) {
  rmSync(pgliteDir, { recursive: true, force: true });
  const seed = spawnSync("npx", ["tsx", "prisma/seed/index.ts", "--demo"], {
    cwd: root,
    env: benchEnv(pgliteDir, undefined, databaseUrl),
    stdio: "inherit",
  });
  if (seed.status !== 0) throw new Error(`Seed failed (exit ${seed.status ?? seed.signal}).`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("No free port."))));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess, timeoutMs: number) {
  return new Promise<boolean>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServer(
  pgliteDir: string,
  databaseUrl?: string,
  { nodeArgs = [] }: { nodeArgs?: string[] } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
    cwd: root,
    env: benchEnv(pgliteDir, port, databaseUrl),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    // The server closes PGlite on SIGTERM; give it time so the folder is left consistent.
    if (!(await waitForExit(child, 20_000))) {
      console.warn("bench: the server did not exit within 20 s after SIGTERM; killing it.");
      child.kill("SIGKILL");
      await waitForExit(child, 5_000);
    }
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited during start-up:\n${log.join("")}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) {
        await response.arrayBuffer();
        return { baseUrl, pid: child.pid ?? -1, stop };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`The server did not answer /healthz within 90 s:\n${log.join("")}`);
}

/** A database of its own on the PostgreSQL server of BENCH_POSTGRES_URL (see scratch-database). */
export const createPostgresDatabase = (adminUrl: string) =>
  createScratchDatabase(adminUrl, "bench");
