// A return can stop taking changes while one of its section pages is open: sent from another
// tab, approved by safe.brussels, or its campaign closed. The server then refuses each autosave
// with 409 and the reason (proven in tests/integration/returns-lifecycle.test.ts). This checks
// what the page does with that answer: an alert in the page's language, the typed text kept,
// and no retries that cannot succeed. The test answers the autosave itself, so the demo return
// (one no other spec uses) is never changed.
import { expect, test } from "@playwright/test";
import { sessionState } from "./helpers";
import { openReturnFromHome, rs, taskItems, waitForRendered } from "./returns-helpers";

const cases = [
  { lang: "fr", account: "prevention.evere@example.org", refusal: "approved" },
  // Forest's contact reads French; the Dutch pages are reached by their address all the same.
  { lang: "nl", account: "prevention.forest@example.org", refusal: "locked" },
] as const;

for (const { lang, account, refusal } of cases) {
  test(`${lang}: an autosave refused (${refusal}) is said, keeps the text, is not retried`, async ({
    browser,
  }) => {
    const s = rs(lang).returns;
    const context = await browser.newContext({ storageState: sessionState(account) });
    const page = await context.newPage();
    let autosaves = 0;
    await page.route(/\/autosave$/, (route) => {
      autosaves += 1;
      return route.fulfill({ status: 409, json: { outcome: refusal } });
    });

    await openReturnFromHome(page, lang);
    const [first] = await taskItems(page);
    await page.goto(first!.href);
    await waitForRendered(page);
    const field = page.locator("form.section-form textarea, form.section-form input[type=text]");
    const typed = lang === "fr" ? "Texte tapé après l'approbation" : "Tekst getypt na indiening";
    await field.first().fill(typed);

    const alert = page.getByRole("alert").filter({ hasText: s.saveRefused.title });
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText(s.saveRefused[refusal]);
    await expect(field.first()).toHaveValue(typed);
    expect(autosaves).toBe(1);

    // More typing, coming back to the tab: nothing more is sent, the text stays.
    await field.first().fill(`${typed}, encore`);
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await page.waitForTimeout(2_500); // longer than the autosave's pause in typing
    expect(autosaves).toBe(1);
    await expect(field.first()).toHaveValue(`${typed}, encore`);
    await context.close();
  });
}
