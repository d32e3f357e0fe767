// Concurrent load: a fixed number of clients requesting one page as fast as they can, one request
// each at a time (keep-alive), on the section page and a bare page of the same server, in blocks
// that alternate, so a change of load on a shared machine hits both alike.
import { performance } from "node:perf_hooks";
import { fetchPage, summarise, type BenchPage, type TimingStats } from "./render";

export interface ConcurrentResult {
  page: BenchPage;
  clients: number;
  requests: number;
  elapsedMs: number;
  requestsPerSecond: number;
  latency: TimingStats;
}

async function block(baseUrl: string, page: BenchPage, clients: number, requests: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < requests) {
      next++;
      const sent = performance.now();
      const { status } = await fetchPage(baseUrl, page);
      if (status !== 200) throw new Error(`${page.path} answered ${status} under load.`);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { latencies, elapsedMs: performance.now() - started };
}

export async function measureConcurrent(
  baseUrl: string,
  pages: readonly BenchPage[],
  { clients, requests, blocks }: { clients: number; requests: number; blocks: number },
): Promise<ConcurrentResult[]> {
  // Warm-up: every page, a block's worth of requests / 4.
  for (const page of pages) await block(baseUrl, page, clients, Math.ceil(requests / 4));
  const totals = new Map(pages.map((p) => [p.key, { latencies: [] as number[], elapsedMs: 0 }]));
  const perBlock = Math.ceil(requests / blocks);
  for (let b = 0; b < blocks; b++) {
    for (const page of pages) {
      const run = await block(baseUrl, page, clients, perBlock);
      const total = totals.get(page.key)!;
      total.latencies.push(...run.latencies);
      total.elapsedMs += run.elapsedMs;
    }
  }
  return pages.map((page) => {
    const { latencies, elapsedMs } = totals.get(page.key)!;
    return {
      page,
      clients,
      requests: latencies.length,
      elapsedMs,
      requestsPerSecond: latencies.length / (elapsedMs / 1000),
      latency: summarise(latencies),
    };
  });
}
