import i18next, { type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "./languages";
import { namespaces, type Resources } from "./namespaces";
import { isLoaded, loadedStrings } from "./strings";

/** A synchronous i18next instance for one language (server render and hydration alike). */
export function createI18n(lang: Language, strings: Partial<Resources>): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: "common",
    resources: { [lang]: strings },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

const shared = new Map<Language, i18n>();

/**
 * The page i18next instance of a language, made once per process (server) or page (browser):
 * making one per request cost about 0.8 ms of the server's render. Sharing is safe because the
 * language is fixed at creation and nothing per request is written to the instance. Until the
 * language's strings are loaded (a failed switch in the browser), a fresh uncached instance is
 * made over whatever strings are loaded, so the real one is made once they arrive.
 */
export function pageI18n(lang: Language): i18n {
  const known = shared.get(lang);
  if (known) return known;
  const instance = createI18n(lang, loadedStrings(lang));
  if (isLoaded(lang)) shared.set(lang, instance);
  return instance;
}

export type T = TFunction;
