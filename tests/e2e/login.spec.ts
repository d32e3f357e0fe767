// Magic-link login end to end: the email really goes out over SMTP (to the test sink) and the
// link is taken from it.
import { expect, request as playwrightRequest, test } from "@playwright/test";
import {
  BASE_URL,
  SESSION_COOKIE,
  accounts,
  confirmLink,
  escapeRegExp,
  loginAs,
  pageTitle,
  requestLoginLink,
  sessionCookie,
  sinkMessages,
  storageStates,
  strings,
  submitLoginForm,
  totpCode,
  waitForEmail,
  checkAxe,
} from "./helpers";

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

test("a Dutch partner logs in in Dutch and sees its own fundings", async ({ page }) => {
  const before = (await sinkMessages(accounts.partnerNl)).length;
  await loginAs(page, accounts.partnerNl, "nl", "/nl/partner");

  const email = (await sinkMessages(accounts.partnerNl))[before]!;
  expect(email.subject).toBe(nl.emails.loginLink.subject);
  expect(email.text).toContain("Beste Pieter Van den Broeck (demo),");

  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1, name: nl.partners.home.title })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 2, name: "Politiezone Brussel-West" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "3.9", exact: true })).toHaveAttribute(
    "href",
    "/nl/plans/PGSP-2021-2024/themes/3#measure-3.9",
  );
  await expect(page.getByRole("link", { name: "9.1", exact: true })).toBeVisible();
  await expect(page.getByText(nl.partners.channels.FSE).first()).toBeVisible();
  await expect(page.getByRole("button", { name: nl.common.nav.logout })).toBeVisible();
});

