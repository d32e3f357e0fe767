// The API tokens page's form (routes/staff/api-tokens.tsx), rendered on the server in French and
// Dutch: no scope is ticked before the administrator ticks one (a token reads only what was
// chosen), and a form sent without any keeps the name typed and says, translated, that one is
// needed. The action's own checks: tests/integration/api-tokens-page.test.ts.
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { createTranslator } from "~/modules/i18n/translator";
import { TranslatorContext } from "~/modules/i18n/use-t";
import Page from "~/routes/staff/api-tokens";

function render(lang: Language, actionData?: unknown) {
  const Stub = createRoutesStub([
    {
      path: "/:lang/staff/api-tokens",
      Component: () =>
        h(Page as never, {
          loaderData: { lang, tokens: [] },
          actionData,
          params: { lang },
          matches: [],
        }),
    },
  ]);
  return renderToStaticMarkup(
    h(
      TranslatorContext,
      { value: createTranslator(lang, resources[lang]) },
      h(Stub, { initialEntries: [`/${lang}/staff/api-tokens`] }),
    ),
  );
}

/** The scope checkboxes as rendered: their value and whether they are ticked. */
const scopeBoxes = (html: string) =>
  [...html.matchAll(/<input[^>]*name="scopes"[^>]*>/g)].map(([input]) => ({
    value: /value="([^"]+)"/.exec(input)?.[1],
    checked: /\schecked=""/.test(input),
  }));

describe("the API tokens form", () => {
  it("ticks no scope at first, in French and in Dutch", () => {
    for (const lang of ["fr", "nl"] as const) {
      expect(scopeBoxes(render(lang))).toEqual([
        { value: "dataset:read", checked: false },
        { value: "reports:read", checked: false },
      ]);
    }
  });

  it("sent without a scope: the name typed is kept, the error translated, still nothing ticked", () => {
    const refused = {
      intent: "create",
      errors: { scopes: "errors.scopesRequired" },
      values: { name: "Observatoire – tableau de bord", scopes: [], expiresOn: "2030-12-31" },
    };
    for (const [lang, message] of [
      ["fr", "Cochez au moins une chose que le jeton peut lire"],
      ["nl", "Vink minstens één ding aan dat het token mag lezen"],
    ] as const) {
      const html = render(lang, refused);
      expect(html).toContain('value="Observatoire – tableau de bord"');
      expect(html).toContain('value="2030-12-31"');
      // In the summary (a link to the first box) and beside the boxes.
      expect(html).toContain(`<a href="#scopes">${message}</a>`);
      expect(html).toContain(`<p id="scopes-error" class="error-message">${message}</p>`);
      expect(html).not.toContain("errors.");
      expect(scopeBoxes(html).every((box) => !box.checked)).toBe(true);
    }
    // What was ticked stays ticked when another field is refused.
    const html = render("fr", {
      ...refused,
      errors: { name: "errors.nameRequired" },
      values: { name: "", scopes: ["reports:read"], expiresOn: "" },
    });
    expect(scopeBoxes(html)).toEqual([
      { value: "dataset:read", checked: false },
      { value: "reports:read", checked: true },
    ]);
  });
});
