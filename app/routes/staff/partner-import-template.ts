// A CSV template of the directory import, one per sheet, headed in the page's language.
import type { Route } from "./+types/partner-import-template";
import { requirePermission } from "~/modules/auth/session.server";
import { isImportSheet } from "~/modules/directory/import/columns";
import { templateCsv, templateFileName } from "~/modules/directory/import/template";
import { langParam } from "~/modules/i18n/lang-param";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  await requirePermission(request, lang, "directory:manage");
  if (!isImportSheet(params.sheet)) throw new Response(null, { status: 404 });
  return new Response(templateCsv(params.sheet, lang), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // The name is ASCII by construction: no filename* needed.
      "Content-Disposition": `attachment; filename="${templateFileName(params.sheet, lang)}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
