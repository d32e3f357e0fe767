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
    const fixed = i18n.getFixedT(i18n.language, typeof ns === "string" ? ns : ns[0]);
    t = remembering(fixed as unknown as Lookup);
    byNs.set(key, t);
  }
  return { t: t as TFunction<Ns>, i18n };
}

/**
 * A translate function that keeps the texts it looked up without options: the same on every
 * call for an instance whose strings never change, and i18next's lookup (resolving, nesting,
 * interpolation checks) cost more than rendering the field that shows them. A key not found yet
 * (its text would be the key itself) is not kept.
 */
function remembering(t: Lookup): TFunction {
  const texts = new Map<string, string>();
  const remembered = (key: unknown, ...rest: unknown[]) => {
    if (rest.length > 0 || typeof key !== "string") return t(key, ...rest);
    let text = texts.get(key);
    if (text === undefined) {
      const found = t(key);
      if (typeof found !== "string" || found === key) return found;
      texts.set(key, found);
      text = found;
    }
    return text;
  };
  return remembered as unknown as TFunction;
}

type Lookup = (key: unknown, ...rest: unknown[]) => unknown;
