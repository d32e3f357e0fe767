// The entries behind one cell of a report table: the same conditions the table counts with
// (plan, period, current entries, the row's theme or measure, the column's channels, link or
// year), so the list is exactly what the figure is made of. For the staff page (a page of
// entries) and the API. A cell key the table does not have gives null (the page's 404).
import { PARTNER_COLUMNS } from "./counting";
import { COMMUNE_CHANNELS } from "./counting-projects";
import { loadReportPlan, type ReportPlan } from "./plan.server";
import { parseDrillKey, type ReportTableName } from "./table-model";
import {
  Prisma,
  type DatasetLink,
  type DatasetSource,
  type FundingChannel,
} from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { readRows } from "~/utils/db.server";

export const DRILL_PAGE_SIZE = 50;

export interface DrillEntry {
  id: string;
  organisationId: string;
  organisationName: string;
  year: number;
  channel: FundingChannel;
  measureCode: string;
  link: DatasetLink;
  source: DatasetSource;
  returnId: string | null;
  fundingTitle: string | null;
}

export interface DrillPage {
  entries: DrillEntry[];
  total: number;
  page: number;
  pageCount: number;
}

interface Period {
  from: number;
  to: number;
}

const channelList = (channels: readonly FundingChannel[]) =>
  Prisma.join(channels.map((channel) => Prisma.sql`${channel}::"FundingChannel"`));

const LINK_OF: Record<string, DatasetLink> = {
  primary: "PRIMARY",
  secondary: "SECONDARY",
  other: "OTHER",
};

/** The SQL conditions of a cell on "DatasetEntry" e, or null when the table has no such cell. */
function cellConditions(
  name: ReportTableName,
  plan: ReportPlan,
  period: Period,
  cell: string,
): Prisma.Sql[] | null {
  const key = parseDrillKey(cell);
  if (!key) return null;
  const base = [
    Prisma.sql`e."supersededAt" IS NULL`,
    Prisma.sql`e."planId" = ${plan.id}`,
    Prisma.sql`e."year" BETWEEN ${period.from}::int AND ${period.to}::int`,
  ];
  const theme = plan.themes.find((t) => t.code === key.row);
  const themeCondition =
    key.row === "total" ? [] : theme ? [Prisma.sql`e."themeId" = ${theme.id}`] : null;
  switch (name) {
    case "measures-by-channel":
    case "themes-summary": {
      if (!themeCondition) return null;
      if (key.column === "all" && name === "themes-summary") return [...base, ...themeCondition];
      const column = PARTNER_COLUMNS.find((c) => c.key === key.column);
      if (!column) return null;
      return [
        ...base,
        ...themeCondition,
        Prisma.sql`e."channel" IN (${channelList(column.channels)})`,
      ];
    }
    case "communes-measures": {
      const measure = plan.themes.flatMap((t) => t.measures).find((m) => m.code === key.row);
      const link = LINK_OF[key.column];
      if (!measure || (!link && key.column !== "total")) return null;
      return [
        ...base,
        Prisma.sql`e."channel" IN (${channelList(COMMUNE_CHANNELS)})`,
        Prisma.sql`e."measureId" = ${measure.id}`,
        ...(link ? [Prisma.sql`e."link" = ${link}::"DatasetLink"`] : []),
      ];
    }
    case "asbl-call-themes": {
      const year = Number(key.column);
      if (!themeCondition || !Number.isInteger(year) || year < period.from || year > period.to)
        return null;
      return [
        ...base,
        ...themeCondition,
        Prisma.sql`e."channel" = 'ASBL_CALL'::"FundingChannel"`,
        Prisma.sql`e."year" = ${year}::int`,
      ];
    }
    case "campaign-progress": {
      const year = Number(key.row);
      if (key.column !== "entries" || !Number.isInteger(year)) return null;
      return [
        ...base,
        Prisma.sql`e."returnId" IN (
          SELECT r."id" FROM "AnnualReturn" r JOIN "Campaign" c ON c."id" = r."campaignId"
           WHERE c."planId" = ${plan.id} AND c."year" = ${year}::int)`,
      ];
    }
  }
}

/** One page (from 1) of the entries behind a cell, or null for a cell the table has not. */
export async function drillCell(
  name: ReportTableName,
  params: { planCode?: string; from: number; to: number },
  cell: string,
  page: number,
  lang: Language,
  pageSize = DRILL_PAGE_SIZE,
): Promise<DrillPage | null> {
  const period = { from: Math.min(params.from, params.to), to: Math.max(params.from, params.to) };
  const plan = await loadReportPlan(params.planCode, lang);
  if (!plan) return null;
  const conditions = cellConditions(name, plan, period, cell);
  if (!conditions) return null;
  const where = Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
  const [{ n: total } = { n: 0 }] = await readRows<{ n: number }>(
    Prisma.sql`SELECT count(*)::int AS "n" FROM "DatasetEntry" e ${where}`,
  );
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  const suffix = Prisma.raw(lang === "nl" ? "Nl" : "Fr");
  const entries = await readRows<DrillEntry>(Prisma.sql`
    SELECT e."id", e."organisationId", o."name${suffix}" AS "organisationName", e."year",
           e."channel"::text AS "channel", e."measureCode", e."link"::text AS "link",
           e."source"::text AS "source", e."returnId", e."fundingTitle"
      FROM "DatasetEntry" e JOIN "Organisation" o ON o."id" = e."organisationId"
      ${where}
     ORDER BY e."year", e."channel", e."measureCode", o."name${suffix}", e."id"
     LIMIT ${pageSize}::int OFFSET ${(current - 1) * pageSize}::int`);
  return { entries, total, page: current, pageCount };
}
