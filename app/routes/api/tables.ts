// GET /api/v1/tables/:name: one of the annual report's tables for a period (api/tables.server).
import type { Route } from "./+types/tables";
import { apiRoute, methodNotAllowed } from "~/modules/api/handler.server";
import { csvResponse } from "~/modules/api/csv.server";
import { apiJson } from "~/modules/api/problem.server";
import { apiReportTable } from "~/modules/api/tables.server";
import { reportTableCsv } from "~/modules/reports/export.server";

export function loader({ request, params }: Route.LoaderArgs) {
  return apiRoute(request, "reports:read", async (url) => {
    const { table, format } = await apiReportTable(params.name, request, url);
    return format === "csv" ? csvResponse(reportTableCsv(table)) : apiJson(table);
  });
}

export const action = methodNotAllowed;
