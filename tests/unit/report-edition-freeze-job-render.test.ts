// The page of an edition being frozen (routes/staff/report-edition-freeze-job.tsx), rendered on
// the server in French and Dutch for each state: where the freeze stands while it runs (the
// tables, then the entries with numbers written as the language writes them) with a Refresh
// button for browsers without JavaScript; the edition's link once done; why nothing was frozen
// otherwise. The freeze itself: tests/integration/editions-freeze-job.test.ts.
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import type { FreezeJobState } from "~/modules/editions/freeze-job.server";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { createTranslator } from "~/modules/i18n/translator";
import { TranslatorContext } from "~/modules/i18n/use-t";
import Page from "~/routes/staff/report-edition-freeze-job";

const ID = "0b9d7a52-7d0e-4f57-9d43-3c1f2d6e8a11";

function render(lang: Language, job: Partial<FreezeJobState>) {
  const state: FreezeJobState = {
    id: ID,
    state: "running",
    title: "Rapport 2023",
    planCode: "PGSP-2021-2024",
    progress: null,
    editionId: null,
    entryCount: null,
    ...job,
  };
  const Stub = createRoutesStub([
    {
      path: "/:lang/staff/reports/editions/freeze/:job",
      Component: () =>
        h(Page as never, { loaderData: { lang, job: state }, params: { lang }, matches: [] }),
    },
  ]);
  const html = renderToStaticMarkup(
    h(
      TranslatorContext,
      { value: createTranslator(lang, resources[lang]) },
      h(Stub, { initialEntries: [`/${lang}/staff/reports/editions/freeze/${ID}`] }),
    ),
  );
  const status = /<div role="status">([\s\S]*?)<\/div>/
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'");
  return { html, status };
}

describe("the page of an edition being frozen", () => {
  it("says where the freeze stands, in French and in Dutch", () => {
    const entries = { phase: "entries" as const, done: 12000, total: 232764 };
    expect(render("fr", { progress: { phase: "tables" } }).status).toBe(
      "Gel en cours : calcul des tableaux en français et en néerlandais.",
    );
    expect(render("fr", { progress: entries }).status).toBe(
      "Gel en cours : 12\u202F000 entrées enregistrées sur 232\u202F764.",
    );
    expect(render("nl", { progress: entries }).status).toBe(
      "Bezig met bevriezen: 12.000 van 232.764 gegevens opgeslagen.",
    );
    const running = render("nl", { progress: entries }).html;
    expect(running).toContain(">Vernieuwen</button>");
    // Without JavaScript (as rendered on the server), the hint says to refresh, and describes
    // the button.
    expect(running).toContain("Vernieuw de pagina om de voortgang te volgen.");
    expect(running).not.toContain("vanzelf");
    const hintId = /<p class="hint" id="([^"]+)">/.exec(running)?.[1];
    expect(hintId).toBeDefined();
    expect(running).toContain(`aria-describedby="${hintId}"`);
    expect(running).toContain("Editie: Rapport 2023");
    expect(running).not.toContain("De editie bekijken");
  });

  it("links to the edition once done, and says why nothing was frozen otherwise", () => {
    const done = render("fr", { state: "done", editionId: "cmx1", entryCount: 1 });
    expect(done.status).toBe("L'édition est figée, avec 1 entrée.");
    expect(done.html).toContain('href="/fr/staff/reports/editions/cmx1"');
    expect(done.html).not.toContain("</button>");
    expect(render("nl", { state: "done", editionId: "cmx1", entryCount: 3 }).status).toBe(
      "De editie is bevroren, met 3 gegevens.",
    );
    // Counts written as the language writes them.
    expect(render("fr", { state: "done", editionId: "cmx1", entryCount: 232764 }).status).toBe(
      "L'édition est figée, avec 232\u202F764 entrées.",
    );
    expect(render("nl", { state: "done", editionId: "cmx1", entryCount: 232764 }).status).toBe(
      "De editie is bevroren, met 232.764 gegevens.",
    );
    for (const lang of ["fr", "nl"] as const)
      for (const state of ["busy", "failed", "interrupted"] as const) {
        const ended = render(lang, { state });
        expect(ended.status).toBe(
          createTranslator(lang, resources[lang]).fixedT("editions")(`job.${state}`),
        );
        expect(ended.html).not.toContain(`/editions/cmx`);
        expect(ended.html).toContain(`href="/${lang}/staff/reports/editions"`);
      }
  });
});
