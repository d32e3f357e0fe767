// The reminders page of the demo's 2023 campaign and the email preview, in a browser, FR and NL:
// axe on the page, its error state (rule form sent with bad days: error summary, the typed value
// kept) and the dry-run preview, reflow at 320 px; the email preview's frame. Nothing is sent
// (the preview is a dry run; no "send now" here). The rules themselves are proven in
// tests/integration/reminders-*.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { checkAxe, storageStates, type Lang } from "../helpers";
import { expectReflow } from "../returns-helpers";

const strings = (lang: Lang) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, "reminders.json"), "utf8")) as {
    title: string;
    rules: { addButton: string; days: string };
    preview: { show: string; day: string };
    errors: { days: string };
    emails: { frame: string };
  };

const campaignTitle = { fr: "Rapport annuel PGSP 2023", nl: "GVPP-jaarverslag 2023" };

async function openReminders(page: Page, lang: Lang) {
  await page.goto(`/${lang}/staff/campaigns`);
  const link = page.getByRole("link", { name: campaignTitle[lang], exact: true });
  const campaignPath = await link.getAttribute("href");
  expect(campaignPath).toMatch(new RegExp(`^/${lang}/staff/campaigns/[^/]+$`));
  await page.goto(`${campaignPath}/reminders`);
}

test.describe(() => {
  test.use({ storageState: storageStates.admin });

  for (const lang of ["fr", "nl"] as const) {
    test(`reminders page: axe, error state, preview, 320 px (${lang})`, async ({ page }) => {
      const s = strings(lang);
      await openReminders(page, lang);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      const heading = s.title.replace("{{campaign}}", campaignTitle[lang]);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await checkAxe(page, `${lang} reminders page`);
      await expectReflow(page, `${lang} reminders page`);

      await test.step("a rule with bad days: error summary, value kept", async () => {
        const addForm = page.locator("form").filter({
          has: page.getByRole("button", { name: s.rules.addButton }),
        });
        await addForm.getByLabel(s.rules.days).fill("trois");
        await addForm.getByRole("button", { name: s.rules.addButton }).click();
        await expect(page.getByRole("alert")).toBeVisible();
        await expect(page.locator("#days-error")).toHaveText(s.errors.days);
        await expect(addForm.getByLabel(s.rules.days)).toHaveValue("trois");
        await checkAxe(page, `${lang} reminders page with errors`);
      });

      await test.step("what goes out on a day (dry run)", async () => {
        await page.getByLabel(s.preview.day, { exact: true }).fill("2030-01-15");
        await page.getByRole("button", { name: s.preview.show }).click();
        await expect(page).toHaveURL(/\?on=2030-01-15$/);
        await expect(page.getByRole("status").first()).toBeVisible();
        await checkAxe(page, `${lang} reminders preview`);
      });
    });

    test(`email preview: axe, both languages (${lang})`, async ({ page }) => {
      const s = strings(lang);
      for (const emailLang of ["fr", "nl"] as const) {
        await page.goto(`/${lang}/staff/emails/reminder?lang=${emailLang}&variant=after`);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        const frame = page.frameLocator(`iframe[title="${s.emails.frame}"]`);
        await expect(frame.locator("html")).toHaveAttribute("lang", emailLang);
        await checkAxe(page, `${lang} email preview (${emailLang})`);
      }
    });
  }
});
