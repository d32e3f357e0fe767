// Shared helpers for the end-to-end tests: UI strings from the locale files, the SMTP sink's
// HTTP API, and logging in through the real magic-link email.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { TOTP } from "otpauth";
import { demoStaffTotpSecrets } from "../../prisma/seed/data/demo-staff-totp";

export type Lang = "fr" | "nl";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3210";
export const SINK_URL = process.env.E2E_SINK_URL ?? "http://127.0.0.1:2526";

// ---------------------------------------------------------------------------------------------
// UI strings: the tests select by the same texts users read, in both languages.

const localesDir = path.resolve(process.cwd(), "locales");

function load(lang: Lang, ns: string) {
  return JSON.parse(readFileSync(path.join(localesDir, lang, `${ns}.json`), "utf8"));
}

export interface Strings {
  auth: typeof import("../../locales/fr/auth.json");
  common: typeof import("../../locales/fr/common.json");
  catalogue: typeof import("../../locales/fr/catalogue.json");
  partners: typeof import("../../locales/fr/partners.json");
  emails: typeof import("../../locales/fr/emails.json");
}

const cache = new Map<Lang, Strings>();

export function strings(lang: Lang): Strings {
  let s = cache.get(lang);
  if (!s) {
    s = {
      auth: load(lang, "auth"),
      common: load(lang, "common"),
      catalogue: load(lang, "catalogue"),
      partners: load(lang, "partners"),
      emails: load(lang, "emails"),
    };
    cache.set(lang, s);
  }
  return s;
}

/** The document title the app renders for a page heading (PageTitle component). */
export function pageTitle(lang: Lang, title: string, hasErrors = false) {
  const { common } = strings(lang);
  return `${hasErrors ? `${common.errors.titlePrefix} ` : ""}${title} – ${common.site.name}`;
}

export function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---------------------------------------------------------------------------------------------
// Demo accounts (prisma/seed/data/contacts.ts and prisma/seed/load.ts).
//
// Login rate limits (app/modules/auth/magic-link.server.ts), per 15 minutes, counted in the
// database (fresh at every run): 30 requests per IP (then the form answers "too many"), and 5
// emails per address (further requests get the same answer but no email). Every test comes from
// 127.0.0.1, so the whole suite must stay well under 30 login requests: today 17 (setup 3,
// login.spec 11, a11y.spec 3). Each test uses its own address where it can; sessions are shared
// through storageState files written by auth.setup.ts. The demo staff accounts also complete
// the second factor with their documented TOTP secret (prisma/seed/data/demo-staff-totp.ts).

export const accounts = {
  partnerFr: "demo.partenaire@example.org", // zone 5339, French
  partnerNl: "demo.partner@example.org", // zone 5340, Dutch
  admin: "admin@example.org",
  reviewer: "reviewer@example.org",
} as const;

/** Sessions saved by auth.setup.ts (test-results is emptied at the start of every run). */
export const storageStates = {
  partnerFr: "test-results/.auth/partner-fr.json",
  partnerNl: "test-results/.auth/partner-nl.json",
  admin: "test-results/.auth/admin.json",
} as const;

export const PLAN = "PGSP-2021-2024";

/** The app's session cookie name when INSECURE_COOKIES=1 (plain http tests). */
export const SESSION_COOKIE = "sb_session";

// ---------------------------------------------------------------------------------------------
// SMTP sink

export interface SinkMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  date: string | null;
  receivedAt: string;
}

