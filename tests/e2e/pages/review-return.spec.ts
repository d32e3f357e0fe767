// The staff review page of one return (/:lang/staff/returns/:returnId) in a browser: axe in FR
// and NL on a resubmitted return (what changed since the first submission marked), its decision
// form's error state, an approved and a reopened return; reflow at 320 px; a decision made with
// the keyboard only; a comment posted without JavaScript. What each
// form does (refusals, conflicts, reopening, permissions) is proven in
// tests/integration/review-page.test.ts. Returns of the review demo (prisma/seed/review-demo.ts):
// JES 2023 resubmitted, CCLJ 2022 approved, DUNE 2023 reopened, Bulle 2022 waiting (the only one
// this file changes).
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { accounts, checkAxe, sessionState, storageStates, type Lang } from "../helpers";
import { campaignTitle, expectReflow, fmt } from "../returns-helpers";

type AdminStrings = typeof import("../../../locales/fr/admin.json");

const reviewStrings = (lang: Lang) =>
  (JSON.parse(readFileSync(path.resolve("locales", lang, "admin.json"), "utf8")) as AdminStrings)
    .reviewReturn;
const common = (lang: Lang) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, "common.json"), "utf8")) as {
    errors: { summaryTitle: string };
  };

const organisations = {
  jes: { fr: "JES ASBL", nl: "JES vzw" },
  cclj: {
    fr: "Centre communautaire laïc juif (CCLJ) ASBL",
    nl: "Centre communautaire laïc juif (CCLJ) vzw",
  },
  bulle: { fr: "Bulle ASBL", nl: "Bulle vzw" },
  dune: {
    fr: "Dépannage d'Urgence de Nuit et Echanges (DUNE) ASBL",
    nl: "Dépannage d'Urgence de Nuit et Echanges (DUNE) vzw",
  },
} as const;

/** The review page of a demo organisation's return of `year`, through the campaign's page. */
async function openReturn(page: Page, lang: Lang, year: number, organisation: string) {
  await page.goto(`/${lang}/staff/campaigns`);
  await page.getByRole("link", { name: campaignTitle(lang, year), exact: true }).click();
  await page.getByRole("link", { name: organisation, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: organisation })).toBeVisible();
}

test.describe("reviewer", () => {
  test.use({ storageState: sessionState(accounts.reviewer) });

  for (const lang of ["fr", "nl"] as const) {
    test(`a resubmitted return: what changed, axe, 320 px (${lang})`, async ({ page }) => {
      const s = reviewStrings(lang);
      await openReturn(page, lang, 2023, organisations.jes[lang]);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByText(fmt(s.changedSince, { number: 1 })).first()).toBeVisible();
      await expect(
        page.getByRole("heading", { level: 3, name: fmt(s.changesTitle, { number: 1 }) }),
      ).toBeVisible();
      // Added words are marked, and named for screen readers.
      await expect(page.locator("ins.change-added").first()).toContainText(
        s.diff.addedStart.trim(),
      );
      await checkAxe(page, `${lang} review page, resubmitted return`);
      await expectReflow(page, `${lang} review page, resubmitted return`);
    });
  }

  test("a decision without its required note: the error state, nothing typed lost (fr)", async ({
    page,
  }) => {
    const s = reviewStrings("fr");
    await openReturn(page, "fr", 2023, organisations.jes.fr);
    const form = page.locator("form.decision-form").first();
    await form.getByLabel(s.decisions.CHANGES_NEEDED, { exact: true }).check();
    await form.getByRole("button", { name: new RegExp(`^${s.decide.submit}`) }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText(common("fr").errors.summaryTitle);
    await expect(summary).toContainText(s.errors.noteRequired);
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Erreur :/);
    await expect(
      page.locator("form.decision-form").first().getByLabel(s.decisions.CHANGES_NEEDED),
    ).toBeChecked();
    await checkAxe(page, "fr review page, decision refused");
  });

  test("a decision made with the keyboard only (fr)", async ({ page }) => {
    const s = reviewStrings("fr");
    await openReturn(page, "fr", 2022, organisations.bulle.fr);
    const form = page.locator("form.decision-form").first();
    // Into the first section's choices, as Tab would land there, then keys only.
    await form.getByLabel(s.decisions.ACCEPTED, { exact: true }).focus();
    await page.keyboard.press("Space");
    await expect(form.getByLabel(s.decisions.ACCEPTED, { exact: true })).toBeChecked();
    await page.keyboard.press("Tab");
    await expect(form.getByLabel(s.decide.note)).toBeFocused();
    await page.keyboard.type("Clair et complet.");
    await page.keyboard.press("Tab");
    await expect(
      form.getByRole("button", { name: new RegExp(`^${s.decide.submit}`) }),
    ).toBeFocused();
    await page.keyboard.press("Enter");
    const status = page
      .getByRole("status")
      .filter({ hasText: s.done.decided.split("«")[0]!.trim() });
    await expect(status).toBeVisible();
    await expect(page).toHaveURL(/[?&]done=decided/);
  });
});

test.describe("without JavaScript", () => {
  test.use({ storageState: sessionState(accounts.reviewer), javaScriptEnabled: false });

  test("a comment on the return is posted, and the page says so (nl)", async ({ page }) => {
    const s = reviewStrings("nl");
    await openReturn(page, "nl", 2022, organisations.bulle.nl);
    await page
      .getByLabel(s.comments.label, { exact: true })
      .fill("Dank u, we bekijken het verslag.");
    await page
      .getByRole("button", { name: new RegExp(`^${s.comments.post}.*${s.comments.generalTitle}`) })
      .click();
    await expect(page.getByRole("status")).toContainText(s.done.commented);
    await expect(page.getByText("Dank u, we bekijken het verslag.")).toBeVisible();
  });
});

test.describe("administrator", () => {
  test.use({ storageState: storageStates.admin });

  test("an approved return, and a reopened one: axe (nl)", async ({ page }) => {
    await openReturn(page, "nl", 2022, organisations.cclj.nl);
    await expect(
      page.getByRole("term").filter({ hasText: reviewStrings("nl").approved }),
    ).toBeVisible();
    await checkAxe(page, "nl review page, approved return");
    await openReturn(page, "nl", 2023, organisations.dune.nl);
    await checkAxe(page, "nl review page, reopened return");
  });
});
