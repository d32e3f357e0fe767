import { href, redirect } from "react-router";
import type { Route } from "./+types/language-redirect";
import { rememberedLanguage } from "~/modules/i18n/language-cookie.server";
import { detectLanguage } from "~/modules/i18n/languages";

export async function loader({ request }: Route.LoaderArgs) {
  const lang = detectLanguage(
    await rememberedLanguage(request),
    request.headers.get("accept-language"),
  );
  return redirect(href("/:lang", { lang }), { headers: { Vary: "Cookie, Accept-Language" } });
}
