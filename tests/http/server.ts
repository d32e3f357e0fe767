// Starts the production build (`node server.js`, NODE_ENV=production) on a fresh embedded
// database and a free port, for tests that must go through real HTTP (body limits, connection
// handling, headers, proxies). Shared by the HTTP tests and the fuzz suite.
//
// Expects `npm run build` to have run (the npm scripts do it under the build lock). The demo
// seed runs once per test process into a template folder; every server then gets its own copy,
// so servers never share a database and start in about a second.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startFromMigratedCluster } from "../fixtures/migrated-cluster";
import { sessionCookieHeader } from "../fixtures/sessions";

export const root = path.resolve(import.meta.dirname, "../..");

export interface StartOptions {
  /** Environment overrides; a key set to undefined is removed from the server's environment. */
  env?: Record<string, string | undefined>;
  /** "demo" (default): reference and demo data; "reference": reference data only. */
  seed?: "demo" | "reference";
  /** Demo addresses to sign in: their session cookies are returned in `cookies`. */
  sessions?: string[];
  /** Milliseconds to wait for /healthz (default 60 s). */
  startTimeoutMs?: number;
}

export interface BuiltServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  pid: number;
  /** The environment the server was started with. */
  env: NodeJS.ProcessEnv;
  /** The server's embedded database folder (removed by stop()). */
  dataDir: string;
  /** `Cookie` header values by address, for the `sessions` asked for. */
  cookies: Record<string, string>;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** True while the process runs. */
  alive(): boolean;
  /** SIGTERM (the server closes its database), SIGKILL after 15 s; removes the folder. */
  stop(): Promise<void>;
}

const seededTemplates = new Map<string, string>();

function assertBuilt() {
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("build/ is missing: run `npm run build` first (npm run test:http does).");
  }
}

/** Environment shared by the seed and the server: production, own folder, no real mail. */
function baseEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PGLITE_DIR: dataDir,
    SESSION_SECRET: "http-tests-only-session-secret-not-for-production",
    INSECURE_COOKIES: "1",
    OUTBOX_WORKER: "off",
    // Tests that turn the outbox on want their own emails only, not reminders or the digest.
    REMINDERS: "off",
    HOST: "127.0.0.1",
  };
  for (const key of ["DATABASE_URL", "SMTP_URL", "DEV_MAILBOX", "TRUST_PROXY", "PUBLIC_URL"]) {
    delete env[key];
  }
  // Vitest's own variables would make the server believe it runs under test.
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  return env;
}

/** Seeds a fresh folder (demo or reference data only); the caller removes it. */
export function seedTemplate(kind: "demo" | "reference") {
  const dir = mkdtempSync(path.join(tmpdir(), `sb-http-seed-${kind}-`));
  // The migrated cluster the e2e server keeps, when a run made it: no initdb, no migrations.
  startFromMigratedCluster(dir);
  const args = ["tsx", "prisma/seed/index.ts", ...(kind === "demo" ? ["--demo"] : [])];
  const seed = spawnSync("npx", args, { cwd: root, env: baseEnv(dir), encoding: "utf8" });
  if (seed.status !== 0) {
    throw new Error(`Seed failed (exit ${seed.status ?? seed.signal}):\n${seed.stderr}`);
  }
  return dir;
}

/** Env variable holding a folder seeded once for the whole run (tests/http/global-setup.ts). */
export const SHARED_SEED_VARIABLE = "SB_HTTP_SEEDED_DEMO_DIR";

function seededTemplate(kind: "demo" | "reference") {
  const shared = process.env[SHARED_SEED_VARIABLE];
  if (kind === "demo" && shared && existsSync(shared)) return shared;
  const existing = seededTemplates.get(kind);
  if (existing && existsSync(existing)) return existing;
  const dir = seedTemplate(kind);
  seededTemplates.set(kind, dir);
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function createSessions(dataDir: string, emails: string[]) {
  if (emails.length === 0) return {};
  const result = spawnSync("npx", ["tsx", "tests/fixtures/write-sessions.ts", ...emails], {
    cwd: root,
    env: baseEnv(dataDir),
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`Creating sessions failed:\n${result.stderr}`);
  const lines = result.stdout.trim().split("\n");
  const secrets = JSON.parse(lines[lines.length - 1] ?? "{}") as Record<string, string>;
  return Object.fromEntries(
    Object.entries(secrets).map(([email, secret]) => [email, sessionCookieHeader(secret)]),
  );
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

/**
 * Starts `node server.js` in production mode on a copy of the seeded database. PUBLIC_URL
 * defaults to the server's own URL. Rejects (with the server's output) if the process exits
 * before answering /healthz, so a refused start-up can be asserted too.
 */
export async function startBuiltServer(options: StartOptions = {}): Promise<BuiltServer> {
  assertBuilt();
  const template = seededTemplate(options.seed ?? "demo");
  const dataDir = mkdtempSync(path.join(tmpdir(), "sb-http-db-"));
  cpSync(template, dataDir, { recursive: true });
  const cookies = createSessions(dataDir, options.sessions ?? []);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...baseEnv(dataDir), PORT: String(port), PUBLIC_URL: url };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const child = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    // Keep the tail only: a fuzz run may log a lot.
    if (log.length > 2_000_000) log = log.slice(-1_000_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (alive()) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 15_000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (!alive()) {
      await stop();
      throw new Error(`The server exited during start-up (${child.exitCode}):\n${log}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.ok) {
        return {
          url,
          port,
          pid: child.pid ?? -1,
          env,
          dataDir,
          cookies,
          output: () => log,
          alive,
          stop,
        };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`The server did not answer /healthz in time:\n${log}`);
}

/**
 * Creates a read-API token through the staff page, as `email` (a session of the server), and
 * reads its secret from the page (shown once): the page's answer, its HTML and the secret
 * ("" when the page shows none).
 */
export async function createApiTokenThroughPage(
  server: BuiltServer,
  email: string,
  name: string,
  scopes: readonly string[],
) {
  const page = await fetch(`${server.url}/fr/staff/api-tokens`, {
    method: "POST",
    headers: {
      cookie: server.cookies[email]!,
      origin: server.url,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams([
      ["intent", "create"],
      ["name", name],
      ...scopes.map((scope) => ["scopes", scope]),
    ]),
  });
  const html = await page.text();
  const secret = /value="(sbk_[A-Za-z0-9_-]{43})"/.exec(html)?.[1] ?? "";
  return { page, html, secret };
}
