import { Outlet } from "react-router";
import type { Route } from "./+types/lang-layout";
import { langParam } from "~/modules/i18n/lang-param";

export function loader({ params }: Route.LoaderArgs) {
  return { lang: langParam(params) };
}

export default function LangLayout() {
  return <Outlet />;
}
