// Where the browser finds each language's strings chunk, so the page can name it in a
// modulepreload link: entry.client imports it before hydrating, and without the link the
// browser only learns of it once entry.client has arrived and run (one more round trip before
// the page answers to clicks). Read from the client build's Vite manifest (kept by
// vite.config.ts); without a build (development, tests) there is nothing to preload.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { languages, type Language } from "./languages";

type Chunks = Partial<Record<Language, string>>;

const read = new Map<string, Chunks>();

/** From the manifest of the client build beside this server build (build/server → build/client). */
function readChunks(manifestUrl: URL): Chunks {
  let manifest: Record<string, { file?: string }>;
  try {
    manifest = JSON.parse(readFileSync(fileURLToPath(manifestUrl), "utf8")) as typeof manifest;
  } catch {
    return {};
  }
  const found: Chunks = {};
  for (const lang of languages) {
    const file = manifest[`app/modules/i18n/strings/${lang}.ts`]?.file;
    if (file) found[lang] = `/${file}`;
  }
  return found;
}

export function stringsChunkUrl(
  lang: Language,
  manifestUrl = new URL("../client/.vite/manifest.json", import.meta.url),
): string | null {
  let chunks = read.get(manifestUrl.href);
  if (!chunks) {
    chunks = readChunks(manifestUrl);
    read.set(manifestUrl.href, chunks);
  }
  return chunks[lang] ?? null;
}
