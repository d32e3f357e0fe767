// The dataset page's Excel download (a resource route): the same filters as the page and its
// CSV, read from the same query string. Staff only; anyone else gets the same 404 as for a
// page that does not exist. The workbook streams from its first bytes, without a
// Content-Length (its size is known only at the end): the browser shows the progress.
import type { Route } from "./+types/dataset-xlsx";
import { requirePermission } from "~/modules/auth/session.server";
import { withDefaultYear } from "~/modules/dataset/browse.server";
import { datasetFiltersSchema } from "~/modules/dataset/filters";
import { exportDatasetXlsx, XLSX_CONTENT_TYPE } from "~/modules/dataset/xlsx.server";
import { langParam } from "~/modules/i18n/lang-param";
import { pageUrl } from "~/utils/page-url";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const query = Object.fromEntries(pageUrl(request).searchParams);
  // Without a year, the page shows the latest: so does the file.
  const filters = await withDefaultYear(datasetFiltersSchema.parse(query));
  const { fileName, stream } = await exportDatasetXlsx(current, filters, lang);
  return new Response(stream, {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      // The name is ASCII by construction: no filename* needed.
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
