// The two sign-in cookies and how long their secrets live, in one place, made with React
// Router's createCookie. This file imports no database: the test fixtures that write sessions
// (tests/fixtures/sessions.ts) encode their cookies through it, so theirs cannot drift from ours.
//
// Values are not signed: each is a random secret the database knows only by its hash, so a
// forged value is merely an unknown one. createCookie encodes values (base64 of JSON); a value
// it cannot decode reads as no cookie, never as a server error.
import { createCookie, type Cookie } from "react-router";
import { env } from "~/utils/env.server";

export const SESSION_HOURS = 8;
export const LOGIN_TOKEN_MINUTES = 15;

/**
 * HttpOnly, SameSite=Lax, and Secure with the __Host- prefix (this host only, path /). Plain-http
 * local tests turn Secure off with an explicit switch (INSECURE_COOKIES=1), and so the prefix.
 */
function signInCookie(name: string, maxAgeSeconds: number) {
  return createCookie(env.insecureCookies ? name : `__Host-${name}`, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: !env.insecureCookies,
    maxAge: maxAgeSeconds,
  });
}

export const sessionCookie = signInCookie("sb_session", SESSION_HOURS * 3600);

/** The magic link's token between the link's GET and the confirm button's POST. */
export const loginTokenCookie = signInCookie("sb_login_token", LOGIN_TOKEN_MINUTES * 60);

/** The cookie's secret in the request; undefined when absent, empty or undecodable. */
export async function readSecret(cookie: Cookie, request: Request): Promise<string | undefined> {
  const value: unknown = await cookie.parse(request.headers.get("cookie"));
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The Set-Cookie header that stores the secret, or deletes the cookie (null). */
export function secretCookieHeader(cookie: Cookie, secret: string | null): Promise<string> {
  return secret ? cookie.serialize(secret) : cookie.serialize("", { maxAge: 0 });
}

/**
 * Whether the request carries a session cookie at all, valid or not: its pages may hold personal
 * data and must not be cached.
 */
export async function hasSessionCookie(request: Request) {
  return (await sessionCookie.parse(request.headers.get("cookie"))) !== null;
}
