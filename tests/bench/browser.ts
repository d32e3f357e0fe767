// In headless Chromium: JS the page really transfers (Resource Timing API) and an approximate
// time to hydration. Each run uses a fresh browser context, so the cache is always cold.
import { chromium, type Browser } from "playwright-core";
import type { BenchPage } from "./render";
import { chromiumPath } from "../fixtures/chromium";

export interface BrowserRun {
  jsCount: number;
  /** Bytes on the wire for JS (headers included; the server gzips). */
  jsTransferBytes: number;
  jsEncodedBytes: number;
  jsDecodedBytes: number;
  responseEndMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  hydratedMs: number;
}

export interface BrowserResult {
  page: BenchPage;
  runs: number;
  /** Medians over the runs. */
  median: BrowserRun;
}

// Hydration is done when the router exists and the last rendered element of <body> carries a React
// fiber (hydration claims the server DOM in document order). Scripts are skipped: the streamed
// loader data comes in scripts outside React's tree. Polled every 2 ms, from the first script.
const HYDRATION_PROBE = `(() => {
  const poll = () => {
    const all = document.body ? document.body.querySelectorAll(":not(script, template)") : [];
    const last = all[all.length - 1];
    const hydrated =
      window.__reactRouterDataRouter !== undefined &&
      last !== undefined &&
      Object.keys(last).some((key) => key.startsWith("__reactFiber$"));
    if (hydrated) window.__benchHydratedAt = performance.now();
    else setTimeout(poll, 2);
  };
  poll();
})();`;

// Written as a string: functions would be compiled by tsx, which adds helpers the page lacks.
const COLLECT = `(() => {
  const [nav] = performance.getEntriesByType("navigation");
  const js = performance
    .getEntriesByType("resource")
    .filter((entry) => /\\.m?js$/.test(new URL(entry.name).pathname));
  let transfer = 0, encoded = 0, decoded = 0;
  for (const entry of js) {
    transfer += entry.transferSize;
    encoded += entry.encodedBodySize;
    decoded += entry.decodedBodySize;
  }
  return {
    jsCount: js.length,
    jsTransferBytes: transfer,
    jsEncodedBytes: encoded,
    jsDecodedBytes: decoded,
    responseEndMs: nav ? nav.responseEnd : NaN,
    domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : NaN,
    loadMs: nav ? nav.loadEventEnd : NaN,
    hydratedMs: window.__benchHydratedAt,
  };
})()`;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function oneRun(
  browser: Browser,
  baseUrl: string,
  page: BenchPage,
  sessionCookie: { name: string; value: string },
): Promise<BrowserRun> {
  const context = await browser.newContext();
  try {
    if (page.cookie) {
      await context.addCookies([{ ...sessionCookie, url: baseUrl, httpOnly: true }]);
    }
    await context.addInitScript(HYDRATION_PROBE);
    const tab = await context.newPage();
    const response = await tab.goto(baseUrl + page.path, { waitUntil: "load" });
    if (response?.status() !== 200) {
      throw new Error(`${page.path} answered ${response?.status()} in Chromium.`);
    }
    // A function, not a string: the app's CSP forbids eval.
    await tab.waitForFunction(
      () => (window as unknown as { __benchHydratedAt?: number }).__benchHydratedAt !== undefined,
      undefined,
      { timeout: 30_000, polling: 50 },
    );
    await tab.waitForLoadState("networkidle");
    return await tab.evaluate<BrowserRun>(COLLECT);
  } finally {
    await context.close();
  }
}

export async function measureInBrowser(
  baseUrl: string,
  pages: readonly BenchPage[],
  sessionCookie: { name: string; value: string },
  runs: number,
): Promise<BrowserResult[]> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    // Interleaved like the server timings: one warm-up round, then rounds over all pages.
    for (const page of pages) await oneRun(browser, baseUrl, page, sessionCookie);
    const samples = new Map<string, BrowserRun[]>(pages.map((page) => [page.key, []]));
    for (let i = 0; i < runs; i++) {
      for (const page of pages) {
        samples.get(page.key)!.push(await oneRun(browser, baseUrl, page, sessionCookie));
      }
    }
    const results = pages.map((page): BrowserResult => {
      const pick = (key: keyof BrowserRun) => median(samples.get(page.key)!.map((s) => s[key]));
      return {
        page,
        runs,
        median: {
          jsCount: pick("jsCount"),
          jsTransferBytes: pick("jsTransferBytes"),
          jsEncodedBytes: pick("jsEncodedBytes"),
          jsDecodedBytes: pick("jsDecodedBytes"),
          responseEndMs: pick("responseEndMs"),
          domContentLoadedMs: pick("domContentLoadedMs"),
          loadMs: pick("loadMs"),
          hydratedMs: pick("hydratedMs"),
        },
      };
    });
    return results;
  } finally {
    await browser.close();
  }
}
