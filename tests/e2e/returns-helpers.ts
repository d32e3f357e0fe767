// Helpers for the annual-return end-to-end tests (returns-*.spec.ts): UI strings of the
// "returns" and "admin" namespaces, filling a section from what the page shows, completing a
// whole return through its task list, axe, focus and SMTP-sink helpers.
//
// Everything works with and without JavaScript: the helpers only fill inputs, tick boxes and
// click the form's own buttons, so a context created with `javaScriptEnabled: false` gets plain
// form posts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page, type Response } from "@playwright/test";
import { escapeRegExp, sinkMessages, strings, type Lang } from "./helpers";

// ---------------------------------------------------------------------------------------------
// Strings

const localesDir = path.resolve(process.cwd(), "locales");

function load(lang: Lang, ns: string) {
  return JSON.parse(readFileSync(path.join(localesDir, lang, `${ns}.json`), "utf8"));
}

export interface ReturnStrings {
  returns: typeof import("../../locales/fr/returns.json");
  admin: typeof import("../../locales/fr/admin.json");
}

const cache = new Map<Lang, ReturnStrings>();

/** The "returns" and "admin" namespaces (plus everything helpers.strings() gives). */
export function rs(lang: Lang) {
  let s = cache.get(lang);
  if (!s) {
    s = { returns: load(lang, "returns"), admin: load(lang, "admin") };
    cache.set(lang, s);
  }
  return { ...strings(lang), ...s };
}

/** i18next-style interpolation of "{{name}}" placeholders. */
export function fmt(template: string, params: Record<string, string | number>) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(params[key] ?? ""));
}

/** Campaign titles of the demo seed (prisma/seed/returns.ts). */
export function campaignTitle(lang: Lang, year: number) {
  return lang === "nl" ? `GVPP-jaarverslag ${year}` : `Rapport annuel PGSP ${year}`;
}

export function receiptSubject(lang: Lang, organisationName: string) {
  return fmt(strings(lang).emails.returnReceipt.subject, { organisation: organisationName });
}

// ---------------------------------------------------------------------------------------------
// Files

/** A tiny but real PDF (magic bytes "%PDF-"). */
export const PDF_BYTES = Buffer.from(
  [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
    "",
  ].join("\n"),
  "latin1",
);

/** HTML with a .pdf name: must be refused (content is checked, not the name). */
export const FAKE_PDF_BYTES = Buffer.from(
  "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n",
  "utf8",
);

// ---------------------------------------------------------------------------------------------
// Sections and forms

export const organisationSectionTitle = {
  fr: "Organisation et personnes de contact",
  nl: "Organisatie en contactpersonen",
} as const;

export const measureTitle = (lang: Lang, code: string) =>
  new RegExp(`^${lang === "nl" ? "Maatregel" : "Mesure"} ${escapeRegExp(code)} – `);

/** Clicks a submit button of a plain (no-JS) form and returns the response to the POST. */
export async function postWith(page: Page, buttonName: string): Promise<Response> {
  const response = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().isNavigationRequest(),
  );
  await page.getByRole("button", { name: buttonName, exact: true }).click();
  const result = await response;
  await page.waitForLoadState("domcontentloaded");
  return result;
}

/** The label inputs of the figures table, one per shown row. */
export function figureRows(page: Page) {
  return page.locator('input[id^="f-figures-"][id$="-label"]');
}

