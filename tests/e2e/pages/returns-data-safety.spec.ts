// Typed answers are never lost by accident (issue 6, data-loss bugs), in a real browser:
// 1. Enter in a text field saves and continues; it never presses a Remove or Add button;
//    a removal can be undone until the section is saved (each behaviour in one language, the
//    two languages shared between them: the behaviour is the same, the strings are typed keys);
// 2. switching language right after typing shows the new text and no false conflict;
// 4. when the session ends mid-edit, the text stays (page and browser storage), an alert says
//    so, and the save goes through once signed in again; a warning comes before the end.
//
// Every test is signed in with a written session as its own account, on a return or section no
// other test writes to, so the tests spread over the workers in any order. The tests that end
// their session (logout) have a commune of their own: a logout ends that account's session.
import { expect, test as base, type Page } from "@playwright/test";
import { BASE_URL, loginAs, strings, type Lang, sessionState } from "../helpers";
import {
  campaignTitle,
  fillSection,
  fmt,
  openReturnFromHome,
  rs,
  saveStatus,
  savedAtPattern,
  taskItems,
  waitForRendered,
} from "../returns-helpers";

/**
 * The language each Enter and removal behaviour is checked in: once each, both languages used.
 * The behaviour does not depend on the language; the Dutch and French strings are typed keys
 * with a parity check, and axe sees every page in both languages.
 */
const checkedIn = {
  enterInContact: "fr",
  closedAndLate: "nl",
  enterInFigure: "nl",
  undo: "nl",
} as const satisfies Record<string, Lang>;

/**
 * The accounts of those tests: the contact-field, figure-field and closed/late tests use
 * different sections (or the closed 2022 return) of one commune's return; the Undo test changes
 * the contacts too, so it has a commune of its own.
 */
const accounts: Record<Lang, { shared: string; undo: string }> = {
  fr: { shared: "prevention.etterbeek@example.org", undo: "prevention.anderlecht@example.org" },
  nl: { shared: "preventie.ganshoren@example.org", undo: "hanne.wouters@example.org" },
};

/** One commune per French language-switch / reload / session test (each types in `#f-actions`). */
const frAccounts = {
  languageSwitch: "prevention.auderghem@example.org",
  reload: "prevention.berchem@example.org",
  beforeScripts: "prevention.bruxelles@example.org",
  atHydration: "prevention.forest@example.org",
  sessionEndsWhileTyping: "prevention.koekelberg@example.org",
  sessionEndedStorage: "prevention.molenbeek@example.org",
  warning: "prevention.saint-gilles@example.org",
} as const;

/** Signed in as `account` (`test.use({ account })`) with the session the e2e server wrote. */
const test = base.extend<{ account: string }>({
  account: ["", { option: true }],
  storageState: async ({ account }, provide) => {
    if (!account) throw new Error("test.use({ account }) is missing");
    await provide(sessionState(account));
  },
});

const organisationSectionTitle = {
  fr: "Organisation et personnes de contact",
  nl: "Organisatie en contactpersonen",
} as const;

const contactLabel = { fr: "Personne de contact", nl: "Contactpersoon" } as const;

/**
 * Opens a section page and waits until React has hydrated it: text typed into the server's
 * HTML before that is reset by hydration (a React behaviour, outside this spec).
 */
async function openSection(page: Page, href: string) {
  await page.goto(href);
  await waitForHydration(page);
}

async function waitForHydration(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const form = document.querySelector("form.section-form");
        return Boolean(form && Object.keys(form).some((key) => key.startsWith("__react")));
      }),
    )
    .toBe(true);
}

/** Waits until everything typed on the page is confirmed saved (data-autosave="done"). */
async function settled(page: Page) {
  await expect(page.locator("form.section-form")).toHaveAttribute("data-autosave", "done", {
    timeout: 15_000,
  });
}

/** The href of a task of the 2023 return, by its title (exact or pattern). */
async function sectionHref(page: Page, lang: Lang, title: string | RegExp) {
  await openReturnFromHome(page, lang);
  const items = await taskItems(page);
  const item = items.find((i) =>
    typeof title === "string" ? i.title === title : title.test(i.title),
  );
  if (!item) throw new Error(`No task ${title} in ${items.map((i) => i.title).join(", ")}`);
  return item.href;
}

