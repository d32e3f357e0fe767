// Magic-link login end to end: the email really goes out over SMTP (to the test sink) and the
// link is taken from it. One sign-in journey per audience (a partner; staff with the second
// factor), the same without JavaScript, the error summary's focus, and logout. The rules behind
// them (token use, unknown addresses, rate limits, the Dutch sign-in, a used link, mail
// scanners) are proven without a browser: tests/integration/auth*.test.ts and tests/http/.
import { expect, test } from "@playwright/test";
import { demoStaffTotpSecrets } from "../../../prisma/seed/data/demo-staff-totp";
import {
  SESSION_COOKIE,
  accounts,
  confirmLink,
  escapeRegExp,
  loginAs,
  pageTitle,
  requestLoginLink,
  sessionCookie,
  sessionState,
  sinkMessages,
  storageStates,
  strings,
  totpCode,
  checkAxe,
} from "../helpers";

const fr = strings("fr");
const nl = strings("nl");

test("a French partner logs in with the link from the email and sees its fundings", async ({
  page,
}) => {
  const before = (await sinkMessages(accounts.partnerFr)).length;
  await loginAs(page, accounts.partnerFr, "fr", "/fr/partner");

  // The email was in French and addressed the person by name.
  const email = (await sinkMessages(accounts.partnerFr))[before]!;
  expect(email.subject).toBe(fr.emails.loginLink.subject);
  expect(email.text).toContain("Bonjour Camille Demaret (démo),");

  await expect(page.getByRole("heading", { level: 1, name: fr.partners.home.title })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 2, name: "Zone de police Bruxelles-Capitale/Ixelles" }),
  ).toBeVisible();
  // Its FSE fundings and the plan measures they are linked to.
  await expect(
    page.getByRole("heading", { level: 4, name: /^FSE 2021 – Sécurité des transports/ }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "8.8", exact: true })).toHaveAttribute(
    "href",
    "/fr/plans/PGSP-2021-2024/themes/8#measure-8.8",
  );
  await expect(page.getByRole("link", { name: "5.1", exact: true }).first()).toBeVisible();
  // Only its own organisation: zone 5340's fundings are not listed.
  await expect(page.getByText("Politiezone Brussel-West")).toHaveCount(0);
  await expect(page.getByText("Zone de police Bruxelles-Ouest")).toHaveCount(0);

  // Signed in: name and logout button in the header.
  await expect(page.getByText("Camille Demaret (démo)")).toBeVisible();
  await expect(page.getByRole("button", { name: fr.common.nav.logout })).toBeVisible();

  // Session cookie: HttpOnly and SameSite=Lax (Secure is off only because INSECURE_COOKIES=1).
  const cookie = await sessionCookie(page);
  expect(cookie, `${SESSION_COOKIE} cookie`).toBeDefined();
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe("Lax");
});

test("an invalid address shows the error summary and the inline error, keeping the text", async ({
  page,
}) => {
  await page.goto("/fr/login");
  const field = page.getByLabel(fr.auth.login.emailLabel);
  await field.fill("pas-une-adresse");
  await page.getByRole("button", { name: fr.auth.login.submit }).click();

  const summary = page.getByRole("alert");
  await expect(summary.getByRole("heading", { name: fr.common.errors.summaryTitle })).toBeVisible();
  const summaryLink = summary.getByRole("link", { name: fr.auth.errors.emailInvalid });
  await expect(summaryLink).toHaveAttribute("href", "#email");
  await expect(summary).toBeFocused();
  await expect(page.locator("#email-error")).toHaveText(fr.auth.errors.emailInvalid);
  await expect(field).toHaveValue("pas-une-adresse");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAttribute("aria-describedby", /\bemail-error\b/);
  await expect(page).toHaveTitle(pageTitle("fr", fr.auth.login.title, true));
  expect(await page.title()).toMatch(/^Erreur : /);
  await expect(page).toHaveURL("/fr/login");
});