test("a used link cannot log in again, even after logout", async ({ page }) => {
  const email = "sophie.lambert@example.org"; // zone 5339
  const link = await loginAs(page, email, "fr", "/fr/partner");

  await page.getByRole("button", { name: fr.common.nav.logout }).click();
  await expect(page).toHaveURL("/fr");
  await expect(
    page.getByRole("navigation").getByRole("link", { name: fr.common.nav.login }),
  ).toBeVisible();
  expect(await sessionCookie(page)).toBeUndefined();

  // The same link, opened again: "already used", no button to log in.
  await page.goto(link);
  await expect(
    page.getByRole("heading", { level: 1, name: fr.auth.confirm.used.title }),
  ).toBeVisible();
  await expect(page.getByText(fr.auth.confirm.used.body)).toBeVisible();
  await expect(page.getByRole("button", { name: fr.auth.confirm.submit })).toHaveCount(0);
  await expect(page).toHaveTitle(pageTitle("fr", fr.auth.confirm.used.title));

  // Same token on the Dutch confirm page.
  await page.goto(link.replace("/fr/login/confirm", "/nl/login/confirm"));
  await expect(
    page.getByRole("heading", { level: 1, name: nl.auth.confirm.used.title }),
  ).toBeVisible();

  // And a forged POST with the token does not log in either.
  const token = new URL(link).searchParams.get("token")!;
  const response = await page.request.post(`/fr/login/confirm?token=${token}`, {
    form: { token },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  expect(response.status()).not.toBe(302);
  expect(response.headers()["set-cookie"] ?? "").not.toContain(`${SESSION_COOKIE}=`);
  await page.goto("/fr/partner");
  await expect(page).toHaveURL(/\/fr\/login\?redirectTo=%2Ffr%2Fpartner$/);
});

test("an unknown address gets the same answer and no email is sent", async ({ page }) => {
  const unknown = "personne.inconnue@example.org";
  const known = "karim.benali@example.org"; // zone 5341

  await submitLoginForm(page, "fr", unknown);
  const unknownAnswer = await page.getByRole("main").innerText();
  await expect(page.getByRole("status")).toContainText(fr.auth.sent.body.split("{{")[0]!.trim());

  // A known address, asked right after: same page, and its email does arrive, so the outbox
  // worker has run past the moment the unknown address was submitted.
  const knownBefore = (await sinkMessages(known)).length;
  await submitLoginForm(page, "fr", known);
  expect(await page.getByRole("main").innerText()).toBe(unknownAnswer);
  await waitForEmail(known, knownBefore);

  // Give the worker a few more polls (OUTBOX_POLL_MS=200) before concluding.
  await page.waitForTimeout(1_500);
  expect(await sinkMessages(unknown)).toHaveLength(0);
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

  // Empty: "required" message; in Dutch the title starts with "Fout:".
  await page.goto("/nl/login");
  await page.getByRole("button", { name: nl.auth.login.submit }).click();
  await expect(
    page.getByRole("alert").getByRole("link", { name: nl.auth.errors.emailRequired }),
  ).toBeVisible();
  await expect(page.locator("#email-error")).toHaveText(nl.auth.errors.emailRequired);
  await expect(page).toHaveTitle(pageTitle("nl", nl.auth.login.title, true));
  expect(await page.title()).toMatch(/^Fout: /);
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

test("opening the link without cookies (a mail scanner) does not use the token", async ({
  page,
}) => {
  const email = "nathalie.dubois@example.org"; // zone 5342
  const { link, token } = await requestLoginLink(page, "fr", email);

  // A link scanner: no cookies, no JavaScript, follows the link twice.
  const scanner = await playwrightRequest.newContext({
    storageState: { cookies: [], origins: [] },
  });
  for (let i = 0; i < 2; i++) {
    // The link moves its token into a short-lived cookie and redirects to a token-free URL.
    const opened = await scanner.get(link, { maxRedirects: 0 });
    expect(opened.status()).toBe(303);
    expect(opened.headers()["referrer-policy"]).toBe("no-referrer");
    expect(opened.headers()["set-cookie"] ?? "").not.toContain(`${SESSION_COOKIE}=`);
    const response = await scanner.get(link);
    expect(response.status()).toBe(200);
    expect(response.url()).toBe(`${BASE_URL}/fr/login/confirm`);
    expect(response.headers()["cache-control"]).toBe("no-store");
    // The rendered page is the confirm page, with its button (the strings of every state are
    // also in the embedded i18n data, so look at the rendered heading only); the token is in
    // no part of it, the language switch included.
    const html = await response.text();
    expect(/<h1>([^<]*)<\/h1>/.exec(html)?.[1]).toBe(fr.auth.confirm.title);
    expect(html).not.toContain(token);
    expect(html).toContain('href="/nl/login/confirm"');
  }
  await scanner.dispose();

  // The person can still log in with it.
  await confirmLink(page, link, "fr");
  await expect(page).toHaveURL("/fr/partner");
  await expect(page.getByRole("heading", { level: 1, name: fr.partners.home.title })).toBeVisible();
});

test("logout ends the session on the server, not only in the browser", async ({
  page,
  browser,
}) => {
  const email = "an.claessens@example.org"; // zone 5340, Dutch
  await loginAs(page, email, "nl", "/nl/partner");
  const cookie = await sessionCookie(page);
  expect(cookie).toBeDefined();
  const stolen = { name: cookie!.name, value: cookie!.value, domain: "127.0.0.1", path: "/" };

  // The cookie value alone opens the partner home in another browser...
  const other = await browser.newContext();
  await other.addCookies([stolen]);
  const otherPage = await other.newPage();
  await otherPage.goto("/nl/partner");
  await expect(
    otherPage.getByRole("heading", { level: 1, name: nl.partners.home.title }),
  ).toBeVisible();
  await other.close();

  await page.getByRole("button", { name: nl.common.nav.logout }).click();
  await expect(page).toHaveURL("/nl");
  expect(await sessionCookie(page)).toBeUndefined();

  // ...but not any more once logged out: the session row is gone.
  const replay = await browser.newContext();
  await replay.addCookies([stolen]);
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

// Staff: the magic link, then the second factor. An admin resets the reviewer's factor (so the
// test starts from a staff member who never set one up), the reviewer sets it up (QR code,
// first code, recovery codes shown once), then signs in with a code (after a wrong one) and,
// without JavaScript, with a recovery code.
test("staff second factor: admin reset, setup, verify with a wrong then a right code, recovery code", async ({
  browser,
  page,
}) => {
  const reviewer = accounts.reviewer;
  const reviewerName = "Joris Peeters (demo)";
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

  // Verify: a wrong code gets the error summary and the inline error; the right one opens.
  const second = await requestLoginLink(page, "nl", reviewer);
  await confirmLink(page, second.link, "nl");
  await expect(page).toHaveURL(
    `/nl/login/second-factor?${new URLSearchParams({ redirectTo: partnersPage })}`,
  );
  await page.getByLabel(nl.auth.secondFactor.codeLabel).fill("000000");
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
  // The setup's code was used: the next step's code is the one that works now.
  await page.getByLabel(nl.auth.secondFactor.codeLabel).fill(totpCode(secret, 1));
  await page.getByRole("button", { name: nl.auth.secondFactor.submit }).click();
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
