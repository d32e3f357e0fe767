import type { Language } from "./languages";
import type { PageResources } from "./namespaces";

// Page strings by language. The server registers both languages at start (entry.server.tsx);
// the browser imports only the page's language (one chunk each), before hydrating and before
// rendering a page in the other language, so neither language is in the root chunk.
const loaded = new Map<Language, PageResources>();
const importers: Record<Language, () => Promise<{ strings: PageResources }>> = {
  fr: () => import("./strings/fr"),
  nl: () => import("./strings/nl"),
};

export function registerStrings(lang: Language, strings: PageResources) {
  loaded.set(lang, strings);
}

export async function loadStrings(lang: Language): Promise<PageResources> {
  const known = loaded.get(lang);
  if (known) return known;
  const { strings } = await importers[lang]();
  loaded.set(lang, strings);
  return strings;
}

export function isLoaded(lang: Language): boolean {
  return loaded.has(lang);
}

/** The strings of a language already loaded; else those of any loaded language (a failed switch). */
export function loadedStrings(lang: Language): Partial<PageResources> {
  return loaded.get(lang) ?? loaded.values().next().value ?? {};
}
