// Shared helpers for the end-to-end tests: UI strings from the locale files, the SMTP sink's
// HTTP API, and logging in through the real magic-link email.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import type { AxeResults } from "axe-core";
import { TOTP } from "otpauth";
import { demoStaffTotpSecrets } from "../../prisma/seed/data/demo-staff-totp";
import { SESSION_COOKIE } from "../fixtures/sessions";

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
// Tests sign in with sessions the e2e server wrote for every demo account before it started
// (tests/fixtures/sessions.ts, file E2E_SESSIONS_FILE): `sessionState(email)`. Only the tests
// whose subject is signing in (journeys/login.spec.ts, and pages seen while signed out) go through the
// login form and the email, which keeps the suite far under the login rate limits (30 requests
// per IP and 5 emails per address per 15 minutes, app/modules/auth/magic-link.server.ts). A
// written session counts as having passed the second factor, so staff pages open. Tests that
// log out use an address of their own (a logout ends that account's written session).

export const accounts = {
  partnerFr: "demo.partenaire@example.org", // zone 5339, French
  partnerNl: "demo.partner@example.org", // zone 5340, Dutch
  admin: "admin@example.org",
  reviewer: "reviewer@example.org",
  /** Its second factor is reset by the login tests: its sessions end then. */
  secondReviewer: "second.reviewer@example.org",
} as const;

/**
 * Storage states of the shared demo accounts, saved by global-setup.ts from the written sessions
 * (beside them, out of Playwright's output folder, which a run empties).
 */
export const storageStates = {
  partnerFr: ".data/e2e-auth/partner-fr.json",
  partnerNl: ".data/e2e-auth/partner-nl.json",
  admin: ".data/e2e-auth/admin.json",
} as const;

export const PLAN = "PGSP-2021-2024";

export { SESSION_COOKIE };

/** A storage state signed in as `email`, with the session the e2e server wrote for it. */
export function sessionState(email: string) {
  const file = process.env.E2E_SESSIONS_FILE;
  if (!file) throw new Error("E2E_SESSIONS_FILE is not set (playwright.config.ts sets it).");
  const secrets = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const value = secrets[email];
  if (!value) throw new Error(`No written session for ${email} (not an active demo account?)`);
  const { hostname } = new URL(BASE_URL);
  return {
    cookies: [
      {
        name: SESSION_COOKIE,
        value,
        domain: hostname,
        path: "/",
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: "Lax" as const,
      },
    ],
    origins: [],
  };
}

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

// ---------------------------------------------------------------------------------------------
// Accessibility

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

function describeViolations(violations: AxeSummary["violations"]) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `    - ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`,
        )
        .join("\n");
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : "";
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n");
}

/** axe-core itself (the engine @axe-core/playwright injects), read once per worker. */
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

interface AxeSummary {
  passes: number;
  violations: Pick<
    AxeResults["violations"][number],
    "id" | "impact" | "help" | "helpUrl" | "nodes"
  >[];
}

/**
 * axe-core on the current page, WCAG 2.1 A and AA, every rule of those tags (JS-enabled
 * contexts only: axe cannot run without JS). Violations are soft failures, so one run reports
 * every page of a test.
 *
 * axe is injected once per document and run in the page itself (the app has no iframes): a
 * client-side navigation keeps it. @axe-core/playwright sent and compiled its 580 kB source
 * twice per analysis and made four more round trips, about 1.4 s an analysis here against
 * 0.2 s for axe.run itself.
 */
export async function checkAxe(page: Page, label: string) {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === "object");
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(async (tags): Promise<AxeSummary> => {
    const { axe } = window as unknown as { axe: typeof import("axe-core") };
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      // Every rule still runs; only the violations carry all their nodes, which spares building
      // and sending the passing nodes' details.
      resultTypes: ["violations"],
    });
    return {
      passes: r.passes.length,
      violations: r.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
        id,
        impact,
        help,
        helpUrl,
        nodes: nodes.map(({ target, failureSummary, html, any, all, none, impact }) => ({
          target,
          failureSummary,
          html,
          any,
          all,
          none,
          impact,
        })),
      })),
    };
  }, WCAG_TAGS);
  expect(results.passes, `axe ran on ${label}`).toBeGreaterThan(0);
  expect
    .soft(
      results.violations.length,
      `axe violations on ${label} (${page.url()}):\n${describeViolations(results.violations)}`,
    )
    .toBe(0);
}
