// The language chosen through a page's URL, remembered for the next visit to "/". Not HttpOnly
// and not a secret; a value that is not a language reads as none.
import { createCookie } from "react-router";
import { env } from "~/utils/env.server";
import { isLanguage, type Language } from "./languages";

const languageCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  secure: !env.insecureCookies,
  maxAge: 365 * 24 * 3600,
});

export async function rememberedLanguage(request: Request): Promise<Language | undefined> {
  const value: unknown = await languageCookie.parse(request.headers.get("cookie"));
  return isLanguage(value) ? value : undefined;
}

/** The Set-Cookie header that remembers `lang`. */
export function rememberLanguage(lang: Language) {
  return languageCookie.serialize(lang);
}
