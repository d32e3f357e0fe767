import { href, redirect } from "react-router";
import type { Route } from "./+types/logout";
import { endSession, sessionCookieHeader } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { isCrossOriginPost } from "~/utils/http.server";

export function loader({ params }: Route.LoaderArgs) {
  return redirect(href("/:lang", { lang: langParam(params) }));
}

// A resource route (no page): the router's Origin check does not run here, so the same check
// is made by hand, or any site could sign our users out.
export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  if (isCrossOriginPost(request)) {
    return new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain" } });
  }
  await endSession(request);
  return redirect(href("/:lang", { lang }), {
    headers: { "Set-Cookie": await sessionCookieHeader(null) },
  });
}