/** The organisation section with two filled contact persons (added if needed), saved. */
async function organisationWithTwoContacts(page: Page, lang: Lang) {
  const s = rs(lang).returns;
  const href = await sectionHref(page, lang, organisationSectionTitle[lang]);
  await openSection(page, href);
  await fillSection(page, lang, "organisation");
  if ((await page.locator("#f-contacts-1-name").count()) === 0) {
    await expect(saveStatus(page)).not.toHaveText(s.form.saving, { timeout: 15_000 });
    await page
      .getByRole("button", { name: fmt(s.form.addItem, { label: contactLabel[lang] }) })
      .click();
    await expect(page.locator("#f-contacts-1-name")).toBeVisible();
  }
  await page.locator("#f-contacts-1-name").fill(`${contactLabel[lang]} Deux`);
  await page.locator("#f-contacts-1-email").fill("deux@example.org");
  await settled(page);
  return {
    href,
    first: await page.locator("#f-contacts-0-name").inputValue(),
    second: `${contactLabel[lang]} Deux`,
  };
}

for (const lang of ["fr", "nl"] as const) {
  test.describe(`${lang}: Enter and removals`, () => {
    test.use({ account: accounts[lang].shared });

    if (checkedIn.enterInContact === lang)
      test("Enter in a contact field saves and continues; no contact is removed", async ({
        page,
      }) => {
        const { href, first, second } = await organisationWithTwoContacts(page, lang);
        expect(first).not.toBe("");
        // Before the fix, Enter pressed the form's first submit button: "Remove contact person 1".
        await page.locator("#f-contacts-1-name").press("Enter");
        await page.waitForURL((url) => url.pathname !== href, { timeout: 20_000 });
        await waitForRendered(page);
        await openSection(page, href);
        await expect(page.locator("#f-contacts-0-name")).toHaveValue(first);
        await expect(page.locator("#f-contacts-1-name")).toHaveValue(second);
        await expect(page.locator("h1 .tag")).toHaveText(rs(lang).returns.status.COMPLETED);
      });

    if (checkedIn.closedAndLate === lang)
      test("closed and late returns are marked; a closed one is read-only and refuses saves", async ({
        page,
      }) => {
        const s = rs(lang).returns;
        await page.goto(`/${lang}/partner`);
        const card = (year: number) =>
          page.locator(".card").filter({
            has: page.getByRole("link", { name: campaignTitle(lang, year), exact: true }),
          });
        await expect(card(2022)).toContainText(s.deadline.closed);
        await expect(card(2022)).not.toContainText(s.deadline.late);
        await expect(card(2023)).toContainText(s.deadline.late);
        await expect(card(2023)).not.toContainText(s.deadline.closed);

        await openReturnFromHome(page, lang, 2023);
        await expect(page.locator(".caption")).toContainText(s.deadline.late);

        await openReturnFromHome(page, lang, 2022);
        await expect(page.locator(".caption")).toContainText(s.deadline.closed);
        await expect(page.getByText(s.closed.title)).toBeVisible();
        await expect(page.getByRole("link", { name: s.taskList.checkAndSubmit })).toHaveCount(0);
        await expect(page.getByRole("link", { name: s.taskList.addContribution })).toHaveCount(0);
        const first = (await taskItems(page))[0]!;
        await openSection(page, first.href);
        await expect(page.getByText(s.closed.title)).toBeVisible();
        await expect(page.getByRole("button", { name: s.form.saveAndContinue })).toHaveCount(0);
        const before = await page.locator("#f-organisationName").inputValue();

        // Posted anyway (an old tab, a script): refused, nothing changes.
        const fields = {
          _intent: "draft",
          _version: "0",
          organisationName: "Changé après clôture",
        };
        for (const url of [first.href, `${first.href}/autosave`]) {
          const response = await page.request.post(url, {
            headers: { Origin: BASE_URL },
            multipart: fields,
            maxRedirects: 0,
          });
          expect(response.status(), url).toBe(409);
        }
        await page.reload();
        await expect(page.locator("#f-organisationName")).toHaveValue(before);
      });

    if (checkedIn.enterInFigure === lang)
      test("Enter in a figure field neither adds nor removes a row", async ({ page }) => {
        const s = rs(lang).returns;
        const href = await sectionHref(page, lang, lang === "nl" ? /^Maatregel / : /^Mesure /);
        await openSection(page, href);
        const rows = page.locator('input[id^="f-figures-"][id$="-label"]');
        const before = await rows.count();
        const last = rows.nth(before - 1);
        await last.fill("Ateliers");
        await expect(rows).toHaveCount(before + 1); // the blank row that follows a filled one
        await last.press("Enter");
        // Enter means "save and continue": this section is incomplete, so the error summary
        // comes up, and the figures are as they were typed.
        await expect(page.locator(".error-summary")).toBeVisible();
        await expect(rows).toHaveCount(before + 1);
        await expect(rows.nth(before - 1)).toHaveValue("Ateliers");
        await expect(
          page.getByRole("button", { name: fmt(s.form.removeRow, { n: before }) }),
        ).toBeVisible();
      });
  });

  test.describe(`${lang}: Undo`, () => {
    test.use({ account: accounts[lang].undo });

    if (checkedIn.undo === lang)
      test("a removed contact comes back with Undo, and stays after reloading", async ({
        page,
      }) => {
        const s = rs(lang).returns;
        const { href, first, second } = await organisationWithTwoContacts(page, lang);
        const item1 = `${contactLabel[lang]} 1`;
        await page
          .getByRole("button", {
            name: fmt(s.form.removeItem, { label: contactLabel[lang], n: 1 }),
          })
          .click();
        await expect(page.locator("#f-contacts-0-name")).toBeHidden();
        const undo = page.getByRole("button", { name: fmt(s.form.undoRemove, { label: item1 }) });
        await expect(undo).toBeFocused();
        await expect(page.getByText(fmt(s.form.removedRow, { label: item1 }))).toBeVisible();
        await settled(page);
        await undo.click();
        await expect(page.locator("#f-contacts-0-name")).toHaveValue(first);
        await expect(page.locator("#f-contacts-1-name")).toHaveValue(second);
        await settled(page);
        await openSection(page, href);
        await expect(page.locator("#f-contacts-0-name")).toHaveValue(first);
        await expect(page.locator("#f-contacts-1-name")).toHaveValue(second);
      });
  });
}

