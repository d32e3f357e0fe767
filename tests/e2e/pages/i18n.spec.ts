// Languages (FR/NL): the remembered language on "/", the language switch, locale formats, and the
// bilingual plan catalogue with its "working translation" and "text to verify" markers. The
// redirect of "/" by Accept-Language is in tests/http/access.test.ts, the 404 page of each
// language in a11y.spec.ts (and tests/http/access.test.ts).
import { expect, test } from "@playwright/test";
import { BASE_URL, PLAN, accounts, pageTitle, storageStates, strings } from "../helpers";

const fr = strings("fr");
const nl = strings("nl");

/** The tag's text: its visible words, then its explanation for screen readers. */
const tagText = (words: string) =>
  new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\(|$)`);

test.describe("language of /", () => {
  test("the language chosen in the URL wins over Accept-Language on the next visit", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      extraHTTPHeaders: { "Accept-Language": "nl-BE,nl;q=0.9" },
    });
    const page = await context.newPage();
    await page.goto("/fr/plans");
    await page.goto("/");
    await expect(page).toHaveURL("/fr");
    await context.close();
  });
});

test("the language switch opens the same page in the other language", async ({ page }) => {
  await page.goto(`/fr/plans/${PLAN}/themes/4`);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  const toNl = page.getByRole("link", { name: `${fr.common.nav.switchLanguageHint} Nederlands` });
  await expect(toNl).toHaveAttribute("hreflang", "nl");
  await expect(toNl).toHaveAttribute("lang", "nl");
  await toNl.click();
  await expect(page).toHaveURL(`/nl/plans/${PLAN}/themes/4`);
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1, name: /^Thema 4 – / })).toBeVisible();
  await expect(page.getByRole("navigation", { name: nl.common.nav.label })).toBeVisible();

  // And back, keeping the query string.
  await page.goto("/nl/login?redirectTo=%2Fnl%2Fpartner");
  await page.getByRole("link", { name: `${nl.common.nav.switchLanguageHint} Français` }).click();
  await expect(page).toHaveURL("/fr/login?redirectTo=%2Fnl%2Fpartner");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1, name: fr.auth.login.title })).toBeVisible();
  await expect(page).toHaveTitle(pageTitle("fr", fr.auth.login.title));
});

test("numbers and dates use the Belgian French and Dutch formats", async ({ browser }) => {
  // This test's own outbox row: a sign-in link asked for by someone signed out.
  const visitor = await browser.newContext();
  const asked = await visitor.request.post("/fr/login", {
    form: { email: accounts.reviewer, redirectTo: "" },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  expect(asked.status()).toBeLessThan(400);
  await visitor.close();
  const context = await browser.newContext({ storageState: storageStates.admin });
  const page = await context.newPage();
  // Outbox dates: "26 nov. 2026, 11:44" (fr-BE) and "26 nov 2026, 11:44" (nl-BE), Brussels time.
  // Every row here was created by this run, within the last few minutes.
  for (const [lang, locale] of [
    ["fr", "fr-BE"],
    ["nl", "nl-BE"],
  ] as const) {
    const format = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Europe/Brussels",
    });
    const now = Date.now();
    const recent = new Set(
      Array.from({ length: 31 }, (_, k) => format.format(new Date(now - k * 60_000))),
    );
    const firstDate = page.locator("table tbody tr").first().locator("td").first();
    // The link is queued just after the answer (the answer never waits for the lookup).
    await expect(async () => {
      await page.goto(`/${lang}/staff/outbox`);
      await expect(firstDate).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    const text = (await firstDate.innerText()).replace(/\s/g, " ");
    expect(
      [...recent].map((d) => d.replace(/\s/g, " ")),
      `${lang} outbox date`,
    ).toContain(text);
  }
  await context.close();
});

test.describe("plan catalogue", () => {
  test("the plan lists 9 themes and 77 measures in both languages", async ({ page }) => {
    await page.goto("/fr");
    await expect(page.getByText("9 thématiques, 77 mesures")).toBeVisible();
    await page.goto("/fr/plans");
    await expect(page.getByText("2021–2024 · 9 thématiques, 77 mesures")).toBeVisible();

    await page.goto(`/fr/plans/${PLAN}`);
    await expect(
      page.getByRole("heading", {
        level: 1,
        name: "Plan Global de Sécurité et de Prévention 2021-2024",
      }),
    ).toBeVisible();
    const themes = page.getByRole("link", { name: /^Thématique \d+ – / });
    await expect(themes).toHaveCount(9);
    await expect(themes.first()).toHaveAttribute("href", `/fr/plans/${PLAN}/themes/1`);
    await expect(page.getByText(fr.catalogue.workingTranslation, { exact: true })).toHaveCount(0);

    await page.goto(`/nl/plans/${PLAN}`);
    await expect(page.getByRole("link", { name: /^Thema \d+ – / })).toHaveCount(9);
  });

  test("theme 4 lists its 10 measures", async ({ page }) => {
    await page.goto(`/fr/plans/${PLAN}/themes/4`);
    await expect(page.getByRole("heading", { level: 1, name: /^Thématique 4 – / })).toBeVisible();
    const measures = page.getByRole("heading", { level: 2, name: /^Mesure 4\.\d+/ });
    await expect(measures).toHaveCount(10);
    await expect(page.getByText("10 mesures", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /^Mesure (?!4\.)/ })).toHaveCount(0);
  });

  test("measure 1.3 carries the 'text to verify' tag", async ({ page }) => {
    await page.goto(`/fr/plans/${PLAN}/themes/1`);
    const m13 = page.locator('[id="measure-1.3"]');
    await expect(m13.getByRole("heading", { level: 2 })).toContainText("Mesure 1.3");
    await expect(m13.getByText(tagText(fr.catalogue.toVerify))).toBeVisible();
    // Not on a measure without a known defect.
    await expect(
      page.locator('[id="measure-1.2"]').getByText(tagText(fr.catalogue.toVerify)),
    ).toHaveCount(0);
    await expect(page.getByText(tagText(fr.catalogue.toVerify))).toHaveCount(1);

    await page.goto(`/nl/plans/${PLAN}/themes/1`);
    await expect(
      page.locator('[id="measure-1.3"]').getByText(tagText(nl.catalogue.toVerify)),
    ).toBeVisible();
  });

  test("Dutch pages flag the working translation; French pages do not", async ({ page }) => {
    await page.goto(`/nl/plans/${PLAN}`);
    await expect(page.getByText(nl.catalogue.workingTranslationNotice)).toBeVisible();
    await expect(
      page.getByText(nl.catalogue.workingTranslation, { exact: true }).first(),
    ).toBeVisible();

    await page.goto(`/nl/plans/${PLAN}/themes/4`);
    const tags = page.getByText(nl.catalogue.workingTranslation, { exact: true });
    await expect(tags).toHaveCount(10);

    await page.goto(`/fr/plans/${PLAN}/themes/4`);
    await expect(page.getByText(fr.catalogue.workingTranslation, { exact: true })).toHaveCount(0);
    await expect(page.getByText(nl.catalogue.workingTranslation, { exact: true })).toHaveCount(0);
  });
});
