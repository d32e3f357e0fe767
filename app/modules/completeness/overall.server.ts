// The overall completeness figures of several campaigns in one read: what the report's
// campaign progress table shows for each campaign of a period. The same figures as
// completenessFigures(campaign).overall (completeness.server.ts), which reads one campaign with
// its channel and kind breakdowns: the same timing rule (the first submission against the due
// date that applies, the return's extension else the campaign's), the same arithmetic
// (figures.ts), grouped by campaign instead of by channel or kind.
import { figuresOf, type Figures, type StateCount, type Timing } from "./figures";
import { Prisma } from "~/generated/prisma/client";
import { returnState } from "~/modules/returns/status";
import { readRows } from "~/utils/db.server";

interface CampaignCount {
  campaignId: string;
  status: string;
  timing: Timing;
  count: number;
}

/** Each campaign's overall figures, by campaign id (a campaign without returns: all zero). */
export async function campaignsOverallFigures(
  campaignIds: readonly string[],
): Promise<Map<string, Figures>> {
  const rows = campaignIds.length
    ? await readRows<CampaignCount>(Prisma.sql`
        SELECT r."campaignId", r."status"::text AS "status",
               CASE
                 WHEN COALESCE(f."submittedAt", r."submittedAt") IS NULL THEN NULL
                 WHEN COALESCE(f."submittedAt", r."submittedAt")
                      <= COALESCE(r."extendedDueAt", c."dueAt") THEN 'ON_TIME'
                 ELSE 'LATE'
               END AS "timing",
               count(*)::int AS "count"
          FROM "AnnualReturn" r
          JOIN "Campaign" c ON c."id" = r."campaignId"
          LEFT JOIN "Submission" f ON f."returnId" = r."id" AND f."number" = 1
         WHERE r."campaignId" = ANY(${[...campaignIds]}::text[])
         GROUP BY r."campaignId", r."status", 3`)
    : [];
  const byCampaign = new Map<string, StateCount[]>(campaignIds.map((id) => [id, []]));
  for (const row of rows)
    byCampaign.get(row.campaignId)?.push({
      status: returnState(row.status),
      timing: row.timing,
      count: row.count,
    });
  return new Map([...byCampaign].map(([id, counts]) => [id, figuresOf(counts)]));
}
