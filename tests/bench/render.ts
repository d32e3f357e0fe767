// Server render time: sequential GETs, timed from sending the request to the last body byte
// (the server's render and compression, plus a local round trip).
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";

export interface BenchPage {
  key: string;
  label: string;
  path: string;
  /** Cookie header (signed-in pages). */
  cookie?: string;
  /** Text the page must contain, so an error page is never benchmarked by mistake. */
  expect: string;
}

export interface TimingStats {
  n: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  requestsPerSecond: number;
}

export interface RenderResult {
  page: BenchPage;
  status: number;
  htmlBytes: number;
  htmlGzipBytes: number;
  stats: TimingStats;
}

function quantile(sorted: readonly number[], q: number) {
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export function summarise(samples: readonly number[]): TimingStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    n: sorted.length,
    medianMs: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    minMs: sorted[0] ?? Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    meanMs: sum / sorted.length,
    requestsPerSecond: sorted.length / (sum / 1000),
  };
}

export async function fetchPage(baseUrl: string, page: BenchPage) {
  const headers: Record<string, string> = {
    accept: "text/html",
    // Like a browser: the server compresses (compression middleware), fetch decompresses.
    "accept-encoding": "gzip",
  };
  if (page.cookie) headers.cookie = page.cookie;
  const response = await fetch(baseUrl + page.path, { headers, redirect: "manual" });
  const body = await response.text();
  return { status: response.status, body, location: response.headers.get("location") };
}

async function timedRequest(baseUrl: string, page: BenchPage) {
  const started = performance.now();
  const { status } = await fetchPage(baseUrl, page);
  const elapsed = performance.now() - started;
  if (status !== 200) throw new Error(`${page.path} answered ${status} during the benchmark.`);
  return elapsed;
}

/** First request of a page: must be a 200 with the expected content. */
async function checkPage(baseUrl: string, page: BenchPage) {
  const first = await fetchPage(baseUrl, page);
  if (first.status !== 200) {
    throw new Error(
      `${page.path} answered ${first.status}${first.location ? ` → ${first.location}` : ""}; ` +
        "expected 200.",
    );
  }
  if (!first.body.includes(page.expect)) {
    throw new Error(`${page.path} does not contain ${JSON.stringify(page.expect)}.`);
  }
  return Buffer.from(first.body);
}

/**
 * Sequential requests (one at a time), interleaved: each round requests every page once, so a
 * change of load on a shared machine hits all pages alike and the ratios stay comparable.
 * Requests per second are those of one sequential client: n / (sum of the page's times).
 */
export async function measureRender(
  baseUrl: string,
  pages: readonly BenchPage[],
  { warmup, iterations }: { warmup: number; iterations: number },
  onRound?: (round: number) => void,
): Promise<RenderResult[]> {
  const html = new Map<string, Buffer>();
  for (const page of pages) html.set(page.key, await checkPage(baseUrl, page));
  for (let round = 0; round < warmup; round++) {
    for (const page of pages) await timedRequest(baseUrl, page);
  }
  const samples = new Map<string, number[]>(pages.map((page) => [page.key, []]));
  for (let round = 0; round < iterations; round++) {
    for (const page of pages) samples.get(page.key)!.push(await timedRequest(baseUrl, page));
    onRound?.(round + 1);
  }
  return pages.map((page) => {
    const body = html.get(page.key)!;
    const times = samples.get(page.key)!;
    return {
      page,
      status: 200,
      htmlBytes: body.length,
      htmlGzipBytes: gzipSync(body).length,
      stats: summarise(times),
    };
  });
}
