// Accessibility (WCAG 2.1 AA): axe-core on every page and state, in French and Dutch, with zero
// violations allowed; reflow at 320 px; keyboard-only use.
//
// Pages are grouped per language and role (one browser page visits several URLs) because opening
// a page is the slow part on our machines; each URL is its own step with a soft assertion, so a
// failure names every page that has violations, not just the first.
import { expect, test, type Page } from "@playwright/test";
import {
  PLAN,
  pageTitle,
  requestLoginLink,
  storageStates,
  strings,
  type Lang,
  checkAxe,
} from "../helpers";
import { campaignTitle } from "../returns-helpers";

/** The page shows its level-1 heading and has the right <html lang>. */
async function expectPage(page: Page, lang: Lang, heading: string | RegExp) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

/** Visits each URL, checks its heading, and runs axe on it. */
async function checkPages(
  page: Page,
  lang: Lang,
  pages: [name: string, path: string, heading: string | RegExp][],
) {
  for (const [name, path, heading] of pages) {
    await test.step(`${name} (${path})`, async () => {
      await page.goto(path);
      await expectPage(page, lang, heading);
      await checkAxe(page, `${lang} ${name}`);
    });
  }
}

for (const lang of ["fr", "nl"] as const) {
  const s = strings(lang);

  test(`axe: public pages (${lang})`, async ({ page }) => {
    await checkPages(page, lang, [
      ["home", `/${lang}`, s.common.home.title],
      ["plans", `/${lang}/plans`, s.catalogue.plans.title],
      ["plan", `/${lang}/plans/${PLAN}`, lang === "fr" ? /^Plan Global/ : /^Globaal/],
      [
        "theme",
        `/${lang}/plans/${PLAN}/themes/1`,
        lang === "fr" ? /^Thématique 1 – / : /^Thema 1 – /,
      ],
      ["accessibility statement", `/${lang}/accessibility`, s.common.accessibility.title],
      ["404", `/${lang}/this-page-does-not-exist`, s.common.errors.notFound.title],
    ]);
  });

  test(`axe: login pages and states (${lang})`, async ({ page }) => {
    await checkPages(page, lang, [
      ["login", `/${lang}/login`, s.auth.login.title],
      ["login sent", `/${lang}/login?sent=1`, s.auth.sent.title],
      [
        "confirm, invalid token",
        `/${lang}/login/confirm?token=not-a-token`,
        s.auth.confirm.invalid.title,
      ],
    ]);

    await test.step("login with errors (submitted empty)", async () => {
      await page.goto(`/${lang}/login`);
      await page.getByRole("button", { name: s.auth.login.submit }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expect(page.locator("#email-error")).toHaveText(s.auth.errors.emailRequired);
      await expect(page).toHaveTitle(pageTitle(lang, s.auth.login.title, true));
      await checkAxe(page, `${lang} login with errors`);
    });

    await test.step("confirm page with a valid token", async () => {
      const email = lang === "fr" ? "thomas.lejeune@example.org" : "koen.desmet@example.org";
      const { link } = await requestLoginLink(page, lang, email);
      await page.goto(link);
      await expectPage(page, lang, s.auth.confirm.title);
      await expect(page.getByRole("button", { name: s.auth.confirm.submit })).toBeVisible();
      await checkAxe(page, `${lang} confirm (valid token)`);
    });
  });

  test.describe(() => {
    test.use({
      storageState: lang === "fr" ? storageStates.partnerFr : storageStates.partnerNl,
    });

    test(`axe: partner pages (${lang})`, async ({ page }) => {
      await test.step(`partner home with its returns (/${lang}/partner)`, async () => {
        await page.goto(`/${lang}/partner`);
        await expectPage(page, lang, s.partners.home.title);
        await expect(
          page.getByRole("link", { name: campaignTitle(lang, 2023), exact: true }),
        ).toBeVisible();
        await checkAxe(page, `${lang} partner home with returns`);
      });
      await test.step("partner organisation page", async () => {
        await page
          .getByRole("main")
          .getByRole("heading", { level: 2 })
          .getByRole("link")
          .first()
          .click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/partner/organisations/[^/]+$`));
        await expectPage(page, lang, lang === "fr" ? /^Zone de police/ : /^Politiezone/);
        await checkAxe(page, `${lang} partner organisation`);
      });
    });
  });

  test.describe(() => {
    test.use({ storageState: storageStates.admin });

    test(`axe: staff partner list (${lang})`, async ({ page }) => {
      await checkPages(page, lang, [
        ["partner list", `/${lang}/staff/partners`, s.partners.staff.list.title],
        [
          "partner list, filtered",
          `/${lang}/staff/partners?kind=NON_PROFIT&channel=ASBL_CALL&q=a`,
          s.partners.staff.list.title,
        ],
      ]);
    });

    test(`axe: staff partner page and outbox (${lang})`, async ({ page }) => {
      await test.step("partner page", async () => {
        await page.goto(`/${lang}/staff/partners?kind=COMMUNE`);
        const link = page.locator("table tbody tr").first().getByRole("link");
        const name = (await link.innerText()).trim();
        await link.click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/staff/partners/[^/?]+$`));
        await expectPage(page, lang, name);
        await checkAxe(page, `${lang} staff partner page`);
      });
      await checkPages(page, lang, [["outbox", `/${lang}/staff/outbox`, s.partners.outbox.title]]);
    });
  });
}

