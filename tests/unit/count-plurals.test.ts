// Counts in the staff pages' strings (locales/*/admin.json, contributions.json, reports.json)
// agree with their number in French and Dutch: "Télécharger cette entrée", never "ces 1
// entrées"; "1 bijdrage importeren", never "1 bijdragen". A string holding a count has its
// _one/_other forms, as ADR 0015's translator chooses them, or says the count without a noun;
// none hedges with "rapport(s)" or "verslag(en)".
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { GenerationPanel } from "~/modules/campaigns/components/campaign-returns";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { createTranslator } from "~/modules/i18n/translator";
import { TranslatorContext } from "~/modules/i18n/use-t";

describe("the dataset's downloads", () => {
  it("name one entry in the singular, several in the plural", () => {
    const fr = getFixedT("fr", "admin");
    expect(fr("dataset.download", { count: 1 })).toBe("Télécharger cette entrée (CSV)");
    expect(fr("dataset.downloadXlsx", { count: 1 })).toBe("Télécharger cette entrée (Excel, XLSX)");
    expect(fr("dataset.download", { count: 2 })).toBe("Télécharger ces 2 entrées (CSV)");
    const nl = getFixedT("nl", "admin");
    expect(nl("dataset.download", { count: 1 })).toBe("Dit gegeven downloaden (CSV)");
    expect(nl("dataset.downloadXlsx", { count: 1 })).toBe("Dit gegeven downloaden (Excel, XLSX)");
    expect(nl("dataset.downloadXlsx", { count: 7 })).toBe(
      "Deze 7 gegevens downloaden (Excel, XLSX)",
    );
  });
});

describe("the contributions import", () => {
  it("offers to import one contribution in the singular", () => {
    const fr = getFixedT("fr", "contributions");
    expect(fr("result.apply", { count: 1, total: "1" })).toBe("Importer 1 contribution");
    expect(fr("result.apply", { count: 2, total: "2" })).toBe("Importer 2 contributions");
    const nl = getFixedT("nl", "contributions");
    expect(nl("result.apply", { count: 1, total: "1" })).toBe("1 bijdrage importeren");
    expect(nl("result.apply", { count: 2, total: "2" })).toBe("2 bijdragen importeren");
  });
});

describe("the campaign's generation", () => {
  function panel(lang: Language, totals: Parameters<typeof GenerationPanel>[0]["totals"]) {
    const Stub = createRoutesStub([
      {
        path: "/:lang/staff/campaigns/c1",
        Component: () =>
          h(GenerationPanel, { status: "OPEN", preview: [], totals, canManage: false }),
      },
    ]);
    return renderToStaticMarkup(
      h(
        TranslatorContext,
        { value: createTranslator(lang, resources[lang]) },
        h(Stub, { initialEntries: [`/${lang}/staff/campaigns/c1`] }),
      ),
    );
  }

  it("counts what it would add, each noun agreeing with its number", () => {
    const one = { returns: 1, newReturns: 1, newBlocks: 1, warnings: 1 };
    const many = { returns: 3, newReturns: 2, newBlocks: 12, warnings: 0 };
    expect(panel("fr", one)).toContain(
      "1 organisation concernée, 1 nouveau rapport, 1 section à ajouter, 1 avertissement.",
    );
    expect(panel("fr", many)).toContain(
      "3 organisations concernées, 2 nouveaux rapports, 12 sections à ajouter, 0 avertissement.",
    );
    expect(panel("nl", one)).toContain(
      "1 betrokken organisatie, 1 nieuw verslag, 1 toe te voegen sectie, 1 waarschuwing.",
    );
    expect(panel("nl", many)).toContain(
      "3 betrokken organisaties, 2 nieuwe verslagen, 12 toe te voegen secties, 0 waarschuwingen.",
    );
  });

  it("says what it added the same way", () => {
    const said = (lang: Language, returns: number, sections: number) => {
      const t = getFixedT(lang, "admin");
      return t("campaigns.generatedResult", {
        returns: t("campaigns.generatedCounts.returns", { count: returns }),
        sections: t("campaigns.generatedCounts.sections", { count: sections }),
      });
    };
    expect(said("fr", 1, 1)).toBe("Génération terminée : 1 rapport et 1 section ajoutés.");
    expect(said("fr", 2, 5)).toBe("Génération terminée : 2 rapports et 5 sections ajoutés.");
    expect(said("nl", 1, 1)).toBe("Aanmaak voltooid: 1 verslag en 1 sectie toegevoegd.");
    expect(said("nl", 0, 5)).toBe("Aanmaak voltooid: 0 verslagen en 5 secties toegevoegd.");
  });
});

type Tree = { [key: string]: string | Tree };

function strings(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value]] : strings(value, `${prefix}${key}.`),
  );
}

describe("every count of the staff pages' strings", () => {
  const namespaces = ["admin", "contributions", "reports"] as const;
  for (const lang of ["fr", "nl"] as const) {
    for (const ns of namespaces) {
      const all = strings(resources[lang][ns] as unknown as Tree);

      it(`${lang}/${ns}: a count before a noun has its singular and plural forms`, () => {
        const bare = all.filter(
          ([key, text]) =>
            !/_(zero|one|two|few|many|other)$/.test(key) && /\{\{count\}\}\s*\p{L}/u.test(text),
        );
        expect(bare).toEqual([]);
      });

      it(`${lang}/${ns}: no noun hedges its number with "(s)" or "(en)"`, () => {
        const hedged = all.filter(([, text]) => /\p{L}\((s|x|e|es|n|en)\)/u.test(text));
        expect(hedged).toEqual([]);
      });
    }
  }
});
