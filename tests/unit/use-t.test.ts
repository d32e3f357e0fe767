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
