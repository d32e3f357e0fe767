// One name for one thing across the UI strings (locales/fr, locales/nl): the central dataset is
// "la base de données" / "de databank" on every page (navigation, title, breadcrumbs, import,
// report notes), its entries "entrées" / "gegevens"; the Brussels prevention and proximity plan
// is the BPBP in Dutch, as partners.json names it, in the report tables too; the police zones'
// fund has its Dutch name, short or long.
import { describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { namespaces, resources } from "~/modules/i18n/resources";

type Tree = { [key: string]: string | Tree };

function strings(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value]] : strings(value, `${prefix}${key}.`),
  );
}

/** Every string of a language, as "namespace:key" and its text. */
const all = (lang: Language) =>
  namespaces.flatMap((ns) =>
    strings(resources[lang][ns] as unknown as Tree).map(([key, text]): [string, string] => [
      `${ns}:${key}`,
      text,
    ]),
  );

const using = (lang: Language, word: RegExp) =>
  all(lang)
    .filter(([, text]) => word.test(text))
    .map(([key]) => key);

describe("the central dataset's name", () => {
  it("is the same in the navigation, the page's title and the breadcrumbs", () => {
    for (const [lang, name] of [
      ["fr", "Base de données"],
      ["nl", "Databank"],
    ] as const) {
      expect([
        getFixedT(lang, "common")("nav.dataset"),
        getFixedT(lang, "admin")("dataset.title"),
        getFixedT(lang, "admin")("dataset.sheetName"),
        getFixedT(lang, "contributions")("breadcrumb"),
        getFixedT(lang, "screening")("queue.breadcrumb"),
      ]).toEqual([name, name, name, name, name]);
    }
  });

  it("is never a 'jeu de données' nor a central one in French", () => {
    expect(using("fr", /jeux? de données|base de données centrale/i)).toEqual([]);
  });

  it("is never a 'dataset' nor a central one in Dutch, and its entries are 'gegevens'", () => {
    expect(using("nl", /\bdataset|centrale databank/i)).toEqual([]);
    // "met vermelding van" (mentioning) is not an entry.
    expect(using("nl", /\brecords?\b|\bvermelding(en)?\b(?! van)/i)).toEqual([]);
  });
});

describe("the funding channels in Dutch", () => {
  const t = getFixedT("nl", "partners");

  it("call the prevention and proximity plan BPBP everywhere, as partners.json does", () => {
    expect(t("channelsShort.PBPP")).toBe("BPBP");
    expect(using("nl", /BPPP/)).toEqual([]);
    expect(getFixedT("nl", "reports")("columns.communes")).toBe(
      "Gemeenten (BPBP en LISA-antennes)",
    );
  });

  it("name the police zones' fund by its Dutch name, short label included", () => {
    expect(t("channels.FSE")).toBe("Fonds Europese Toppen");
    expect(t("channelsShort.FSE")).toBe("Fonds Europese Toppen");
    expect(using("nl", /Topontmoeting/)).toEqual([]);
  });
});
