import type { Language } from "./languages";
import { isLoaded, loadedStrings } from "./strings";
import { createTranslator, type Translator } from "./translator";

const shared = new Map<Language, Translator>();

/**
 * The page translator of a language, made once per process (server) or page (browser): its
 * translate functions keep the texts they found, so one per request would look each up again.
 * Sharing is safe because the language and strings are fixed at creation and nothing per request
 * is written to it. Until the language's strings are loaded (a failed switch in the browser), a
 * fresh uncached translator is made over whatever strings are loaded, so the real one is made
 * once they arrive.
 */
export function pageTranslator(lang: Language): Translator {
  const known = shared.get(lang);
  if (known) return known;
  const translator = createTranslator(lang, loadedStrings(lang));
  if (isLoaded(lang)) shared.set(lang, translator);
  return translator;
}
