// The dataset's downloads as a user gets them: the production server (`node server.js` over the
// build) on the bench's database, a staff session, and the whole CSV and XLSX of every current
// entry read over HTTP as fast as they come (uncompressed, then the CSV once more as a browser
// asks for it, brotli). What counts for memory is the server's: its
// resident memory is sampled from /proc every 20 ms during each download, next to what it held
// just before (started, one page served). Run by tests/bench/reports.ts (mode "server").
import { readFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { createBrotliDecompress, createGunzip } from "node:zlib";
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

/** Counts CRLFs across chunks (a record's CRLF may be cut between two). */
function rowCounter() {
  let rows = 0;
  let endsWithCr = false;
  return {
    add(chunk: Buffer) {
      if (endsWithCr && chunk[0] === 0x0a) rows++;
      for (let at = chunk.indexOf(CRLF); at !== -1; at = chunk.indexOf(CRLF, at + 2)) rows++;
      endsWithCr = chunk.at(-1) === 0x0d;
    },
    get rows() {
      return rows;
    },
  };
}

/**
 * A GET read to its end over node:http: the bytes on the wire, and (countRows) the rows of the
 * body once decoded. `acceptEncoding` "identity" measures the export itself; a browser's
 * "gzip, deflate, br, zstd" measures what a staff member's browser gets (brotli).
 */
function readDownload(url: string, cookie: string, acceptEncoding: string, countRows: boolean) {
  return new Promise<{ firstByteMs: number; wireBytes: number; bytes: number; rows: number }>(
    (resolve, reject) => {
      const started = performance.now();
      const request = httpGet(url, { headers: { cookie, "accept-encoding": acceptEncoding } });
      request.on("error", reject);
      request.on("response", (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return reject(new Error(`${url}: ${response.statusCode}`));
        }
        let firstByteMs: number | null = null;
        let wireBytes = 0;
        let bytes = 0;
        const counter = rowCounter();
        response.on("data", (chunk: Buffer) => {
          firstByteMs ??= performance.now() - started;
          wireBytes += chunk.length;
        });
        const encoding = response.headers["content-encoding"] ?? "identity";
        const decoded =
          encoding === "br"
            ? response.pipe(createBrotliDecompress())
            : encoding === "gzip"
              ? response.pipe(createGunzip())
              : response;
        decoded.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (countRows) counter.add(chunk);
        });
        decoded.on("error", reject);
        decoded.on("end", () =>
          resolve({ firstByteMs: firstByteMs ?? 0, wireBytes, bytes, rows: counter.rows }),
        );
      });
    },
  );
}

async function download(
  url: string,
  cookie: string,
  pid: number,
  countRows: boolean,
  acceptEncoding = "identity",
) {
  const before = status(pid);
  const cpuBefore = cpuSeconds(pid);
  let peakKb = before.rssKb;
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, status(pid).rssKb);
  }, 20);
  const started = performance.now();
  const read = await readDownload(url, cookie, acceptEncoding, countRows);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  const rows = countRows ? read.rows - 1 : null;
  return {
    acceptEncoding,
    seconds: Math.round(seconds * 100) / 100,
    serverCpuSeconds: Math.round((cpuSeconds(pid) - cpuBefore) * 10) / 10,
    firstByteMs: Math.round(read.firstByteMs),
    megabytes: Math.round((read.bytes / 2 ** 20) * 10) / 10,
    wireMegabytes: Math.round((read.wireBytes / 2 ** 20) * 10) / 10,
    rows,
    rowsPerSecond: rows === null ? null : Math.round(rows / seconds),
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
    // The CSV again, as Chromium asks for it: compressed (brotli), as staff members get it.
    const csvInBrowser = await download(
      `${server.baseUrl}/fr/staff/dataset.csv?year=all`,
      cookie,
      server.pid,
      true,
      "gzip, deflate, br, zstd",
    );
    return {
      csv,
      xlsx: { ...xlsx, rowsPerSecond: Math.round((csv.rows ?? 0) / xlsx.seconds) },
      csvInBrowser,
    };
  } finally {
    await server.stop();
  }
}
