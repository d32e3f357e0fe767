// A section's "other measures of the plan" are chosen on a page of their own: the section lists
// the chosen measures and a button; that button keeps what was typed and opens the plan's 77
// measures grouped by theme; saving comes back to the section. With and without JavaScript, in
// French and in Dutch, axe on both pages, 320 px wide without clipping.
import { expect, test, type Page } from "@playwright/test";
import { checkAxe, sessionState, type Lang } from "../helpers";
import { openReturnFromHome, rs, taskItems } from "../returns-helpers";

const label = {
  fr: "Autres mesures du plan concernées",
  nl: "Andere betrokken maatregelen van het plan",
};

/** The first funded-measure section of the account's 2023 return, opened. */
async function openFundedSection(page: Page, lang: Lang) {
  await openReturnFromHome(page, lang);
  const measure = lang === "nl" ? /^Maatregel / : /^Mesure /;
  const first = (await taskItems(page)).find((i) => measure.test(i.title))!;
  await page.goto(first.href);
  await expect(page.locator("#f-actions")).toBeVisible();
  return first.href;
}

const pickerGroup = (page: Page, lang: Lang) => page.getByRole("group", { name: label[lang] });

async function tick(page: Page, theme: RegExp, code: string) {
  const box = page.getByRole("checkbox", { name: new RegExp(`^${code.replace(".", "\\.")} `) });
  if (!(await box.isVisible())) await page.locator("summary", { hasText: theme }).click();
  await box.check();
}

test("with JavaScript (fr): choose measures on their page, come back with the text kept, 320 px", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const lang = "fr";
  const r = rs(lang).returns;
  const context = await browser.newContext({
    storageState: sessionState("prevention.evere@example.org"),
  });
  const page = await context.newPage();
  const sectionUrl = await openFundedSection(page, lang);
  const typed = "Des rondes de médiation le soir, avec les éducateurs de rue du quartier.";
  await page.locator("#f-actions").fill(typed);
  await expect(pickerGroup(page, lang)).toContainText(r.form.noMeasureChosen);
  // A tab opened on the picker before the choice is saved elsewhere: it will be stale.
  const stale = await context.newPage();

  await pickerGroup(page, lang).getByRole("button", { name: r.form.chooseMeasures }).click();
  await expect(page).toHaveURL(/\/measures\/relatedMeasures$/);
  const pickerUrl = page.url();
  await stale.goto(pickerUrl);
  await expect(page.getByRole("heading", { level: 1, name: label[lang] })).toBeVisible();
  // Every measure of the plan, in closed themes (none chosen yet).
  await expect(page.locator("input[type=checkbox]")).toHaveCount(77);
  await checkAxe(page, "the measure picker's page (fr)");

  // 320 px: the longest Dutch and French titles wrap inside the screen.
  await page.setViewportSize({ width: 320, height: 700 });
  await tick(page, /^Thématique 7 /, "7.5");
  const box = await page.locator("label", { hasText: /^7\.5 / }).boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
  await tick(page, /^Thématique 1 /, "1.2");
  await page.getByRole("button", { name: r.measures.save }).click();

  await expect(page).toHaveURL(`${sectionUrl}#f-relatedMeasures`);
  await expect(page.locator("#f-actions")).toHaveValue(typed);
  const chosen = pickerGroup(page, lang).getByRole("listitem");
  await expect(chosen).toHaveText([/^1\.2 \S/, /^7\.5 \S/]);
  await checkAxe(page, "a section with chosen measures (fr)");

  // Back without changing: the choice stays as saved.
  await pickerGroup(page, lang).getByRole("button", { name: r.form.changeMeasures }).click();
  await expect(page.getByRole("checkbox", { name: /^7\.5 / })).toBeChecked();
  await page.getByRole("checkbox", { name: /^1\.2 / }).uncheck();
  await page.getByRole("link", { name: r.measures.back }).click();
  await expect(page).toHaveURL(`${sectionUrl}#f-relatedMeasures`);
  await expect(chosen).toHaveCount(2);

  // The stale tab's choice is not saved over the newer one: it comes back to be sent again.
  await tick(stale, /^Thématique 3 /, "3.1");
  await stale.getByRole("button", { name: r.measures.save }).click();
  await expect(stale.getByRole("alert")).toContainText(r.measures.conflictTitle);
  await expect(stale.getByRole("checkbox", { name: /^3\.1 / })).toBeChecked();
  await checkAxe(stale, "the measure picker's conflict (fr)");
  await stale.getByRole("button", { name: r.measures.save }).click();
  await expect(stale).toHaveURL(`${sectionUrl}#f-relatedMeasures`);
  await expect(pickerGroup(stale, lang).getByRole("listitem")).toHaveText([/^3\.1 \S/]);
  await expect(stale.locator("#f-actions")).toHaveValue(typed);
  await context.close();
});

test("without JavaScript (nl): the button keeps the text, the page saves the choice", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const lang = "nl";
  const r = rs(lang).returns;
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: sessionState("prevention.uccle@example.org"),
  });
  const page = await context.newPage();
  const sectionUrl = await openFundedSection(page, lang);
  const typed = "Buurtbemiddeling op woensdag, samen met de jeugdhuizen van de gemeente.";
  await page.locator("#f-actions").fill(typed);
  await pickerGroup(page, lang).getByRole("button", { name: r.form.chooseMeasures }).click();
  await expect(page.getByRole("heading", { level: 1, name: label[lang] })).toBeVisible();
  await tick(page, /^Thema 2 /, "2.1");
  await page.getByRole("button", { name: r.measures.save }).click();
  await expect(page).toHaveURL(`${sectionUrl}#f-relatedMeasures`);
  await expect(page.locator("#f-actions")).toHaveValue(typed);
  await expect(pickerGroup(page, lang).getByRole("listitem")).toHaveText([/^2\.1 \S/]);
  await context.close();
});

test("axe: the measure picker's page (nl)", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: sessionState("prevention.woluwe-saint-pierre@example.org"),
  });
  const page = await context.newPage();
  await openFundedSection(page, "nl");
  await pickerGroup(page, "nl")
    .getByRole("button", { name: rs("nl").returns.form.chooseMeasures })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: label.nl })).toBeVisible();
  await page.locator("summary").first().click();
  await checkAxe(page, "the measure picker's page (nl)");
  await context.close();
});
