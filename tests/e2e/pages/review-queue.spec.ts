// The staff review queue (/:lang/staff/review) in a browser, FR and NL: axe on the page, a
// filtered state and the empty state; the filters are a plain GET form and bad values in the
// address give the page, not an error; reflow at 320 px; a return taken with the keyboard only;
// a partner gets the 404 page. Filters, counts, order and pages are proven in
// tests/integration/review-queue.test.ts, assignment in review-assign.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { checkAxe, storageStates, type Lang } from "../helpers";
import { expectReflow } from "../returns-helpers";

interface QueueStrings {
  title: string;
  tableCaption: string;
  state: string;
  allStates: string;
  sort: string;
  apply: string;
  empty: string;
  take: string;
  you: string;
  sorts: Record<string, string>;
}

const queueStrings = (lang: Lang) =>
  (
    JSON.parse(readFileSync(path.resolve("locales", lang, "admin.json"), "utf8")) as {
      reviewQueue: QueueStrings;
    }
  ).reviewQueue;

test.describe(() => {
  test.use({ storageState: storageStates.admin });

  for (const lang of ["fr", "nl"] as const) {
    test(`review queue: axe, filters, empty, bad values, 320 px (${lang})`, async ({ page }) => {
      const s = queueStrings(lang);
      const heading = page.getByRole("heading", { level: 1, name: s.title });

      await test.step("the returns waiting for a decision", async () => {
        await page.goto(`/${lang}/staff/review`);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(heading).toBeVisible();
        await expect(page.getByRole("table", { name: s.tableCaption })).toBeVisible();
        await checkAxe(page, `${lang} review queue`);
        await expectReflow(page, `${lang} review queue`);
      });

      await test.step("filtered with the form (every state, by due date)", async () => {
        await page.getByLabel(s.state, { exact: true }).selectOption("all");
        await page.getByLabel(s.sort, { exact: true }).selectOption("due");
        await page.getByRole("button", { name: s.apply, exact: true }).click();
        await expect(page).toHaveURL(/[?&]state=all(&|$)/);
        await expect(page).toHaveURL(/[?&]sort=due(&|$)/);
        await expect(heading).toBeVisible();
        await expect(page.getByLabel(s.sort, { exact: true })).toHaveValue("due");
        await checkAxe(page, `${lang} review queue, every state by due date`);
      });

      await test.step("nothing matches", async () => {
        await page.goto(`/${lang}/staff/review?year=2099`);
        await expect(page.getByText(s.empty)).toBeVisible();
        await expect(page.getByRole("table")).toHaveCount(0);
        await checkAxe(page, `${lang} review queue, empty`);
      });

      await test.step("bad values in the address are dropped", async () => {
        const response = await page.goto(
          `/${lang}/staff/review?state=DRAFT&year=abc&page=-4&sort=random&assignee=%27%3B`,
        );
        expect(response?.status()).toBe(200);
        await expect(heading).toBeVisible();
        await expect(page.getByLabel(s.state, { exact: true })).toHaveValue("waiting");
      });
    });
  }

  test("review queue: a reviewer takes a return with the keyboard only (fr)", async ({ page }) => {
    const s = queueStrings("fr");
    await page.goto("/fr/staff/review?state=all");
    const take = page.getByRole("button", { name: new RegExp(`^${s.take} `) }).first();
    await expect(take).toBeVisible();
    const label = (await take.getAttribute("aria-label"))!;
    // Tab from the top of the page to the first "Prendre" button, then Enter.
    for (let i = 0; i < 80 && !(await take.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(take).toBeFocused();
    expect(await take.evaluate((el) => el.matches(":focus-visible"))).toBe(true);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/[?&]taken=[^&]+/);
    await expect(page).toHaveURL(/[?&]state=all(&|$)/);
    await expect(page.getByRole("status").filter({ hasText: /Vous suivez/ })).toBeVisible();
    // That row now says "Vous" and has no button any more.
    await expect(page.getByRole("button", { name: label, exact: true })).toHaveCount(0);
    await checkAxe(page, "fr review queue, after taking a return");
  });
});

test.describe(() => {
  test.use({ storageState: storageStates.partnerFr });
  test("review queue: a partner gets the page not found", async ({ page }) => {
    const response = await page.goto("/fr/staff/review");
    expect(response?.status()).toBe(404);
  });
});
