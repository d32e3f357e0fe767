// Runs inside the database's own process (tests/bench/reports.ts spawns it with PGLITE_DIR or
// DATABASE_URL and BENCH_MODE), one measure per process so that its peak memory is its own:
//   tables  each report table (reports/tables.server.ts loadReportTable) over two periods
//   csv     the dataset's CSV of every current entry of every year, read as fast as it comes
//   xlsx    the same as an Excel workbook
//   api     the read API's entries pages (routes/api/entries.ts, through its loader, with a
//           token), against the API's OpenAPI document (same handler, no data)
// Prints one JSON line on stdout.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createApiToken } from "~/modules/api/tokens.server";
import { datasetCsvStream } from "~/modules/dataset/csv.server";
import { datasetFiltersSchema } from "~/modules/dataset/filters";
import { datasetXlsxStream } from "~/modules/dataset/xlsx.server";
import { loadReportTable, REPORT_TABLE_NAMES } from "~/modules/reports/tables.server";
import { loader as entriesLoader } from "~/routes/api/entries";
import { loader as openApiLoader } from "~/routes/api/openapi";
import { closeDatabase, prisma } from "~/utils/db.server";

const iterations = Number(process.env.BENCH_N ?? 30);
// The API's first requests in a fresh process also warm the process up (code compiled, plans
// kept after five runs): the steady state is what is measured.
const warmup = Number(process.env.BENCH_WARMUP ?? 20);
// A table over every year takes seconds on PGlite: fewer runs.
const tableIterations = Number(process.env.BENCH_TABLES_N ?? 5);
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The process's peak resident memory so far (the kernel's high-water mark), in MB. */
function peakRssMb() {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match
    ? Math.round(Number(match[1]) / 102.4) / 10
    : mb(process.resourceUsage().maxRSS * 1024);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function timed(run: () => Promise<unknown>, n = iterations, w = warmup) {
  for (let i = 0; i < w; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    max: round(times.at(-1)!),
  };
}

async function years() {
  const [row] = await prisma.$queryRawUnsafe<{ min: number; max: number }[]>(
    `SELECT min(year)::int AS min, max(year)::int AS max FROM "DatasetEntry" WHERE "supersededAt" IS NULL`,
  );
  return row!;
}

async function tables() {
  const { min, max } = await years();
  const periods = [
    { label: `${min}–${max} (every year)`, from: min, to: max },
    { label: `${max - 3}–${max - 2} (two years)`, from: max - 3, to: max - 2 },
  ];
  const result: Record<string, Record<string, unknown>> = {};
  for (const period of periods) {
    for (const name of REPORT_TABLE_NAMES) {
      let rows = 0;
      const stats = await timed(
        async () => {
          const table = await loadReportTable(name, { from: period.from, to: period.to }, "fr");
          rows = table.rows.length;
        },
        tableIterations,
        2,
      );
      process.stderr.write(`bench:reports ${name} ${period.label}: p95 ${stats.p95} ms\n`);
      result[`${name} · ${period.label}`] = { ...stats, rows };
    }
  }
  return result;
}

/** Reads a whole download as fast as it comes, counting bytes; memory sampled as it goes. */
async function drain(
  stream: ReadableStream<Uint8Array>,
  countRows?: (chunk: Uint8Array) => number,
) {
  const rssBeforeMb = mb(process.memoryUsage().rss);
  let sampledPeak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const reader = stream.getReader();
  let bytes = 0;
  let firstByteMs: number | null = null;
  let rows = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    firstByteMs ??= performance.now() - started;
    bytes += value.byteLength;
    if (countRows) rows += countRows(value);
  }
  clearInterval(timer);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    seconds: (performance.now() - started) / 1000,
    /** This process's CPU (user + system): less sensitive to a busy machine than the wall time. */
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    firstByteMs: Math.round(firstByteMs ?? 0),
    megabytes: mb(bytes),
    rows,
    rssBeforeMb,
    sampledPeakRssMb: mb(sampledPeak),
    peakRssMb: peakRssMb(),
  };
}

const CRLF = Buffer.from("\r\n");
const everything = () => datasetFiltersSchema.parse({ year: "all" });

async function csv() {
  const result = await drain(datasetCsvStream(everything(), "fr"), (chunk) => {
    // Records end with CRLF; a narrative's own line breaks are bare LF.
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let n = 0;
    for (let at = bytes.indexOf(CRLF); at !== -1; at = bytes.indexOf(CRLF, at + 2)) n++;
    return n;
  });
  const rows = result.rows - 1; // the header
  return {
    ...result,
    rows,
    rowsPerSecond: Math.round(rows / result.seconds),
    rowsPerCpuSecond: Math.round(rows / result.cpuSeconds),
  };
}

async function xlsx() {
  let rows = 0;
  const result = await drain(
    datasetXlsxStream(everything(), "fr", { onProgress: (n) => (rows = n) }),
  );
  return {
    ...result,
    rows,
    rowsPerSecond: Math.round(rows / result.seconds),
    rowsPerCpuSecond: Math.round(rows / result.cpuSeconds),
  };
}

async function api() {
  const admin = await prisma.user.findFirstOrThrow({ where: { staffRole: "ADMIN", active: true } });
  const { max } = await years();
  const cases: [string, string][] = [
    ["first page (100)", "limit=100"],
    ["one year, first page (100)", `year=${max - 2}&limit=100`],
    ["one year + channel (100)", `year=${max - 2}&channel=ASBL_CALL&limit=100`],
    ["one year, page 50 (cursor)", `year=${max - 2}&limit=100`],
  ];
  const result: Record<string, unknown> = {};
  const call = async (secret: string | null, path: string) => {
    const request = new Request(`http://localhost${path}`, {
      headers: secret ? { authorization: `Bearer ${secret}` } : {},
    });
    const load = path.startsWith("/api/v1/openapi") ? openApiLoader : entriesLoader;
    const response = await load({ request, params: {}, context: {} } as never);
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return response;
  };
  for (const [name, query] of cases) {
    // A token per case: the API allows 600 requests a minute per token.
    const { secret } = await createApiToken(
      { name: `bench ${name}`, scopes: ["dataset:read"], expiresOn: "" },
      admin.id,
    );
    let path = `/api/v1/entries?${query}`;
    if (name.includes("page 50")) {
      for (let page = 1; page < 50; page++) {
        const body = (await (await call(secret, path)).json()) as { next: string | null };
        if (!body.next) break;
        path = `/api/v1/entries?${query}&cursor=${encodeURIComponent(body.next)}`;
      }
    }
    result[name] = await timed(async () => (await call(secret, path)).arrayBuffer());
  }
  result["bare: OpenAPI document"] = await timed(async () =>
    (await call(null, "/api/v1/openapi.json")).arrayBuffer(),
  );
  return result;
}

const modes = { tables, csv, xlsx, api } as const;

try {
  const mode = (process.env.BENCH_MODE ?? "tables") as keyof typeof modes;
  const result = await modes[mode]();
  process.stdout.write(`${JSON.stringify({ mode, result })}\n`);
} finally {
  await closeDatabase();
}
