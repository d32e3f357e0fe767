// The staff review queue: every return in the review flow under the page's filters, 25 a page,
// with the number of returns in each state. Three reads through the driver (readRows, ADR
// 0016), whatever the page: the counts, the page's rows (each with its latest submission's
// "late", one indexed look-up per row shown), and the filters' choices. Every column is computed
// in SQL: no review state is read per return (reviewStateOf is for one return's page).
// Callers check the permission first (staff pages: "return:read-any").
import { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { readRows } from "~/utils/db.server";
import {
  QUEUE_PAGE_SIZE,
  QUEUE_STATES,
  daysSince,
  statesOf,
  type QueueFilters,
  type QueueState,
} from "./queue-filters";

export interface QueueRow {
  id: string;
  status: QueueState;
  organisationName: string;
  campaignYear: number;
  campaignTitle: string;
  /** The latest sending. */
  submittedAt: Date | null;
  dueAt: Date;
  /** The latest sending came after the due date. */
  late: boolean;
  /** Whole days since the latest sending. */
  waitingDays: number | null;
  assignee: { id: string; name: string } | null;
}

export interface ReviewQueue {
  rows: QueueRow[];
  /** Returns in each state under the filters other than the state. */
  counts: Record<QueueState, number>;
  /** Returns the state filter selects. */
  total: number;
  /** The page shown (the last one when the one asked for is past the end). */
  page: number;
  pageCount: number;
}

const returnStatus = (state: QueueState) => Prisma.sql`${state}::"ReturnStatus"`;

/** The conditions of every filter but the state, on "AnnualReturn" r. */
function filterConditions(filters: QueueFilters, viewerId: string, now: Date) {
  const conditions: Prisma.Sql[] = [];
  if (filters.year !== undefined)
    conditions.push(
      Prisma.sql`r."campaignId" IN (SELECT "id" FROM "Campaign" WHERE "year" = ${filters.year}::int)`,
    );
  if (filters.kind)
    conditions.push(
      Prisma.sql`r."organisationId" IN (SELECT "id" FROM "Organisation" WHERE "kind" = ${filters.kind}::"OrganisationKind")`,
    );
  // A return is in a channel, theme or measure when one of its sections is. As semi-joins on
  // the returns' ids: the planner may then find the sections by their funding or measure
  // (the (fundingId, measureId) index serves both) rather than look into every return's.
  if (filters.channel)
    conditions.push(Prisma.sql`r."id" IN (SELECT s."returnId" FROM "ReturnSection" s
      WHERE s."fundingId" IN
        (SELECT "id" FROM "Funding" WHERE "channel" = ${filters.channel}::"FundingChannel"))`);
  if (filters.measure)
    conditions.push(Prisma.sql`r."id" IN (SELECT s."returnId" FROM "ReturnSection" s
      WHERE s."measureId" = ${filters.measure})`);
  if (filters.theme)
    conditions.push(Prisma.sql`r."id" IN (SELECT s."returnId" FROM "ReturnSection" s
      WHERE s."measureId" IN (SELECT "id" FROM "Measure" WHERE "themeId" = ${filters.theme}))`);
  if (filters.assignee === "none") conditions.push(Prisma.sql`r."assigneeId" IS NULL`);
  else if (filters.assignee)
    conditions.push(
      Prisma.sql`r."assigneeId" = ${filters.assignee === "mine" ? viewerId : filters.assignee}`,
    );
  if (filters.waiting !== undefined)
    conditions.push(
      // Sent as UTC text: timestamps are stored as UTC without a zone, and \`pg\` would write a
      // Date in the process's local time.
      Prisma.sql`r."submittedAt" <= ${new Date(now.getTime() - filters.waiting * 86_400_000).toISOString()}::timestamp`,
    );
  return conditions;
}

const and = (conditions: Prisma.Sql[]) =>
  conditions.length > 0 ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

interface QueueRowRecord {
  id: string;
  status: QueueState;
  submittedAt: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
  nameFr: string;
  nameNl: string;
  year: number;
  titleFr: string;
  titleNl: string;
  dueAt: Date;
  late: boolean | null;
}

export async function reviewQueue(
  filters: QueueFilters,
  viewer: { userId: string; lang: Language },
  now: Date = new Date(),
): Promise<ReviewQueue> {
  const conditions = filterConditions(filters, viewer.userId, now);
  const countRows = await readRows<{ status: QueueState; n: number }>(Prisma.sql`
    SELECT r."status"::text AS "status", count(*)::int AS "n"
      FROM "AnnualReturn" r
     WHERE r."status" IN (${Prisma.join(QUEUE_STATES.map(returnStatus))}) ${and(conditions)}
     GROUP BY r."status"`);
  const counts = Object.fromEntries(QUEUE_STATES.map((state) => [state, 0])) as Record<
    QueueState,
    number
  >;
  for (const row of countRows) counts[row.status] = row.n;

  const states = statesOf(filters.state);
  const total = states.reduce((sum, state) => sum + counts[state], 0);
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  if (total === 0) return { rows: [], counts, total, page, pageCount };

  // Oldest sending first (waiting longest); by due date, then oldest sending. The id breaks
  // ties, so pages never overlap. The page's 25 ids are found first on the returns alone; only
  // they are then joined to their campaign, partner, assignee and latest submission (the
  // select list of an OFFSET query is computed for every row skipped too).
  const byDue = filters.sort === "due";
  const order = byDue
    ? Prisma.sql`"dueAt" ASC, "submittedAt" ASC NULLS LAST, "id" ASC`
    : Prisma.sql`"submittedAt" ASC NULLS LAST, "id" ASC`;
  const records = await readRows<QueueRowRecord>(Prisma.sql`
    WITH page AS (
      SELECT r."id", r."submittedAt", ${byDue ? Prisma.sql`c."dueAt"` : Prisma.sql`NULL::timestamp AS "dueAt"`}
        FROM "AnnualReturn" r
        ${byDue ? Prisma.sql`JOIN "Campaign" c ON c."id" = r."campaignId"` : Prisma.empty}
       WHERE r."status" IN (${Prisma.join(states.map(returnStatus))}) ${and(conditions)}
       ORDER BY ${order}
       LIMIT ${QUEUE_PAGE_SIZE}::int OFFSET ${(page - 1) * QUEUE_PAGE_SIZE}::int
    )
    SELECT r."id", r."status"::text AS "status", r."submittedAt", r."assigneeId",
           u."displayName" AS "assigneeName", o."nameFr", o."nameNl", c."year", c."titleFr",
           c."titleNl", c."dueAt",
           (SELECT sub."late" FROM "Submission" sub WHERE sub."returnId" = r."id"
             ORDER BY sub."number" DESC LIMIT 1) AS "late"
      FROM page
      JOIN "AnnualReturn" r ON r."id" = page."id"
      JOIN "Campaign" c ON c."id" = r."campaignId"
      JOIN "Organisation" o ON o."id" = r."organisationId"
      LEFT JOIN "User" u ON u."id" = r."assigneeId"
     ORDER BY ${byDue ? Prisma.sql`page."dueAt" ASC, ` : Prisma.empty}page."submittedAt" ASC NULLS LAST, page."id" ASC`);

  const nl = viewer.lang === "nl";
  return {
    rows: records.map((r) => ({
      id: r.id,
      status: r.status,
      organisationName: nl ? r.nameNl : r.nameFr,
      campaignYear: r.year,
      campaignTitle: nl ? r.titleNl : r.titleFr,
      submittedAt: r.submittedAt,
      dueAt: r.dueAt,
      late: r.late === true,
      waitingDays: r.submittedAt ? daysSince(r.submittedAt, now) : null,
      assignee: r.assigneeId && r.assigneeName ? { id: r.assigneeId, name: r.assigneeName } : null,
    })),
    counts,
    total,
    page,
    pageCount,
  };
}

export interface QueueFilterChoices {
  years: number[];
  themes: { id: string; code: string; title: string }[];
  measures: { id: string; code: string; title: string }[];
  reviewers: { id: string; name: string }[];
}

/** The choices of the filters: campaign years, the plans' themes and measures, reviewers. */
export async function queueFilterChoices(lang: Language): Promise<QueueFilterChoices> {
  const [row] = await readRows<{
    years: number[] | null;
    measures: QueueFilterChoices["measures"] | null;
    themes: QueueFilterChoices["themes"] | null;
    reviewers: QueueFilterChoices["reviewers"] | null;
  }>(Prisma.sql`
    SELECT
      (SELECT json_agg(y."year" ORDER BY y."year" DESC)
         FROM (SELECT DISTINCT "year" FROM "Campaign") y) AS "years",
      (SELECT json_agg(json_build_object('id', t."id", 'code', t."code",
                'title', CASE WHEN ${lang}::text = 'nl' THEN t."titleNl" ELSE t."titleFr" END)
              ORDER BY t."position", t."code")
         FROM "Theme" t WHERE t."planId" IN (SELECT "planId" FROM "Campaign")) AS "themes",
      (SELECT json_agg(json_build_object('id', m."id", 'code', m."code",
                'title', CASE WHEN ${lang}::text = 'nl' THEN m."titleNl" ELSE m."titleFr" END)
              ORDER BY t."position", m."position", m."code")
         FROM "Measure" m JOIN "Theme" t ON t."id" = m."themeId"
        WHERE m."planId" IN (SELECT "planId" FROM "Campaign")) AS "measures",
      (SELECT json_agg(json_build_object('id', u."id", 'name', u."displayName")
              ORDER BY u."displayName", u."id")
         FROM "User" u WHERE u."staffRole" <> 'NONE' AND u."active") AS "reviewers"`);
  return {
    years: row?.years ?? [],
    themes: row?.themes ?? [],
    measures: row?.measures ?? [],
    reviewers: row?.reviewers ?? [],
  };
}
