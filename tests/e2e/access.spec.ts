// Access control through the browser: partners see only their own organisation, staff pages
// are invisible to partners (404, not 403), anonymous visitors are sent to the login page.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { BASE_URL, pageTitle, sessionState, storageStates, strings } from "./helpers";
import { campaignTitle, taskItems } from "./returns-helpers";

const fr = strings("fr");
const uccle = "prevention.uccle@example.org";

async function expectNotFound(page: Page, path: string, lang: "fr" | "nl" = "fr") {
  const { common } = strings(lang);
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(404);
  await expect(
    page.getByRole("heading", { level: 1, name: common.errors.notFound.title }),
  ).toBeVisible();
  await expect(page).toHaveTitle(pageTitle(lang, common.errors.notFound.title));
}

/** Id of an organisation, read from the staff partner list (searching its official id). */
async function organisationIdFromStaffList(browser: Browser, officialId: string, name: string) {
  const context = await browser.newContext({ storageState: storageStates.admin });
  const page = await context.newPage();
  await page.goto(`/fr/staff/partners?q=${officialId}`);
  const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
  await context.close();
  const id = /^\/fr\/staff\/partners\/([^/?#]+)$/.exec(href ?? "")?.[1];
  expect(id, `organisation id in ${href}`).toBeTruthy();
  return id!;
}

test.describe("as the French partner (zone 5339)", () => {
  test.use({ storageState: storageStates.partnerFr });

  test("another organisation's page is a 404; its own page opens", async ({ page, browser }) => {
    const otherId = await organisationIdFromStaffList(
      browser,
      "5340",
      "Zone de police Bruxelles-Ouest",
    );

    // Positive control: its own organisation, reached from the partner home.
    await page.goto("/fr/partner");
    const own = page.getByRole("link", { name: "Zone de police Bruxelles-Capitale/Ixelles" });
    const ownHref = await own.getAttribute("href");
    expect(ownHref).toMatch(/^\/fr\/partner\/organisations\/[^/]+$/);
    expect(ownHref).not.toContain(otherId);
    const ownResponse = await page.goto(ownHref!);
    expect(ownResponse?.status()).toBe(200);
    await expect(
      page.getByRole("heading", { level: 1, name: "Zone de police Bruxelles-Capitale/Ixelles" }),
    ).toBeVisible();

    // Zone 5340's id, in the partner URL and in the staff URL: not found, nothing leaked.
    await expectNotFound(page, `/fr/partner/organisations/${otherId}`);
    await expect(page.getByText("Bruxelles-Ouest")).toHaveCount(0);
    await expectNotFound(page, `/fr/staff/partners/${otherId}`);
    await expectNotFound(page, `/nl/partner/organisations/${otherId}`, "nl");
  });

  // One browser check of the 404 pages; every page and write of another organisation's return
  // (saves, uploads, downloads, contributions, submission) is refused in
  // tests/integration/access.test.ts, returns-filling.test.ts and attachments.test.ts.
  test("another organisation's return is a 404 to open or post to, and is not listed", async ({
    page,
    browser,
  }) => {
    // Ids from the Commune d'Uccle's own task list (a return no test changes).
    const owner = await browser.newContext({ storageState: sessionState(uccle) });
    const ownerPage = await owner.newPage();
    await ownerPage.goto("/fr/partner");
    const href = await ownerPage
      .getByRole("link", { name: campaignTitle("fr", 2023), exact: true })
      .getAttribute("href");
    const returnId = href!.split("/").pop()!;
    await ownerPage.goto(href!);
    const sectionPath = (await taskItems(ownerPage))[0]!.href;
    await owner.close();

    const base = `/fr/partner/returns/${returnId}`;
    for (const path of [base, `${base}/check`, `${base}/print`, sectionPath]) {
      await expectNotFound(page, path);
      await expect(page.locator("main")).not.toContainText("Uccle");
    }
    await expectNotFound(page, `/nl/partner/returns/${returnId}`, "nl");
    const post = await page.request.post(sectionPath, {
      multipart: { _intent: "draft", _version: "1", actions: "Écrit par une autre organisation." },
      headers: { Origin: BASE_URL },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(404);
    await page.goto("/fr/partner");
    await expect(page.locator(`a[href*="${returnId}"]`)).toHaveCount(0);
  });

  test("staff pages are 404 for a partner", async ({ page }) => {
    await expectNotFound(page, "/fr/staff/partners");
    await expectNotFound(page, "/fr/staff/outbox");
    await expectNotFound(page, "/nl/staff/partners", "nl");
    // Still signed in: the 404 is not a logout.
    await page.goto("/fr/partner");
    await expect(
      page.getByRole("heading", { level: 1, name: fr.partners.home.title }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: fr.common.nav.partners, exact: true })).toHaveCount(
      0,
    );
    await expect(
      page.getByRole("link", { name: fr.common.nav.partnerHome, exact: true }),
    ).toBeVisible();
  });

  test("a tampered organisation id is a 404", async ({ page }) => {
    await expectNotFound(page, "/fr/partner/organisations/xyz");
    await expectNotFound(page, "/fr/partner/organisations/%27%20OR%201%3D1--");
  });

  test("authenticated pages are not cached, nor their client-navigation data", async ({ page }) => {
    const response = await page.goto("/fr/partner");
    expect(response?.headers()["cache-control"]).toBe("no-store");

    // A client-side navigation fetches the same loader data as /fr/partner.data.
    const [dataResponse] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(".data")),
      page.getByRole("link", { name: "Zone de police Bruxelles-Capitale/Ixelles" }).first().click(),
    ]);
    expect(dataResponse.status()).toBe(200);
    expect(
      dataResponse.headers()["cache-control"],
      `Cache-Control of ${new URL(dataResponse.url()).pathname}`,
    ).toBe("no-store");
  });
});

