// The staff page of the read API's tokens (/:lang/staff/api-tokens) in a browser, FR and NL:
// axe and 320 px on the empty form, its errors, the created token and the revoked one; the
// form filled and sent with the keyboard only; the secret shown once (gone when the page is
// read again) and working against the API; revoked with the keyboard, after which the API
// refuses it. Validation, hashing and the API itself: tests/integration/api-*.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { checkAxe, storageStates, type Lang } from "../helpers";
import { expectReflow, focusState } from "../returns-helpers";

interface ApiStrings {
  tokens: {
    title: string;
    create: { name: string; submit: string };
    scopes: Record<"dataset" | "reports", string>;
    created: { title: string; secret: string };
    list: { caption: string; revokeFor: string };
    revoked: string;
  };
  errors: { nameRequired: string; scopesRequired: string };
}

const strings = (lang: Lang) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, "api.json"), "utf8")) as ApiStrings;
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");

test.use({ storageState: storageStates.admin });

for (const lang of ["fr", "nl"] as const) {
  test(`API tokens page: axe, keyboard, secret once, revoke, 320 px (${lang})`, async ({
    page,
  }) => {
    const s = strings(lang).tokens;
    const name = `${lang === "fr" ? "Tableau de bord" : "Dashboard"} ${Date.now()}`;
    const heading = page.getByRole("heading", { level: 1, name: s.title });

    await test.step("the page", async () => {
      await page.goto(`/${lang}/staff/api-tokens`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(heading).toBeVisible();
      await checkAxe(page, `${lang} API tokens`);
      await expectReflow(page, `${lang} API tokens`);
    });

    await test.step("a nameless token reading nothing is refused, the summary focused", async () => {
      await page.getByLabel(s.create.name).fill("");
      await page.getByRole("button", { name: s.create.submit }).click();
      const summary = page.locator(".error-summary");
      await expect(summary).toBeFocused();
      await expect(
        summary.getByRole("link", { name: strings(lang).errors.nameRequired }),
      ).toBeVisible();
      // No scope is ticked before the administrator ticks one.
      await expect(
        summary.getByRole("link", { name: strings(lang).errors.scopesRequired }),
      ).toBeVisible();
      await checkAxe(page, `${lang} API tokens, errors`);
    });

    let secret = "";
    await test.step("created with the keyboard only: the secret is shown", async () => {
      const nameField = page.getByLabel(s.create.name);
      await nameField.focus();
      await page.keyboard.type(name);
      // Nothing is ticked at first: both boxes, the next stops after the name, are ticked.
      for (const scope of [s.scopes.dataset, s.scopes.reports]) {
        await page.keyboard.press("Tab");
        await expect(page.getByLabel(scope)).toBeFocused();
        expect((await focusState(page)).visible).toBe(true);
        await expect(page.getByLabel(scope)).not.toBeChecked();
        await page.keyboard.press("Space");
        await expect(page.getByLabel(scope)).toBeChecked();
      }
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Shift+Tab");
      await expect(nameField).toBeFocused();
      await page.keyboard.press("Enter");
      const created = page.getByRole("status").filter({
        has: page.getByRole("heading", { name: fill(s.created.title, { name }) }),
      });
      await expect(created).toBeVisible();
      secret = await created.getByLabel(s.created.secret).inputValue();
      expect(secret).toMatch(/^sbk_[A-Za-z0-9_-]{43}$/);
      await checkAxe(page, `${lang} API tokens, created`);
      await expectReflow(page, `${lang} API tokens, created`);
    });

    await test.step("the secret works once read, and is never shown again", async () => {
      const api = await page.request.get("/api/v1/entries?limit=1", {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(api.status()).toBe(200);
      await page.goto(`/${lang}/staff/api-tokens`);
      const table = page.getByRole("table", { name: s.list.caption });
      await expect(table.getByRole("rowheader", { name })).toBeVisible();
      expect(await page.content()).not.toContain(secret);
      await expect(table.getByRole("row", { name: new RegExp(name) })).toContainText(
        secret.slice(0, 10),
      );
    });

    await test.step("revoked with the keyboard: the API refuses it", async () => {
      const revoke = page.getByRole("button", { name: fill(s.list.revokeFor, { name }) });
      await revoke.focus();
      expect((await focusState(page)).visible).toBe(true);
      await page.keyboard.press("Enter");
      await expect(
        page.getByRole("status").filter({ hasText: fill(s.revoked, { name }) }),
      ).toBeVisible();
      await expect(
        page.getByRole("button", { name: fill(s.list.revokeFor, { name }) }),
      ).toHaveCount(0);
      const api = await page.request.get("/api/v1/entries?limit=1", {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(api.status()).toBe(401);
      await checkAxe(page, `${lang} API tokens, revoked`);
      await expectReflow(page, `${lang} API tokens, revoked`);
    });
  });
}
