import { redirect } from "react-router";
import type { Route } from "./+types/language-redirect";
import { detectLanguage } from "~/modules/i18n/languages";

export function loader({ request }: Route.LoaderArgs) {
  const lang = detectLanguage(
    request.headers.get("cookie"),
    request.headers.get("accept-language"),
  );
  return redirect(`/${lang}`, { headers: { Vary: "Cookie, Accept-Language" } });
}
