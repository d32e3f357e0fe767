// Starts the built app for the end-to-end tests (started by playwright.config.ts):
// a fresh embedded PGlite database in .data/e2e, seeded with the demo data, then `node server.js`
// on 127.0.0.1:$E2E_PORT (default 3210) sending real SMTP to the test sink.
// Expects `npm run build` to have run. SIGTERM/SIGINT are forwarded to the server so it closes
// PGlite cleanly.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = path.resolve(root, process.env.E2E_PGLITE_DIR ?? ".data/e2e");
const port = process.env.E2E_PORT ?? "3210";
const smtpPort = process.env.SMTP_SINK_PORT ?? "2525";

if (!existsSync(path.join(root, "build/server/index.js"))) {
  console.error(
    "e2e-server: build/ is missing. Run `npm run build` first (npm run test:e2e does).",
  );
  process.exit(1);
}

// Always start from a fresh database: the tests rely on the demo seed and on empty rate limits.
rmSync(dataDir, { recursive: true, force: true });

const env = {
  ...process.env,
  NODE_ENV: "production",
  PGLITE_DIR: dataDir,
  SESSION_SECRET: process.env.SESSION_SECRET ?? "e2e-only-session-secret-not-for-production",
  INSECURE_COOKIES: "1",
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  OUTBOX_POLL_MS: process.env.OUTBOX_POLL_MS ?? "200",
  // Imports and freezes show their progress page in the browser, however small they are.
  BACKGROUND_WAIT_MS: "0",
  PORT: port,
  HOST: "127.0.0.1",
  // Production refuses to start without it; links in emails point at this server.
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  // The outbox runs, reminders and the staff digest do not: their emails would land in the
  // sink between a test's login email and its check (app/boot.server.ts).
  REMINDERS: "off",
  // The campaign operations journey moves the clock with the reminders page's rehearsal.
  REMINDERS_REHEARSAL: "1",
};
// The e2e suite always runs on its own embedded database, never on a configured PostgreSQL.
delete env.DATABASE_URL;
delete env.DEV_MAILBOX;
delete env.OUTBOX_WORKER;
delete env.TRUST_PROXY;

// The demo seed, then the sessions tests sign in with (tests/fixtures/sessions.ts) rather than
// through the login form, which only the login tests use: one process for both. tsx as Node's
// loader, not `npx tsx`: one Node process instead of three (npx, tsx's CLI, its child), about
// 1.5 s less before the server starts here.
const prepare = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "tests/fixtures/e2e-database.ts",
    ...(process.env.E2E_SESSIONS_FILE ? ["--out", process.env.E2E_SESSIONS_FILE] : []),
  ],
  { cwd: root, env, stdio: "inherit" },
);
if (prepare.status !== 0) {
  console.error(
    `e2e-server: seeding or writing sessions failed (exit ${prepare.status ?? prepare.signal}).`,
  );
  process.exit(1);
}

const server = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: "inherit" });

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    stopping = true;
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on("exit", (code, signal) => {
  if (!stopping) console.error(`e2e-server: server exited unexpectedly (${code ?? signal}).`);
  process.exit(code ?? (stopping ? 0 : 1));
});
