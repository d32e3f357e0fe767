// npm run bench — server render time and JS size of the return pages for the largest demo return,
// compared with pages of the same app that carry no return (accessibility statement, home), in the
// same run. See docs/benchmarks.md. No thresholds: it measures and reports.
//
// Settings (environment): BENCH_N (timed requests per page, 200), BENCH_WARMUP (20),
// BENCH_BROWSER=0 (skip Chromium), BENCH_BROWSER_RUNS (5), CHROMIUM_PATH, BENCH_REBUILD=1.
// Concurrent mode: BENCH_CLIENTS (10), BENCH_CONCURRENT_N (requests per page, 400),
// BENCH_POSTGRES_URL (a server where the bench creates and drops its own database; default the dev
// PostgreSQL), BENCH_POSTGRES=0 (PGlite only), BENCH_CONCURRENT_ONLY=1 (skip the sequential,
// JS and browser measures), BENCH_CONCURRENT_PAGES (page keys under load, "section,accessibility";
// one page alone gives a profile of that page), BENCH_CPU_PROF=1 (the server runs under `node --cpu-prof`; the profiles
// go to test-results/cpu-prof/<engine>/ and a summary is printed).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureInBrowser, type BrowserResult } from "./browser";
import { measureConcurrent, type ConcurrentResult } from "./concurrent";
import { formatProfile, newestProfile, summariseProfile } from "./cpu-profile";
import { prepareFixture, type BenchFixture } from "./fixture";
import { measurePageJs, type PageJs } from "./js-size";
import { fetchPage, measureRender, type BenchPage, type RenderResult } from "./render";
import {
  createPostgresDatabase,
  ensureBuild,
  root,
  seedFreshDatabase,
  startServer,
  type RunningServer,
} from "./server";

const intEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const config = {
  iterations: intEnv("BENCH_N", 200),
  warmup: intEnv("BENCH_WARMUP", 20),
  browser: process.env.BENCH_BROWSER !== "0",
  browserRuns: intEnv("BENCH_BROWSER_RUNS", 5),
  pgliteDir: path.join(root, ".data/bench"),
  output: path.join(root, "test-results/bench.json"),
  clients: intEnv("BENCH_CLIENTS", 10),
  concurrentRequests: intEnv("BENCH_CONCURRENT_N", 400),
  postgresUrl:
    process.env.BENCH_POSTGRES === "0"
      ? null
      : (process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5439/postgres"),
  concurrentOnly: process.env.BENCH_CONCURRENT_ONLY === "1",
  cpuProfileDir:
    process.env.BENCH_CPU_PROF === "1" ? path.join(root, "test-results/cpu-prof") : null,
};

/** Node options of the server: under the CPU profiler when asked, one folder per engine. */
const serverOptions = (engine: string) =>
  config.cpuProfileDir
    ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${path.join(config.cpuProfileDir, engine)}`] }
    : {};

/** Prints where the server's time went (the profile is written when the server exits). */
function reportProfile(engine: string) {
  if (!config.cpuProfileDir) return;
  const file = newestProfile(path.join(config.cpuProfileDir, engine));
  if (file) console.log(`\n${formatProfile(summariseProfile(file, 30))}\n`);
  else console.log(`bench: no CPU profile was written for ${engine}.`);
}

// ---------------------------------------------------------------------------------------------
// Formatting

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const ratio = (value: number, base: number) => (base > 0 ? `×${(value / base).toFixed(2)}` : "–");

function table(headers: string[], rows: string[][]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function machine() {
  const uptime = spawnSync("uptime", { encoding: "utf8" });
  const cpus = os.cpus();
  return {
    uptime: uptime.status === 0 ? uptime.stdout.trim() : null,
    loadAverage: os.loadavg().map((v) => Number(v.toFixed(2))),
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    totalMemoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    freeMemoryGiB: Number((os.freemem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

// ---------------------------------------------------------------------------------------------

function pagesFor(fixture: BenchFixture): BenchPage[] {
  const cookie = `sb_session=${fixture.sessionSecret}`;
  const returnPath = `/fr/partner/returns/${fixture.returnId}`;
  return [
    {
      key: "taskList",
      label: "Return task list",
      path: returnPath,
      cookie,
      expect: `/sections/${fixture.sectionId}"`,
    },
    {
      key: "section",
      label: "Return section (largest)",
      path: `${returnPath}/sections/${fixture.sectionId}`,
      cookie,
      expect: 'name="_version"',
    },
    {
      key: "measurePicker",
      label: "Its measure picker (77 boxes)",
      path: `${returnPath}/sections/${fixture.sectionId}/measures/relatedMeasures`,
      cookie,
      expect: 'name="relatedMeasures"',
    },
    {
      key: "accessibility",
      label: "Bare: accessibility",
      path: "/fr/accessibility",
      expect: "<h1",
    },
    { key: "home", label: "Bare: home", path: "/fr", expect: "<h1" },
    {
      key: "bareForm",
      label: "Bare: 60 text areas",
      path: "/fr/bench/bare-form",
      expect: 'name="field60"',
    },
  ];
}

