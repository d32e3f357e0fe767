import { Outlet } from "react-router";
import type { Route } from "./+types/authenticated-layout";
import { SessionWarning } from "~/components/session-warning";
import { sessionExpiresAt } from "~/modules/auth/session-expiry.server";
import { requireUser } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";

// Everything below needs a session; each child still checks its own permission first.
export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requireUser(request, lang);
  // The page warns before the session ends (WCAG 2.2.1).
  const expiresAt = await sessionExpiresAt(request);
  return {
    lang,
    sessionExpiresAt: expiresAt?.toISOString() ?? null,
    serverNow: new Date().toISOString(),
  };
}

export default function AuthenticatedLayout({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <SessionWarning
        key={loaderData.sessionExpiresAt}
        lang={loaderData.lang}
        expiresAt={loaderData.sessionExpiresAt}
        serverNow={loaderData.serverNow}
      />
      <Outlet />
    </>
  );
}
