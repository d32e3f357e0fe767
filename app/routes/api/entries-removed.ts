// GET /api/v1/entries/removed: entries that left the dataset since an instant (superseded).
import type { Route } from "./+types/entries-removed";
import { csvResponse, nextLink, removedCsv } from "~/modules/api/csv.server";
import { readRemovedQuery, removedEntriesPage } from "~/modules/api/entries.server";
import { apiRoute, methodNotAllowed } from "~/modules/api/handler.server";
import { apiJson } from "~/modules/api/problem.server";
import { answerFormat } from "~/modules/api/query.server";

export function loader({ request }: Route.LoaderArgs) {
  return apiRoute(request, "dataset:read", async (url) => {
    const query = readRemovedQuery(url);
    const csv = answerFormat(request, query.format) === "csv";
    const page = await removedEntriesPage(query);
    const link = nextLink(url, page.next);
    return csv
      ? csvResponse(removedCsv(page.removed), link)
      : apiJson({ data: page.removed, next: page.next }, link);
  });
}

export const action = methodNotAllowed;
