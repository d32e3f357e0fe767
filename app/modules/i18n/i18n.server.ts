import type { TFunction } from "i18next";
import { createI18n } from "./i18n";
import type { Language } from "./languages";
import { resources, type Namespace } from "./resources";

const instances = new Map<Language, ReturnType<typeof createI18n>>();

/** Server-side translator (emails, error messages) in a given language, typed by namespace. */
export function getFixedT<N extends Namespace = "common">(lang: Language, ns?: N): TFunction<N> {
  let instance = instances.get(lang);
  if (!instance) {
    instance = createI18n(lang, resources[lang]);
    instances.set(lang, instance);
  }
  return instance.getFixedT(lang, ns ?? "common");
}
