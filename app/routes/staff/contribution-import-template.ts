// The CSV template of the contributions import, headed in the page's language.
import type { Route } from "./+types/contribution-import-template";
import { requirePermission } from "~/modules/auth/session.server";
import {
  contributionTemplateCsv,
  contributionTemplateFileName,
} from "~/modules/contributions/template";
import { langParam } from "~/modules/i18n/lang-param";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "dataset:import");
  return new Response(contributionTemplateCsv(lang), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // The name is ASCII by construction: no filename* needed.
      "Content-Disposition": `attachment; filename="${contributionTemplateFileName(lang)}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