/** Error summary checks: entries link to fields, same text inline. */
export async function expectFieldErrors(
  page: Page,
  expected: [fieldId: string, message: string][],
) {
  const summary = page.locator(".error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toHaveAttribute("role", "alert");
  await expect(summary.locator("a")).toHaveCount(expected.length);
  for (const [id, message] of expected) {
    await expect(summary.locator(`a[href="#${id}"]`)).toContainText(message);
    await expect(page.locator(`#${id}`), `the summary link target #${id} exists`).toHaveCount(1);
    await expect(page.locator(`#${id}-error`)).toContainText(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Navigation

/** From the partner home, opens the 2023 return; returns its task-list path and id. */
export async function openReturnFromHome(page: Page, lang: Lang, year = 2023) {
  const s = rs(lang);
  await page.goto(`/${lang}/partner`);
  await expect(page.getByRole("heading", { level: 1, name: s.partners.home.title })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 3, name: s.returns.home.title }).first(),
  ).toBeVisible();
  const link = page.getByRole("link", { name: campaignTitle(lang, year), exact: true });
  const href = await link.getAttribute("href");
  expect(href).toMatch(new RegExp(`^/${lang}/partner/returns/[^/]+$`));
  await link.click();
  await expect(page).toHaveURL(href!);
  await expect(
    page.getByRole("heading", { level: 1, name: campaignTitle(lang, year) }),
  ).toBeVisible();
  return { returnUrl: href!, returnId: href!.split("/").pop()! };
}

export interface TaskItem {
  title: string;
  href: string;
  status: string;
  hint: string;
}

/** The section rows of the task list on the current page. */
export async function taskItems(page: Page): Promise<TaskItem[]> {
  await expect(page.locator(".task-list").first()).toBeVisible();
  return page.locator(".task-list__item").evaluateAll((items) =>
    items
      .map((item) => {
        const link = item.querySelector<HTMLAnchorElement>(".task-list__name a");
        return {
          title: link?.textContent?.trim() ?? "",
          href: link?.getAttribute("href") ?? "",
          status: item.querySelector(".tag")?.textContent?.trim() ?? "",
          hint: item.querySelector(".task-list__hint")?.textContent?.trim() ?? "",
        };
      })
      .filter((item) => item.href.includes("/sections/")),
  );
}

/** The row of the task list whose link name matches. */
export function taskRow(page: Page, name: string | RegExp) {
  return page
    .locator(".task-list__item")
    .filter({ has: page.getByRole("link", { name, exact: typeof name === "string" }) });
}

// ---------------------------------------------------------------------------------------------
// Filling a section

export type SectionKind = "organisation" | "contribution" | "mission" | "declaration";

/** What kind of section the current page shows, from its fields. */
export async function sectionKind(page: Page): Promise<SectionKind> {
  await expect(page.locator("form.section-form")).toBeVisible();
  if (await page.locator("#f-organisationName").count()) return "organisation";
  if (await page.locator("#f-actions").count()) return "contribution";
  if (await page.locator("#f-declarantName").count()) return "declaration";
  if (await page.locator("#f-contribution").count()) return "mission";
  throw new Error(`Unknown section form at ${page.url()}`);
}

async function fillIfEmpty(field: Locator, value: string, minLength = 1) {
  if ((await field.count()) === 0) return;
  if ((await field.inputValue()).trim().length < minLength) await field.fill(value);
}

async function checkFirstIfNoneChecked(page: Page, name: string, firstId: string) {
  const checked = await page.locator(`input[name="${name}"]:checked`).count();
  if (checked === 0) await page.locator(`#${firstId}`).check();
}

const sampleText = {
  fr: {
    organisation: "Organisation de démonstration",
    contactName: "Personne de contact",
    contactEmail: "contact@example.org",
    corrections: "Merci de mettre à jour l'adresse de notre siège.",
    reason: "Le projet a démarré plus tard que prévu, faute de personnel.",
    actions:
      "Nous avons organisé des permanences hebdomadaires et des ateliers de prévention dans les quartiers.",
    mission: "Nous avons partagé nos constats avec le réseau régional de prévention.",
    declarantName: "Camille Exemple",
    declarantRole: "Coordinatrice",
  },
  nl: {
    organisation: "Demo-organisatie",
    contactName: "Contactpersoon",
    contactEmail: "contact@example.org",
    corrections: "Gelieve het adres van onze zetel bij te werken.",
    reason: "Het project is later gestart dan gepland, door een tekort aan personeel.",
    actions: "We hebben wekelijkse spreekuren en preventieworkshops in de wijken georganiseerd.",
    mission: "We hebben onze vaststellingen gedeeld met het gewestelijke preventienetwerk.",
    declarantName: "Sam Voorbeeld",
    declarantRole: "Coördinator",
  },
} as const;

export function sample(lang: Lang) {
  return sampleText[lang];
}

/**
 * Fills every visible required field of the section on the current page that is still empty
 * (prefilled answers are kept), using the field ids `f-<path>`.
 */
export async function fillSection(page: Page, lang: Lang, kind?: SectionKind) {
  const text = sampleText[lang];
  const k = kind ?? (await sectionKind(page));
  if (k === "organisation") {
    await fillIfEmpty(page.locator("#f-organisationName"), text.organisation);
    await fillIfEmpty(page.locator("#f-contacts-0-name"), text.contactName);
    await fillIfEmpty(page.locator("#f-contacts-0-email"), text.contactEmail);
    await checkFirstIfNoneChecked(page, "detailsConfirmed", "f-detailsConfirmed");
    if (await page.locator("#f-corrections").isVisible())
      await fillIfEmpty(page.locator("#f-corrections"), text.corrections);
  } else if (k === "contribution") {
    await checkFirstIfNoneChecked(page, "status", "f-status");
    if (await page.locator("#f-statusReason").isVisible())
      await fillIfEmpty(page.locator("#f-statusReason"), text.reason);
    await fillIfEmpty(page.locator("#f-actions"), text.actions, 20);
    await checkFirstIfNoneChecked(page, "targetPublics", "f-targetPublics");
  } else if (k === "mission") {
    await fillIfEmpty(page.locator("#f-contribution"), text.mission);
  } else {
    await fillIfEmpty(page.locator("#f-declarantName"), text.declarantName);
    await fillIfEmpty(page.locator("#f-declarantRole"), text.declarantRole);
    await checkFirstIfNoneChecked(page, "confirmation", "f-confirmation");
  }
  return k;
}

/** The save status line under the form ("Enregistré à 14:05"). */
export function saveStatus(page: Page) {
  return page.locator("form.section-form [role=status]");
}

export function savedAtPattern(lang: Lang) {
  const [before, after] = rs(lang).returns.form.savedAt.split("{{time}}");
  return new RegExp(`^${escape(before!)}\\d{2}:\\d{2}${escape(after!)}$`);
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Waits for an autosave of the current page to be confirmed ("Enregistré à HH:MM"). */
export async function waitForAutosave(page: Page, lang: Lang) {
  // The status shows "Enregistrement…" while saving, then the time.
  await expect(saveStatus(page)).toHaveText(savedAtPattern(lang), { timeout: 15_000 });
}

/**
 * Clicks "Save and continue" and waits until the page moved on (next section or task list).
 * Fails with the error summary or conflict text if the section was not saved.
 */
export async function saveAndContinue(page: Page, lang: Lang) {
  const s = rs(lang);
  const before = page.url().split("#")[0];
  // The page itself waits for an autosave on its way before posting (use-autosave's flush);
  // waiting here too keeps the step's timing the same whatever the machine's load.
  await expect(saveStatus(page)).not.toHaveText(s.returns.form.saving, { timeout: 15_000 });
  await page.getByRole("button", { name: s.returns.form.saveAndContinue }).click();
  const moved = await page
    .waitForURL((url) => url.href.split("#")[0] !== before, { timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  if (!moved) {
    const message = await page
      .locator(".error-summary, .conflict")
      .first()
      .innerText({ timeout: 1_000 })
      .catch(() => "(neither an error summary nor a conflict panel is shown)");
    throw new Error(`The section at ${before} was not saved:\n${message}`);
  }
  await waitForRendered(page);
}

/**
 * After a client-side navigation the URL changes before the new page is rendered: waits until
 * the section form on the page is the one of the URL (or there is none, off a section page).
 */
export async function waitForRendered(page: Page) {
  const path = new URL(page.url()).pathname;
  if (path.includes("/sections/")) {
    await expect(page.locator("form.section-form")).toHaveAttribute(
      "action",
      new RegExp(`^${escape(path)}(\\?|$)`),
    );
  } else {
    await expect(page.locator("form.section-form")).toHaveCount(0);
  }
}

/**
 * Completes every section of a return that is not completed yet, from its task list
 * (`returnUrl`), then comes back to the task list. Returns the task items.
 */
export async function completeReturn(page: Page, lang: Lang, returnUrl: string) {
  const s = rs(lang);
  await page.goto(returnUrl);
  for (let guard = 0; guard < 40; guard++) {
    await waitForRendered(page);
    const url = new URL(page.url());
    if (url.pathname === returnUrl) {
      const items = await taskItems(page);
      const todo = items.find((item) => item.status !== s.returns.status.COMPLETED);
      if (!todo) return items;
      await page.goto(todo.href);
    } else if (url.pathname.includes("/sections/")) {
      const status = (await page.locator("h1 .tag").innerText()).trim();
      if (status === s.returns.status.COMPLETED) {
        await page.goto(returnUrl);
        continue;
      }
    } else {
      throw new Error(`Unexpected page while completing the return: ${page.url()}`);
    }
    await fillSection(page, lang);
    await saveAndContinue(page, lang);
  }
  throw new Error("The return could not be completed in 40 steps");
}

// ---------------------------------------------------------------------------------------------
// Accessibility

/** WCAG 1.4.10: no horizontal scrolling at 320 CSS px (then the viewport is restored). */
export async function expectReflow(page: Page, label: string) {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(clientWidth).toBe(320);
  expect
    .soft(scrollWidth, `horizontal scroll at 320 px on ${label} (${page.url()})`)
    .toBeLessThanOrEqual(320);
  if (original) await page.setViewportSize(original);
}

/** Description of the focused element and whether its focus is visible. */
export async function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: "body", id: "", visible: false, tag: "body" };
    const style = getComputedStyle(el);
    const outline =
      style.outlineStyle !== "none" &&
      parseFloat(style.outlineWidth) > 0 &&
      style.outlineColor !== "transparent" &&
      style.outlineColor !== "rgba(0, 0, 0, 0)";
    const shadow = style.boxShadow !== "none";
    // Chromium's date input has its own calendar button (inside the input's shadow tree) as a
    // last Tab stop: the input is then :focus-within, not :focus, and the browser draws the ring.
    if (
      el instanceof HTMLInputElement &&
      el.type === "date" &&
      !el.matches(":focus") &&
      el.matches(":focus-within")
    ) {
      return { tag: "input", id: el.id, what: `input#${el.id} (calendar button)`, visible: true };
    }
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${
        el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : ""
      } "${(el.textContent ?? "").trim().slice(0, 40)}"`,
      visible: el.matches(":focus-visible") && (outline || shadow),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// SMTP sink

/** Messages to `to` with exactly this subject. */
export async function messagesWithSubject(to: string, subject: string) {
  return (await sinkMessages(to)).filter((m) => m.subject === subject);
}
