// GET /api/v1/entries: the dataset's current entries, filtered, page by page (api/entries.server).
import type { Route } from "./+types/entries";
import { csvResponse, entriesCsv, nextLink } from "~/modules/api/csv.server";
import { entriesPage, readEntryQuery } from "~/modules/api/entries.server";
import { apiRoute, methodNotAllowed } from "~/modules/api/handler.server";
import { apiJson } from "~/modules/api/problem.server";
import { answerFormat } from "~/modules/api/query.server";

export function loader({ request }: Route.LoaderArgs) {
  return apiRoute(request, "dataset:read", async (url) => {
    const query = readEntryQuery(url);
    const csv = answerFormat(request, query.format) === "csv";
    const page = await entriesPage(query);
    const link = nextLink(url, page.next);
    return csv
      ? csvResponse(entriesCsv(page.entries), link)
      : apiJson({ data: page.entries, next: page.next }, link);
  });
}

export const action = methodNotAllowed;
