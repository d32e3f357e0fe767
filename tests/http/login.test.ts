// Magic-link sign-in as the production server answers it, with the email taken from a real SMTP
// sink: a Dutch partner's whole sign-in in Dutch, and a used link that can never sign in again.
// The browser suite keeps one sign-in journey per audience (tests/e2e/journeys/login.spec.ts); the rules
// of tokens and sessions are in tests/integration/auth*.test.ts.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSmtpSink, type SmtpSink } from "../fixtures/smtp-sink";
import { startBuiltServer, type BuiltServer } from "./server";

const locale = (lang: "fr" | "nl", ns: string) =>
  JSON.parse(readFileSync(`locales/${lang}/${ns}.json`, "utf8"));
const auth = { fr: locale("fr", "auth"), nl: locale("nl", "auth") };
const emails = { nl: locale("nl", "emails") };
const partnersNl = locale("nl", "partners");

const h1 = (html: string) =>
  (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "").replace(/&#x27;/g, "'").trim();
const urlencoded = { "Content-Type": "application/x-www-form-urlencoded" };

describe("magic-link sign-in through the production server", () => {
  let server: BuiltServer;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startBuiltServer({
      env: { SMTP_URL: sink.url, OUTBOX_WORKER: "on", OUTBOX_POLL_MS: "100" },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await sink?.close();
  });

  /** Asks for a link on the login page of `lang` and returns the email that brings it. */
  async function requestLink(lang: "fr" | "nl", email: string) {
    const before = sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes(email));
    const answer = await fetch(`${server.url}/${lang}/login`, {
      method: "POST",
      headers: { ...urlencoded, Origin: server.url },
      body: new URLSearchParams({ email }),
      redirect: "manual",
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(`/${lang}/login?sent=1`);
    await answer.arrayBuffer();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const mine = sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes(email));
      if (mine.length > before.length) {
        const message = mine[mine.length - 1]!;
        const link = /https?:\/\/\S+\/(?:fr|nl)\/login\/confirm\?token=[A-Za-z0-9_-]{43}/.exec(
          message.text ?? "",
        )?.[0];
        expect(link, "a login link in the email").toBeTruthy();
        return { message, link: link! };
      }
      if (Date.now() > deadline) throw new Error(`No email reached the sink for ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Opens the link (its token moves into a cookie) and presses the confirm button. */
  async function openAndConfirm(link: string) {
    const opened = await fetch(link, { redirect: "manual" });
    expect(opened.status).toBe(303);
    await opened.arrayBuffer();
    const tokenCookie = opened.headers.get("set-cookie")?.split(";")[0] ?? "";
    const page = await fetch(server.url + opened.headers.get("location"), {
      headers: { cookie: tokenCookie },
    });
    const html = await page.text();
    const confirmed = await fetch(server.url + opened.headers.get("location"), {
      method: "POST",
      headers: { ...urlencoded, cookie: tokenCookie, Origin: server.url },
      body: "",
      redirect: "manual",
    });
    await confirmed.arrayBuffer();
    const session = confirmed.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith("sb_session=") && !cookie.startsWith("sb_session=;"));
    return { html, confirmed, session: session?.split(";")[0] };
  }

  test("a Dutch partner signs in in Dutch and sees its own organisation", async () => {
    const email = "demo.partner@example.org"; // zone 5340
    const { message, link } = await requestLink("nl", email);
    expect(message.subject).toBe(emails.nl.loginLink.subject);
    expect(message.text).toContain("Beste Pieter Van den Broeck (demo),");
    expect(link.startsWith(`${server.url}/nl/login/confirm?`)).toBe(true);
    expect(message.html).toContain(link.replace(/&/g, "&amp;"));

    const { html, confirmed, session } = await openAndConfirm(link);
    expect(h1(html)).toBe(auth.nl.confirm.title);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/nl/partner");
    expect(session).toBeTruthy();

    const home = await fetch(`${server.url}/nl/partner`, { headers: { cookie: session! } });
    expect(home.status).toBe(200);
    const homeHtml = await home.text();
    expect(homeHtml).toMatch(/<html[^>]*lang="nl"/);
    expect(h1(homeHtml)).toBe(partnersNl.home.title);
    expect(homeHtml).toContain("Politiezone Brussel-West");
    expect(homeHtml).toContain('href="/nl/plans/PGSP-2021-2024/themes/3#measure-3.9"');
    expect(homeHtml).not.toContain("Bruxelles-Capitale/Ixelles");
  });

  test("a used link shows 'already used' in both languages and never signs in again", async () => {
    const email = "sophie.lambert@example.org"; // zone 5339
    const { link } = await requestLink("fr", email);
    const first = await openAndConfirm(link);
    expect(first.confirmed.status).toBe(302);
    expect(first.session).toBeTruthy();
    // Signed out (the session ends on the server): the link does not come back to life.
    const logout = await fetch(`${server.url}/fr/logout`, {
      method: "POST",
      headers: { ...urlencoded, cookie: first.session!, Origin: server.url },
      body: "",
      redirect: "manual",
    });
    expect(logout.status).toBe(302);
    await logout.arrayBuffer();

    for (const lang of ["fr", "nl"] as const) {
      const again = await openAndConfirm(
        link.replace("/fr/login/confirm", `/${lang}/login/confirm`),
      );
      expect(h1(again.html)).toBe(auth[lang].confirm.used.title);
      // No confirm button on the page (the header's sign-in link may share its words).
      const main = /<main[\s\S]*<\/main>/.exec(again.html)?.[0];
      expect(main).toBeTruthy();
      expect(main).not.toMatch(/<button/);
      expect(again.confirmed.status).not.toBe(302);
      expect(again.session).toBeUndefined();
    }
    const home = await fetch(`${server.url}/fr/partner`, {
      headers: { cookie: first.session! },
      redirect: "manual",
    });
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/fr/login?redirectTo=%2Ffr%2Fpartner");
  });
});
