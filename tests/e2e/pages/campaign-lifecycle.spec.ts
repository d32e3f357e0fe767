// The staff campaign page through its states in a browser, FR and NL: a new campaign is a draft
// (axe, a settings error kept with what was typed), opened with the keyboard only, then open
// (axe, an extension form error), the close confirmation and the closed page (axe), each at
// 320 px. The rules themselves (generation, refusals, grace, extensions, emails) are proven in
// tests/integration/campaign-lifecycle.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { checkAxe, storageStates, type Lang } from "../helpers";
import { expectReflow, focusState } from "../returns-helpers";

type Json = Record<string, Record<string, string>>;
const load = (lang: Lang, ns: string) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, `${ns}.json`), "utf8")) as Json;

/** Today in Brussels, and a day some months ahead, as the date fields take them. */
function day(offsetDays: number) {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(date);
}

async function check(page: Page, label: string) {
  await checkAxe(page, label);
  await expectReflow(page, label);
}

/** Tabs forward until `name`'s button has the focus (keyboard only), and checks it shows. */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    if (focused === name) {
      expect((await focusState(page)).visible, `focus visible on "${name}"`).toBe(true);
      return;
    }
  }
  throw new Error(`"${name}" never took the focus`);
}

test.describe(() => {
  test.use({ storageState: storageStates.admin });

  for (const [lang, year] of [
    ["fr", 2045],
    ["nl", 2046],
  ] as const) {
    test(`campaign page: draft, open, close, closed; axe, errors, keyboard, 320 px (${lang})`, async ({
      page,
    }) => {
      const c = load(lang, "campaigns");
      const admin = load(lang, "admin") as unknown as { campaigns: { form: Json[string] } };
      const common = load(lang, "common") as unknown as { errors: Json[string] };
      const title = lang === "fr" ? `Rapport annuel ${year}` : `Jaarverslag ${year}`;

      await test.step("a new campaign is a draft", async () => {
        await page.goto(`/${lang}/staff/campaigns/new`);
        await page.getByLabel(admin.campaigns.form.year!, { exact: true }).fill(String(year));
        await page.getByLabel(admin.campaigns.form.titleFr!, { exact: true }).fill(title);
        await page.getByLabel(admin.campaigns.form.titleNl!, { exact: true }).fill(title);
        await page.getByLabel(admin.campaigns.form.opensAt!, { exact: true }).fill(day(0));
        await page.getByLabel(admin.campaigns.form.dueAt!, { exact: true }).fill(day(90));
        await page.getByLabel(c.settings!.grace!, { exact: true }).fill("7");
        await page.getByRole("button", { name: admin.campaigns.form.create }).click();
        await expect(page.locator("#campaign-status")).toContainText(c.status!.DRAFT!);
        await expect(page.getByRole("button", { name: c.open!.button })).toBeVisible();
        await expect(page.getByRole("link", { name: c.links!.reminders })).toBeVisible();
        await expect(page.getByRole("link", { name: c.links!.completeness })).toBeVisible();
        await check(page, `${lang} draft campaign`);
      });

      await test.step("a settings error keeps what was typed", async () => {
        const grace = page.getByLabel(c.settings!.grace!, { exact: true });
        await grace.fill("120");
        await page.getByLabel(admin.campaigns.form.titleFr!, { exact: true }).fill("Titre gardé");
        await page.getByRole("button", { name: c.settings!.save }).click();
        await expect(page.getByText(common.errors!.summaryTitle!)).toBeVisible();
        await expect(page.getByRole("link", { name: c.errors!.graceDays })).toBeVisible();
        await expect(grace).toHaveValue("120");
        await expect(page.getByLabel(admin.campaigns.form.titleFr!, { exact: true })).toHaveValue(
          "Titre gardé",
        );
        await check(page, `${lang} draft campaign, settings error`);
      });

      await test.step("opened with the keyboard only", async () => {
        await page.reload();
        await tabTo(page, c.open!.button!);
        await page.keyboard.press("Enter");
        await expect(page.locator("#campaign-status")).toContainText(c.status!.OPEN!);
        await expect(page.getByRole("status").first()).toBeVisible();
        await check(page, `${lang} open campaign`);
      });

      await test.step("an extension without its fields says what is missing", async () => {
        await page.getByRole("button", { name: c.extensions!.grant }).click();
        await expect(page.getByRole("link", { name: c.errors!.return })).toBeVisible();
        await expect(page.getByRole("link", { name: c.errors!.reason })).toBeVisible();
        await check(page, `${lang} open campaign, extension error`);
      });

      await test.step("closing asks first, then the campaign is closed", async () => {
        await page.getByRole("button", { name: c.close!.button }).click();
        const confirm = page.getByRole("button", { name: c.close!.confirmButton });
        await expect(confirm).toBeVisible();
        await check(page, `${lang} close confirmation`);
        await confirm.click();
        await expect(page.locator("#campaign-status")).toContainText(c.status!.CLOSED!);
        await expect(page.getByRole("button", { name: c.settings!.save })).toHaveCount(0);
        await check(page, `${lang} closed campaign`);
      });

      await test.step("the campaigns list shows the status", async () => {
        await page.goto(`/${lang}/staff/campaigns`);
        await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText(
          c.status!.CLOSED!,
        );
      });
    });
  }
});
