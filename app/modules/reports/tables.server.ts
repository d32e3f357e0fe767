// The report tables by name: what the staff pages, the downloads, the API, frozen editions and
// `npm run report` call. Each table reads the dataset with one statement over the period's
// current entries and counts with the pure rules (counting.ts, counting-projects.ts).
import { loadReportPlan } from "./plan.server";
import {
  periodLabel,
  REPORT_TABLE_NAMES,
  type ReportTable,
  type ReportTableName,
} from "./table-model";
import { campaignProgressTable } from "./tables/campaigns.server";
import { measuresByChannelTable, themesSummaryTable } from "./tables/measures.server";
import { asblCallThemesTable, communesMeasuresTable } from "./tables/projects.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";

export { REPORT_TABLE_NAMES, type ReportTable, type ReportTableName };
export { reportSettings, publishedTableOptions } from "./settings.server";

export interface ReportTableParams {
  /** The plan's code; unknown or absent: the active plan. */
  planCode?: string;
  from: number;
  to: number;
}

export interface ReportTableOptions {
  /** Published outputs: project counts from 1 to below this are shown as "< k". */
  suppressBelow?: number;
}

/** A table with no plan to count against (an empty database): its headings, no rows. */
function emptyTable(name: ReportTableName, period: ReportTableParams, lang: Language): ReportTable {
  const t = getFixedT(lang, "reports");
  return {
    name,
    title: t(`tables.${name}.title`, { period: periodLabel(period) }),
    howCounted: t(`tables.${name}.howCounted`),
    period: { from: period.from, to: period.to },
    planCode: "",
    columns: [],
    rows: [],
    total: null,
  };
}

export async function loadReportTable(
  name: ReportTableName,
  params: ReportTableParams,
  lang: Language,
  options: ReportTableOptions = {},
): Promise<ReportTable> {
  // A period given backwards is the same period.
  const period = { from: Math.min(params.from, params.to), to: Math.max(params.from, params.to) };
  const plan = await loadReportPlan(params.planCode, lang);
  if (!plan) return emptyTable(name, period, lang);
  switch (name) {
    case "measures-by-channel":
      return measuresByChannelTable(plan, period, lang);
    case "themes-summary":
      return themesSummaryTable(plan, period, lang);
    case "communes-measures":
      return communesMeasuresTable(plan, period, lang, options);
    case "asbl-call-themes":
      return asblCallThemesTable(plan, period, lang, options);
    case "campaign-progress":
      return campaignProgressTable(plan, period, lang);
  }
}
