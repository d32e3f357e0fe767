// The period and plan a report page shows when the query names none (or a bad one): the plan
// (active, else latest) and the latest year with current dataset entries, else last year.
import { defaultPlanCode } from "./plan.server";
import { periodOf, type ReportQuery } from "./query";
import { latestDatasetYear } from "~/modules/dataset/browse.server";

export async function resolveReportParams(query: ReportQuery, now = new Date()) {
  const needsYear = query.from === undefined && query.to === undefined;
  const [latest, planCode] = await Promise.all([
    needsYear ? latestDatasetYear() : Promise.resolve(null),
    defaultPlanCode(),
  ]);
  const period = periodOf(query, latest ?? now.getUTCFullYear() - 1);
  return { planCode: query.plan ?? planCode ?? undefined, ...period };
}
