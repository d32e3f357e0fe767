// The screening pages in a browser, FR and NL, as an administrator: the queue of possible
// personal data (the e2e database holds an imported contribution per language whose narrative
// has a made-up email, phone and national number: tests/fixtures/e2e-screening.ts) with the
// match marked and where the entry comes from; filtered by kind with the GET form; an override
// without a reason refused on the finding's page (error summary focused, title prefixed), then
// sent with its reason, all with the keyboard; a confirmation; the resolved finding under its
// status; the dataset page's link. axe on every state, reflow at 320 px.
// Rules, masking and conflicts are proven in tests/integration/screening-*.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { e2eScreening, E2E_SCREENING_FILE } from "../../fixtures/e2e-screening";
import { checkAxe, pageTitle, storageStates, type Lang } from "../helpers";
import { expectReflow, focusState } from "../returns-helpers";

type Screening = typeof import("../../../locales/fr/screening.json");
const strings = (lang: Lang) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, "screening.json"), "utf8")) as Screening;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));

/** The finding whose marked match is `match`. */
const card = (page: Page, match: string) =>
  page.getByRole("article").filter({ has: page.locator("mark", { hasText: match }) });

test.use({ storageState: storageStates.admin });

for (const lang of ["fr", "nl"] as const) {
  test(`screening queue: axe, filters, keyboard, resolve, 320 px (${lang})`, async ({ page }) => {
    const s = strings(lang);
    const seeded = e2eScreening[lang];
    const heading = page.getByRole("heading", { level: 1, name: s.queue.title });

    await test.step("the open findings, each marked, with its entry's file and line", async () => {
      await page.goto(`/${lang}/staff/dataset`);
      await page.getByRole("link", { name: s.queue.datasetLink }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/staff/screening$`));
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(heading).toBeVisible();
      const email = card(page, seeded.email);
      await expect(email).toBeVisible();
      await expect(email.getByRole("heading", { name: new RegExp(s.kinds.EMAIL) })).toBeVisible();
      await expect(email).toContainText(
        fill(s.finding.imported, { file: E2E_SCREENING_FILE, line: lang === "fr" ? 2 : 3 }),
      );
      await checkAxe(page, `${lang} screening queue`);
      await expectReflow(page, `${lang} screening queue`);
    });

    await test.step("filtered by kind with the form", async () => {
      await page.getByLabel(s.queue.kind, { exact: true }).selectOption("PHONE");
      await page.getByRole("button", { name: s.queue.apply }).click();
      await expect(page).toHaveURL(/[?&]kind=PHONE(&|$)/);
      await expect(card(page, seeded.phone)).toBeVisible();
      await expect(card(page, seeded.email)).toHaveCount(0);
      await checkAxe(page, `${lang} screening queue, phones`);
    });

    await test.step("an override without its reason is refused, with the keyboard", async () => {
      const reason = card(page, seeded.phone).getByLabel(s.actions.reason);
      await reason.focus();
      expect((await focusState(page)).visible).toBe(true);
      await page.keyboard.press("Enter");
      await expect(page).toHaveTitle(pageTitle(lang, s.finding.title, true));
      const summary = page.locator(".error-summary");
      await expect(summary).toBeFocused();
      // From the summary to the field, with the keyboard.
      await page.keyboard.press("Tab");
      await expect(summary.getByRole("link", { name: s.errors.reasonRequired })).toBeFocused();
      await page.keyboard.press("Enter");
      const field = card(page, seeded.phone).getByLabel(s.actions.reason);
      await expect(field).toBeFocused();
      await checkAxe(page, `${lang} finding, reason missing`);
      await expectReflow(page, `${lang} finding, reason missing`);
      await page.keyboard.type(lang === "fr" ? "Numéro du secrétariat public" : "Openbaar nummer");
      await page.keyboard.press("Enter");
      await expect(page.getByRole("status").filter({ hasText: s.done.OVERRIDDEN })).toBeVisible();
      await expect(page).toHaveURL(/[?&]kind=PHONE(&|$)/);
      await expect(card(page, seeded.phone)).toHaveCount(0);
    });

    await test.step("a confirmation, then the finding under its status", async () => {
      await page.goto(`/${lang}/staff/screening?kind=EMAIL`);
      const confirm = card(page, seeded.email).getByRole("button", { name: s.actions.confirm });
      await confirm.focus();
      expect((await focusState(page)).visible).toBe(true);
      await page.keyboard.press("Enter");
      await expect(page.getByRole("status").filter({ hasText: s.done.CONFIRMED })).toBeVisible();
      await expect(card(page, seeded.email)).toHaveCount(0);

      await page.goto(`/${lang}/staff/screening?status=CONFIRMED&kind=EMAIL`);
      const confirmed = card(page, seeded.email);
      await expect(confirmed.getByText(s.statuses.CONFIRMED, { exact: true })).toBeVisible();
      await expect(confirmed.getByRole("button")).toHaveCount(0);
      await checkAxe(page, `${lang} screening queue, confirmed`);
      await expectReflow(page, `${lang} screening queue, confirmed`);
    });
  });
}
