import type { TFunction } from "i18next";
import type { Language } from "./languages";
import { resources, type Namespace } from "./resources";
import { createTranslator, type Translator } from "./translator";

const translators = new Map<Language, Translator>();

/** Server-side translator (emails, error messages) in a given language, typed by namespace. */
export function getFixedT<N extends Namespace = "common">(lang: Language, ns?: N): TFunction<N> {
  let translator = translators.get(lang);
  if (!translator) {
    translator = createTranslator(lang, resources[lang]);
    translators.set(lang, translator);
  }
  return translator.fixedT(ns ?? ("common" as N));
}
