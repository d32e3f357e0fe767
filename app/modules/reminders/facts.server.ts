// What the schedule needs to know about one campaign, read set-based (a handful of queries
// however many returns): its rules, its returns still in play with their contacts and
// followers, the reviewers, and the dispatches recent enough to matter.
import type { CampaignStatus, ReminderKind, ReturnStatus } from "~/generated/prisma/enums";
import { addBrusselsDays, brusselsDay } from "~/modules/returns/deadlines";
import type { Tx } from "~/utils/db.server";
import {
  CATCH_UP_DAYS,
  RECENTLY_REMINDED_DAYS,
  type PastDispatch,
  type Recipient,
  type ScheduleCampaign,
  type ScheduleReturn,
} from "./schedule";

type Db = Pick<Tx, "$queryRaw" | "reminderRule" | "campaign">;

export interface CampaignFacts extends ScheduleCampaign {
  id: string;
  year: number;
  titleFr: string;
  titleNl: string;
}

export interface ReturnFacts extends ScheduleReturn {
  organisationId: string;
  organisationNameFr: string;
  organisationNameNl: string;
}

export interface Facts {
  campaign: CampaignFacts;
  returns: ReturnFacts[];
  reviewers: Recipient[];
  /** Display names of every recipient, by email. */
  names: Map<string, string>;
  past: Map<string, PastDispatch[]>;
}

interface ReturnRow {
  id: string;
  organisationId: string;
  status: ReturnStatus;
  extendedDueAt: Date | null;
  changesRequestedAt: Date | null;
  submittedAt: Date | null;
  createdAt: Date;
  assigneeId: string | null;
  followedById: string | null;
  nameFr: string;
  nameNl: string;
}

interface PersonRow {
  id: string;
  email: string;
  displayName: string;
  language: "fr" | "nl";
}

interface ContactRow extends PersonRow {
  organisationId: string;
  reportRole: "MAIN" | "BACKUP";
}

export async function loadCampaign(db: Db, campaignId: string): Promise<CampaignFacts | null> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      id: true,
      year: true,
      titleFr: true,
      titleNl: true,
      status: true,
      opensAt: true,
      openedAt: true,
      dueAt: true,
      graceDays: true,
      reminderRules: {
        select: { id: true, kind: true, days: true, escalate: true, active: true },
        orderBy: [{ kind: "asc" }, { days: "asc" }],
      },
    },
  });
  if (!campaign) return null;
  const { reminderRules, ...rest } = campaign;
  return { ...rest, status: rest.status as CampaignStatus, rules: reminderRules };
}

/** Everything the schedule reads for one campaign at `now`. */
export async function loadFacts(db: Db, campaign: CampaignFacts, now: Date): Promise<Facts> {
  const returns = await db.$queryRaw<ReturnRow[]>`
    SELECT r."id", r."organisationId", r."status"::text AS "status", r."extendedDueAt",
           r."changesRequestedAt", r."submittedAt", r."createdAt", r."assigneeId",
           o."followedById", o."nameFr", o."nameNl"
      FROM "AnnualReturn" r JOIN "Organisation" o ON o."id" = r."organisationId"
     WHERE r."campaignId" = ${campaign.id} AND r."status" <> 'APPROVED'
     ORDER BY o."nameFr", r."id"`;
  const contacts = await db.$queryRaw<ContactRow[]>`
    SELECT m."organisationId", m."reportRole"::text AS "reportRole", u."id", u."email",
           u."displayName", u."preferredLanguage"::text AS "language"
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
     WHERE u."active" AND m."reportRole" IN ('MAIN', 'BACKUP')
       AND m."organisationId" IN (
         SELECT "organisationId" FROM "AnnualReturn" WHERE "campaignId" = ${campaign.id})
     ORDER BY m."createdAt", m."id"`;
  const staff = await db.$queryRaw<(PersonRow & { staffRole: string })[]>`
    SELECT "id", "email", "displayName", "preferredLanguage"::text AS "language",
           "staffRole"::text AS "staffRole"
      FROM "User" WHERE "active" AND "staffRole" IN ('REVIEWER', 'ADMIN')
     ORDER BY "email"`;
  // Rules fire within their catch-up window and "send now" counts for a few days: older
  // dispatches cannot change the answer, except invitations (once per return, ever).
  const since = addBrusselsDays(brusselsDay(now), -(CATCH_UP_DAYS + RECENTLY_REMINDED_DAYS + 1));
  const dispatches = await db.$queryRaw<(PastDispatch & { returnId: string })[]>`
    SELECT "returnId", "ruleKey", "recipient", "day", "status"::text AS "status"
      FROM "ReminderDispatch"
     WHERE "campaignId" = ${campaign.id}
       AND ("day" >= ${since} OR "kind" = ${"INVITATION" satisfies ReminderKind}::"ReminderKind")`;

  const names = new Map<string, string>();
  const person = (row: PersonRow): Recipient => {
    names.set(row.email, row.displayName);
    return { userId: row.id, email: row.email, language: row.language };
  };
  const staffById = new Map(staff.map((row) => [row.id, person(row)]));
  const main = new Map<string, Recipient[]>();
  const backup = new Map<string, Recipient[]>();
  for (const row of contacts) {
    const byRole = row.reportRole === "MAIN" ? main : backup;
    const list = byRole.get(row.organisationId) ?? [];
    list.push(person(row));
    byRole.set(row.organisationId, list);
  }
  const past = new Map<string, PastDispatch[]>();
  for (const row of dispatches) {
    const list = past.get(row.returnId) ?? [];
    list.push(row);
    past.set(row.returnId, list);
  }
  return {
    campaign,
    reviewers: staff.map((row) => staffById.get(row.id)!),
    names,
    past,
    returns: returns.map((row) => ({
      id: row.id,
      organisationId: row.organisationId,
      organisationNameFr: row.nameFr,
      organisationNameNl: row.nameNl,
      status: row.status,
      extendedDueAt: row.extendedDueAt,
      changesRequestedAt: row.changesRequestedAt,
      submittedAt: row.submittedAt,
      createdAt: row.createdAt,
      mainContacts: main.get(row.organisationId) ?? [],
      backupContacts: backup.get(row.organisationId) ?? [],
      // A follower or assignee who left staff (inactive) is not told.
      follower: (row.followedById && staffById.get(row.followedById)) || null,
      assignee: (row.assigneeId && staffById.get(row.assigneeId)) || null,
    })),
  };
}

/** Sections completed and in all, for the returns a run writes to ("how far it is"). */
export async function progressOf(db: Db, returnIds: readonly string[]) {
  const progress = new Map<string, { completed: number; total: number }>();
  if (returnIds.length === 0) return progress;
  const rows = await db.$queryRaw<{ returnId: string; total: number; completed: number }[]>`
    SELECT "returnId", count(*)::int AS "total",
           (count(*) FILTER (WHERE "status" = 'COMPLETED'))::int AS "completed"
      FROM "ReturnSection"
     WHERE "returnId" IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(returnIds)}::jsonb))
     GROUP BY "returnId"`;
  for (const row of rows)
    progress.set(row.returnId, { completed: row.completed, total: row.total });
  return progress;
}
