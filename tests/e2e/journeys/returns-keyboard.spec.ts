// Keyboard only: a contribution section of a return is completed with Tab, Space, typing and
// Enter, the focus always visible.
import { expect, test, type Page } from "@playwright/test";
import { sessionState } from "../helpers";
import {
  figureRows,
  focusState,
  openReturnFromHome,
  rs,
  saveStatus,
  taskItems,
  taskRow,
} from "../returns-helpers";

test("keyboard only: a contribution section is completed with Tab, Space, typing and Enter", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const lang = "fr";
  const r = rs(lang).returns;
  // Commune de Saint-Josse-ten-Noode: a return no other test touches.
  const state = sessionState("prevention.saint-josse@example.org");
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  const { returnUrl } = await openReturnFromHome(page, lang);
  const first = (await taskItems(page)).find((i) => /^Mesure /.test(i.title))!;
  const notVisible: string[] = [];

  async function tabTo(target: ReturnType<Page["locator"]>, key = "Tab", max = 250) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      const focus = await focusState(page);
      if (!focus.visible) notVisible.push(focus.what);
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`${key} never reached ${target}`);
  }

  // Task list → the first funded-measure section.
  await tabTo(page.getByRole("link", { name: first.title, exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(first.href);
  await expect(page.locator("#f-status")).toBeVisible();

  const typed = "Nous avons animé des ateliers de prévention dans trois écoles de la commune.";
  await tabTo(page.locator("#f-status"));
  await page.keyboard.press("Space");
  await expect(page.locator("#f-status")).toBeChecked();
  await tabTo(page.locator("#f-actions"));
  await page.keyboard.type(typed);
  // Back to the radios and forward again.
  await page.keyboard.press("Shift+Tab");
  await expect(page.locator("#f-status")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator("#f-actions")).toBeFocused();
  await tabTo(page.locator("#f-targetPublics"));
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(page.locator("#f-targetPublics-victims")).toBeFocused();
  await page.keyboard.press("Space");
  await expect
    .soft(figureRows(page), "typing does not add blank figure rows (one row to type into)")
    .toHaveCount(1, { timeout: 3_000 });
  const save = page.getByRole("button", { name: r.form.saveAndContinue });
  await tabTo(save);
  expect((await focusState(page)).visible, "the focused button shows its focus").toBe(true);
  await expect(saveStatus(page)).not.toHaveText(r.form.saving);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(first.href);

  expect.soft(notVisible, "every element reached with Tab shows a visible focus").toEqual([]);

  await page.goto(returnUrl);
  await expect(taskRow(page, first.title).locator(".tag")).toHaveText(r.status.COMPLETED);
  await page.goto(first.href);
  await expect(page.locator("#f-actions")).toHaveValue(typed);
  await expect(page.locator("#f-targetPublics")).toBeChecked();
  await expect(page.locator("#f-targetPublics-victims")).toBeChecked();
  await context.close();
});
