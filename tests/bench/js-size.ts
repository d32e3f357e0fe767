// JS a page makes the browser load: the <script type="module"> tags, the modulepreload links and
// the imports of the inline hydration script, plus (to be sure nothing is missed) the static
// imports of those modules, plus the page language's strings chunk, which entry.client imports
// before it hydrates (so the page needs it up front, though no HTML tag names it). Other dynamic
// import()s inside modules are lazy: counted apart.
import { gzipSync } from "node:zlib";

export interface AssetSize {
  url: string;
  rawBytes: number;
  gzipBytes: number;
  /** Where it was found: in the HTML, a static import of another module, or the strings. */
  via: "html" | "static-import" | "strings";
}

export interface PageJs {
  modules: AssetSize[];
  moduleCount: number;
  rawBytes: number;
  gzipBytes: number;
  /** Modules only reachable through dynamic import() (not loaded by the page up front). */
  lazyModules: string[];
  css: AssetSize[];
  cssRawBytes: number;
  cssGzipBytes: number;
  /** Inline <script> bodies in the HTML (manifest, route module imports, streamed loader data). */
  inlineScriptBytes: number;
}

const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i")
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

const decodeEntities = (value: string) =>
  value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");

/** Module URLs and stylesheet URLs named by the HTML (resolved against the page URL). */
export function scanHtml(html: string, pageUrl: string) {
  const modules = new Set<string>();
  const styles = new Set<string>();
  let inlineBytes = 0;
  const resolve = (specifier: string) => new URL(decodeEntities(specifier), pageUrl).href;

  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attr(tag, "href");
    if (!href) continue;
    if (rel.includes("modulepreload")) modules.add(resolve(href));
    if (rel.includes("stylesheet")) styles.add(resolve(href));
  }
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = `${match[1] ?? ""}>`;
    if ((attr(attrs, "type") ?? "").toLowerCase() !== "module") {
      inlineBytes += Buffer.byteLength(match[2] ?? "");
      continue;
    }
    const src = attr(attrs, "src");
    if (src) modules.add(resolve(src));
    const code = match[2] ?? "";
    inlineBytes += Buffer.byteLength(code);
    for (const specifier of staticImports(code)) modules.add(resolve(specifier));
    // The inline script ends with import("entry.client"): loaded right away, so counted.
    for (const specifier of dynamicImports(code)) modules.add(resolve(specifier));
  }
  return { modules: [...modules], styles: [...styles], inlineBytes };
}

function staticImports(code: string) {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s*["']([^"'\n]+\.m?js)["']/g,
    /(?:^|[;}\s])import\s*["']([^"'\n]+\.m?js)["']/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push(m[1]!);
  return found;
}

function dynamicImports(code: string) {
  // The build writes some as template literals: import(`./fr-<hash>.js`).
  return [...code.matchAll(/\bimport\(\s*["'`]([^"'`\n]+\.m?js)["'`]\s*\)/g)].map((m) => m[1]!);
}

async function download(url: string) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}.`);
  return Buffer.from(await response.arrayBuffer());
}

const sizeOf = (url: string, body: Buffer, via: AssetSize["via"]): AssetSize => ({
  url,
  rawBytes: body.length,
  gzipBytes: gzipSync(body).length,
  via,
});

/** Downloads (over HTTP, from the running server) every module the page loads up front. */
export async function measurePageJs(html: string, pageUrl: string): Promise<PageJs> {
  const scanned = scanHtml(html, pageUrl);
  const seen = new Map<string, AssetSize>();
  const lazy = new Set<string>();
  const queue: { url: string; via: AssetSize["via"] }[] = scanned.modules.map((url) => ({
    url,
    via: "html",
  }));
  const crawl = async () => {
    while (queue.length > 0) {
      const { url, via } = queue.shift()!;
      if (seen.has(url)) continue;
      const body = await download(url);
      seen.set(url, sizeOf(url, body, via));
      const code = body.toString("utf8");
      for (const specifier of staticImports(code)) {
        const target = new URL(specifier, url).href;
        if (!seen.has(target)) queue.push({ url: target, via: "static-import" });
      }
      for (const specifier of dynamicImports(code)) lazy.add(new URL(specifier, url).href);
    }
  };
  await crawl();
  // The strings chunk of the page's language (app/modules/i18n/strings.ts: `strings/fr.ts` is
  // built as `assets/fr-<hash>.js`), awaited by entry.client before hydration.
  const lang = /<html\b[^>]*\blang="([a-z]{2})"/i.exec(html)?.[1];
  const stringsChunk = [...lazy].find(
    (url) => lang && new RegExp(`/${lang}-[^/]+\\.js$`).test(url),
  );
  if (!stringsChunk)
    throw new Error(`No strings chunk for the page's language (${lang}) was found.`);
  queue.push({ url: stringsChunk, via: "strings" });
  await crawl();
  for (const url of seen.keys()) lazy.delete(url);

  const css: AssetSize[] = [];
  for (const url of scanned.styles) css.push(sizeOf(url, await download(url), "html"));

  const modules = [...seen.values()].sort((a, b) => a.url.localeCompare(b.url));
  return {
    modules,
    moduleCount: modules.length,
    rawBytes: modules.reduce((sum, m) => sum + m.rawBytes, 0),
    gzipBytes: modules.reduce((sum, m) => sum + m.gzipBytes, 0),
    lazyModules: [...lazy].sort(),
    css,
    cssRawBytes: css.reduce((sum, c) => sum + c.rawBytes, 0),
    cssGzipBytes: css.reduce((sum, c) => sum + c.gzipBytes, 0),
    inlineScriptBytes: scanned.inlineBytes,
  };
}
