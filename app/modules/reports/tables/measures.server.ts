// "Tableau 1" (measures by theme and column of partners, n/size) and the summary of themes
// (the same distinct measures as plain figures, with any column). One statement finds the
// (channel, measure) pairs of the plan that the period's current entries reach; counting.ts
// counts.
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
 * The channels × measures of the plan with a current entry in the period. Each pair is one
 * probe of the index ("supersededAt", year, channel, "measureId"), one year after the other
 * until an entry is found (LIMIT 1), instead of reading every entry of the period to keep the
 * distinct pairs (232k index tuples over twelve years: 150 ms on PostgreSQL, 200-400 ms on
 * PGlite; the probes: under 10 ms and 30-100 ms). The years probed are the period's within
 * those that have current entries (their min and max, two more probes), so a wide period asked
 * costs no more than the data. The theme is the measure's in the plan.
 */
async function reachedMeasures(plan: ReportPlan, period: Period) {
  const measureIds = plan.themes.flatMap((theme) => theme.measures.map((m) => m.id));
  const pairs = await readRows<{ channel: FundingChannel; measureId: string }>(Prisma.sql`
    SELECT c."channel"::text AS "channel", m."id" AS "measureId"
      FROM unnest(${measureIds}::text[]) AS m("id")
     CROSS JOIN unnest(enum_range(NULL::"FundingChannel")) AS c("channel")
     CROSS JOIN LATERAL (
       SELECT 1
         FROM "DatasetEntry" e
        WHERE e."supersededAt" IS NULL
          AND e."year" = ANY(ARRAY(
                SELECT generate_series(
                  GREATEST(${period.from}::int,
                    (SELECT min(d."year") FROM "DatasetEntry" d WHERE d."supersededAt" IS NULL)),
                  LEAST(${period.to}::int,
                    (SELECT max(d."year") FROM "DatasetEntry" d WHERE d."supersededAt" IS NULL)))))
          AND e."channel" = c."channel" AND e."measureId" = m."id"
        LIMIT 1
     ) AS "reached"`);
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
