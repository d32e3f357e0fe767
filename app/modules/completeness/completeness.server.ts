// The completeness dashboard of one campaign: how many returns are expected, where they are,
// the rates overall, per funding channel and per organisation kind, and the partners who are
// late. Two set-based reads whatever the number of returns: the counts grouped in SQL by
// (group, status, timing), turned into figures by figures.ts; and the late list with its
// progress, contacts and last reminder joined in the same statement.
//
// Measured over 10,000 returns of one campaign (12 sections each, two channels per
// organisation, a main contact each, 5,000 late with two reminders each), best of 3, on this
// shared 2-core box under a load average of 12 (tests/integration/completeness-scale.test.ts
// prints them): the figures 58 ms on PGlite, 125 ms on PostgreSQL 15; the late list's first
// 100 rows (the page) 31-76 ms and 19 ms; all 5,000 late rows (the CSV) 633 ms and 217 ms.
// Brussels date arithmetic is done once per due date, not per row (0.5 ms a call).
//
// Per channel: a return counts under each channel of its organisation's fundings running in the
// campaign's year (startYear ≤ year ≤ endYear), once per channel however many fundings it has
// there; the channel rows can add up to more than the expected total. A return whose
// organisation has no funding in that year counts under "NONE".
//
// Late: still to be sent by the partner (not started, in progress, or reopened after approval
// and not sent again) and past the due date that applies to it (its extension, else the
// campaign's), now: the returns "send now to all late partners" reminds (reminders/schedule.ts
// isLateReturn), which also leaves out those past the grace period, listed here all the same
// (staff chase them by other means). A return sent back with changes requested is not late:
// it was received, and its own reminder chases it.
import { figuresOf, groupedFigures, type Figures, type StateCount, type Timing } from "./figures";
import { Prisma } from "~/generated/prisma/client";
import type {
  ContactRole,
  FundingChannel,
  OrganisationKind,
  ReminderKind,
  ReturnStatus,
} from "~/generated/prisma/enums";
import type { Language } from "~/modules/i18n/languages";
import { fundingChannels, organisationKinds } from "~/modules/organisations/schema";
import { brusselsDaysBetween, isPastGrace } from "~/modules/returns/deadlines";
import { returnState } from "~/modules/returns/status";
import { prisma, readRows } from "~/utils/db.server";

export type ChannelGroup = FundingChannel | "NONE";
export const CHANNEL_GROUPS: readonly ChannelGroup[] = [...fundingChannels, "NONE"];

export interface CompletenessCampaign {
  id: string;
  year: number;
  titleFr: string;
  titleNl: string;
  dueAt: Date;
  graceDays: number | null;
  status: "DRAFT" | "OPEN" | "CLOSED";
}

export interface Completeness {
  overall: Figures;
  byChannel: { group: ChannelGroup; figures: Figures }[];
  byKind: { group: OrganisationKind; figures: Figures }[];
}

interface GroupedCount {
  dimension: "KIND" | "CHANNEL";
  group: string;
  status: string;
  timing: Timing;
  count: number;
}

export async function findCompletenessCampaign(
  campaignId: string,
): Promise<CompletenessCampaign | null> {
  return prisma.campaign.findUnique({
    where: { id: campaignId },
    select: {
      id: true,
      year: true,
      titleFr: true,
      titleNl: true,
      dueAt: true,
      graceDays: true,
      status: true,
    },
  });
}

/** The campaign's figures: overall, per funding channel, per organisation kind. */
export async function completenessFigures(campaign: CompletenessCampaign): Promise<Completeness> {
  // The first submission (number 1, by the unique index) decides the timing; a return sent
  // before submissions were recorded one by one falls back to the return's own date.
  const dueAt = campaign.dueAt.toISOString();
  const rows = await readRows<GroupedCount>(Prisma.sql`
    WITH r AS (
      SELECT r."organisationId", r."status"::text AS "status", o."kind"::text AS "kind",
             CASE
               WHEN COALESCE(f."submittedAt", r."submittedAt") IS NULL THEN NULL
               WHEN COALESCE(f."submittedAt", r."submittedAt")
                    <= COALESCE(r."extendedDueAt", ${dueAt}::timestamp) THEN 'ON_TIME'
               ELSE 'LATE'
             END AS "timing"
        FROM "AnnualReturn" r
        JOIN "Organisation" o ON o."id" = r."organisationId"
        LEFT JOIN "Submission" f ON f."returnId" = r."id" AND f."number" = 1
       WHERE r."campaignId" = ${campaign.id}
    )
    SELECT 'KIND' AS "dimension", r."kind" AS "group", r."status", r."timing",
           count(*)::int AS "count"
      FROM r
     GROUP BY r."kind", r."status", r."timing"
    UNION ALL
    SELECT 'CHANNEL', COALESCE(c."channel", 'NONE'), r."status", r."timing", count(*)::int
      FROM r
      LEFT JOIN (
        SELECT DISTINCT fu."organisationId", fu."channel"::text AS "channel"
          FROM "Funding" fu
         WHERE fu."startYear" <= ${campaign.year}::int AND fu."endYear" >= ${campaign.year}::int
      ) c ON c."organisationId" = r."organisationId"
     GROUP BY COALESCE(c."channel", 'NONE'), r."status", r."timing"`);

  const counts = (dimension: GroupedCount["dimension"]) =>
    rows
      .filter((row) => row.dimension === dimension)
      .map((row) => ({
        group: row.group,
        status: returnState(row.status),
        timing: row.timing,
        count: row.count,
      }));
  const byKind = counts("KIND") as (StateCount & { group: OrganisationKind })[];
  return {
    // Each return has exactly one kind: the kind rows are every return once.
    overall: figuresOf(byKind),
    byChannel: groupedFigures(
      counts("CHANNEL") as (StateCount & { group: ChannelGroup })[],
      CHANNEL_GROUPS,
    ),
    byKind: groupedFigures(byKind, organisationKinds),
  };
}

