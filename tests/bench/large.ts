// npm run bench:large — staff pages over the large generated dataset (tests/bench/large-dataset.ts:
// 10 years × 2,000 partners, ~20k returns, ~200k dataset entries), on PGlite and on PostgreSQL,
// against the bare page (the accessibility statement) of the same server in the same run.
// Sequential requests, interleaved (tests/bench/render.ts). See docs/benchmarks.md, "Large
// dataset". No thresholds: it measures and reports.
//
// Settings (environment): BENCH_N (timed rounds, 100), BENCH_WARMUP (10), BENCH_POSTGRES=0
// (PGlite only), BENCH_POSTGRES_URL, BENCH_LARGE_REUSE=1 (keep .data/bench-large when it already
// holds the generated data: generation takes minutes on PGlite), BENCH_LARGE_PAGES (page keys,
// comma-separated; default all), BENCH_REBUILD=1.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../app/utils/db/engine.server";
import { writeSession } from "../fixtures/sessions";
import { generateLargeDataset, type LargeDatasetSummary } from "./large-dataset";
import { measureRender, type BenchPage, type RenderResult } from "./render";
import {
  createPostgresDatabase,
  ensureBuild,
  root,
  seedFreshDatabase,
  startServer,
} from "./server";

const intEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const config = {
  iterations: intEnv("BENCH_N", 100),
  warmup: intEnv("BENCH_WARMUP", 10),
  pgliteDir: path.join(root, ".data/bench-large"),
  // seedFreshDatabase empties its PGlite folder even when it seeds PostgreSQL: another one, so
  // the PostgreSQL run leaves the (slow to generate) PGlite data in place for BENCH_LARGE_REUSE.
  unusedPgliteDir: path.join(root, ".data/bench-large-unused"),
  postgresUrl:
    process.env.BENCH_POSTGRES === "0"
      ? null
      : (process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5439/postgres"),
  reuse: process.env.BENCH_LARGE_REUSE === "1",
  pages: process.env.BENCH_LARGE_PAGES?.split(",") ?? null,
  output: path.join(root, "test-results/bench-large.json"),
};

const pgliteDirOf = (databaseUrl?: string) =>
  databaseUrl ? config.unusedPgliteDir : config.pgliteDir;

interface LargeFixture {
  /** Cookie value of an administrator's session. */
  staffSession: string;
  /** A measure and a theme that many returns name (filters that reach into sections). */
  measureId: string;
  themeId: string;
  summary: LargeDatasetSummary | null;
}

/**
 * Seeds (unless reused), generates the large dataset, and signs an administrator in. The
 * database is closed before the server opens it.
 */
async function prepare(databaseUrl?: string): Promise<LargeFixture> {
  const reuse =
    !databaseUrl && config.reuse && existsSync(path.join(config.pgliteDir, "PG_VERSION"));
  if (!reuse) seedFreshDatabase(pgliteDirOf(databaseUrl), databaseUrl);
  const database = await openDatabase(
    databaseUrl ? { databaseUrl, migrate: false } : { pgliteDir: config.pgliteDir, migrate: false },
  );
  const { prisma } = database;
  try {
    const generated = await prisma.campaign.count({ where: { id: { startsWith: "bench-" } } });
    const summary =
      generated > 0
        ? null
        : await generateLargeDataset(prisma, { log: (line) => console.log(`bench:   ${line}`) });
    if (summary) console.log(`bench: generated in ${(summary.elapsedMs / 1000).toFixed(0)} s`);
    const admin = await prisma.user.findFirstOrThrow({
      where: { staffRole: "ADMIN", active: true },
      orderBy: { email: "asc" },
    });
    const measure = await prisma.measure.findFirstOrThrow({
      where: { returnSections: { some: {} } },
      orderBy: { returnSections: { _count: "desc" } },
    });
    return {
      staffSession: await writeSession(prisma, admin.id),
      measureId: measure.id,
      themeId: measure.themeId,
      summary,
    };
  } finally {
    await database.close();
  }
}

/**
 * The pages measured. Other staff pages over the large dataset (the dataset browser, its CSV)
 * add their entries here.
 */
function largePages(fixture: LargeFixture): BenchPage[] {
  const cookie = `sb_session=${fixture.staffSession}`;
  const queue = "/fr/staff/review";
  const all: BenchPage[] = [
    {
      key: "queue",
      label: "Review queue (waiting, default)",
      path: queue,
      cookie,
      expect: "<table",
    },
    {
      key: "queueAll",
      label: "Review queue, every state",
      path: `${queue}?state=all`,
      cookie,
      expect: "<table",
    },
    {
      key: "queueAllDeep",
      label: "Review queue, every state, page 400",
      path: `${queue}?state=all&sort=due&page=400`,
      cookie,
      expect: "<table",
    },
    {
      key: "queueMeasure",
      label: "Review queue, by measure, every state",
      path: `${queue}?state=all&measure=${fixture.measureId}`,
      cookie,
      expect: "<table",
    },
    {
      key: "queueFiltered",
      label: "Review queue, theme + channel + 30 days",
      path: `${queue}?theme=${fixture.themeId}&channel=ASBL_CALL&waiting=30`,
      cookie,
      expect: "<table",
    },
    {
      key: "accessibility",
      label: "Bare: accessibility",
      path: "/fr/accessibility",
      expect: "<h1",
    },
  ];
  return config.pages
    ? all.filter((p) => p.key === "accessibility" || config.pages!.includes(p.key))
    : all;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function table(headers: string[], rows: string[][]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

async function measureEngine(engine: string, databaseUrl?: string) {
  console.log(`bench: ${engine}: preparing the large dataset…`);
  const fixture = await prepare(databaseUrl);
  const pages = largePages(fixture);
  const server = await startServer(pgliteDirOf(databaseUrl), databaseUrl);
  try {
    console.log(`bench: ${engine}: ${config.warmup} + ${config.iterations} rounds…`);
    const results = await measureRender(server.baseUrl, pages, config);
    return { engine, summary: fixture.summary, results };
  } finally {
    await server.stop();
  }
}

async function main() {
  const startedAt = new Date();
  await ensureBuild();
  const runs: { engine: string; summary: LargeDatasetSummary | null; results: RenderResult[] }[] =
    [];
  runs.push(await measureEngine("PGlite"));
  if (config.postgresUrl) {
    const database = await createPostgresDatabase(config.postgresUrl);
    try {
      runs.push(await measureEngine("PostgreSQL", database.url));
    } finally {
      await database.drop();
    }
  }

  console.log(
    `\nLarge dataset: sequential requests (${config.iterations} per page, interleaved, after ` +
      `${config.warmup} warm-up rounds; request sent → last body byte)\n`,
  );
  console.log(
    table(
      ["Engine", "Page", "HTML", "median", "p95", "max", "vs bare (median)"],
      runs.flatMap(({ engine, results }) => {
        const bare = results.find((r) => r.page.key === "accessibility")!;
        return results.map((r) => [
          engine,
          r.page.label,
          `${(r.htmlBytes / 1024).toFixed(1)} kB`,
          ms(r.stats.medianMs),
          ms(r.stats.p95Ms),
          ms(r.stats.maxMs),
          `×${(r.stats.medianMs / bare.stats.medianMs).toFixed(2)}`,
        ]);
      }),
    ),
  );
  mkdirSync(path.dirname(config.output), { recursive: true });
  writeFileSync(
    config.output,
    `${JSON.stringify(
      {
        startedAt,
        finishedAt: new Date(),
        loadAverage: os.loadavg(),
        config: { iterations: config.iterations, warmup: config.warmup },
        runs: runs.map(({ engine, summary, results }) => ({
          engine,
          summary,
          results: results.map((r) => ({
            key: r.page.key,
            path: r.page.path,
            htmlBytes: r.htmlBytes,
            ...r.stats,
          })),
        })),
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\nbench: wrote ${path.relative(root, config.output)}; load ${os.loadavg().join(", ")}`,
  );
}

main().catch((error: unknown) => {
  console.error("bench: failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
