// The import page's result, rendered on the server in French and Dutch: counts, the error table
// (each reason translated, with its line and column), the planned changes with their columns'
// names, and the Import form carrying only the file's hash. A key left untranslated would show
// as itself: none may.
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import type { ImportPageResult } from "~/modules/directory/import/page.server";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { createTranslator } from "~/modules/i18n/translator";
import { TranslatorContext } from "~/modules/i18n/use-t";
import Page from "~/routes/staff/partner-import";

const totals = {
  organisation: { create: 1, update: 1, unchanged: 3 },
  contact: { create: 0, update: 0, unchanged: 0 },
  funding: { create: 0, update: 0, unchanged: 0 },
};

function render(lang: Language, result: ImportPageResult) {
  const Stub = createRoutesStub([
    {
      path: "/:lang/staff/partners/import",
      Component: () =>
        h(Page as never, {
          loaderData: { lang },
          actionData: result,
          params: { lang },
          matches: [],
        }),
    },
  ]);
  return renderToStaticMarkup(
    h(
      TranslatorContext,
      { value: createTranslator(lang, resources[lang]) },
      h(Stub, { initialEntries: [`/${lang}/staff/partners/import`] }),
    ),
  );
}

describe("the import page's result", () => {
  it("lists each error with its line, column and translated reason", () => {
    const html = render("fr", {
      outcome: "dryRun",
      sha256: "a".repeat(64),
      sheet: null,
      totals,
      errorCount: 2,
      errors: [
        {
          sheet: "fundings",
          line: 4,
          column: "mesures",
          key: "errors.unknownMeasure",
          params: { code: "4.99" },
        },
        {
          sheet: "organisations",
          line: 2,
          column: "identifiant",
          key: "directory:errors.identifierChecksum",
        },
      ],
      changeCount: 0,
      changes: [],
    });
    expect(html).toContain("<title>Erreur : Importer des partenaires");
    expect(html).toContain("La mesure 4.99 n’existe pas dans le plan en vigueur.");
    expect(html).toContain("Ce numéro d’entreprise n’est pas valide");
    expect(html).not.toMatch(/errors\.|directory:/);
    expect(html).not.toContain('name="sha256"');
  });

  it("offers the import of a clean file by its hash, in Dutch", () => {
    const html = render("nl", {
      outcome: "dryRun",
      sha256: "b".repeat(64),
      sheet: "organisations",
      totals,
      errorCount: 0,
      errors: [],
      changeCount: 2,
      changes: [
        {
          sheet: "organisations",
          line: 2,
          entity: "organisation",
          action: "create",
          label: "0403.170.701",
          organisation: null,
          changes: [],
        },
        {
          sheet: "organisations",
          line: 3,
          entity: "organisation",
          action: "update",
          label: "5339",
          organisation: null,
          changes: ["name_nl", "communes_covered"],
        },
      ],
    });
    expect(html).toContain("Geplande wijzigingen");
    expect(html).toContain("naam_nl, gedekte_gemeenten");
    expect(html).toContain(`name="sha256" value="${"b".repeat(64)}"`);
    expect(html).toContain(">Importeren</button>");
    expect(html).not.toMatch(/columns\.|result\.|actions\./);
  });
});
