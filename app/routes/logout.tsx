import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { endSession, sessionCookieHeader } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";

export function loader({ params }: Route.LoaderArgs) {
  return redirect(`/${langParam(params)}`);
}

export async function action({ request, params }: Route.ActionArgs) {
  const lang = langParam(params);
  await endSession(request);
  return redirect(`/${lang}`, { headers: { "Set-Cookie": sessionCookieHeader(null) } });
}
