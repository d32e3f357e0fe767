import i18next, { type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "./languages";
import { namespaces, type Resources } from "./namespaces";

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

export type T = TFunction;
