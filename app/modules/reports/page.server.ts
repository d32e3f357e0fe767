// What every report page needs from its query string: the plans to choose from, the plan and
// period shown (bad values fall back to the defaults), the table asked for.
import { reportPlans } from "./plan.server";
import { resolveReportParams } from "./period.server";
import { parseReportQuery } from "./query";
import { isReportTableName, type ReportTableName } from "./table-model";
import type { Language } from "~/modules/i18n/languages";
import { notFound } from "~/utils/http.server";
import { pageUrl } from "~/utils/page-url";

export async function reportPageParams(request: Request, lang: Language) {
  const query = parseReportQuery(pageUrl(request).searchParams);
  const plans = await reportPlans(lang);
  // An unknown plan code: the default plan (the tables fall back the same way).
  if (query.plan && !plans.some((plan) => plan.code === query.plan)) query.plan = undefined;
  const params = await resolveReportParams(query);
  return { query, plans, params };
}

/** The table named in the URL; anything else is a 404. */
export function tableParam(value: string | undefined): ReportTableName {
  if (!isReportTableName(value)) notFound();
  return value;
}
