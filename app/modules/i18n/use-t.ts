import type { FlatNamespace, i18n, TFunction } from "i18next";
import { useContext } from "react";
import { I18nContext } from "react-i18next";

const cache = new WeakMap<i18n, Map<string, TFunction>>();

/**
 * The page's translate function for a namespace (or a first namespace and the others it may
 * prefix), like react-i18next's useTranslation but made once per i18next instance and namespace:
 * useTranslation builds its options, snapshot and store subscription at each call, which on the
 * server cost more than a small component's render. The page instances never change language or
 * strings (a language switch gives a new instance through the context, so users re-render in the
 * new language), hence nothing to subscribe to.
 */
export function useT<const Ns extends FlatNamespace | readonly FlatNamespace[]>(
  ns: Ns,
): { t: TFunction<Ns>; i18n: i18n } {
  const { i18n } = useContext(I18nContext);
  let byNs = cache.get(i18n);
  if (!byNs) {
    byNs = new Map();
    cache.set(i18n, byNs);
  }
  const key = typeof ns === "string" ? ns : ns.join(",");
  let t = byNs.get(key);
  if (!t) {
    // As useTranslation: the first namespace is the default, the others are named in the keys.
    t = i18n.getFixedT(i18n.language, typeof ns === "string" ? ns : ns[0]) as TFunction;
    byNs.set(key, t);
  }
  return { t: t as TFunction<Ns>, i18n };
}
