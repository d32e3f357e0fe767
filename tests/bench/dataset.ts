// npx tsx tests/bench/dataset.ts — the dataset page and its CSV download on the large dataset
// (tests/bench/large-dataset.ts: 10 years × 2,000 partners, ~200k entries), on PGlite and on
// PostgreSQL. For each engine: a fresh database seeded with the demo, the large dataset added,
// then tests/bench/dataset-child.ts in a process of its own (the database's: PGlite is embedded)
// times the page's loader (session, filters, one page of 50, counts, filter lists) and streams
// the whole CSV while sampling its memory. See docs/benchmarks.md ("Central dataset").
//
// Settings (environment): BENCH_N (timed loads per filter case, 100), BENCH_WARMUP (10),
// BENCH_POSTGRES_URL (default the dev PostgreSQL), BENCH_POSTGRES=0 (PGlite only),
// BENCH_PGLITE=0 (PostgreSQL only), each engine is measured again after a VACUUM (page only),
// BENCH_REUSE=1 (keep .data/bench-dataset if it holds the
// large dataset already).
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { benchEnv, createPostgresDatabase, root, seedFreshDatabase } from "./server";

const pgliteDir = path.join(root, ".data/bench-dataset");
const postgresUrl =
  process.env.BENCH_POSTGRES === "0"
    ? null
    : (process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5439/postgres");

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

function prepare(env: NodeJS.ProcessEnv, databaseUrl?: string) {
  // The seed empties the folder it is given, even for PostgreSQL: not the PGlite one, then.
  seedFreshDatabase(databaseUrl ? `${pgliteDir}-unused` : pgliteDir, databaseUrl);
  // The bench env is production-like; the generator refuses that unless told it is a bench.
  run(["scripts/generate-large-dataset.ts"], { ...env, BENCH_GENERATE_ANYWAY: "1" });
}

interface ChildResult {
  page: Record<string, { p50: number; p95: number; max: number; total: number }>;
  csv: Record<string, unknown> | null;
}

function measure(engine: string, env: NodeJS.ProcessEnv): ChildResult {
  const out = run(["--expose-gc", "tests/bench/dataset-child.ts"], env, true);
  const result = JSON.parse(out.trim().split("\n").at(-1)!) as ChildResult;
  console.log(`\n${engine}: dataset page loader (ms)`);
  console.table(
    Object.fromEntries(
      Object.entries(result.page).map(([name, r]) => [
        name,
        {
          p50: +r.p50.toFixed(1),
          p95: +r.p95.toFixed(1),
          max: +r.max.toFixed(1),
          entries: r.total,
        },
      ]),
    ),
  );
  if (result.csv) console.log(`${engine}: CSV of every current entry`, result.csv);
  return result;
}

const results: Record<string, ChildResult> = {};
if (process.env.BENCH_PGLITE !== "0") {
  const env = benchEnv(pgliteDir);
  if (!(process.env.BENCH_REUSE === "1" && existsSync(path.join(pgliteDir, "PG_VERSION")))) {
    prepare(env);
  }
  results.pglite = measure("PGlite", env);
  results.pgliteVacuumed = measure("PGlite after VACUUM", {
    ...env,
    BENCH_VACUUM: "1",
    BENCH_SKIP_CSV: "1",
  });
}
if (postgresUrl) {
  const database = await createPostgresDatabase(postgresUrl);
  try {
    const env = benchEnv(pgliteDir, undefined, database.url);
    prepare(env, database.url);
    results.postgres = measure("PostgreSQL", env);
    results.postgresVacuumed = measure("PostgreSQL after VACUUM", {
      ...env,
      BENCH_VACUUM: "1",
      BENCH_SKIP_CSV: "1",
    });
  } finally {
    await database.drop();
  }
}
writeFileSync(
  path.join(root, "test-results/bench-dataset.json"),
  `${JSON.stringify(results, null, 2)}\n`,
);
