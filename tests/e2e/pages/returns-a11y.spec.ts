// Accessibility of the annual-return pages (WCAG 2.1 AA): axe-core with zero violations on
// every page a partner or staff member meets, in French and Dutch, and on every further state of
// a page in one of the two (`stateLanguage`); reflow at 320 px. axe runs only in
// JavaScript-enabled contexts.
//
// Every state exists for real. The pages and their error states (two tests on one return that
// neither saves to), the conflict panel, and the check/confirmation/print pages are tests of
// their own per language, each on a return no other test writes to, so they spread over the
// workers: the last one submits its return, the conflict one writes to a section. The partner
// home with its returns is checked in a11y.spec.ts. The prefilled funded-measure section (only zone 5339
// has one) is checked with axe in returns-fill-in.spec.ts, before it is submitted.
import { expect, test, type Browser } from "@playwright/test";
import { preparedReturns } from "../../fixtures/e2e-prepared-returns";
import { storageStates, type Lang, sessionState, checkAxe } from "../helpers";
import {
  campaignTitle,
  expectReflow,
  openReturnFromHome,
  rs,
  taskItems,
  waitForAutosave,
} from "../returns-helpers";

/** The partner whose return's pages and error states are checked (nothing is saved). */
const partners: Record<Lang, string> = {
  fr: "prevention.ixelles@example.org",
  nl: "preventie.jette@example.org",
};
/** The partner whose return shows the conflict panel (two pages write to one section). */
const conflictPartners: Record<Lang, string> = {
  fr: "prevention.schaerbeek@example.org",
  nl: "fatima.elamrani@example.org",
};

/**
 * States of pages already checked in both languages, each checked in one: the conflict panel (a
 * state of a section page) and the staff pages of each campaign (open 2023, closed 2022 with a
 * submitted return), whose list is checked in both.
 */
const stateLanguage = { conflict: "nl", campaign2023: "nl", campaign2022: "fr" } as const;

/** A page signed in as `email` (written session), on its 2023 return's task list. */
async function onReturn(browser: Browser, lang: Lang, email: string) {
  const context = await browser.newContext({ storageState: sessionState(email) });
  const page = await context.newPage();
  const { returnUrl } = await openReturnFromHome(page, lang);
  return { context, page, returnUrl };
}

