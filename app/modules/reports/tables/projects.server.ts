// The project tables: the communes' projects per measure (primary vs secondary link) and the
// call for projects' funded projects per theme and year. One statement each counts the
// period's current entries' distinct projects in the database, per measure and set of links,
// per year and set of themes; counting-projects.ts turns those few rows into the table, by the
// same rules as its counting of entries. Project counts are what the small-count threshold
// hides in published outputs (suppressBelow).
import {
  COMMUNE_CHANNELS,
  communeProjectsPerMeasureFromSets,
  LINKS,
  projectsPerThemeAndYearFromSets,
  setMarks,
  yearsOf,
  type LinkSetCount,
  type ThemeSetCount,
} from "../counting-projects";
import type { Period } from "../counting";
import type { ReportPlan } from "../plan.server";
import {
  countCell,
  drillKey,
  HIDDEN_TOTAL,
  periodLabel,
  totalsToHide,
  type ReportCell,
  type ReportTable,
} from "../table-model";
import { themeLabel } from "./measures.server";
import { Prisma } from "~/generated/prisma/client";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { readRows } from "~/utils/db.server";

type Options = { suppressBelow?: number };

/** Column keys of the communes' table, in order. */
export const COMMUNE_COLUMNS = ["primary", "secondary", "other", "total"] as const;

export async function communesMeasuresTable(
  plan: ReportPlan,
  period: Period,
  lang: Language,
  options: Options = {},
): Promise<ReportTable> {
  const t = getFixedT(lang, "reports");
  // Counted in the database as the call for projects is (asblCallThemesTable): each project's
  // entries on a measure give the set of links it has to it; projects are counted per measure
  // and set of links. The plan's measures are kept by the counting (measureIds), so no plan
  // condition is needed; the index "DatasetEntry_current_projects_idx" holds every column.
  const found = await readRows<LinkSetCount>(Prisma.sql`
    WITH "project" AS (
      SELECT e."measureId", bit_or(l."mark") AS "links"
        FROM "DatasetEntry" e
        LEFT JOIN unnest(${[...LINKS]}::text[], ${setMarks(LINKS)}::varbit[]) AS l("link", "mark")
          ON l."link" = e."link"::text
       WHERE e."supersededAt" IS NULL
         AND e."year" BETWEEN ${period.from}::int AND ${period.to}::int
         AND e."channel" IN (${Prisma.join(COMMUNE_CHANNELS.map((c) => Prisma.sql`${c}::"FundingChannel"`))})
       GROUP BY e."measureId", e."organisationId", e."fundingId"
    )
    SELECT p."measureId", p."links"::text AS "links", count(*)::int AS "projects"
      FROM "project" p
     GROUP BY p."measureId", p."links"`);
  const measures = plan.themes.flatMap((theme) => theme.measures);
  const byId = new Map(measures.map((m) => [m.id, m]));
  const counted = communeProjectsPerMeasureFromSets(
    found,
    measures.map((m) => m.id),
  );
  const suppressBelow = options.suppressBelow;
  return {
    name: "communes-measures",
    title: t("tables.communes-measures.title", { period: periodLabel(period) }),
    howCounted: t("tables.communes-measures.howCounted"),
    period,
    planCode: plan.code,
    rowHeading: t("columns.measure"),
    columns: COMMUNE_COLUMNS.map((key) => ({ key, label: t(`columns.${key}`), numeric: true })),
    rows: counted.map((row) => {
      const measure = byId.get(row.measureId)!;
      const figures = [...LINKS.map((link) => row.byLink[link]), row.total];
      const cells = COMMUNE_COLUMNS.map((column, index) =>
        countCell(figures[index]!, drillKey(measure.code, column), suppressBelow),
      );
      // A hidden count would be the total less the counts shown: the total goes with it.
      const [hideTotal] = totalsToHide([cells.slice(0, LINKS.length)]);
      if (hideTotal && !cells[LINKS.length]!.suppressed) cells[LINKS.length] = HIDDEN_TOTAL;
      return {
        key: measure.code,
        label: t("measureLabel", { code: measure.code, title: measure.title }),
        cells: Object.fromEntries(COMMUNE_COLUMNS.map((column, index) => [column, cells[index]!])),
      };
    }),
    total: null,
  };
}

export async function asblCallThemesTable(
  plan: ReportPlan,
  period: Period,
  lang: Language,
  options: Options = {},
): Promise<ReportTable> {
  const t = getFixedT(lang, "reports");
  // Counted in the database, so that no row per project and theme travels to JavaScript (71k
  // over twelve years): each project's entries of a year give the set of themes it touched
  // (their marks ORed); projects are then counted per year and set of themes, a few hundred
  // rows that projectsPerThemeAndYearFromSets turns into the table. A project is the distinct
  // (organisation, funding), an entry without a funding its organisation's one project, as in
  // projectKey. The index "DatasetEntry_current_projects_idx" holds every column read here.
  const themeIds = plan.themes.map((theme) => theme.id);
  const found = await readRows<ThemeSetCount>(Prisma.sql`
    WITH "project" AS (
      SELECT e."year", bit_or(t."mark") AS "themes"
        FROM "DatasetEntry" e
        LEFT JOIN unnest(${themeIds}::text[], ${setMarks(themeIds)}::varbit[]) AS t("themeId", "mark")
          ON t."themeId" = e."themeId"
       WHERE e."supersededAt" IS NULL AND e."planId" = ${plan.id}
         AND e."year" BETWEEN ${period.from}::int AND ${period.to}::int
         AND e."channel" = 'ASBL_CALL'::"FundingChannel"
       GROUP BY e."year", e."organisationId", e."fundingId"
    )
    SELECT p."year", p."themes"::text AS "themes", count(*)::int AS "projects"
      FROM "project" p
     GROUP BY p."year", p."themes"`);
  const counted = projectsPerThemeAndYearFromSets(found, themeIds, period);
  const years = yearsOf(period);
  const suppressBelow = options.suppressBelow;
  const cells = (rowKey: string, byYear: Record<number, number>) =>
    Object.fromEntries(
      years.map((year) => [
        String(year),
        countCell(byYear[year] ?? 0, drillKey(rowKey, String(year)), suppressBelow),
      ]),
    );
  const themeRows = counted.rows.map((row, index) => {
    const theme = plan.themes[index]!;
    return {
      key: theme.code,
      label: themeLabel(lang, theme),
      cells: cells(theme.code, row.byYear),
    };
  });
  // A year's total less the themes' counts shown could give a hidden one away (a project
  // mostly touches one theme): the total of a year with a hidden count is hidden too.
  const total: Record<string, ReportCell> = cells("total", counted.total);
  totalsToHide(years.map((year) => themeRows.map((row) => row.cells[String(year)]!))).forEach(
    (hide, index) => {
      const key = String(years[index]);
      if (hide && !total[key]!.suppressed) total[key] = HIDDEN_TOTAL;
    },
  );
  return {
    name: "asbl-call-themes",
    title: t("tables.asbl-call-themes.title", { period: periodLabel(period) }),
    howCounted: t("tables.asbl-call-themes.howCounted"),
    period,
    planCode: plan.code,
    rowHeading: t("columns.theme"),
    columns: years.map((year) => ({
      key: String(year),
      label: t("columns.projectsIn", { year }),
      numeric: true,
    })),
    rows: themeRows,
    total: { key: "total", label: t("totalProjects"), cells: total },
  };
}
