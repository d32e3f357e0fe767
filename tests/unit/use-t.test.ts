import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { pageTranslator } from "~/modules/i18n/i18n";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { registerStrings } from "~/modules/i18n/strings";
import { createTranslator, type Translator } from "~/modules/i18n/translator";
import { TranslatorContext, useT } from "~/modules/i18n/use-t";

registerStrings("fr", resources.fr);
registerStrings("nl", resources.nl);

const within = (translator: Translator, element: ReactNode) =>
  renderToString(createElement(TranslatorContext, { value: translator }, element));

function Labels() {
  const { t, lang } = useT(["returns", "common"]);
  const { t: tCommon } = useT("common");
  return createElement(
    "p",
    null,
    `${lang}|${tCommon("nav.logout")}|${t("common:footer.accessibility")}`,
  );
}

function page(lang: Language) {
  return within(pageTranslator(lang), createElement(Labels));
}

describe("page translation (useT, pageTranslator)", () => {
  it("renders each request in its URL's language from one shared translator per language", () => {
    expect(pageTranslator("fr")).toBe(pageTranslator("fr"));
    expect(pageTranslator("fr")).not.toBe(pageTranslator("nl"));
    // Interleaved languages: nothing of one request's language stays on a shared translator.
    expect(page("fr")).toContain("fr|Se déconnecter|Déclaration d&#x27;accessibilité");
    expect(page("nl")).toContain("nl|Afmelden|Toegankelijkheidsverklaring");
    expect(page("fr")).toContain("fr|Se déconnecter");
  });

  it("refuses to translate outside a page's translator", () => {
    expect(() => renderToString(createElement(Labels))).toThrow(/TranslatorContext/);
  });
});

describe("useT's remembered texts", () => {
  function Counted(props: { count: number }) {
    const { t } = useT("returns");
    return createElement(
      "p",
      null,
      `${t("form.selectedCount", { count: props.count })}|${t("form.selectedCount", { count: 1 })}`,
    );
  }

  it("still interpolates and plurals when called with options", () => {
    const html = (count: number) => within(pageTranslator("fr"), createElement(Counted, { count }));
    expect(html(3)).not.toBe(html(2));
    expect(html(3)).toContain("3");
    expect(html(2)).toContain("2");
  });

  it("does not keep a key that had no text yet, and keeps the others", () => {
    const strings = structuredClone(resources.nl);
    const translator = createTranslator("nl", strings);
    function Late() {
      const { t } = useT("common");
      return createElement("p", null, `${t("benchForm.title")}|${t("testOnlyLateKey" as never)}`);
    }
    const render = () => within(translator, createElement(Late));
    expect(render()).toContain("Meetpagina: 60 tekstvakken|testOnlyLateKey");
    const common = strings.common as Record<string, Record<string, unknown> | string>;
    common.testOnlyLateKey = "Laat";
    (common.benchForm as Record<string, unknown>).title = "Changed";
    // The missing key was not kept; the found one was (a translator's texts never change).
    expect(render()).toContain("Meetpagina: 60 tekstvakken|Laat");
  });
});