test.describe("fr: language switch and session end", () => {
  const lang = "fr" as const;

  test.describe(() => {
    test.use({ account: frAccounts.languageSwitch });
    test("switching language right after typing shows the new text, with no conflict", async ({
      page,
    }) => {
      const nl = rs("nl").returns;
      const href = await sectionHref(page, lang, /^Mesure /);
      await openSection(page, href);
      const typed = `Texte tapé juste avant de changer de langue ${Date.now()}.`;
      await page.locator("#f-actions").fill(typed);
      // Before the autosave's pause is over.
      await page.getByRole("link", { name: /Nederlands/ }).click();
      await expect(page).toHaveURL(href.replace(/^\/fr\//, "/nl/"));
      await expect(page.locator("#f-actions")).toHaveValue(typed);
      await waitForHydration(page);
      await page.locator("#f-actions").fill(`${typed} En verder in het Nederlands.`);
      await settled(page);
      await expect(saveStatus(page)).toHaveText(savedAtPattern("nl"));
      await expect(page.getByText(nl.conflict.title)).toHaveCount(0);
      await page.reload();
      await expect(page.locator("#f-actions")).toHaveValue(`${typed} En verder in het Nederlands.`);
    });
  });

  test.describe(() => {
    test.use({ account: frAccounts.reload });
    test("reloading right after typing keeps exactly the typed text", async ({ page }) => {
      const href = await sectionHref(page, lang, /^Mesure /);
      await openSection(page, href);
      const typed = `Tapé puis rechargé aussitôt ${Date.now()}.`;
      await page.locator("#f-actions").fill(typed);
      await page.reload();
      await expect(page.locator("#f-actions")).toHaveValue(typed);
      await settled(page);
      await page.reload();
      await expect(page.locator("#f-actions")).toHaveValue(typed);
    });
  });

  test.describe(() => {
    test.use({ account: frAccounts.beforeScripts });
    test("text typed before the page's JavaScript has loaded is kept and saved", async ({
      page,
    }) => {
      const href = await sectionHref(page, lang, /^Mesure /);
      // A saved answer, which the form's fields start from once the scripts have run.
      await openSection(page, href);
      await page.locator("#f-actions").fill(`Réponse déjà enregistrée ${Date.now()}.`);
      await settled(page);
      // The page's scripts are held back until the text is typed into the server's HTML.
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/assets\/.*\.js(\?|$)/, async (route) => {
        await released;
        await route.continue();
      });
      const hydrationWarnings: string[] = [];
      const onConsole = (message: { type(): string; text(): string }) => {
        if (
          ["error", "warning"].includes(message.type()) &&
          /hydrat|React error #(418|423|425)/i.test(message.text())
        )
          hydrationWarnings.push(message.text());
      };
      page.on("console", onConsole);
      await page.goto(href, { waitUntil: "commit" });
      const before = `Tapé avant le chargement ${Date.now()}.`;
      await page.locator("#f-actions").fill(before);
      expect(
        await page.evaluate(() =>
          Object.keys(document.querySelector("form.section-form") ?? {}).some((key) =>
            key.startsWith("__react"),
          ),
        ),
      ).toBe(false);
      release();
      await waitForHydration(page);
      await page.unrouteAll();
      await expect(page.locator("#f-actions")).toHaveValue(before);
      await page.locator("#f-actions").press("End");
      await page.locator("#f-actions").pressSequentially(" Et après.");
      await expect(page.locator("#f-actions")).toHaveValue(`${before} Et après.`);
      await settled(page);
      page.off("console", onConsole);
      expect(hydrationWarnings).toEqual([]);
      await page.reload();
      await expect(page.locator("#f-actions")).toHaveValue(`${before} Et après.`);
    });
  });

  test.describe(() => {
    test.use({ account: frAccounts.atHydration });
    test("text typed the moment the page becomes interactive is kept across a reload", async ({
      page,
    }) => {
      const href = await sectionHref(page, lang, /^Mesure /);
      await openSection(page, href);
      await page.locator("#f-actions").fill(`Déjà enregistré ${Date.now()}.`);
      await settled(page);
      const typed = `Tapé dès l'hydratation ${Date.now()}.`;
      // In the next document, from its first script on: watch every task for hydration, and
      // type in the first one that sees it, before React's deferred work could run.
      await page.addInitScript((text) => {
        if (sessionStorage.getItem("e2e:type-at-hydration") !== text) return;
        sessionStorage.removeItem("e2e:type-at-hydration");
        const tick = () => {
          const form = document.querySelector("form.section-form");
          const field = document.querySelector<HTMLTextAreaElement>("#f-actions");
          if (form && field && Object.keys(form).some((key) => key.startsWith("__react"))) {
            Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set?.call(
              field,
              text,
            );
            field.dispatchEvent(new Event("input", { bubbles: true }));
            document.documentElement.dataset.e2eTyped = "yes";
            return;
          }
          const channel = new MessageChannel();
          channel.port1.onmessage = tick;
          channel.port2.postMessage(null);
        };
        tick();
      }, typed);
      await page.evaluate((text) => sessionStorage.setItem("e2e:type-at-hydration", text), typed);
      await page.goto(href, { waitUntil: "commit" });
      await expect(page.locator("html")).toHaveAttribute("data-e2e-typed", "yes");
      await page.reload();
      await expect(page.locator("#f-actions")).toHaveValue(typed);
      await settled(page);
      await page.reload();
      await expect(page.locator("#f-actions")).toHaveValue(typed);
    });
  });

  test.describe(() => {
    test.use({ account: frAccounts.sessionEndsWhileTyping });
    test("the session ends while typing: text kept, alert, saved after signing in again", async ({
      page,
      account,
    }) => {
      const s = rs(lang).returns;
      const href = await sectionHref(page, lang, /^Mesure /);
      await openSection(page, href);
      await page.locator("#f-actions").fill("Avant la fin de la session.");
      await settled(page);

      // The session ends on the server (signed out from elsewhere: the row is deleted).
      const out = await page.request.post(`/${lang}/logout`, {
        headers: { Origin: BASE_URL },
        maxRedirects: 0,
      });
      expect(out.status()).toBe(302);

      const typed = "Texte tapé après la fin de la session, qui ne doit pas se perdre.";
      await page.locator("#f-actions").fill(typed);
      const alert = page.getByRole("alert").filter({ hasText: s.sessionExpired.title });
      await expect(alert).toBeVisible({ timeout: 15_000 });
      await expect(page).toHaveURL(href);
      await expect(page.locator("#f-actions")).toHaveValue(typed);
      const signIn = alert.getByRole("link", { name: s.sessionExpired.signIn });
      await expect(signIn).toHaveAttribute("target", "_blank");
      await expect(signIn).toHaveAttribute(
        "href",
        `/${lang}/login?redirectTo=${encodeURIComponent(href)}`,
      );
      const stored = await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith("sb-draft:"))
          .map((k) => localStorage.getItem(k) ?? ""),
      );
      expect(stored.some((value) => value.includes(typed))).toBe(true);

      // Signed in again in another tab; back here, the save goes through.
      const tab = await page.context().newPage();
      await loginAs(tab, account, lang, `/${lang}/partner`);
      await tab.close();
      await page.bringToFront();
      await alert.getByRole("button", { name: s.sessionExpired.saveNow }).click();
      await settled(page);
      await expect(alert).toBeHidden();
      const left = await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith("sb-draft:")),
      );
      expect(left).toEqual([]);
      await page.reload();
      await expect(page.locator("#f-actions")).toHaveValue(typed);
    });
  });

  test.describe(() => {
    test.use({ account: frAccounts.sessionEndedStorage });
    test("text typed after the session ended comes back from the browser's storage", async ({
      page,
      account,
    }) => {
      const s = rs(lang).returns;
      const href = await sectionHref(page, lang, /^Mesure /);
      await openSection(page, href);
      await page.request.post(`/${lang}/logout`, {
        headers: { Origin: BASE_URL },
        maxRedirects: 0,
      });
      const typed = "Texte gardé par le navigateur pendant la reconnexion.";
      await page.locator("#f-actions").fill(typed);
      await expect(page.getByRole("alert").filter({ hasText: s.sessionExpired.title })).toBeVisible(
        {
          timeout: 15_000,
        },
      );
      // Signing in again in this very tab: the page is left, the text is in the storage.
      await loginAs(page, account, lang, `/${lang}/partner`);
      await openSection(page, href);
      await expect(page.getByText(s.form.restoredDraft)).toBeVisible();
      await expect(page.locator("#f-actions")).toHaveValue(typed);
      await settled(page);
      await page.reload();
      await expect(page.locator("#f-actions")).toHaveValue(typed);
      await expect(page.getByText(s.form.restoredDraft)).toHaveCount(0);
    });
  });

  test.describe(() => {
    test.use({ account: frAccounts.warning });
    test("a warning comes five minutes before the session ends, and extends it", async ({
      page,
    }) => {
      const c = strings(lang).common;
      // The written session is as old as the e2e server: start its eight hours now, as
      // signing in would, so that the fast-forward below lands inside the warning's window.
      const fresh = await page.request.post(`/${lang}/session/extend`, {
        headers: { Origin: BASE_URL },
      });
      expect(fresh.status()).toBe(200);
      await page.clock.install();
      const href = await sectionHref(page, lang, /^Mesure /);
      await openSection(page, href);
      const warning = page.getByRole("alert").filter({ hasText: c.session.soonTitle });
      await expect(warning).toHaveCount(0);
      // Eight hours minus four minutes later (the session lasts eight hours).
      await page.clock.fastForward("07:56:00");
      await expect(warning).toBeVisible();
      await warning.getByRole("button", { name: c.session.extend }).click();
      await expect(warning).toHaveCount(0);
      await expect(page.getByText(c.session.endedTitle)).toHaveCount(0);
    });
  });
});
