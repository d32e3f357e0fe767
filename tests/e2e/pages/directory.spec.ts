// The partner directory in a browser: in French, an administrator creates a partner (errors shown
// and typed values kept), adds a contact and a funding, and sees them with the history; in Dutch,
// without JavaScript, a partner is created and edited. axe on every page and error state, the
// "new partner" link reached with the keyboard, 320 px reflow. The rules (identifiers, versions,
// permissions, audit, generation) are proven in tests/integration/directory-*.test.ts.
// Partners made here are new organisations no other test uses.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { checkAxe, sessionState, storageStates, type Lang } from "../helpers";
import { expectReflow, focusState } from "../returns-helpers";

type Directory = typeof import("../../../locales/fr/directory.json");
type Partners = typeof import("../../../locales/fr/partners.json");
type Common = typeof import("../../../locales/fr/common.json");
const load = <T>(lang: Lang, ns: string) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, `${ns}.json`), "utf8")) as T;

async function check(page: Page, label: string) {
  await checkAxe(page, label);
  await expectReflow(page, label);
}

test.use({ storageState: storageStates.admin });

test("FR: create a partner, add a contact and a funding; axe, keyboard, 320 px", async ({
  page,
}) => {
  const d = load<Directory>("fr", "directory");
  const p = load<Partners>("fr", "partners");
  const common = load<Common>("fr", "common");
  await page.goto("/fr/staff/partners");
  await checkAxe(page, "fr partner list");

  await test.step("the new partner link is reached with the keyboard", async () => {
    const name = d.list.new;
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
      if (focused === name) break;
    }
    expect((await focusState(page)).visible).toBe(true);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(d.organisation.new);
    await check(page, "fr new partner");
  });

  await test.step("errors are listed, translated, and what was typed stays", async () => {
    await page.getByLabel(d.organisation.kind).selectOption("NON_PROFIT");
    await page.getByLabel(d.organisation.officialId).fill("0403.170.702");
    await page.getByLabel(d.organisation.nameFr).fill("ASBL Annuaire E2E");
    await page.getByRole("button", { name: d.organisation.create }).click();
    await expect(page.getByText(common.errors.summaryTitle)).toBeVisible();
    await expect(page.getByRole("link", { name: d.errors.identifierChecksum })).toBeVisible();
    await expect(page.getByRole("link", { name: d.errors.name })).toBeVisible();
    await expect(page.getByLabel(d.organisation.nameFr)).toHaveValue("ASBL Annuaire E2E");
    await check(page, "fr new partner errors");
  });

  await test.step("a valid partner is created", async () => {
    // 97 − (04000000 mod 97) = 86
    await page.getByLabel(d.organisation.officialId).fill("BE 0400 000 086");
    await page.getByLabel(d.organisation.nameNl).fill("vzw Adresboek E2E");
    await page.getByRole("button", { name: d.organisation.create }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ASBL Annuaire E2E");
    await expect(page.getByText("0400.000.086")).toBeVisible();
    await check(page, "fr partner page");
  });

  await test.step("a contact is added", async () => {
    await page.getByRole("link", { name: d.contacts.add }).click();
    await page.getByLabel(d.contact.email).fill("Coordination.Annuaire@example.org");
    await page.getByLabel(d.contact.displayName!, { exact: true }).fill("Camille Annuaire");
    await page.getByLabel(d.contact.jobTitle).fill("Coordinatrice");
    await page.getByLabel(d.roles.MAIN).check();
    await check(page, "fr add contact");
    await page.getByRole("button", { name: d.contacts.add }).click();
    await expect(
      page.getByRole("cell", { name: "coordination.annuaire@example.org" }),
    ).toBeVisible();
  });

  await test.step("a funding is added with a primary measure and a mission", async () => {
    await page.getByRole("link", { name: d.fundings.add }).click();
    await page.getByLabel(d.funding.channel).selectOption("ASBL_CALL");
    await page.getByLabel(d.funding.startYear).fill("2026");
    await page.getByLabel(d.funding.endYear).fill("2026");
    await page.getByLabel(d.funding.title).fill("Médiation scolaire");
    await page.getByLabel(d.funding.amount).fill("12 500,50");
    await page.getByRole("button", { name: d.fundings.add }).click();
    // No measure chosen: the error links to the first measure.
    await expect(page.getByRole("link", { name: d.errors.measuresRequired })).toBeVisible();
    await expect(page.getByLabel(d.funding.title)).toHaveValue("Médiation scolaire");
    await check(page, "fr funding errors");
    await page.locator("#measures").selectOption("PRIMARY");
    await page.getByRole("checkbox").first().check();
    await page.getByRole("button", { name: d.fundings.add }).click();
    await expect(page.getByRole("heading", { level: 3, name: "Médiation scolaire" })).toBeVisible();
    await expect(page.getByText(p.links.PRIMARY).first()).toBeVisible();
  });

  await test.step("the history lists the changes, newest first", async () => {
    const rows = page.getByRole("region", { name: d.history.title }).getByRole("row");
    await expect(rows.nth(1)).toContainText(d.history.actions.funding.created);
    await expect(rows.nth(2)).toContainText(d.history.actions.contact.added);
    await expect(rows.nth(3)).toContainText(d.history.actions.organisation.created);
    await check(page, "fr partner page with contact, funding and history");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("NL: create then edit a partner; a server error keeps the typed values", async ({
    page,
    browser,
  }) => {
    const d = load<Directory>("nl", "directory");
    const common = load<Common>("nl", "common");
    await page.goto("/nl/staff/partners/new");
    await page.getByLabel(d.organisation.kind).selectOption("REGIONAL_BODY");
    await page.getByLabel(d.organisation.nameFr).fill("Organisme régional E2E");
    await page.getByLabel(d.organisation.nameNl).fill("Gewestelijke instelling E2E");
    await page.getByLabel(d.languages.nl, { exact: true }).check();
    await page.getByRole("button", { name: d.organisation.create }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gewestelijke instelling E2E");

    await page.getByRole("link", { name: d.organisation.edit }).click();
    await page.getByLabel(d.organisation.officialId).fill("1234");
    await page.getByLabel(d.organisation.nameNl).fill("Gewestelijke instelling E2E (nieuw)");
    await page.getByRole("button", { name: d.form.save }).click();
    await expect(page).toHaveTitle(new RegExp(`^${common.errors.titlePrefix}`));
    await expect(page.getByRole("link", { name: d.errors.identifierFormat })).toBeVisible();
    await expect(page.getByLabel(d.organisation.nameNl)).toHaveValue(
      "Gewestelijke instelling E2E (nieuw)",
    );
    const errorUrl = page.url();

    await page.getByLabel(d.organisation.officialId).fill("");
    await page.getByRole("button", { name: d.form.save }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Gewestelijke instelling E2E (nieuw)",
    );
    await expect(page.getByText(d.history.actions.organisation.updated)).toBeVisible();
    // axe and the reflow check run scripts in the page: the same pages, in a context with them.
    const withScripts = await browser.newContext({
      storageState: storageStates.admin,
      javaScriptEnabled: true,
    });
    const checked = await withScripts.newPage();
    await checked.goto(page.url());
    await check(checked, "nl partner page");
    await checked.goto(errorUrl);
    await checked.getByLabel(d.organisation.officialId).fill("1234");
    await checked.getByRole("button", { name: d.form.save }).click();
    await expect(checked.getByRole("link", { name: d.errors.identifierFormat })).toBeVisible();
    await check(checked, "nl edit partner errors");
    await withScripts.close();
  });
});

test.describe("a partner's administrator", () => {
  test.use({ storageState: storageStates.partnerFr });

  test("FR: sees the colleagues and the invitation form; an error is listed; axe", async ({
    page,
  }) => {
    const d = load<Directory>("fr", "directory");
    await page.goto("/fr/partner");
    await page
      .getByRole("link", { name: /Zone de police Bruxelles-Capitale\/Ixelles/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 2, name: d.colleagues.title })).toBeVisible();
    await expect(page.getByRole("cell", { name: /demo\.partenaire@example\.org/ })).toBeVisible();
    await checkAxe(page, "fr partner organisation with colleagues");
    // Nothing is created: the address is refused.
    await page.getByLabel(d.contact.email).fill("pas-une-adresse");
    await page.getByLabel(d.contact.displayName, { exact: true }).fill("Collègue Test");
    await page.getByRole("button", { name: d.colleagues.invite }).click();
    await expect(page.getByRole("link", { name: d.errors.email })).toBeVisible();
    await expect(page.getByLabel(d.contact.displayName, { exact: true })).toHaveValue(
      "Collègue Test",
    );
    await checkAxe(page, "fr partner colleagues invitation error");
  });
});

test.describe("a partner's administrator of a non-profit", () => {
  // ERIP's first contact is its administrator; no other test signs in as this account.
  test.use({ storageState: sessionState("formation.erip@example.org") });

  for (const lang of ["fr", "nl"] as const) {
    test(`${lang.toUpperCase()}: the organisation page with its colleagues (FR: reflow at 320 px, NL: axe)`, async ({
      page,
    }) => {
      const d = load<Directory>(lang, "directory");
      await page.goto(`/${lang}/partner`);
      await page.locator('a[href*="/partner/organisations/"]').first().click();
      await expect(page.getByRole("heading", { level: 2, name: d.colleagues.title })).toBeVisible();
      await expect(page.getByRole("cell", { name: "formation.erip@example.org" })).toBeVisible();
      if (lang === "fr") await expectReflow(page, "fr partner organisation");
      else await checkAxe(page, "nl partner organisation");
    });
  }
});
