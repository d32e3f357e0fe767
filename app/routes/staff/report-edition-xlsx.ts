// A frozen edition as an Excel workbook (a resource route), headers in the URL's language:
// the frozen tables, one sheet each, and the entries as published. Staff with the reports'
// permission; anyone else gets the same 404 as for an edition that does not exist. Audited.
import type { Route } from "./+types/report-edition-xlsx";
import { requirePermission } from "~/modules/auth/session.server";
import { findEdition } from "~/modules/editions/editions.server";
import { exportEditionXlsx } from "~/modules/editions/xlsx.server";
import { langParam } from "~/modules/i18n/lang-param";
import { attachmentResponse } from "~/modules/reports/download.server";
import { XLSX_CONTENT_TYPE } from "~/modules/reports/export.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "reports:read");
  const edition = await findEdition(params.editionId);
  if (!edition) notFound();
  const { fileName, stream } = await exportEditionXlsx(current.user.id, edition, lang);
  return attachmentResponse(stream, fileName, XLSX_CONTENT_TYPE);
}