// Progressive enhancement: the same forms work with JavaScript off (server-side validation,
// plain form posts for the request, the confirm button and logout).
test("without JavaScript: server-side errors keep the text, and a full login works", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/fr/login");
  const field = page.getByLabel(fr.auth.login.emailLabel);
  await field.fill("  nom@@exemple  ");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/fr/login")),
    page.getByRole("button", { name: fr.auth.login.submit }).click(),
  ]);
  const body = await response.text();
  const origin = await response.request().headerValue("origin");
  expect(
    body,
    `the no-JS form post got "${body.slice(0, 60)}" (status ${response.status()}, request Origin: ${origin})`,
  ).toContain("<h1>");
  expect(response.status(), "status of the invalid form post").toBe(400);
  await expect(
    page.getByRole("alert").getByRole("link", { name: fr.auth.errors.emailInvalid }),
  ).toBeVisible();
  await expect(page.locator("#email-error")).toHaveText(fr.auth.errors.emailInvalid);
  // Browsers strip the spaces around an email input's value; the rest is kept as typed.
  await expect(field).toHaveValue("nom@@exemple");
  await expect(page).toHaveTitle(pageTitle("fr", fr.auth.login.title, true));

  // A valid address: the link arrives, the confirm button (a plain form post) logs in.
  const email = "jan.peeters@example.org"; // zone 5342
  const { link } = await requestLoginLink(page, "fr", email);
  await confirmLink(page, link, "fr");
  await expect(page).toHaveURL("/fr/partner");
  await expect(page.getByRole("heading", { level: 1, name: fr.partners.home.title })).toBeVisible();
  await page.getByRole("button", { name: fr.common.nav.logout }).click();
  await expect(page).toHaveURL("/fr");
  expect(await sessionCookie(page)).toBeUndefined();
  await context.close();
});

test("logout ends the session on the server, not only in the browser", async ({ browser }) => {
  // An account of its own (logging out ends its written session), signed in as the e2e server
  // wrote it: the subject here is the logout, not the sign-in.
  const signedIn = sessionState("an.claessens@example.org"); // zone 5340, Dutch
  const context = await browser.newContext({ storageState: signedIn });
  const page = await context.newPage();
  await page.goto("/nl/partner");
  await expect(page.getByRole("heading", { level: 1, name: nl.partners.home.title })).toBeVisible();

  await page.getByRole("button", { name: nl.common.nav.logout }).click();
  await expect(page).toHaveURL("/nl");
  expect(await sessionCookie(page)).toBeUndefined();
  await context.close();

  // The same cookie value, replayed in another browser, opens nothing: the session row is gone.
  const replay = await browser.newContext({ storageState: signedIn });
  const replayPage = await replay.newPage();
  await replayPage.goto("/nl/partner");
  await expect(replayPage).toHaveURL(
    new RegExp(`/nl/login\\?redirectTo=${escapeRegExp("%2Fnl%2Fpartner")}$`),
  );
  await expect(
    replayPage.getByRole("heading", { level: 1, name: nl.auth.login.title }),
  ).toBeVisible();
  await replay.close();
});

