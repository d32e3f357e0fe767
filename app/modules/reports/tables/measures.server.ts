// "Tableau 1" (measures by theme and column of partners, n/size) and the summary of themes
// (the same distinct measures as plain figures, with any column). One statement reads the
// distinct (channel, measure) pairs of the period's current entries; counting.ts counts.
import {
  measuresByThemeAndChannel,
  PARTNER_COLUMNS,
  type Cell,
  type MeasuresByChannelRow,
  type Period,
} from "../counting";
import type { ReportPlan } from "../plan.server";
import {
  drillKey,
  periodLabel,
  type ReportCell,
  type ReportRow,
  type ReportTable,
} from "../table-model";
import { Prisma, type FundingChannel } from "~/generated/prisma/client";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { readRows } from "~/utils/db.server";

/**
 * The distinct channels × measures with a current entry in the period. Only columns of the
 * index ("supersededAt", year, channel, "measureId"): an index-only scan of small tuples, not
 * the entries' wide rows. Measures of another plan are left out by the counting (the plan's
 * measures only), and the theme is the measure's in the plan.
 */
async function reachedMeasures(plan: ReportPlan, period: Period) {
  const pairs = await readRows<{ channel: FundingChannel; measureId: string }>(Prisma.sql`
    SELECT DISTINCT e."channel"::text AS "channel", e."measureId"
      FROM "DatasetEntry" e
     WHERE e."supersededAt" IS NULL
       AND e."year" BETWEEN ${period.from}::int AND ${period.to}::int`);
  const themeOf = measureThemes(plan);
  return pairs.flatMap((pair) => {
    const themeId = themeOf.get(pair.measureId);
    return themeId ? [{ ...pair, themeId }] : [];
  });
}

/** The plan's measures and their themes. */
export function measureThemes(plan: ReportPlan) {
  return new Map(plan.themes.flatMap((t) => t.measures.map((m) => [m.id, t.id] as const)));
}

async function countMeasures(plan: ReportPlan, period: Period) {
  const pairs = await reachedMeasures(plan, period);
  return measuresByThemeAndChannel(
    pairs.map((pair) => ({ ...pair, year: period.from, supersededAt: null })),
    plan.themes.map((theme) => ({
      id: theme.id,
      code: theme.code,
      measureIds: theme.measures.map((m) => m.id),
    })),
    period,
  );
}

const fractionCell = (cell: Cell, drill: string): ReportCell => ({
  display: `${cell.count}/${cell.size}`,
  value: cell.count,
  count: cell.count,
  size: cell.size,
  ...(cell.count > 0 ? { drill } : {}),
});

const plainCell = (cell: Cell, drill: string): ReportCell => ({
  display: String(cell.count),
  value: cell.count,
  ...(cell.count > 0 ? { drill } : {}),
});

function columnsOf(lang: Language, extra: "size" | "all") {
  const t = getFixedT(lang, "reports");
  return [
    ...(extra === "size"
      ? [{ key: "size", label: t("columns.measures"), numeric: true }]
      : [{ key: "all", label: t("columns.all"), numeric: true }]),
    ...PARTNER_COLUMNS.map(({ key }) => ({ key, label: t(`columns.${key}`), numeric: true })),
  ];
}

export function themeLabel(lang: Language, theme: { code: string; title: string }) {
  return getFixedT(lang, "reports")("themeLabel", { code: theme.code, title: theme.title });
}

/**
 * The two tables of distinct measures per theme: "Tableau 1" (n/size per column of partners,
 * after the theme's number of measures) and the summary of themes (plain figures, any column
 * first).
 */
async function themeTable(
  name: "measures-by-channel" | "themes-summary",
  plan: ReportPlan,
  period: Period,
  lang: Language,
): Promise<ReportTable> {
  const t = getFixedT(lang, "reports");
  const counted = await countMeasures(plan, period);
  const fractions = name === "measures-by-channel";
  const cellOf = fractions ? fractionCell : plainCell;
  const row = (
    key: string,
    label: string,
    counts: Omit<MeasuresByChannelRow, "themeId" | "themeCode">,
    size: number,
  ): ReportRow => ({
    key,
    label,
    cells: {
      ...(fractions
        ? { size: { display: String(size), value: size } }
        : { all: plainCell(counts.all, drillKey(key, "all")) }),
      ...Object.fromEntries(
        PARTNER_COLUMNS.map(({ key: column }) => [
          column,
          cellOf(counts.cells[column], drillKey(key, column)),
        ]),
      ),
    },
  });
  return {
    name,
    title: t(`tables.${name}.title`, { period: periodLabel(period) }),
    howCounted: t(`tables.${name}.howCounted`),
    period,
    planCode: plan.code,
    rowHeading: t("columns.theme"),
    columns: columnsOf(lang, fractions ? "size" : "all"),
    rows: counted.rows.map((counts, index) => {
      const theme = plan.themes[index]!;
      return row(theme.code, themeLabel(lang, theme), counts, theme.measures.length);
    }),
    total: row("total", t("total"), counted.total, counted.total.all.size),
  };
}

/** Measures by theme and column of partners ("Tableau 1"). */
export function measuresByChannelTable(plan: ReportPlan, period: Period, lang: Language) {
  return themeTable("measures-by-channel", plan, period, lang);
}

/** The summary of themes: distinct measures reached per theme, any column and each column. */
export function themesSummaryTable(plan: ReportPlan, period: Period, lang: Language) {
  return themeTable("themes-summary", plan, period, lang);
}
