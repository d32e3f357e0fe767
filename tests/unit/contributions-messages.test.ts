// The contributions import's messages, in French and in Dutch, on the command line and on the
// pages rendered on the server: counts and limits written as the language groups digits (as the
// counts table beside them), the template's header-only hint, the job page's link to this
// import's entries, and the dataset page's provenance of an imported entry (file and line).
import { createElement as h, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { contributionReportLines } from "~/modules/contributions/cli";
import type { ContributionError } from "~/modules/contributions/errors";
import type { ContributionImportResult } from "~/modules/contributions/import.server";
import type { ImportPageResult } from "~/modules/contributions/page.server";
import { datasetFiltersSchema } from "~/modules/dataset/filters";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { createTranslator } from "~/modules/i18n/translator";
import { TranslatorContext } from "~/modules/i18n/use-t";
import ImportPage from "~/routes/staff/contribution-import";
import JobPage from "~/routes/staff/contribution-import-job";
import DatasetPage from "~/routes/staff/dataset";

/** Spaces as a reader sees them: Intl groups French digits with a narrow no-break space. */
const plain = (text: string) => text.replace(/&nbsp;|&#x202F;|[\u00a0\u202f]/gi, " ");

const tooLong: ContributionError = {
  line: 2,
  column: "récit",
  key: "imports:errors.tooLong",
  params: { max: 1000 },
};

function render(lang: Language, path: string, Page: ComponentType, props: object) {
  const Stub = createRoutesStub([
    { path, Component: () => h(Page as never, { params: { lang }, matches: [], ...props }) },
  ]);
  return plain(
    renderToStaticMarkup(
      h(
        TranslatorContext,
        { value: createTranslator(lang, resources[lang]) },
        h(Stub, { initialEntries: [path.replace(":lang", lang)] }),
      ),
    ),
  );
}

const dryRun = (report: Partial<Extract<ImportPageResult, { outcome: "dryRun" }>>) =>
  ({
    outcome: "dryRun",
    sha256: "a".repeat(64),
    fileName: "historique.csv",
    rowCount: 16_500,
    newCount: 0,
    knownCount: 0,
    errors: [],
    errorCount: 0,
    ...report,
  }) satisfies ImportPageResult;

const importPage = (lang: Language, result: ImportPageResult) =>
  render(lang, "/:lang/staff/dataset/import", ImportPage as ComponentType, {
    loaderData: { lang, recent: [] },
    actionData: result,
  });

describe("numbers in the import's messages", () => {
  it("the command line groups counts and limits as the language does", () => {
    const result: ContributionImportResult = {
      applied: false,
      sha256: "a".repeat(64),
      rowCount: 16_500,
      newCount: 0,
      knownCount: 0,
      errors: Array.from({ length: 1001 }, () => tooLong),
      importId: null,
      findingCount: 0,
    };
    const fr = contributionReportLines(result, "fr", true).map(plain);
    expect(fr[0]).toMatch(
      /^! Ligne 2, colonne « récit » : Cette cellule dépasse 1 000 caractères\.$/,
    );
    // The totals, then the number of errors.
    expect(fr.at(-2)).toMatch(/^16 500 /);
    expect(fr.at(-1)).toMatch(/^1 001 erreurs\b/);
    const nl = contributionReportLines(result, "nl", true);
    expect(nl[0]).toMatch(/^! Rij 2, kolom ‘récit’: Deze cel is langer dan 1\.000 tekens\.$/);
    expect(nl.at(-2)).toMatch(/^16\.500 /);
    expect(nl.at(-1)).toMatch(/^1\.001 fouten\b/);
  });

  it("the page's error count and reasons are grouped like its counts table", () => {
    const fr = importPage("fr", dryRun({ errors: [tooLong], errorCount: 16_499 }));
    expect(fr).toContain("Le fichier contient 16 499 problèmes");
    expect(fr).toContain("Cette cellule dépasse 1 000 caractères.");
    expect(fr).toContain("1 problèmes affichés sur 16 499.");
    expect(fr).toContain(">16 500<");
    expect(fr).not.toMatch(/16499|1000 /);
    const nl = importPage("nl", dryRun({ errors: [tooLong], errorCount: 16_499 }));
    expect(nl).toContain("Het bestand bevat 16.499 problemen");
    expect(nl).toContain("Deze cel is langer dan 1.000 tekens.");
  });

  it("the import button counts what it adds, one or many", () => {
    expect(importPage("fr", dryRun({ newCount: 16_500 }))).toContain(
      "Importer 16 500 contributions",
    );
    expect(importPage("fr", dryRun({ rowCount: 1, newCount: 1 }))).toContain(
      "Importer 1 contribution<",
    );
    expect(importPage("nl", dryRun({ newCount: 16_500 }))).toContain("16.500 bijdragen importeren");
  });

  it("the page says the template is its header line only", () => {
    const empty = render("fr", "/:lang/staff/dataset/import", ImportPage as ComponentType, {
      loaderData: { lang: "fr", recent: [] },
    });
    expect(empty).toContain(
      "Le modèle ne contient que la ligne d’en-têtes, dans la langue de cette page",
    );
  });
});

describe("an import's entries in the dataset", () => {
  it("the job page links to this import's entries, not every import's", () => {
    const job = {
      id: "00000000-0000-0000-0000-000000000000",
      state: "done",
      phase: null,
      done: 0,
      total: 0,
      fileName: "historique.csv",
      result: {
        applied: true,
        sha256: "a".repeat(64),
        rowCount: 2,
        newCount: 2,
        knownCount: 0,
        errors: [],
        importId: "cimport1",
        findingCount: 0,
      },
    };
    const html = render("fr", "/:lang/staff/dataset/import/x", JobPage as ComponentType, {
      loaderData: { lang: "fr", job },
    });
    expect(html).toContain('href="/fr/staff/dataset?year=all&amp;import=cimport1"');
    expect(html).not.toContain("source=IMPORT");
  });

  it("the dataset page shows an imported entry's file and line, and filters by import", () => {
    const entry = {
      id: "e1",
      year: 2021,
      organisationName: "Zone A",
      channel: "FSE",
      measureCode: "5.1",
      measureTitle: "Mesure",
      link: "PRIMARY",
      narrative: "Patrouilles.",
      narrativeLanguage: "fr",
      figures: [],
      approvedBy: null,
      approvedAt: new Date("2026-12-01T08:00:00Z"),
      returnId: null,
      importFile: "historique.csv",
      importLine: 12,
      supersededAt: null,
    };
    const page = (lang: Language, importId: string) =>
      render(lang, "/:lang/staff/dataset", DatasetPage as ComponentType, {
        loaderData: {
          lang,
          filters: datasetFiltersSchema.parse({ year: "all", import: importId }),
          page: { total: 1, counts: { FSE: 1 }, previous: null, next: null, entries: [entry] },
          options: {
            years: [],
            organisations: [],
            themes: [],
            imports: [
              {
                id: "cimport1",
                fileName: "historique.csv",
                importedAt: new Date("2026-12-01T08:00:00Z"),
              },
            ],
          },
          canImport: true,
        },
      });
    const fr = page("fr", "cimport1");
    expect(fr).toContain("Fichier « historique.csv », ligne 12");
    expect(fr).toMatch(/<option value="cimport1" selected="">historique\.csv \(importé le /);
    expect(page("nl", "cimport1")).toContain("Bestand „historique.csv”, regel 12");
    // An import the list does not know stays chosen, named as unknown.
    expect(page("fr", "gone")).toContain(
      '<option value="gone" selected="">Import inconnu</option>',
    );
  });
});
