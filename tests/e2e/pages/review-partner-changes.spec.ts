// The partner's pages of a return sent back for changes, in a browser, FR and NL: the demo's
// zone 5341 return (prisma/seed/review-demo.ts: one block sent back with a comment, a general
// remark and the partner's answer). axe on the task list, the section sent back (with an empty
// reply refused: error summary, "Erreur :" title) and a read-only section; reflow at 320 px; a
// reply posted without JavaScript. The rules are proven in tests/integration/review-send-back,
// review-comments and review-partner-pages.test.ts.
import { expect, test } from "@playwright/test";
import { checkAxe, escapeRegExp, sessionState, strings, type Lang } from "../helpers";
import { expectReflow, openReturnFromHome, rs } from "../returns-helpers";

const PARTNER = "karim.benali@example.org";
const NOTE = "Pouvez-vous préciser combien d'agents ont suivi la formation";

for (const lang of ["fr", "nl"] as const satisfies readonly Lang[]) {
  test.describe(() => {
    test.use({ storageState: sessionState(PARTNER) });

    test(`return sent back: task list, section sent back, read-only section (${lang})`, async ({
      page,
    }) => {
      const s = rs(lang).returns.sentBack;
      await openReturnFromHome(page, lang);
      const requested = page
        .locator(".task-list__item")
        .filter({ has: page.locator(".tag", { hasText: s.tag.changesRequested }) });
      const readOnly = page
        .locator(".task-list__item")
        .filter({ has: page.locator(".tag", { hasText: s.tag.accepted }) });

      await test.step("the task list marks the section sent back", async () => {
        await expect(page.getByText(s.taskListTitle)).toBeVisible();
        await expect(requested).toHaveCount(1);
        await expect(readOnly.first()).toBeVisible();
        await expect(page.getByRole("heading", { name: s.generalThreadTitle })).toBeVisible();
        // The general remark, shown in the language it was written in.
        await expect(page.locator('#comments [lang="fr"]').first()).toBeVisible();
        await checkAxe(page, `${lang} task list of a return sent back`);
        await expectReflow(page, `${lang} task list of a return sent back`);
      });

      await test.step("a section not sent back is read-only", async () => {
        await readOnly.first().getByRole("link").click();
        await expect(page.getByText(s.readOnlyTitle)).toBeVisible();
        await expect(
          page.getByRole("button", { name: rs(lang).returns.form.saveAndContinue }),
        ).toHaveCount(0);
        await checkAxe(page, `${lang} read-only section of a return sent back`);
        await page.goBack();
      });

      await test.step("the section sent back shows the comment and its thread", async () => {
        await requested.getByRole("link").click();
        await expect(page.getByRole("heading", { name: s.noteTitle })).toBeVisible();
        await expect(page.getByText(NOTE)).toBeVisible();
        await expect(page.getByRole("heading", { name: s.threadTitle })).toBeVisible();
        await checkAxe(page, `${lang} section sent back`);
        await expectReflow(page, `${lang} section sent back`);
      });

      await test.step("an empty reply is refused with an error summary", async () => {
        await page.getByRole("button", { name: s.send }).click();
        const summary = page.locator(".error-summary");
        await expect(summary).toBeFocused();
        await expect(summary.getByRole("link", { name: s.errors["body-required"] })).toBeVisible();
        await expect(page).toHaveTitle(
          new RegExp(`^${escapeRegExp(strings(lang).common.errors.titlePrefix)} `),
        );
        await checkAxe(page, `${lang} section sent back, empty reply`);
      });
    });
  });
}

test.describe(() => {
  test.use({ storageState: sessionState(PARTNER), javaScriptEnabled: false });

  test("return sent back: a reply posted without JavaScript (nl)", async ({ page }) => {
    const s = rs("nl").returns.sentBack;
    await page.goto("/nl/partner");
    await page.getByRole("link", { name: "GVPP-jaarverslag 2023", exact: true }).click();
    await page
      .locator(".task-list__item")
      .filter({ has: page.locator(".tag", { hasText: s.tag.changesRequested }) })
      .getByRole("link")
      .click();
    const reply = `Antwoord zonder JavaScript ${Date.now()}`;
    await page.getByLabel(s.replyLabel).fill(reply);
    await page.getByRole("button", { name: s.send }).click();
    await expect(page).toHaveURL(/#comments$/);
    const posted = page.locator('#comments [lang="nl"]', { hasText: reply });
    await expect(posted).toBeVisible();
  });
});
