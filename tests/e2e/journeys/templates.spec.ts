// Questionnaire templates, as staff use them: the list of versions, a version's page, previews
// of a section in French and Dutch, and importing a file (invalid, then valid). axe-core runs on
// every page and state, in both languages, with zero violations allowed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { escapeRegExp, pageTitle, storageStates, type Lang, checkAxe } from "../helpers";

type Json = Record<string, unknown>;
const localesDir = path.resolve(process.cwd(), "locales");
const json = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Json;

/** UI strings of the templates and returns namespaces, looked up by dotted key. */
function ui(lang: Lang) {
  const namespaces: Record<string, Json> = {
    templates: json(path.join(localesDir, lang, "templates.json")),
    returns: json(path.join(localesDir, lang, "returns.json")),
  };
  return (key: string, params: Record<string, string | number> = {}) => {
    const [ns, rest] = key.split(":") as [string, string];
    const value = rest
      .split(".")
      .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], namespaces[ns]);
    if (typeof value !== "string") throw new Error(`No UI string ${lang}:${key}`);
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
  };
}

const DEFAULT_TEMPLATE = path.resolve(
  process.cwd(),
  "prisma/seed/templates/pgsp-annual-return.yaml",
);
const defaultYaml = readFileSync(DEFAULT_TEMPLATE, "utf8");
const defaultTemplate = parse(defaultYaml) as {
  title: Record<Lang, string>;
  sections: { id: string; title: Record<Lang, string> }[];
};
const contribution = defaultTemplate.sections.find((s) => s.id === "contribution")!;

/** A template with a tab as indentation on line 4: a YAML syntax error. */
const INVALID_YAML = [
  "key: pgsp-annual-return",
  "title:",
  "  fr: Rapport annuel",
  "\tnl: Jaarverslag",
  "sections: []",
  "",
].join("\n");
const INVALID_YAML_PROBLEM = /^line 4, column 1: Tabs are not allowed as indentation/;

async function expectPage(page: Page, lang: Lang, heading: string | RegExp) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

test.use({ storageState: storageStates.admin });