export async function sinkMessages(to: string): Promise<SinkMessage[]> {
  const response = await fetch(`${SINK_URL}/messages?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`SMTP sink answered ${response.status}`);
  return (await response.json()) as SinkMessage[];
}

/** Waits until the sink holds more than `previousCount` messages for `to`; returns the newest. */
export async function waitForEmail(to: string, previousCount: number, timeoutMs = 10_000) {
  let messages: SinkMessage[] = [];
  await expect
    .poll(
      async () => {
        messages = await sinkMessages(to);
        return messages.length;
      },
      {
        message: `an email to ${to} reaches the SMTP sink`,
        timeout: timeoutMs,
        intervals: [100, 200],
      },
    )
    .toBeGreaterThan(previousCount);
  return messages[messages.length - 1]!;
}

const linkPattern =
  /https?:\/\/[^\s"'<>]+\/(fr|nl)\/login\/confirm\?token=([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;

/** The magic link of a login email (from the text part, checked against the HTML part). */
export function loginLinkOf(message: SinkMessage) {
  const match = linkPattern.exec(message.text);
  if (!match) throw new Error(`No login link in the email text:\n${message.text}`);
  const [link, lang, token] = match;
  return { link, lang: lang as Lang, token: token! };
}

// ---------------------------------------------------------------------------------------------
// Login through the real email

/** Fills the login form and waits for the "sent" page. */
export async function submitLoginForm(page: Page, lang: Lang, email: string) {
  const { auth } = strings(lang);
  await page.goto(`/${lang}/login`);
  await page.getByLabel(auth.login.emailLabel).fill(email);
  await page.getByRole("button", { name: auth.login.submit }).click();
  await expect(page.getByRole("heading", { level: 1, name: auth.sent.title })).toBeVisible();
  await expect(page).toHaveURL(`/${lang}/login?sent=1`);
}

/** Requests a login link in the browser and returns it, taken from the email in the sink. */
export async function requestLoginLink(page: Page, lang: Lang, email: string) {
  const before = (await sinkMessages(email)).length;
  await submitLoginForm(page, lang, email);
  const message = await waitForEmail(email, before);
  expect(message.subject).toBe(strings(lang).emails.loginLink.subject);
  const parsed = loginLinkOf(message);
  expect(parsed.lang).toBe(lang);
  expect(parsed.link.startsWith(`${BASE_URL}/`)).toBe(true);
  // The HTML part (button) carries the same link.
  expect(message.html).toContain(parsed.link);
  return parsed;
}

/** Opens a magic link and presses the confirm button (only the POST logs in). */
export async function confirmLink(page: Page, link: string, lang: Lang) {
  const { auth } = strings(lang);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: auth.confirm.title })).toBeVisible();
  await page.getByRole("button", { name: auth.confirm.submit }).click();
}

/** The TOTP code of a secret, `stepOffset` 30-second steps from now (what an authenticator shows). */
export function totpCode(secret: string, stepOffset = 0) {
  return new TOTP({ secret }).generate({ timestamp: Date.now() + stepOffset * 30_000 });
}

/**
 * On the second-factor page: types the code for `secret`. A code is accepted once, so when this
 * step's code was already used (the same account signed in less than 30 s ago), the next
 * step's code is typed instead (the server accepts one step either side).
 */
export async function completeSecondFactor(page: Page, lang: Lang, secret: string) {
  const { auth } = strings(lang);
  await expect(
    page.getByRole("heading", { level: 1, name: auth.secondFactor.title }),
  ).toBeVisible();
  const field = page.getByLabel(auth.secondFactor.codeLabel);
  const submit = page.getByRole("button", { name: auth.secondFactor.submit });
  const onSecondFactorPage = () => new URL(page.url()).pathname.endsWith("/login/second-factor");
  await field.fill(totpCode(secret));
  await submit.click();
  let outcome = "pending";
  await expect
    .poll(async () => {
      if (!onSecondFactorPage()) outcome = "done";
      else if ((await page.getByRole("alert").count()) > 0) outcome = "refused";
      return outcome;
    })
    .not.toBe("pending");
  if (outcome === "refused") {
    await field.fill(totpCode(secret, 1));
    await submit.click();
    await expect.poll(onSecondFactorPage).toBe(false);
  }
}

/**
 * Full login: form, email from the sink, link, confirm, and for the demo staff accounts the
 * second factor with their documented secret. Waits for `landing` (a path).
 */
export async function loginAs(page: Page, email: string, lang: Lang, landing: string) {
  const { link } = await requestLoginLink(page, lang, email);
  await confirmLink(page, link, lang);
  const secret = demoStaffTotpSecrets[email];
  if (secret) {
    await expect(page).toHaveURL(
      `/${lang}/login/second-factor?${new URLSearchParams({ redirectTo: landing })}`,
    );
    await completeSecondFactor(page, lang, secret);
  }
  await expect(page).toHaveURL(landing);
  return link;
}

export async function sessionCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === SESSION_COOKIE);
}