export interface LateContact {
  name: string;
  email: string;
  language: Language;
  role: Extract<ContactRole, "MAIN" | "BACKUP">;
}

export interface LateReturn {
  returnId: string;
  organisationId: string;
  organisationName: string;
  kind: OrganisationKind;
  status: ReturnStatus;
  /** The due date that applies: the extension's when there is one. */
  dueAt: Date;
  extended: boolean;
  daysLate: number;
  /** Past the grace period: the partner can no longer send it, a reminder is pointless. */
  pastGrace: boolean;
  sectionsCompleted: number;
  sectionsTotal: number;
  /** Main contacts first, then backups; active accounts only. */
  contacts: LateContact[];
  lastReminder: { at: Date; kind: ReminderKind } | null;
}

interface LateRow {
  returnId: string;
  organisationId: string;
  organisationName: string;
  kind: OrganisationKind;
  status: string;
  dueAt: Date;
  extended: boolean;
  sectionsCompleted: number;
  sectionsTotal: number;
  contacts: LateContact[];
  reminderAt: Date | null;
  reminderKind: ReminderKind | null;
  total: number;
}

/**
 * The campaign's late returns at `now`, most overdue first (then by name), with their
 * progress, contacts and last reminder sent; `limit` rows at most, with the total.
 */
export async function lateReturns(
  campaign: CompletenessCampaign,
  now: Date,
  lang: Language,
  options: { limit?: number } = {},
): Promise<{ total: number; rows: LateReturn[] }> {
  const name = Prisma.raw(lang === "nl" ? `o."nameNl"` : `o."nameFr"`);
  const limit =
    options.limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${options.limit}::int`;
  // Timestamps are stored as UTC without a zone: compared with ISO text cast the same way.
  const dueAt = campaign.dueAt.toISOString();
  // The late returns are chosen (and counted) first; then only the rows kept are joined with
  // their progress, contacts and last reminder, each through an index (the page shows 100).
  const rows = await readRows<LateRow>(Prisma.sql`
    WITH late AS (
      SELECT r."id", r."organisationId", ${name} AS "organisationName", o."kind"::text AS "kind",
             r."status"::text AS "status",
             COALESCE(r."extendedDueAt", ${dueAt}::timestamp) AS "dueAt",
             r."extendedDueAt" IS NOT NULL AS "extended",
             count(*) OVER ()::int AS "total"
        FROM "AnnualReturn" r
        JOIN "Organisation" o ON o."id" = r."organisationId"
       WHERE r."campaignId" = ${campaign.id}
         AND r."status" IN ('NOT_STARTED', 'IN_PROGRESS', 'REOPENED')
         AND COALESCE(r."extendedDueAt", ${dueAt}::timestamp) < ${now.toISOString()}::timestamp
       ORDER BY "dueAt", "organisationName", r."id"
       ${limit}
    )
    SELECT late."id" AS "returnId", late."organisationId", late."organisationName", late."kind",
           late."status", late."dueAt", late."extended",
           progress."completed" AS "sectionsCompleted", progress."total" AS "sectionsTotal",
           (SELECT COALESCE(json_agg(json_build_object(
                     'name', u."displayName", 'email', u."email",
                     'language', u."preferredLanguage", 'role', m."reportRole"
                   ) ORDER BY m."reportRole", u."displayName", u."email"), '[]'::json)
              FROM "Membership" m
              JOIN "User" u ON u."id" = m."userId"
             WHERE m."organisationId" = late."organisationId"
               AND m."reportRole" IN ('MAIN', 'BACKUP') AND u."active") AS "contacts",
           reminder."createdAt" AS "reminderAt", reminder."kind" AS "reminderKind", late."total"
      FROM late
      CROSS JOIN LATERAL (
        SELECT (count(*) FILTER (WHERE s."status" = 'COMPLETED'))::int AS "completed",
               count(*)::int AS "total"
          FROM "ReturnSection" s
         WHERE s."returnId" = late."id"
      ) progress
      LEFT JOIN LATERAL (
        SELECT d."createdAt", d."kind"::text AS "kind"
          FROM "ReminderDispatch" d
         WHERE d."returnId" = late."id" AND d."status" = 'QUEUED'
         ORDER BY d."createdAt" DESC
         LIMIT 1
      ) reminder ON true
     ORDER BY late."dueAt", late."organisationName", late."id"`);
  // Brussels calendar arithmetic costs about half a millisecond a call (time-zone offsets):
  // done once per due date, which most late returns share (the campaign's, a few extensions).
  const byDueDate = new Map<number, { daysLate: number; pastGrace: boolean }>();
  const lateness = (due: Date) => {
    let known = byDueDate.get(due.getTime());
    if (!known) {
      known = {
        daysLate: Math.max(brusselsDaysBetween(due, now), 0),
        // The due date that applies is the return's own: as its extension, or the campaign's.
        pastGrace: isPastGrace({ extendedDueAt: due }, campaign, now),
      };
      byDueDate.set(due.getTime(), known);
    }
    return known;
  };
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((row) => ({
      returnId: row.returnId,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      kind: row.kind,
      status: returnState(row.status),
      dueAt: row.dueAt,
      extended: row.extended,
      ...lateness(row.dueAt),
      sectionsCompleted: row.sectionsCompleted,
      sectionsTotal: row.sectionsTotal,
      contacts: row.contacts,
      lastReminder:
        row.reminderAt && row.reminderKind ? { at: row.reminderAt, kind: row.reminderKind } : null,
    })),
  };
}
