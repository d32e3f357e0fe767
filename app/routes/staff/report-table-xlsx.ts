// A report table's XLSX download (a resource route): the same plan and period as the page,
// published (small project counts hidden). Staff with "reports:read" only; anyone else gets
// the same 404 as for a page that does not exist.
import type { Route } from "./+types/report-table-xlsx";
import { requirePermission } from "~/modules/auth/session.server";
import { langParam } from "~/modules/i18n/lang-param";
import { attachmentResponse, downloadReportTable } from "~/modules/reports/download.server";
import { XLSX_CONTENT_TYPE } from "~/modules/reports/export.server";
import { reportPageParams, tableParam } from "~/modules/reports/page.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "reports:read");
  const name = tableParam(params.table);
  const { params: shown } = await reportPageParams(request, lang);
  const { fileName, body } = await downloadReportTable(current, name, shown, lang, "xlsx");
  return attachmentResponse(body, fileName, XLSX_CONTENT_TYPE);
}
