// npm run bench:reports — issue 10 over a generated dataset of more than 200k entries: each
// report table (loadReportTable), the dataset's CSV and XLSX of every current entry (rows/s,
// time to first byte, peak memory of the process), and the read API's entries pages (p95,
// against the API's OpenAPI document), on PGlite and on PostgreSQL. Each measure runs in a
// process of its own (tests/bench/reports-child.ts), so its peak memory is its own. See
// docs/benchmarks.md ("Issue 10").
//
// Data: the demo seed, the large dataset (tests/bench/large-dataset.ts) with 2,200 partners
// (~213k entries from approvals), plus one imported file of historical contributions
// (~20k entries, source IMPORT, the year before the first generated one).
//
// Settings (environment): BENCH_POSTGRES=0 (PGlite only), BENCH_PGLITE=0 (PostgreSQL only),
// BENCH_POSTGRES_URL (server; default the dev PostgreSQL), BENCH_REUSE=1 (keep and reuse
// .data/bench-reports and the PostgreSQL database "bench_reports" when they hold the data:
// generating takes ~2 min on PostgreSQL, ~8 on PGlite), BENCH_MODES (tables,csv,xlsx,api,server:
// the CSV and XLSX downloads over HTTP from the production server, its memory sampled),
// BENCH_N (timed runs per API case, 30), BENCH_WARMUP (20), BENCH_TABLES_N (timed runs per
// table and period, 5, after two warm-ups).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { measureThroughServer } from "./reports-server";
import { benchEnv, createPostgresDatabase, root, seedFreshDatabase } from "./server";

const PARTNERS = 2200;
const pgliteDir = path.join(root, ".data/bench-reports");
const reuse = process.env.BENCH_REUSE === "1";
const postgresUrl =
  process.env.BENCH_POSTGRES === "0"
    ? null
    : (process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5439/postgres");
const modes = (process.env.BENCH_MODES ?? "tables,csv,xlsx,api,server").split(",");

function run(args: string[], env: NodeJS.ProcessEnv, capture = false) {
  const result = spawnSync("npx", ["tsx", ...args], {
    cwd: root,
    env,
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  if (result.status !== 0) {
    throw new Error(`${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
  }
  return result.stdout;
}

/** Seeds and generates unless the database already holds the data (BENCH_REUSE=1). */
function prepare(env: NodeJS.ProcessEnv, databaseUrl?: string, fresh = true) {
  if (fresh) {
    // The seed empties the folder it is given, even for PostgreSQL: not the PGlite one, then.
    seedFreshDatabase(databaseUrl ? `${pgliteDir}-unused` : pgliteDir, databaseUrl);
    run(["scripts/generate-large-dataset.ts", "--partners", String(PARTNERS)], {
      ...env,
      BENCH_GENERATE_ANYWAY: "1",
    });
  }
  run(["tests/bench/reports-prepare.ts"], env);
}

type ChildOutput = { mode: string; result: Record<string, unknown> };

async function measure(engine: string, env: NodeJS.ProcessEnv, databaseUrl?: string) {
  const results: Record<string, unknown> = {};
  for (const mode of modes) {
    console.log(`bench: ${engine}: ${mode}…`);
    if (mode === "server") {
      results[mode] = await measureThroughServer(pgliteDir, databaseUrl);
      console.log(`${engine} downloads through the server:`, results[mode]);
      continue;
    }
    const out = run(["tests/bench/reports-child.ts"], { ...env, BENCH_MODE: mode }, true);
    const { result } = JSON.parse(out.trim().split("\n").at(-1)!) as ChildOutput;
    results[mode] = result;
    if (mode === "csv" || mode === "xlsx") console.log(`${engine} ${mode}:`, result);
    else console.table(result);
  }
  return results;
}

async function postgresDatabase(adminUrl: string) {
  if (!reuse) return { ...(await createPostgresDatabase(adminUrl)), fresh: true };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rowCount } = await admin.query(
    `SELECT 1 FROM pg_database WHERE datname = 'bench_reports'`,
  );
  if (!rowCount) await admin.query(`CREATE DATABASE bench_reports`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = "/bench_reports";
  return { url: url.toString(), fresh: !rowCount, drop: async () => {} };
}

const startedAt = new Date();
const results: Record<string, unknown> = {};
if (process.env.BENCH_PGLITE !== "0") {
  const env = benchEnv(pgliteDir);
  prepare(env, undefined, !(reuse && existsSync(path.join(pgliteDir, "PG_VERSION"))));
  results.pglite = await measure("PGlite", env);
}
if (postgresUrl) {
  const database = await postgresDatabase(postgresUrl);
  try {
    const env = benchEnv(pgliteDir, undefined, database.url);
    prepare(env, database.url, database.fresh);
    results.postgres = await measure("PostgreSQL", env, database.url);
  } finally {
    await database.drop();
  }
}
const output = path.join(root, "test-results/bench-reports.json");
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(
  output,
  `${JSON.stringify({ startedAt, finishedAt: new Date(), loadAverage: os.loadavg(), results }, null, 2)}\n`,
);
console.log(`bench: wrote ${path.relative(root, output)}; load ${os.loadavg().join(", ")}`);
