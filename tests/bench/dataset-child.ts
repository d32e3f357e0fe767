// Runs inside the database's own process (tests/bench/dataset.ts spawns it with PGLITE_DIR or
// DATABASE_URL): times the dataset page's loader under several filters, then streams the whole
// CSV once while sampling the process's memory. Prints one JSON line on stdout.
import { performance } from "node:perf_hooks";
import { writeSession } from "../fixtures/sessions";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { datasetCsvStream } from "~/modules/dataset/csv.server";
import { datasetFiltersSchema } from "~/modules/dataset/filters";
import { loader } from "~/routes/staff/dataset";
import { closeDatabase, prisma } from "~/utils/db.server";

const iterations = Number(process.env.BENCH_N ?? 100);
const warmup = Number(process.env.BENCH_WARMUP ?? 10);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  // BENCH_VACUUM=1: measure as after a VACUUM (PostgreSQL's autovacuum does it in time; the
  // embedded PGlite has no autovacuum), which lets counts read the index alone.
  if (process.env.BENCH_VACUUM === "1") await prisma.$executeRawUnsafe(`VACUUM ANALYZE`);
  const staff = await prisma.user.findFirstOrThrow({
    where: { staffRole: "REVIEWER", active: true },
    select: { id: true },
  });
  const cookie = `${sessionCookie.name}=${await writeSession(prisma, staff.id)}`;
  const get = (query: string) =>
    loader({
      request: new Request(`http://localhost/fr/staff/dataset${query}`, { headers: { cookie } }),
      params: { lang: "fr" },
      context: {},
    } as never);

  // The filters staff would use: a year, a channel, one partner, one measure, the history, and
  // a page far into the list (followed from the first, as a person paging would).
  const [{ year, organisationId, measureId } = {} as never] = await prisma.$queryRawUnsafe<
    { year: number; organisationId: string; measureId: string }[]
  >(
    `SELECT year, "organisationId", "measureId" FROM "DatasetEntry"
      WHERE "supersededAt" IS NULL GROUP BY 1, 2, 3 ORDER BY count(*) DESC LIMIT 1`,
  );
  let deep = `?year=${year}`;
  for (let page = 0; page < 20; page++) {
    const data = await get(deep);
    if (!data.page.next) break;
    deep = `?year=${year}&after=${data.page.next}`;
  }
  const cases: [string, string][] = [
    ["default (latest year)", ""],
    ["year", `?year=${year}`],
    ["year + channel", `?year=${year}&channel=ASBL_CALL`],
    ["year + measure", `?year=${year}&measure=${measureId}`],
    ["all years + organisation", `?year=all&organisation=${organisationId}`],
    ["year + kind + link", `?year=${year}&kind=COMMUNE&link=SECONDARY`],
    ["year, page 21 (keyset)", deep],
    ["year + history (superseded too)", `?year=${year}&history=1`],
    ["all years", "?year=all"],
  ];
  const page: Record<string, { p50: number; p95: number; max: number; total: number }> = {};
  for (const [name, query] of cases) {
    for (let i = 0; i < warmup; i++) await get(query);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      const data = await get(query);
      times.push(performance.now() - t);
      total = data.page.total;
    }
    times.sort((a, b) => a - b);
    process.stderr.write(`bench:dataset ${name}: p95 ${percentile(times, 95).toFixed(1)} ms\n`);
    page[name] = {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times.at(-1)!,
      total,
    };
  }

  if (process.env.BENCH_SKIP_CSV === "1") {
    process.stdout.write(`${JSON.stringify({ page, csv: null })}\n`);
    return;
  }
  // The CSV of every current entry, read as fast as the stream gives it.
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const rssAt: { rows: number; rssMb: number }[] = [];
  const started = performance.now();
  const reader = datasetCsvStream(datasetFiltersSchema.parse({}), "fr").getReader();
  let bytes = 0;
  let rows = -1; // the header
  let nextMark = 25_000;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    // Records end with CRLF; a narrative's own line breaks are bare LF.
    for (let i = 0; i < value.length; i++) if (value[i] === 13 && value[i + 1] === 10) rows++;
    if (rows >= nextMark) {
      sample();
      rssAt.push({ rows, rssMb: process.memoryUsage().rss / 2 ** 20 });
      nextMark += 25_000;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  const csv = {
    rows,
    megabytes: mb(bytes),
    seconds: Math.round(elapsed * 10) / 10,
    rowsPerSecond: Math.round(rows / elapsed),
    rssBeforeMb: mb(before.rss),
    peakRssMb: mb(peakRss),
    heapBeforeMb: mb(before.heapUsed),
    peakHeapMb: mb(peakHeap),
    rssAt: rssAt.map((r) => ({ rows: r.rows, rssMb: Math.round(r.rssMb) })),
  };
  process.stdout.write(`${JSON.stringify({ page, csv })}\n`);
}

try {
  await main();
} finally {
  await closeDatabase();
}
