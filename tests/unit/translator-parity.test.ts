// One behaviour for the app's translations: our translator (app/modules/i18n/translator.ts) gives,
// for every key of every namespace in both languages, what i18next (configured as the app had it)
// gives, with each plural's counts and every {{value}} filled, and for the odd keys data can bring.
import i18next, { type i18n } from "i18next";
import { describe, expect, it } from "vitest";
import { languages, type Language } from "~/modules/i18n/languages";
import { namespaces, resources, type Namespace } from "~/modules/i18n/resources";
import { createTranslator } from "~/modules/i18n/translator";

function reference(lang: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: "common",
    resources: { [lang]: resources[lang] },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Each key as code asks for it (plural variants under their base key), with its texts. */
function keysOf(tree: Record<string, unknown>, prefix = "", found = new Map<string, string[]>()) {
  for (const [name, value] of Object.entries(tree)) {
    if (typeof value === "string") {
      const key = `${prefix}${name}`.replace(pluralSuffix, "");
      found.set(key, [...(found.get(key) ?? []), value]);
    } else {
      keysOf(value as Record<string, unknown>, `${prefix}${name}.`, found);
    }
  }
  return found;
}

function placeholders(texts: string[]): string[] {
  const names = texts.flatMap((text) =>
    [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) =>
      (m[1] ?? "").replace(/^-/, "").split(",")[0]!.trim(),
    ),
  );
  return [...new Set(names)];
}

type Call = [key: string, options?: Record<string, unknown>];
/** Both sides called with keys and options as data: the keys' types are not what is tested here. */
type Untyped = (key: string, options?: Record<string, unknown>) => unknown;

function callsFor(key: string, texts: string[], isPlural: boolean): Call[] {
  const values = Object.fromEntries(
    placeholders(texts)
      .filter((name) => name !== "count")
      .map((name) => [name, `<${name} & "x">`]),
  );
  if (isPlural) return [0, 1, 2, 5, 21, 1.5, 1_000_000].map((count) => [key, { ...values, count }]);
  const calls: Call[] = [[key]];
  if (Object.keys(values).length > 0 || texts.some((text) => text.includes("{{count}}"))) {
    calls.push([key, { ...values, count: 3 }]);
  }
  return calls;
}

describe("our translator gives what i18next gives", () => {
  for (const lang of languages) {
    const translator = createTranslator(lang, resources[lang]);
    const ours = (ns: Namespace | readonly Namespace[]) =>
      translator.fixedT(ns) as unknown as Untyped;
    const instance = reference(lang);
    const theirs = (ns: Namespace) => instance.getFixedT(lang, ns) as unknown as Untyped;

    it(`${lang}: every key of every namespace, with counts and values`, () => {
      let compared = 0;
      for (const ns of namespaces) {
        const keys = keysOf(resources[lang][ns]);
        for (const [key, texts] of keys) {
          const isPlural =
            texts.length > 1 || !keys.has(key) || pluralKey(resources[lang][ns], key);
          for (const [k, options] of callsFor(key, texts, isPlural)) {
            const expected = theirs(ns)(k, options);
            // Twice: the second answer may come from the remembered texts.
            expect([ours(ns)(k, options), ours(ns)(k, options)]).toEqual([expected, expected]);
            // The same key named from another namespace.
            const other: Namespace = ns === "common" ? "returns" : "common";
            expect(ours([other, ns])(`${ns}:${k}`, options)).toBe(
              theirs(other)(`${ns}:${k}`, options),
            );
            compared += 1;
          }
        }
      }
      expect(compared).toBeGreaterThan(500);
    });

    it(`${lang}: missing keys, default values, objects and keys that read as sentences`, () => {
      const calls: [Namespace, ...Call][] = [
        ["common", "no.such.key"],
        ["common", "no.such.key", { defaultValue: "no.such.key" }],
        ["common", "returns:no.such.key", { defaultValue: "returns:no.such.key" }],
        ["common", "no.such.{{key}}", { key: "k" }],
        ["common", "missing", { defaultValue: "Hello {{name}}", name: "Ann" }],
        ["common", "missing", { defaultValue: "" }],
        ["common", "missing", { defaultValue: undefined }],
        ["common", "nav"],
        ["common", "nav", { defaultValue: "x" }],
        ["common", "nav.logout", { count: 2 }],
        ["common", "nav.logout", { defaultValue: "x" }],
        ["common", "nav.logout.deeper"],
        ["common", "Erreur: une phrase, pas une clé"],
        ["common", "returns: status.COMPLETED"],
        ["common", "returns:status.COMPLETED"],
        ["common", "nope:status.COMPLETED"],
        ["common", "returns:status:COMPLETED"],
        ["common", "toString"],
        ["common", "constructor"],
        ["common", "nav.__proto__"],
        ["returns", "form.selectedCount", { count: 3, extra: "{{count}}" }],
        ["returns", "form.selectedCount", { count: "3" }],
        ["returns", "form.selectedCount"],
        ["returns", "form.selectedCount", { count: -1 }],
      ];
      for (const [ns, key, options] of calls) {
        expect(ours(ns)(key, options), `${ns} ${key}`).toBe(theirs(ns)(key, options));
      }
      // The one place we differ: i18next hands back Object.prototype's function here.
      expect(ours("common")("__proto__:toString")).toBe("toString");
      expect(typeof theirs("common")("__proto__:toString")).toBe("function");
    });

    it(`${lang}: values left out, undefined, null, numbers and objects`, () => {
      const text = "a {{x}} b {{y}} c {{ z }} d {{- w}}";
      const strings = { ...resources[lang], common: { probe: text } };
      const mine = createTranslator(lang, strings).fixedT("common") as unknown as Untyped;
      const ref = reference(lang);
      ref.addResource(lang, "common", "probe", text);
      const refT = ref.getFixedT(lang, "common") as unknown as Untyped;
      const cases: Record<string, unknown>[] = [
        {},
        { x: undefined, y: null, z: 0, w: { a: 1 } },
        { x: "{{y}}", y: "$t(nav.logout)", z: true, w: "<b>" },
      ];
      for (const options of cases) {
        expect(mine("probe", options)).toBe(refT("probe", options));
      }
    });
  }
});

/** A key with a plural variant (key_one, key_other…) in the tree. */
function pluralKey(tree: Record<string, unknown>, key: string): boolean {
  const dot = key.lastIndexOf(".");
  const parentPath = dot < 0 ? "" : key.slice(0, dot);
  const name = key.slice(dot + 1);
  let parent: unknown = tree;
  for (const part of parentPath ? parentPath.split(".") : []) {
    parent = (parent as Record<string, unknown>)[part];
  }
  return Object.keys(parent as Record<string, unknown>).some(
    (sibling) => sibling !== name && sibling.replace(pluralSuffix, "") === name,
  );
}
