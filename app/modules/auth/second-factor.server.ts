import { href, redirect } from "react-router";
import type { Language } from "~/modules/i18n/languages";
import { safeRedirectPath } from "~/utils/http.server";
import { pageUrl } from "~/utils/page-url";
import { landingPath } from "./landing.server";
import { withRedirectTo } from "./paths";
import { getCurrentUser } from "./session.server";

/** The page to go on to once the second factor is proven (the redirectTo query, if safe). */
export async function afterSecondFactor(request: Request, lang: Language, userId: string) {
  const asked = safeRedirectPath(pageUrl(request).searchParams.get("redirectTo"), "");
  return asked || (await landingPath(userId, lang));
}

/**
 * The second-factor pages are for a staff session that has not proven it yet: no session goes
 * to the login page, anyone else on to where they were going.
 */
export async function requirePendingSecondFactor(request: Request, lang: Language) {
  const current = await getCurrentUser(request);
  const redirectTo = safeRedirectPath(pageUrl(request).searchParams.get("redirectTo"), "");
  if (!current) {
    const query = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : "";
    throw redirect(`${href("/:lang/login", { lang })}${query}`);
  }
  if (!current.secondFactorPending) {
    throw redirect(redirectTo || (await landingPath(current.user.id, lang)));
  }
  return { current, redirectTo, totpEnabled: current.user.totpEnabledAt !== null };
}

/** The code and recovery pages need a second factor already set up: else on to its setup. */
export async function requireEnrolledSecondFactor(request: Request, lang: Language) {
  const pending = await requirePendingSecondFactor(request, lang);
  if (!pending.totpEnabled) {
    throw redirect(
      withRedirectTo(href("/:lang/login/second-factor/setup", { lang }), pending.redirectTo),
    );
  }
  return pending;
}

/** The second-factor and staff-account forms hold a code or an id: a few bytes. */
export const SECOND_FACTOR_FORM_BYTES = 4 * 1024;
