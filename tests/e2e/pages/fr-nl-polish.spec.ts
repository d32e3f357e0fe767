// FR/NL polish (issue 7) in a real browser, in both languages. axe runs on the same pages (the
// plan, theme 1 and the task list, in both languages) in a11y.spec.ts and returns-a11y.spec.ts.
import { expect, test } from "@playwright/test";
import { PLAN, sessionState, type Lang } from "../helpers";
import { openReturnFromHome } from "../returns-helpers";

for (const lang of ["fr", "nl"] as const satisfies readonly Lang[]) {
  test(`plan pages speak ${lang}: 'text to verify' explained, plan codes localised (${lang})`, async ({
    page,
  }) => {
    await page.goto(`/${lang}/plans/${PLAN}/themes/1`);
    const tag = page.locator("#measure-1\\.3 .tag--yellow");
    await expect(tag).toHaveAttribute(
      "title",
      lang === "fr" ? /doit encore être vérifiée/ : /moet nog door safe\.brussels gecontroleerd/,
    );
    await expect(tag).not.toHaveAttribute("title", /annex|report/i);

    await page.goto(`/${lang}/plans/${PLAN}`);
    const main = page.getByRole("main");
    await expect(main.getByText(lang === "fr" ? "OS2" : "SD2", { exact: true })).toBeVisible();
    await expect(main.getByText(lang === "fr" ? "SD2" : "OS2", { exact: true })).toHaveCount(0);
  });

  test.describe(() => {
    // Partners whose 2023 return no test submits or saves to (returns-a11y.spec.ts only reads
    // them): the demo partners' returns are submitted by the fill-in journeys, which would send
    // this test to the confirmation page instead of the task list.
    test.use({
      storageState: sessionState(
        lang === "fr" ? "prevention.ixelles@example.org" : "preventie.jette@example.org",
      ),
    });

    test(`task list groups are lettered as shown, at 320 px (${lang})`, async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await openReturnFromHome(page, lang);
      const letters = await page.locator(".task-list__letter").allTextContents();
      expect(letters.length).toBeGreaterThan(1);
      expect(letters).toEqual(letters.map((_, i) => `${String.fromCharCode(65 + i)}.`));
    });
  });
}
