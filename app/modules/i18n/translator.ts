// Our own translate function, the part of i18next the strings files and the code use: nested
// keys ("form.title"), another namespace named in the key ("common:nav.logout"), {{name}} values
// (not escaped: React escapes), plurals chosen by Intl.PluralRules from `count` (key_zero for 0,
// then key_one, key_other…, then the bare key), `defaultValue`, and a missing key shown as itself.
// Nothing else (no "$t()" nesting, no "{{x, format}}", no context): the strings use none, and
// tests/unit/translator-parity.test.ts holds every key of both languages to i18next's answers.
// The browser no longer ships i18next (about 18 kB gzip) and a lookup is a few property reads.
// Types stay i18next's (type-only import, no bytes): an unknown key still fails tsc.
import type { TFunction } from "i18next";
import type { Language } from "./languages";
import type { Namespace, Resources } from "./namespaces";

export type Strings = Partial<Resources>;
type Options = Record<string, unknown>;
type Lookup = (key: string, options?: Options) => string;

export interface Translator {
  readonly lang: Language;
  /**
   * The translate function of a namespace, made once per translator: with several namespaces,
   * the first is the default and the others are named in the keys ("common:nav.logout").
   */
  fixedT<const Ns extends Namespace | readonly Namespace[]>(ns: Ns): TFunction<Ns>;
}

const pluralRules = new Map<Language, Intl.PluralRules>();

function pluralCategory(lang: Language, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

/** The value at a dotted path, own properties only (never a prototype's). */
function at(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

// As i18next: a key holding one of these characters reads as a sentence, not "ns:key", unless
// the part before its first "." has none.
const sentenceChars = /[ ,?!;]/;
function namesNamespace(key: string): boolean {
  if (!key.includes(":")) return false;
  if (!sentenceChars.test(key)) return true;
  const dot = key.indexOf(".");
  return dot > 0 && !sentenceChars.test(key.slice(0, dot));
}

const placeholder = /\{\{(.+?)\}\}/g;

/**
 * {{name}} (or {{- name}}) replaced by the option's value, each once, left to right: a value is
 * never read again for placeholders. A name the options do not hold stays as written; one they
 * hold as undefined or null becomes "".
 */
function interpolate(text: string, options: Options): string {
  if (!text.includes("{{")) return text;
  return text.replace(placeholder, (whole, inner: string) => {
    const name = inner.startsWith("-") ? inner.slice(1).trim() : inner.trim();
    const value = at(options, name);
    if (value === undefined) return Object.hasOwn(options, name) ? "" : whole;
    return value === null ? "" : String(value as string | number);
  });
}

function translate(
  lang: Language,
  strings: Strings,
  defaultNs: Namespace,
  fullKey: string,
  options: Options | undefined,
): string {
  let ns: string = defaultNs;
  let key = fullKey;
  if (namesNamespace(fullKey)) {
    const [prefix = "", ...rest] = fullKey.split(":");
    ns = prefix;
    key = rest.join(".");
  }
  const tree = Object.hasOwn(strings, ns) ? strings[ns as Namespace] : undefined;
  const count = options?.count;
  let found: unknown;
  if (typeof count === "number") {
    if (count === 0) found = at(tree, `${key}_zero`);
    if (found == null) found = at(tree, `${key}_${pluralCategory(lang, count)}`);
  }
  if (found == null) found = at(tree, key);
  if (found != null && typeof found === "object") {
    return `key '${key} (${lang})' returned an object instead of string.`;
  }
  let text: string;
  if (found != null) text = String(found as string | number | boolean);
  else if (options?.defaultValue != null) text = String(options.defaultValue as string);
  else text = key;
  return options ? interpolate(text, options) : text;
}

/**
 * A translate function that keeps the texts it found without options: the same on every call,
 * as a translator's strings never change. A key not found (its text would be the key itself) is
 * not kept, so keys that arrive as data cannot grow the map.
 */
function remembering(lookup: Lookup): Lookup {
  const texts = new Map<string, string>();
  return (key, options) => {
    if (options !== undefined) return lookup(key, options);
    let text = texts.get(key);
    if (text === undefined) {
      text = lookup(key);
      if (text !== key) texts.set(key, text);
    }
    return text;
  };
}

/** A translator over one language's strings (all namespaces or some of them). */
export function createTranslator(lang: Language, strings: Strings): Translator {
  const byNs = new Map<string, Lookup>();
  return {
    lang,
    fixedT<const Ns extends Namespace | readonly Namespace[]>(ns: Ns): TFunction<Ns> {
      const name = typeof ns === "string" ? ns : ns.join(",");
      let t = byNs.get(name);
      if (!t) {
        const defaultNs: Namespace = typeof ns === "string" ? ns : (ns[0] ?? "common");
        t = remembering((key, options) => translate(lang, strings, defaultNs, key, options));
        byNs.set(name, t);
      }
      return t as unknown as TFunction<Ns>;
    },
  };
}