test.describe("reflow at 320 px (WCAG 1.4.10)", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  async function expectNoHorizontalScroll(page: Page) {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(clientWidth).toBe(320);
    expect.soft(scrollWidth, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(320);
  }

  test("public pages, FR and NL", async ({ page }) => {
    for (const lang of ["fr", "nl"] as const) {
      await page.goto(`/${lang}`);
      await expectPage(page, lang, strings(lang).common.home.title);
      await expectNoHorizontalScroll(page);
      await page.goto(`/${lang}/plans/${PLAN}/themes/1`);
      await expectNoHorizontalScroll(page);
    }
    await page.goto("/nl/login");
    await page.getByRole("button", { name: strings("nl").auth.login.submit }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expectNoHorizontalScroll(page);
  });

  test.describe(() => {
    test.use({ storageState: storageStates.partnerFr });
    test("partner home", async ({ page }) => {
      await page.goto("/fr/partner");
      await expectPage(page, "fr", strings("fr").partners.home.title);
      await expectNoHorizontalScroll(page);
    });
  });

  test.describe(() => {
    test.use({ storageState: storageStates.admin });
    test("staff partner list", async ({ page }) => {
      await page.goto("/fr/staff/partners");
      await expectPage(page, "fr", strings("fr").partners.staff.list.title);
      await expect(page.locator("table tbody tr")).toHaveCount(83);
      await expectNoHorizontalScroll(page);
    });
  });
});

test("keyboard only: request a login link from /fr/login", async ({ page }) => {
  const fr = strings("fr");
  await page.goto("/fr/login");
  await expect(page.getByRole("heading", { level: 1, name: fr.auth.login.title })).toBeVisible();

  // First Tab: the skip link.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: fr.common.nav.skipToContent })).toBeFocused();

  // Tab on until the email field has focus (header links come first).
  const field = page.getByLabel(fr.auth.login.emailLabel);
  for (let i = 0; i < 20 && !(await field.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(field).toBeFocused();
  // The focus is visible: the focus outline style applies.
  expect(await field.evaluate((el) => el.matches(":focus-visible"))).toBe(true);
  expect(await field.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");

  await page.keyboard.type("clavier.seulement@example.org");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: fr.auth.sent.title })).toBeVisible();
  await expect(page).toHaveURL("/fr/login?sent=1");
});

test("keyboard only: the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/nl/plans");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", {
    name: strings("nl").common.nav.skipToContent,
  });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main-content")).toBeFocused();
});
