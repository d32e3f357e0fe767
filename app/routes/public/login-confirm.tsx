import { useT } from "~/modules/i18n/use-t";
import { Form, href, Link, redirect } from "react-router";
import type { Route } from "./+types/login-confirm";
import { PageTitle } from "~/components/ui/page-title";
import { loginTokenCookie, readSecret, secretCookieHeader } from "~/modules/auth/cookies.server";
import { confirmLogin, inspectLoginToken } from "~/modules/auth/magic-link.server";
import { isWellFormedSecret } from "~/modules/auth/tokens.server";
import { landingPath } from "~/modules/auth/landing.server";
import { secondFactorPath, sessionCookieHeader } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { readFormData, SMALL_FORM_BYTES } from "~/utils/multipart.server";
import { pageUrl } from "~/utils/page-url";

// Mail scanners open links before people do: the GET only shows a button; the POST logs in.
//
// The link's token leaves the URL at once: the link's GET answers with a redirect (marked
// no-referrer and no-store) that moves the token into a short-lived HttpOnly cookie, so the
// token is in no page address, history entry, Referer or language-switch link. The page itself
// keeps the site's same-origin referrer policy: under no-referrer, browsers send "Origin: null"
// with form posts, which the router's CSRF check refuses (the form must work without JS).
const pendingTokenHeader = (token: string | null) => secretCookieHeader(loginTokenCookie, token);
const pendingToken = async (request: Request) =>
  (await readSecret(loginTokenCookie, request)) ?? "";

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = pageUrl(request);
  const lang = langParam(params);
  const fromLink = url.searchParams.get("token");
  if (fromLink !== null) {
    throw redirect(href("/:lang/login/confirm", { lang }), {
      status: 303,
      headers: {
        "Set-Cookie": await pendingTokenHeader(isWellFormedSecret(fromLink) ? fromLink : null),
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
      },
    });
  }
  const state = await inspectLoginToken(await pendingToken(request));
  return { lang, state };
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  const form = await readFormData(request, SMALL_FORM_BYTES);
  // A form field is still accepted (a page rendered before this change); else the cookie.
  const result = await confirmLogin(form.get("token") ?? (await pendingToken(request)));
  if (!result.ok) return { lang, state: result.reason };
  const landing = result.redirectTo ?? (await landingPath(result.userId, lang));
  const target = result.secondFactorRequired ? secondFactorPath(lang, landing) : landing;
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(result.sessionSecret));
  headers.append("Set-Cookie", await pendingTokenHeader(null));
  return redirect(target, { headers });
}

export default function LoginConfirm({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT("auth");
  const { lang } = loaderData;
  const state = actionData?.state ?? loaderData.state;
  if (state !== "valid") {
    return (
      <>
        <PageTitle title={t(`confirm.${state}.title`)} />
        <h1>{t(`confirm.${state}.title`)}</h1>
        <p>{t(`confirm.${state}.body`)}</p>
        <p>
          <Link to={href("/:lang/login", { lang })} className="button">
            {t("confirm.requestNew")}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle title={t("confirm.title")} />
      <h1>{t("confirm.title")}</h1>
      <p>{t("confirm.body")}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("confirm.submit")}
        </button>
      </Form>
    </>
  );
}
