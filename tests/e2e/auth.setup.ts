// Logs in once per role through the real email and saves each session (storageState) for the
// other tests. This keeps the suite well under the login rate limit (30 requests per IP per
// 15 minutes; every test comes from 127.0.0.1). The staff admin also completes the second
// factor (TOTP, with the demo account's documented secret), so the saved session opens staff
// pages.
import { test as setup } from "@playwright/test";
import { accounts, loginAs, storageStates } from "./helpers";

setup.describe.configure({ mode: "parallel" });

setup("French partner session", async ({ page }) => {
  await loginAs(page, accounts.partnerFr, "fr", "/fr/partner");
  await page.context().storageState({ path: storageStates.partnerFr });
});

setup("Dutch partner session", async ({ page }) => {
  await loginAs(page, accounts.partnerNl, "nl", "/nl/partner");
  await page.context().storageState({ path: storageStates.partnerNl });
});

setup("staff admin session", async ({ page }) => {
  await loginAs(page, accounts.admin, "fr", "/fr/staff/partners");
  await page.context().storageState({ path: storageStates.admin });
});