for (const lang of ["fr", "nl"] as const) {
  const t = ui(lang);

  test(`templates: list, default template and its preview in the other language (${lang})`, async ({
    page,
  }) => {
    const title = defaultTemplate.title[lang];
    const versionHeading = t("templates:detail.title", { title, version: 1 });

    await test.step("list of template versions", async () => {
      await page.goto(`/${lang}/staff/templates`);
      await expectPage(page, lang, t("templates:list.title"));
      await expect(page.getByRole("link", { name: t("templates:list.import") })).toBeVisible();
      await checkAxe(page, `${lang} template list`);
    });

    await test.step("the default template, version 1", async () => {
      await page.getByRole("link", { name: versionLinkName(title, t, 1) }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/staff/templates/[^/?]+$`));
      await expectPage(page, lang, versionHeading);
      await expect(page.getByText(t("templates:status.PUBLISHED"), { exact: true })).toBeVisible();
      // Labels in both languages side by side, and the rules in words.
      await expect(
        page.getByRole("cell", { name: "Où en est la mise en œuvre ?", exact: true }).first(),
      ).toHaveAttribute("lang", "fr");
      await expect(
        page.getByRole("cell", { name: "Hoe ver staat de uitvoering?", exact: true }).first(),
      ).toHaveAttribute("lang", "nl");
      await expect(page.getByText(t("templates:repeat.fundedMeasure"))).toBeVisible();
      // Already published: nothing to publish.
      await expect(
        page.getByRole("button", { name: t("templates:detail.publish.button", { version: 1 }) }),
      ).toHaveCount(0);
      await checkAxe(page, `${lang} template version page`);
    });

    // Each page offers a preview in both languages; each test opens the other language's, so the
    // two tests between them open (and check with axe) both previews once, from both pages.
    {
      const previewLang = lang === "fr" ? "nl" : "fr";
      await test.step(`preview of "${contribution.id}" in ${previewLang}`, async () => {
        const sectionTitle = contribution.title[lang];
        await page
          .getByRole("link", {
            name: visibleThenHidden(
              t(`templates:detail.sections.preview.${previewLang}`),
              t("templates:detail.sections.previewOf", { title: sectionTitle }),
            ),
          })
          .click();
        await expect(page).toHaveURL(
          new RegExp(`/${previewLang}/staff/templates/[^/]+/preview/${contribution.id}$`),
        );
        const p = ui(previewLang);
        // Previewing in a language is the page in that language.
        await expectPage(page, previewLang, contribution.title[previewLang]);
        await expect(page.getByText(p("templates:preview.bannerBody"))).toBeVisible();
        // The partner's form, read-only: its choices are shown disabled, the measure picker
        // (a page of its own) offers no button to open it, nothing can be saved.
        await expect(page.locator("input[type=checkbox][value='youth']")).toHaveCount(1);
        await expect(page.locator("input[type=checkbox][value='youth']")).toBeDisabled();
        await expect(page.getByText(p("returns:form.noMeasureChosen"))).toBeVisible();
        await expect(
          page.getByRole("button", { name: p("returns:form.chooseMeasures") }),
        ).toHaveCount(0);
        await expect(
          page.getByRole("button", { name: p("returns:form.saveAndContinue") }),
        ).toHaveCount(0);
        await expect(page.getByRole("button", { name: p("returns:form.saveDraft") })).toHaveCount(
          0,
        );
        await checkAxe(page, `${lang} page → ${previewLang} preview`);
      });
    }
  });
}

test("templates: import an invalid YAML file, then a valid modified one", async ({ page }) => {
  const t = ui("fr");
  const title = defaultTemplate.title.fr;

  await test.step("the import form", async () => {
    await page.goto("/fr/staff/templates");
    await page.getByRole("link", { name: t("templates:list.import") }).click();
    await expectPage(page, "fr", t("templates:import.title"));
    await checkAxe(page, "fr import form");
  });

  await test.step("an invalid YAML file: every problem listed, precisely", async () => {
    await page.getByLabel(t("templates:import.file.label")).setInputFiles({
      name: "broken.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(INVALID_YAML),
    });
    await page.getByRole("button", { name: t("templates:import.submit") }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(t("templates:import.errors.invalidFile_one", { count: 1 }));
    const problems = summary.getByRole("listitem");
    await expect(problems).toHaveCount(1);
    await expect(problems.first()).toHaveText(INVALID_YAML_PROBLEM);
    await expect(problems.first().getByRole("link")).toHaveAttribute("href", "#file");
    await expect(page).toHaveTitle(pageTitle("fr", t("templates:import.title"), true));
    await expect(page).toHaveURL("/fr/staff/templates/import");
    await checkAxe(page, "fr import with errors");
  });

  await test.step("a valid, modified default template becomes a new draft version", async () => {
    const marker = `e2e ${Date.now()}`;
    const modified = defaultYaml.replace(
      "fr: Remarques pour safe.brussels",
      `fr: Remarques pour safe.brussels (${marker})`,
    );
    expect(modified).not.toBe(defaultYaml);
    await page.getByLabel(t("templates:import.file.label")).setInputFiles({
      name: "pgsp-annual-return.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(modified),
    });
    await page.getByRole("button", { name: t("templates:import.submit") }).click();
    await expect(page).toHaveURL(/\/fr\/staff\/templates\/[^/?]+\?imported=1$/);
    const status = page.getByRole("status").filter({ hasText: /La version \d+ a été importée/ });
    await expect(status).toBeVisible();
    const version = Number(/version (\d+)/.exec((await status.innerText()) ?? "")?.[1]);
    expect(version).toBeGreaterThanOrEqual(2);
    await expectPage(page, "fr", t("templates:detail.title", { title, version }));
    await expect(page.getByText(t("templates:status.DRAFT"), { exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: new RegExp(escapeRegExp(marker)) })).toBeVisible();
    await expect(
      page.getByRole("button", { name: t("templates:detail.publish.button", { version }) }),
    ).toBeVisible();
    await checkAxe(page, "fr new version page (imported banner)");

    // The new version is listed; version 1 is still there, unchanged.
    await page.getByRole("link", { name: t("templates:list.title") }).click();
    await expect(
      page.getByRole("link", { name: versionLinkName(title, t, version) }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: versionLinkName(title, t, 1) })).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("templates: import by pasting works as a plain form (nl)", async ({ page }) => {
    const t = ui("nl");
    await page.goto("/nl/staff/templates/import");
    await expectPage(page, "nl", t("templates:import.title"));
    const textarea = page.getByLabel(t("templates:import.text.label"));

    await textarea.fill(INVALID_YAML);
    await page.getByRole("button", { name: t("templates:import.submit") }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText(t("templates:import.errors.invalidText_one", { count: 1 }));
    await expect(summary.getByRole("listitem").first()).toHaveText(INVALID_YAML_PROBLEM);
    // The pasted text is kept, to be corrected in place.
    await expect(textarea).toHaveValue(INVALID_YAML);
    await expect(page.locator("#text-error")).toContainText(
      t("templates:import.errors.invalidInline_one", { count: 1 }),
    );
    // axe cannot run where JavaScript is off (it hangs); the JS tests check these pages.

    const key = `e2e-no-js-${Date.now()}`;
    await textarea.fill(
      [
        `key: ${key}`,
        "title: { fr: Essai sans JavaScript, nl: Test zonder JavaScript }",
        "sections:",
        "  - id: main",
        "    repeat: once",
        "    title: { fr: Partie, nl: Deel }",
        "    questions:",
        "      - { id: done, kind: yesNo, required: true, label: { fr: Fait ?, nl: Gedaan? } }",
        "",
      ].join("\n"),
    );
    await page.getByRole("button", { name: t("templates:import.submit") }).click();
    await expect(page).toHaveURL(/\/nl\/staff\/templates\/[^/?]+\?imported=1$/);
    await expectPage(
      page,
      "nl",
      t("templates:detail.title", { title: "Test zonder JavaScript", version: 1 }),
    );
    await expect(page.getByRole("status")).toContainText(
      t("templates:detail.banner.imported", { version: 1 }),
    );
    // axe cannot run where JavaScript is off (it hangs); the JS tests check these pages.
  });
});

/**
 * The list's link name: the title then the visually hidden ", version N". Chromium puts a
 * space between them (the hidden text is positioned out of the flow), so allow one.
 */
function versionLinkName(title: string, t: ReturnType<typeof ui>, version: number) {
  return visibleThenHidden(title, t("templates:list.versionSuffix", { version }));
}

/** An accessible name made of visible text then visually hidden text (maybe a space between). */
function visibleThenHidden(visible: string, hidden: string) {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escape(visible)}\\s?${escape(hidden.trimStart())}$`);
}
