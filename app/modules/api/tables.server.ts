// The report tables as endpoints: the same loadReportTable as the staff pages and downloads,
// with the small-count suppression of published outputs. An unknown table or plan is a 404
// (the staff page falls back to the current plan; a system asking for a plan by code must
// not get another one's figures).
import { ApiProblem, badParameter } from "./problem.server";
import {
  answerFormat,
  codeParameter,
  enumParameter,
  readParameters,
  yearParameter,
} from "./query.server";
import { Prisma } from "~/generated/prisma/client";
import { isReportTableName, REPORT_TABLE_NAMES } from "~/modules/reports/table-model";
import { loadReportTable, publishedTableOptions } from "~/modules/reports/tables.server";
import { readRows } from "~/utils/db.server";

export const TABLE_PARAMETERS = ["from", "to", "plan", "lang", "format"] as const;

/** The table a request asks for, and the format to answer in (after every parameter is read). */
export async function apiReportTable(name: string | undefined, request: Request, url: URL) {
  if (!isReportTableName(name))
    throw new ApiProblem(404, "noTable", {
      name: String(name),
      tables: REPORT_TABLE_NAMES.join(", "),
    });
  const p = readParameters(url, TABLE_PARAMETERS);
  const from = yearParameter("from", p.from);
  const to = yearParameter("to", p.to);
  if (from === undefined) badParameter("from", "requiredParameter");
  if (to === undefined) badParameter("to", "requiredParameter");
  if (from > to) badParameter("to", "toBeforeFrom");
  const planCode = codeParameter("plan", p.plan);
  const lang = enumParameter("lang", p.lang, ["fr", "nl"] as const) ?? "fr";
  const format = answerFormat(request, p.format);
  if (planCode) {
    const [plan] = await readRows<{ code: string }>(
      Prisma.sql`SELECT "code" FROM "Plan" WHERE "code" = ${planCode}`,
    );
    if (!plan) throw new ApiProblem(404, "noPlan", { code: planCode });
  }
  const table = await loadReportTable(
    name,
    { planCode, from, to },
    lang,
    await publishedTableOptions(),
  );
  return { table, format };
}
