// The dataset page's CSV download (a resource route): the same filters as the page, read from
// the same query string, so the file holds exactly what the page lists. Staff only; anyone
// else gets the same 404 as for a page that does not exist.
import type { Route } from "./+types/dataset-csv";
import { requirePermission } from "~/modules/auth/session.server";
import { withDefaultYear } from "~/modules/dataset/browse.server";
import { exportDataset } from "~/modules/dataset/csv.server";
import { datasetFiltersSchema } from "~/modules/dataset/filters";
import { langParam } from "~/modules/i18n/lang-param";
import { pageUrl } from "~/utils/page-url";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = langParam(params);
  const current = await requirePermission(request, lang, "return:read-any");
  const query = Object.fromEntries(pageUrl(request).searchParams);
  // Without a year, the page shows the latest: so does the file.
  const filters = await withDefaultYear(datasetFiltersSchema.parse(query));
  const { fileName, stream } = await exportDataset(current, filters, lang);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // The name is ASCII by construction: no filename* needed.
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
