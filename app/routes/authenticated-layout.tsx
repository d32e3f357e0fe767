import { Outlet } from "react-router";
import type { Route } from "./+types/authenticated-layout";
import { requireUser } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";

// Everything below needs a session; each child still checks its own permission first.
export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, langParam(params));
  return null;
}

export default function AuthenticatedLayout() {
  return <Outlet />;
}
