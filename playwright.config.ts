// End-to-end tests: `npm run test:e2e` (builds first, then runs Playwright).
// Playwright starts two servers: a real SMTP sink (tests/e2e/smtp-sink.mjs) and the built app on a
// fresh, seeded PGlite database (scripts/e2e-server.mjs). Browsers are never downloaded: we use
// Debian's Chromium, its headless build when installed (tests/fixtures/chromium.ts), or CHROMIUM_PATH.
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumPath } from "./tests/fixtures/chromium";

const appPort = Number(process.env.E2E_PORT ?? 3210);
const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 2525);
const sinkHttpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2526);
const baseURL = `http://127.0.0.1:${appPort}`;

// Shared with the tests (helpers.ts reads them back).
process.env.E2E_BASE_URL = baseURL;
process.env.E2E_SINK_URL = `http://127.0.0.1:${sinkHttpPort}`;
// Sessions written by the e2e server before it starts (tests/fixtures/sessions.ts): tests sign in
// with them, except the login tests.
process.env.E2E_SESSIONS_FILE = path.resolve(".data/e2e-sessions.json");

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  // Tests are independent (own addresses, own sessions or saved ones): spread them over workers.
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  // Much of a test is waiting (autosave pauses, emails, the browser), so more workers than our 2
  // cores keep them busy; the app's one PGlite connection serialises the requests anyway.
  workers: Number(process.env.E2E_WORKERS ?? 4),
  // Generous: our CI machines have 2 shared cores, and the axe tests visit several pages each.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL,
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // A test's page lives seconds: V8's optimising compilers (TurboFan, Maglev) spent more
        // CPU compiling than they saved, on our CPU-bound 2-core runs (docs/benchmarks.md,
        // test-suite duration, fourth pass). The app's own behaviour is the same.
        "--js-flags=--no-opt,--no-maglev",
      ],
    },
  },
  // Runs once the servers are up: the shared accounts' storage states (no browser).
  globalSetup: "./tests/e2e/global-setup.ts",
  // One project, so workers are never stopped and started again between groups of tests.
  // Files run in path order: journeys/ (a test can take most of a minute) before pages/ (each a
  // few seconds), so that no long journey starts last while the other workers sit idle.
  // The campaign operations journey opens the demo's 2024 campaign, which invites most demo
  // partners by email: it runs alone, after every other test.
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], locale: "fr-BE" },
      testIgnore: /campaign-operations\.spec\.ts/,
    },
    {
      name: "campaign-operations",
      use: { ...devices["Desktop Chrome"], locale: "fr-BE" },
      testMatch: /campaign-operations\.spec\.ts/,
      dependencies: ["chromium"],
    },
  ],
  webServer: [
    {
      command: "node tests/e2e/smtp-sink.mjs",
      url: `http://127.0.0.1:${sinkHttpPort}/health`,
      env: { SMTP_SINK_PORT: String(smtpPort), SMTP_SINK_HTTP_PORT: String(sinkHttpPort) },
      reuseExistingServer: false,
      timeout: 15_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 3_000 },
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: `${baseURL}/healthz`,
      env: {
        E2E_PORT: String(appPort),
        SMTP_SINK_PORT: String(smtpPort),
        E2E_SESSIONS_FILE: process.env.E2E_SESSIONS_FILE,
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