for (const lang of ["fr", "nl"] as const) {
  const s = rs(lang);
  const r = s.returns;
  const measure = lang === "nl" ? /^Maatregel / : /^Mesure /;

  // Two tests on the same return (neither saves anything), so they run side by side.
  test(`axe: a partner's return: task list, sections A and B and their error states (${lang})`, async ({
    browser,
  }) => {
    const { context, page } = await onReturn(browser, lang, partners[lang]);
    const items = await taskItems(page);
    const sectionA = items[0]!;
    const funded = items.filter((i) => measure.test(i.title));
    expect(funded.length).toBeGreaterThan(0);

    await test.step("task list (and reflow at 320 px)", async () => {
      await expect(
        page.getByRole("heading", { level: 1, name: campaignTitle(lang, 2023) }),
      ).toBeVisible();
      await checkAxe(page, `${lang} task list`);
      await expectReflow(page, `${lang} task list`);
    });

    await test.step("section A", async () => {
      await page.goto(sectionA.href);
      await expect(page.locator("#f-organisationName")).toBeVisible();
      await checkAxe(page, `${lang} section A`);
    });

    await test.step("section B (and reflow at 320 px)", async () => {
      await page.goto(funded[0]!.href);
      await expect(page.getByRole("heading", { level: 1, name: measure })).toBeVisible();
      await checkAxe(page, `${lang} section B`);
      await expectReflow(page, `${lang} section B`);
    });

    await test.step("section B with errors (checked in the browser)", async () => {
      await page.getByRole("button", { name: r.form.saveAndContinue }).click();
      await expect(page.locator(".error-summary")).toBeVisible();
      await expect(page.locator("#f-actions-error")).toBeVisible();
      await checkAxe(page, `${lang} section B with errors`);
    });

    await test.step("section B with an error from the server (upload without a file)", async () => {
      await page.goto(funded[0]!.href);
      await page.getByRole("button", { name: r.form.upload }).click();
      await expect(page.locator("#f-documents-error")).toContainText(r.errors.attachmentEmpty);
      await checkAxe(page, `${lang} section B with a server-side error`);
    });
    await context.close();
  });

  test(`axe: a partner's return: section E, adding a contribution and its errors (${lang})`, async ({
    browser,
  }) => {
    const { context, page, returnUrl } = await onReturn(browser, lang, partners[lang]);
    const declaration = (await taskItems(page)).at(-1)!;

    await test.step("section E", async () => {
      await page.goto(declaration.href);
      await expect(page.locator("#f-declarantName")).toBeVisible();
      await checkAxe(page, `${lang} section E`);
    });

    await test.step("add a contribution, and its error state", async () => {
      await page.goto(`${returnUrl}/contributions/new`);
      await expect(
        page.getByRole("heading", { level: 1, name: r.addContribution.title }),
      ).toBeVisible();
      await checkAxe(page, `${lang} add contribution`);
      await page.getByRole("button", { name: r.addContribution.submit }).click();
      await expect(page.locator("#f-measure-error")).toBeVisible();
      await checkAxe(page, `${lang} add contribution with errors`);
    });
    await context.close();
  });

  if (stateLanguage.conflict === lang)
    test(`axe: the conflict panel (${lang})`, async ({ browser }) => {
      const { context, page } = await onReturn(browser, lang, conflictPartners[lang]);
      const funded = (await taskItems(page)).filter((i) => measure.test(i.title));
      expect(funded.length).toBeGreaterThan(0);
      const other = await browser.newContext({
        storageState: sessionState(conflictPartners[lang]),
      });
      const stale = await other.newPage();
      await stale.goto(funded[0]!.href);
      await page.goto(funded[0]!.href);
      await page
        .locator("#f-actions")
        .fill(
          lang === "nl"
            ? "Tekst van de eerste persoon, automatisch opgeslagen."
            : "Texte de la première personne, enregistré automatiquement.",
        );
      await waitForAutosave(page, lang);
      // The stale page autosaves on top of it: the conflict panel appears.
      await stale
        .locator("#f-actions")
        .fill(
          lang === "nl"
            ? "Tekst van de tweede persoon, op een verouderde pagina."
            : "Texte de la seconde personne, sur une page périmée.",
        );
      const conflict = stale.getByRole("alert").filter({ hasText: r.conflict.title });
      await expect(conflict).toBeVisible({ timeout: 15_000 });
      await conflict.getByText(r.conflict.showTheirs).click();
      await checkAxe(stale, `${lang} conflict panel`);
      await other.close();
      await context.close();
    });

  test(`axe: check answers, confirmation and print (${lang})`, async ({ browser }) => {
    // Its return starts filled in (tests/fixtures/e2e-prepared-returns.ts); its print shows its name.
    const partner = preparedReturns[lang];
    const { context, page } = await onReturn(browser, lang, partner.email);

    await test.step("check answers", async () => {
      await page.getByRole("link", { name: r.taskList.checkAndSubmit }).click();
      await expect(page.getByRole("heading", { level: 1, name: r.check.title })).toBeVisible();
      await checkAxe(page, `${lang} check answers`);
    });

    await test.step("confirmation and print", async () => {
      await page.getByRole("button", { name: r.check.submit }).click();
      await expect(
        page.getByRole("heading", { level: 1, name: r.confirmation.title }),
      ).toBeVisible();
      await checkAxe(page, `${lang} confirmation`);
      await page.getByRole("link", { name: r.confirmation.print }).click();
      await expect(
        page.getByRole("heading", { level: 1, name: campaignTitle(lang, 2023) }),
      ).toBeVisible();
      await expect(page.locator("main")).toContainText(partner.organisation);
      await checkAxe(page, `${lang} print`);
    });
    await context.close();
  });

  test.describe(() => {
    test.use({ storageState: storageStates.admin });

    // One test per campaign (2023 open, 2022 closed), side by side; nothing is changed.
    for (const year of [2023, 2022] as const) {
      if (stateLanguage[`campaign${year}`] !== lang) continue;
      test(`axe: staff campaigns, campaign ${year} and a return (${lang})`, async ({ page }) => {
        await page.goto(`/${lang}/staff/campaigns`);
        await expect(
          page.getByRole("heading", { level: 1, name: s.admin.campaigns.title }),
        ).toBeVisible();
        await checkAxe(page, `${lang} staff campaigns`);
        await page.getByRole("link", { name: campaignTitle(lang, year), exact: true }).click();
        await expect(
          page.getByRole("heading", { level: 1, name: campaignTitle(lang, year) }),
        ).toBeVisible();
        await checkAxe(page, `${lang} staff campaign ${year}`);
        const zone =
          lang === "nl"
            ? "Politiezone Brussel Hoofdstad/Elsene"
            : "Zone de police Bruxelles-Capitale/Ixelles";
        await page.getByRole("link", { name: zone, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: zone })).toBeVisible();
        await checkAxe(page, `${lang} staff return ${year}`);
      });
    }
  });
}