/**
 * Under load: the largest section page and two references, the issue's "bare React Router page
 * of 60 labelled text areas" (app/routes/bench-bare-form.tsx) and the accessibility statement.
 */
const concurrentKeys = (
  process.env.BENCH_CONCURRENT_PAGES ?? "section,bareForm,accessibility"
).split(",");
const concurrentPages = (pages: BenchPage[]) => pages.filter((p) => concurrentKeys.includes(p.key));

async function main() {
  const startedAt = new Date();
  const machineBefore = machine();
  console.log(`bench: ${machineBefore.uptime ?? `load ${machineBefore.loadAverage.join(", ")}`}`);

  const build = await ensureBuild();
  console.log(`bench: seeding a fresh demo database in ${path.relative(root, config.pgliteDir)}…`);
  seedFreshDatabase(config.pgliteDir);
  const fixture = await prepareFixture(config.pgliteDir);
  console.log(
    `bench: largest open return: ${fixture.organisationName} (${fixture.organisationSlug}), ` +
      `${fixture.campaignYear}, ${fixture.sectionCount} sections, ${fixture.measureCount} ` +
      `measures; section ${fixture.sectionSlotKey}; signed in as ${fixture.userEmail}.`,
  );

  const pages = pagesFor(fixture);
  const bare = "accessibility";

  let server: RunningServer | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`bench: ${signal}, stopping the server…`);
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const render: RenderResult[] = [];
  const concurrent: { engine: string; results: ConcurrentResult[] }[] = [];
  const concurrentConfig = {
    clients: config.clients,
    requests: config.concurrentRequests,
    blocks: 4,
  };
  const js: Record<string, PageJs> = {};
  let browser: BrowserResult[] | null = null;
  let browserError: string | null = null;
  try {
    server = await startServer(config.pgliteDir, undefined, serverOptions("pglite"));
    console.log(`bench: server ${server.baseUrl} (pid ${server.pid}) is up.`);

    console.log(`bench: PGlite, ${config.clients} concurrent clients…`);
    concurrent.push({
      engine: "PGlite",
      results: await measureConcurrent(server.baseUrl, concurrentPages(pages), concurrentConfig),
    });
    if (!config.concurrentOnly) {
      console.log(
        `bench: ${config.warmup} warm-up + ${config.iterations} timed rounds, each requesting ` +
          `the ${pages.length} pages in turn…`,
      );
      render.push(
        ...(await measureRender(server.baseUrl, pages, config, (round) => {
          if (round % 50 === 0) console.log(`bench:   ${round}/${config.iterations} rounds`);
        })),
      );

      for (const page of pages) {
        const { body } = await fetchPage(server.baseUrl, page);
        js[page.key] = await measurePageJs(body, server.baseUrl + page.path);
      }

      if (config.browser) {
        console.log(`bench: Chromium, ${config.browserRuns} cold loads per page…`);
        try {
          browser = await measureInBrowser(
            server.baseUrl,
            pages,
            { name: "sb_session", value: fixture.sessionSecret },
            config.browserRuns,
          );
        } catch (error) {
          browserError = error instanceof Error ? error.message : String(error);
        }
      }
    }
  } finally {
    if (server) {
      await server.stop();
      console.log("bench: server stopped.");
      reportProfile("pglite");
    }
  }

  if (config.postgresUrl) {
    const database = await createPostgresDatabase(config.postgresUrl);
    try {
      console.log("bench: PostgreSQL: seeding a database of its own…");
      seedFreshDatabase(config.pgliteDir, database.url);
      const pgFixture = await prepareFixture(config.pgliteDir, database.url);
      const pgPages = pagesFor(pgFixture);
      server = await startServer(config.pgliteDir, database.url, serverOptions("postgres"));
      try {
        console.log(`bench: PostgreSQL, ${config.clients} concurrent clients…`);
        concurrent.push({
          engine: "PostgreSQL",
          results: await measureConcurrent(
            server.baseUrl,
            concurrentPages(pgPages),
            concurrentConfig,
          ),
        });
      } finally {
        await server.stop();
        reportProfile("postgres");
      }
    } finally {
      await database.drop();
    }
  }

  console.log(
    `\nConcurrent load (${config.clients} clients, ${config.concurrentRequests} requests per ` +
      "page in 4 alternating blocks after a warm-up; request sent → last body byte)\n",
  );
  console.log(
    table(
      ["Engine", "Page", "req/s", "p50", "p95", "vs 60 text areas", "vs accessibility"],
      concurrent.flatMap(({ engine, results }) => {
        const share = (key: string, rps: number) => {
          const reference = results.find((r) => r.page.key === key);
          return reference ? `${((100 * rps) / reference.requestsPerSecond).toFixed(0)} %` : "–";
        };
        return results.map((r) => [
          engine,
          r.page.label,
          r.requestsPerSecond.toFixed(1),
          ms(r.latency.medianMs),
          ms(r.latency.p95Ms),
          share("bareForm", r.requestsPerSecond),
          share(bare, r.requestsPerSecond),
        ]);
      }),
    ),
  );
  const concurrentReport = concurrent.map(({ engine, results }) => ({
    engine,
    results: results.map((r) => ({
      key: r.page.key,
      clients: r.clients,
      requests: r.requests,
      elapsedMs: r.elapsedMs,
      requestsPerSecond: r.requestsPerSecond,
      latency: r.latency,
    })),
  }));
  if (config.concurrentOnly) {
    mkdirSync(path.dirname(config.output), { recursive: true });
    writeFileSync(
      config.output,
      `${JSON.stringify({ startedAt, machine: machineBefore, concurrent: concurrentReport }, null, 2)}\n`,
    );
    return;
  }

  // -------------------------------------------------------------------------------------------
  // Report

  const renderOf = (key: string) => render.find((r) => r.page.key === key)!;
  const bareRender = renderOf(bare);
  const homeRender = renderOf("home");
  console.log(
    `\nServer render time (${config.iterations} sequential requests per page, interleaved, ` +
      `after ${config.warmup} warm-up rounds; request sent → last body byte)\n`,
  );
  console.log(
    table(
      ["Page", "HTML", "HTML gz", "median", "p95", "min", "req/s", "vs bare", "vs home"],
      render.map((r) => [
        r.page.label,
        kb(r.htmlBytes),
        kb(r.htmlGzipBytes),
        ms(r.stats.medianMs),
        ms(r.stats.p95Ms),
        ms(r.stats.minMs),
        r.stats.requestsPerSecond.toFixed(1),
        ratio(r.stats.medianMs, bareRender.stats.medianMs),
        ratio(r.stats.medianMs, homeRender.stats.medianMs),
      ]),
    ),
  );

  const bareJs = js[bare]!;
  const homeJs = js.home!;
  console.log("\nJS loaded up front (modules named by the HTML + their static imports)\n");
  console.log(
    table(
      [
        "Page",
        "modules",
        "JS raw",
        "JS gzip",
        "CSS gzip",
        "inline JS",
        "vs bare",
        "vs home",
        "extra vs bare",
      ],
      pages.map((page) => {
        const pageJs = js[page.key]!;
        const bareUrls = new Set(bareJs.modules.map((m) => m.url));
        const extra = pageJs.modules.filter((m) => !bareUrls.has(m.url));
        return [
          page.label,
          String(pageJs.moduleCount),
          kb(pageJs.rawBytes),
          kb(pageJs.gzipBytes),
          kb(pageJs.cssGzipBytes),
          kb(pageJs.inlineScriptBytes),
          ratio(pageJs.gzipBytes, bareJs.gzipBytes),
          ratio(pageJs.gzipBytes, homeJs.gzipBytes),
          `${extra.length} mod, ${kb(extra.reduce((sum, m) => sum + m.gzipBytes, 0))} gz`,
        ];
      }),
    ),
  );

  if (browser) {
    const bareBrowser = browser.find((b) => b.page.key === bare)!;
    console.log(
      `\nHeadless Chromium (median of ${config.browserRuns} cold loads; Resource Timing; ` +
        "hydrated ≈ last element has a React fiber)\n",
    );
    console.log(
      table(
        ["Page", "JS files", "JS wire", "JS decoded", "DCL", "load", "hydrated", "vs bare"],
        browser.map((b) => [
          b.page.label,
          String(b.median.jsCount),
          kb(b.median.jsTransferBytes),
          kb(b.median.jsDecodedBytes),
          ms(b.median.domContentLoadedMs),
          ms(b.median.loadMs),
          ms(b.median.hydratedMs),
          ratio(b.median.hydratedMs, bareBrowser.median.hydratedMs),
        ]),
      ),
    );
  } else if (browserError) {
    console.log(`\nHeadless Chromium: failed: ${browserError}`);
  } else {
    console.log("\nHeadless Chromium: skipped (BENCH_BROWSER=0).");
  }

  const machineAfter = machine();
  // The session secret stays out of the report (undefined is dropped by JSON.stringify).
  const fixtureReport = { ...fixture, sessionSecret: undefined };
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    config: {
      iterations: config.iterations,
      warmup: config.warmup,
      browserRuns: config.browser ? config.browserRuns : 0,
      buildRan: build.built,
      bareBaseline: bare,
    },
    machine: { before: machineBefore, after: { loadAverage: machineAfter.loadAverage } },
    fixture: fixtureReport,
    render: render.map((r) => ({
      key: r.page.key,
      label: r.page.label,
      path: r.page.path,
      htmlBytes: r.htmlBytes,
      htmlGzipBytes: r.htmlGzipBytes,
      ...r.stats,
      medianVsBare: r.stats.medianMs / bareRender.stats.medianMs,
      medianVsHome: r.stats.medianMs / homeRender.stats.medianMs,
    })),
    js: pages.map((page) => {
      const pageJs = js[page.key]!;
      return {
        key: page.key,
        ...pageJs,
        modules: pageJs.modules.map((m) => ({ ...m, url: new URL(m.url).pathname })),
        lazyModules: pageJs.lazyModules.map((url) => new URL(url).pathname),
        css: pageJs.css.map((c) => ({ ...c, url: new URL(c.url).pathname })),
        gzipVsBare: pageJs.gzipBytes / bareJs.gzipBytes,
        gzipVsHome: pageJs.gzipBytes / homeJs.gzipBytes,
      };
    }),
    concurrent: concurrentReport,
    browser: browser?.map((b) => ({ key: b.page.key, runs: b.runs, ...b.median })) ?? null,
    browserError,
  };
  mkdirSync(path.dirname(config.output), { recursive: true });
  writeFileSync(config.output, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nbench: wrote ${path.relative(root, config.output)}`);
  console.log(`bench: load average after: ${machineAfter.loadAverage.join(", ")}`);
  if (browserError) process.exitCode = 1;
  // Reminders: a run over 10,000 returns, and delivery through the outbox against plain
  // nodemailer (tests/bench/reminders.ts, its own databases). BENCH_REMINDERS=0 to skip.
  if (process.env.BENCH_REMINDERS !== "0" && !config.concurrentOnly) {
    const reminders = spawnSync(process.execPath, ["--import", "tsx", "tests/bench/reminders.ts"], {
      cwd: root,
      stdio: "inherit",
    });
    if (reminders.status !== 0) process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error("bench: failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
