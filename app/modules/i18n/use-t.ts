import type { TFunction } from "i18next";
import { createContext, useContext } from "react";
import type { Language } from "./languages";
import type { Namespace } from "./namespaces";
import type { Translator } from "./translator";

/**
 * The page's translator (root.tsx provides pageTranslator(lang)). A language switch provides
 * another translator, so every component using useT re-renders in the new language.
 */
export const TranslatorContext = createContext<Translator | null>(null);

/**
 * The page's translate function for a namespace (or a first namespace and the others it may
 * prefix: "common:nav.logout"), and the page's language. Made once per translator and namespace.
 */
export function useT<const Ns extends Namespace | readonly Namespace[]>(
  ns: Ns,
): { t: TFunction<Ns>; lang: Language } {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error("useT outside a TranslatorContext provider");
  return { t: translator.fixedT(ns), lang: translator.lang };
}
