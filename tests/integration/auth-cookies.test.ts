// The cookies as a browser sees them: their attributes (quality.md "Authentication and
// sessions"), and a sign-in carried from the link to the session only by the headers the
// routes answer with. Cookies that are absent, forged or undecodable read as none, never a 500.
import { describe, expect, it } from "vitest";
import { createOrganisation, createPartnerUser } from "../fixtures/factories";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { requestLoginLink, settleLoginLinks } from "~/modules/auth/magic-link.server";
import { getCurrentUser, sessionCookieHeader } from "~/modules/auth/session.server";
import { rememberedLanguage, rememberLanguage } from "~/modules/i18n/language-cookie.server";
import { prisma } from "~/utils/db.server";
import * as confirmRoute from "~/routes/public/login-confirm";

const base = "http://127.0.0.1:3000";

/** The Set-Cookie header's attributes, lower-cased, without the name=value pair. */
const attributesOf = (setCookie: string) =>
  setCookie
    .split(";")
    .slice(1)
    .map((part) => part.trim().toLowerCase())
    .sort();

/** What a browser sends back: the name=value pair of a Set-Cookie header. */
const pairOf = (setCookie: string) => setCookie.split(";")[0]!;

const withCookie = (path: string, cookie: string) =>
  new Request(`${base}${path}`, { headers: { cookie } });

async function linkToken(email: string) {
  expect(await requestLoginLink({ email, lang: "fr", clientIp: "10.1.0.1", baseUrl: base })).toBe(
    "sent",
  );
  await settleLoginLinks();
  const mail = await prisma.outboxEmail.findFirstOrThrow({
    where: { toEmail: email, purpose: "login-link" },
  });
  return new URL((mail.payload as { link: string }).link).searchParams.get("token")!;
}

async function thrownResponse(promise: Promise<unknown>) {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(thrown instanceof Response)) throw new Error(`expected a thrown Response: ${thrown}`);
  return thrown;
}

describe("sign-in cookies", () => {
  it("carry a link's token to a session through the answers' Set-Cookie headers alone", async () => {
    const email = (await createPartnerUser([(await createOrganisation()).id])).email;
    const token = await linkToken(email);

    // The link's GET: the token moves into a 15-minute HttpOnly cookie.
    const opened = await thrownResponse(
      confirmRoute.loader({
        request: new Request(`${base}/fr/login/confirm?token=${token}`),
        params: { lang: "fr" },
      } as never),
    );
    expect(opened.status).toBe(303);
    const tokenCookie = opened.headers.get("set-cookie")!;
    expect(tokenCookie).toMatch(/^__Host-sb_login_token=/);
    expect(tokenCookie).not.toContain(token);
    expect(attributesOf(tokenCookie)).toEqual(
      ["httponly", "max-age=900", "path=/", "samesite=lax", "secure"].sort(),
    );

    const page = await confirmRoute.loader({
      request: withCookie("/fr/login/confirm", pairOf(tokenCookie)),
      params: { lang: "fr" },
    } as never);
    expect(page).toMatchObject({ state: "valid" });

    // The button's POST: an 8-hour session cookie, and the token cookie deleted.
    const confirmed = (await confirmRoute.action({
      request: new Request(`${base}/fr/login/confirm`, {
        method: "POST",
        headers: {
          cookie: pairOf(tokenCookie),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "",
      }),
      params: { lang: "fr" },
    } as never)) as Response;
    expect(confirmed.status).toBe(302);
    const [session, clearedToken] = confirmed.headers.getSetCookie();
    expect(session).toMatch(/^__Host-sb_session=/);
    expect(attributesOf(session!)).toEqual(
      ["httponly", "max-age=28800", "path=/", "samesite=lax", "secure"].sort(),
    );
    expect(clearedToken).toMatch(/^__Host-sb_login_token=;/);
    expect(attributesOf(clearedToken!)).toContain("max-age=0");

    const current = await getCurrentUser(withCookie("/fr/partner", pairOf(session!)));
    expect(current?.user.email).toBe(email);
  });

  it("logging out deletes the session cookie", async () => {
    const cleared = await sessionCookieHeader(null);
    expect(cleared).toMatch(/^__Host-sb_session=;/);
    expect(attributesOf(cleared)).toEqual(
      ["httponly", "max-age=0", "path=/", "samesite=lax", "secure"].sort(),
    );
  });

  it.each([
    ["a malformed %-escape", "%E0%A4%A"],
    ["a raw secret (not encoded as the cookie encodes)", "A".repeat(43)],
    ["base64 that is not JSON", btoa("\u00ff\u00fe")],
    ["an encoded object", encodeURIComponent(btoa(JSON.stringify({ id: "x" })))],
    ["an encoded forged secret", encodeURIComponent(btoa(JSON.stringify("B".repeat(43))))],
    ["an empty value", ""],
  ])("a session cookie holding %s is no session", async (_, value) => {
    const request = withCookie("/fr/partner", `${sessionCookie.name}=${value}; other=\u00ff`);
    expect(await getCurrentUser(request)).toBeNull();
  });

  it("a malformed login-token cookie shows the invalid-link page, not a 500", async () => {
    const page = await confirmRoute.loader({
      request: withCookie("/fr/login/confirm", "__Host-sb_login_token=%E0%A4%A"),
      params: { lang: "fr" },
    } as never);
    expect(page).toMatchObject({ state: "invalid" });
  });
});

describe("language cookie", () => {
  it("remembers a language for a year (not HttpOnly: it holds no secret)", async () => {
    const header = await rememberLanguage("nl");
    expect(header).toMatch(/^lang=/);
    expect(attributesOf(header)).toEqual(
      ["max-age=31536000", "path=/", "samesite=lax", "secure"].sort(),
    );
    expect(await rememberedLanguage(withCookie("/", pairOf(header)))).toBe("nl");
  });

  it("reads anything but a language (or no cookie) as none", async () => {
    const english = pairOf(await rememberLanguage("en" as never));
    expect(await rememberedLanguage(withCookie("/", english))).toBeUndefined();
    expect(await rememberedLanguage(withCookie("/", "lang=%E0%A4%A"))).toBeUndefined();
    expect(await rememberedLanguage(new Request(`${base}/`))).toBeUndefined();
  });
});
