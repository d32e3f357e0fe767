import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { pageI18n } from "~/modules/i18n/i18n";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { registerStrings } from "~/modules/i18n/strings";
import { useT } from "~/modules/i18n/use-t";

registerStrings("fr", resources.fr);
registerStrings("nl", resources.nl);

function Labels() {
  const { t } = useT(["returns", "common"]);
  const { t: tCommon } = useT("common");
  return createElement("p", null, `${tCommon("nav.logout")}|${t("common:footer.accessibility")}`);
}

function page(lang: Language) {
  return renderToString(
    createElement(I18nextProvider, { i18n: pageI18n(lang) }, createElement(Labels)),
  );
}

describe("page translation (useT, pageI18n)", () => {
  it("renders each request in its URL's language from one shared instance per language", () => {
    expect(pageI18n("fr")).toBe(pageI18n("fr"));
    expect(pageI18n("fr")).not.toBe(pageI18n("nl"));
    // Interleaved languages: nothing of one request's language stays on a shared instance.
    expect(page("fr")).toContain("Se déconnecter|Déclaration d&#x27;accessibilité");
    expect(page("nl")).toContain("Afmelden|Toegankelijkheidsverklaring");
    expect(page("fr")).toContain("Se déconnecter");
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
    const html = (count: number) =>
      renderToString(
        createElement(I18nextProvider, { i18n: pageI18n("fr") }, createElement(Counted, { count })),
      );
    expect(html(3)).not.toBe(html(2));
    expect(html(3)).toContain("3");
    expect(html(2)).toContain("2");
  });

  it("does not keep a key that had no text yet, and keeps the others", () => {
    const i18n = pageI18n("nl");
    function Late() {
      const { t } = useT("common");
      return createElement("p", null, `${t("benchForm.title")}|${t("testOnlyLateKey" as never)}`);
    }
    const render = () =>
      renderToString(createElement(I18nextProvider, { i18n }, createElement(Late)));
    expect(render()).toContain("Meetpagina: 60 tekstvakken|testOnlyLateKey");
    i18n.addResource("nl", "common", "testOnlyLateKey", "Laat");
    i18n.addResource("nl", "common", "benchForm.title", "Changed");
    // The missing key was not kept; the found one was (page instances never change texts).
    expect(render()).toContain("Meetpagina: 60 tekstvakken|Laat");
  });
});
