import type { TFunction } from "i18next";
import { createI18n } from "./i18n";
import type { Language } from "./languages";
import { resources } from "./resources";

const instances = new Map<Language, ReturnType<typeof createI18n>>();

/** Server-side translator (emails, error messages) in a given language. */
export function getFixedT(lang: Language, ns: string = "common"): TFunction {
  let instance = instances.get(lang);
  if (!instance) {
    instance = createI18n(lang, resources[lang]);
    instances.set(lang, instance);
  }
  return instance.getFixedT(lang, ns);
}