// Staff: the magic link, then the second factor. An admin resets the second reviewer's factor
// (so the test starts from a staff member who never set one up; a reset ends that person's
// sessions, so not the reviewer the review tests work as), the reviewer sets it up (QR code,
// first code, recovery codes shown once), then signs in again without JavaScript with a
// recovery code. Signing in with a code (after a wrong one) is the next test, as the admin.
test("staff second factor: admin reset, setup, then a recovery code without JavaScript", async ({
  browser,
  page,
}) => {
  const reviewer = accounts.secondReviewer;
  const reviewerName = "Élise Martin (démo)";
  const partnersPage = "/nl/staff/partners";

  // The admin resets the reviewer's second factor from the staff accounts page.
  const adminContext = await browser.newContext({ storageState: storageStates.admin });
  const admin = await adminContext.newPage();
  await admin.goto("/fr/staff/users");
  await expect(
    admin.getByRole("heading", { level: 1, name: fr.auth.staffUsers.title }),
  ).toBeVisible();
  // No button to reset one's own factor.
  const ownRow = admin.getByRole("row", { name: /Nadia Benali/ });
  await expect(ownRow.getByRole("button")).toHaveCount(0);
  await admin
    .getByRole("button", { name: fr.auth.staffUsers.resetFor.replace("{{name}}", reviewerName) })
    .click();
  await expect(admin.getByRole("status")).toHaveText(
    fr.auth.staffUsers.resetDone.replace("{{name}}", reviewerName),
  );
  await expect(
    admin.getByRole("row", { name: new RegExp(escapeRegExp(reviewerName)) }),
  ).toContainText(fr.auth.staffUsers.notSetUp);
  await checkAxe(admin, "staff accounts after a reset (fr)");
  await adminContext.close();

  // Setup: after the magic link, the setup page with the QR code and the secret as text.
  const { link } = await requestLoginLink(page, "nl", reviewer);
  await confirmLink(page, link, "nl");
  await expect(page).toHaveURL(
    `/nl/login/second-factor/setup?${new URLSearchParams({ redirectTo: partnersPage })}`,
  );
  await expect(
    page.getByRole("heading", { level: 1, name: nl.auth.secondFactorSetup.title }),
  ).toBeVisible();
  const qr = page.getByRole("img", { name: nl.auth.secondFactorSetup.qrLabel });
  await expect(qr).toBeVisible();
  await expect(qr.locator("svg")).toHaveCount(1);
  const secret = (await page.locator("code.totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // Staff pages stay closed until the factor is proven.
  await page.goto("/nl/staff/outbox");
  await expect(page).toHaveURL(
    /\/nl\/login\/second-factor\/setup\?redirectTo=%2Fnl%2Fstaff%2Foutbox$/,
  );
  await page.goto(
    `/nl/login/second-factor/setup?${new URLSearchParams({ redirectTo: partnersPage })}`,
  );
  // The same secret after a reload.
  expect((await page.locator("code.totp-secret").innerText()).replace(/\s/g, "")).toBe(secret);
  await checkAxe(page, "second-factor setup (nl)");

  const codeField = page.getByLabel(nl.auth.secondFactor.codeLabel);
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
  await expect(codeField).toHaveAttribute("inputmode", "numeric");
  await codeField.fill(totpCode(secret));
  await page.getByRole("button", { name: nl.auth.secondFactorSetup.submit }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: nl.auth.secondFactorSetup.codesTitle }),
  ).toBeVisible();
  const codes = await page
    .getByRole("list", { name: nl.auth.secondFactorSetup.codesListLabel })
    .getByRole("listitem")
    .allInnerTexts();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
  await page.getByRole("link", { name: nl.auth.secondFactorSetup.continue }).click();
  await expect(page).toHaveURL(partnersPage);
  await page.getByRole("button", { name: nl.common.nav.logout }).click();
  await expect(page).toHaveURL("/nl");

  // Without JavaScript, a recovery code instead of the app.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  const third = await requestLoginLink(plain, "nl", reviewer);
  await confirmLink(plain, third.link, "nl");
  await expect(plain).toHaveURL(/\/nl\/login\/second-factor\?/);
  await plain.getByRole("link", { name: nl.auth.secondFactor.useRecovery }).click();
  await expect(
    plain.getByRole("heading", { level: 1, name: nl.auth.recovery.title }),
  ).toBeVisible();
  await plain.getByLabel(nl.auth.recovery.codeLabel).fill(codes[0]!.toUpperCase());
  await plain.getByRole("button", { name: nl.auth.recovery.submit }).click();
  await expect(plain).toHaveURL(partnersPage);
  await expect(plain.getByRole("heading", { level: 1 })).toBeVisible();
  await noJs.close();
});

test("staff sign-in: a wrong code gets the error summary, the right one opens the staff pages", async ({
  page,
}) => {
  const partnersPage = "/nl/staff/partners";
  const { link } = await requestLoginLink(page, "nl", accounts.admin);
  await confirmLink(page, link, "nl");
  await expect(page).toHaveURL(
    `/nl/login/second-factor?${new URLSearchParams({ redirectTo: partnersPage })}`,
  );
  const codeField = page.getByLabel(nl.auth.secondFactor.codeLabel);
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");

  const secret = demoStaffTotpSecrets[accounts.admin]!;
  const current = totpCode(secret);
  await codeField.fill(current === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: nl.auth.secondFactor.submit }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: nl.auth.errors.codeWrong })).toHaveAttribute(
    "href",
    "#code",
  );
  await expect(summary).toBeFocused();
  await expect(page.locator("#code-error")).toHaveText(nl.auth.errors.codeWrong);
  await expect(page).toHaveTitle(pageTitle("nl", nl.auth.secondFactor.title, true));
  await checkAxe(page, "second-factor verify, wrong code (nl)");
  // No other test signs the admin in with a code, so the current one is unused.
  await page.getByLabel(nl.auth.secondFactor.codeLabel).fill(current);
  await page.getByRole("button", { name: nl.auth.secondFactor.submit }).click();
  await expect(page).toHaveURL(partnersPage);
  await expect(
    page.getByRole("heading", { level: 1, name: nl.partners.staff.list.title }),
  ).toBeVisible();
});