test.describe("anonymous", () => {
  test("the partner home redirects to the login page and comes back after login", async ({
    page,
  }) => {
    await page.goto("/fr/partner");
    await expect(page).toHaveURL("/fr/login?redirectTo=%2Ffr%2Fpartner");
    await expect(page.getByRole("heading", { level: 1, name: fr.auth.login.title })).toBeVisible();
    await expect(page.locator('input[name="redirectTo"]')).toHaveValue("/fr/partner");

    await page.goto("/fr/staff/partners?kind=COMMUNE");
    await expect(page).toHaveURL("/fr/login?redirectTo=%2Ffr%2Fstaff%2Fpartners%3Fkind%3DCOMMUNE");
  });

  test("the development mailbox does not exist when SMTP is configured", async ({ page }) => {
    await expectNotFound(page, "/fr/dev/mailbox");
    await expectNotFound(page, "/nl/dev/mailbox", "nl");
    await expect(page.getByRole("link", { name: fr.common.nav.devMailbox })).toHaveCount(0);
  });

  test("unknown pages are 404 in both languages", async ({ page }) => {
    await expectNotFound(page, "/fr/nexiste-pas");
    await expectNotFound(page, "/nl/bestaat-niet", "nl");
    await expectNotFound(page, "/fr/plans/PGSP-1999");
    await expectNotFound(page, "/fr/plans/PGSP-2021-2024/themes/99");
    // Outside /fr and /nl: the language comes from Accept-Language (fr-BE in these tests).
    await expectNotFound(page, "/nimporte-quoi/ici");
  });
});

test.describe("as staff (admin)", () => {
  test.use({ storageState: storageStates.admin });

  test("lists, filters and searches partners, then opens one", async ({ page }) => {
    const list = fr.partners.staff.list;
    await page.goto("/fr/staff/partners");
    await expect(page.getByRole("heading", { level: 1, name: list.title })).toBeVisible();
    const rows = page.locator("table tbody tr");
    await expect(page.getByRole("status")).toHaveText("83 partenaires");
    await expect(rows).toHaveCount(83);

    // Filter by kind through the form.
    await page
      .getByLabel(list.kind, { exact: true })
      .selectOption({ label: fr.partners.kinds.POLICE_ZONE });
    await page.getByRole("button", { name: list.apply }).click();
    await expect(page).toHaveURL(/[?&]kind=POLICE_ZONE(&|$)/);
    await expect(rows).toHaveCount(6);
    await expect(page.getByRole("status")).toHaveText("6 partenaires");
    for (const cell of await rows.locator("td:nth-child(2)").all()) {
      await expect(cell).toHaveText(fr.partners.kinds.POLICE_ZONE);
    }
    await expect(page.getByLabel(list.kind, { exact: true })).toHaveValue("POLICE_ZONE");

    // Search by name (kind back to "all").
    await page.getByLabel(list.kind, { exact: true }).selectOption({ label: list.all });
    await page.getByLabel(list.search).fill("Anderlecht");
    await page.getByRole("button", { name: list.apply }).click();
    await expect(page).toHaveURL(/[?&]q=Anderlecht(&|$)/);
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(83);
    for (const row of await rows.all()) {
      await expect(row.locator("td").first()).toContainText(/anderlecht/i);
    }
    await expect(page.getByLabel(list.search)).toHaveValue("Anderlecht");

    await expect(
      rows.getByRole("link", { name: "Antenne LISA Anderlecht – Peterbos" }),
    ).toBeVisible();

    // Open the commune of Anderlecht.
    const link = rows.getByRole("link", { name: "Commune d'Anderlecht", exact: true });
    const href = await link.getAttribute("href");
    await link.click();
    await expect(page).toHaveURL(href!);
    await expect(
      page.getByRole("heading", { level: 1, name: "Commune d'Anderlecht" }),
    ).toBeVisible();
    await expect(
      page.getByRole("heading", { level: 2, name: fr.partners.fundings.title }),
    ).toBeVisible();
    await expect(
      page
        .getByRole("navigation", { name: fr.partners.breadcrumbs })
        .getByRole("link", { name: list.title }),
    ).toBeVisible();
  });

  test("filters by funding channel, and ignores unknown filter values", async ({ page }) => {
    const rows = page.locator("table tbody tr");
    await page.goto("/fr/staff/partners?channel=LISA");
    const lisa = await rows.count();
    expect(lisa).toBeGreaterThan(0);
    expect(lisa).toBeLessThan(83);
    for (const cell of await rows.locator("td:nth-child(4)").all()) {
      await expect(cell).toContainText(fr.partners.channelsShort.LISA);
    }
    const response = await page.goto("/fr/staff/partners?kind=NOPE&channel=%3Cscript%3E");
    expect(response?.status()).toBe(200);
    await expect(rows).toHaveCount(83);
  });
});
