// The dataset's downloads as a user gets them: the production server (`node server.js` over the
// build) on the bench's database, a staff session, and the whole CSV and XLSX of every current
// entry read over HTTP as fast as they come. What counts for memory is the server's: its
// resident memory is sampled from /proc every 20 ms during each download, next to what it held
// just before (started, one page served). Run by tests/bench/reports.ts (mode "server").
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { ensureBuild, startServer } from "./server";
import { writeSession } from "../fixtures/sessions";
import { openDatabase } from "../../app/utils/db/engine.server";

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

function status(pid: number) {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
  return { rssKb: field("VmRSS"), hwmKb: field("VmHWM") };
}

function cpuSeconds(pid: number) {
  // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A staff session written before the server opens the database (one process per folder). */
async function staffCookie(pgliteDir: string, databaseUrl?: string) {
  const database = await openDatabase(
    databaseUrl ? { databaseUrl, migrate: false } : { pgliteDir, migrate: false },
  );
  try {
    const admin = await database.prisma.user.findFirstOrThrow({
      where: { staffRole: "ADMIN", active: true },
    });
    return `sb_session=${await writeSession(database.prisma, admin.id)}`;
  } finally {
    await database.close();
  }
}

const CRLF = Buffer.from("\r\n");

async function download(url: string, cookie: string, pid: number, countRows: boolean) {
  const before = status(pid);
  const cpuBefore = cpuSeconds(pid);
  let peakKb = before.rssKb;
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, status(pid).rssKb);
  }, 20);
  const started = performance.now();
  // identity: the rate of the export itself (browsers ask for gzip, which costs the server more).
  const response = await fetch(url, { headers: { cookie, "accept-encoding": "identity" } });
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  const reader = response.body!.getReader();
  let bytes = 0;
  let rows = 0;
  let firstByteMs: number | null = null;
  let endsWithCr = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    firstByteMs ??= performance.now() - started;
    bytes += value.byteLength;
    if (countRows) {
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      // A record's CRLF may be cut between two chunks.
      if (endsWithCr && chunk[0] === 0x0a) rows++;
      for (let at = chunk.indexOf(CRLF); at !== -1; at = chunk.indexOf(CRLF, at + 2)) rows++;
      endsWithCr = chunk.at(-1) === 0x0d;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  return {
    seconds: Math.round(seconds * 100) / 100,
    serverCpuSeconds: Math.round((cpuSeconds(pid) - cpuBefore) * 10) / 10,
    firstByteMs: Math.round(firstByteMs ?? 0),
    megabytes: Math.round((bytes / 2 ** 20) * 10) / 10,
    rows: countRows ? rows - 1 : null,
    rowsPerSecond: countRows ? Math.round((rows - 1) / seconds) : null,
    serverRssBeforeMb: mb(before.rssKb),
    serverPeakRssMb: mb(peakKb),
    serverHighWaterMarkMb: mb(status(pid).hwmKb),
  };
}

export async function measureThroughServer(pgliteDir: string, databaseUrl?: string) {
  await ensureBuild();
  const cookie = await staffCookie(pgliteDir, databaseUrl);
  // BENCH_SERVER_NODE_ARGS: flags for the server's node (e.g. a heap limit), space-separated.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = await startServer(pgliteDir, databaseUrl, { nodeArgs });
  try {
    // One page first: the server as it is once it has served someone.
    const page = await fetch(`${server.baseUrl}/fr/staff/dataset`, { headers: { cookie } });
    if (page.status !== 200) throw new Error(`dataset page: ${page.status}`);
    await page.arrayBuffer();
    await sleep(500);
    const csv = await download(
      `${server.baseUrl}/fr/staff/dataset.csv?year=all`,
      cookie,
      server.pid,
      true,
    );
    const xlsx = await download(
      `${server.baseUrl}/fr/staff/dataset.xlsx?year=all`,
      cookie,
      server.pid,
      false,
    );
    return { csv, xlsx: { ...xlsx, rowsPerSecond: Math.round((csv.rows ?? 0) / xlsx.seconds) } };
  } finally {
    await server.stop();
  }
}
