// The weekly digest to staff (REVIEWER and ADMIN): the review queue waiting, partners past
// their due date per open campaign, and emails given up on in the last 7 days. Due from Monday
// 08:00 Brussels; its ISO week is claimed in JobRun with the emails in one transaction, so
// it goes out once a week however many runners run, and a runner down on Monday sends it later
// that week.
import { TZDate } from "@date-fns/tz";
import { getISOWeek, getISOWeekYear, startOfISOWeek, format } from "date-fns";
import { claimPeriod, finishPeriod } from "~/modules/jobs/periods.server";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { atBrussels, BRUSSELS } from "~/modules/returns/deadlines";
import { prisma, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export const DIGEST_JOB = "staff-digest";
const MAX_NAMES = 20;

/** The ISO week of `now` in Brussels ("2024-W13") and its Monday 08:00. */
export function digestWeek(now: Date) {
  const local = new TZDate(now, BRUSSELS);
  const monday = format(startOfISOWeek(local), "yyyy-MM-dd");
  const key = `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, "0")}`;
  return { key, monday, from: atBrussels(monday, "08:00") };
}

interface OverdueRow {
  campaignId: string;
  titleFr: string;
  titleNl: string;
  nameFr: string;
  nameNl: string;
}

async function digestFacts(tx: Pick<Tx, "$queryRaw" | "outboxEmail" | "user">, now: Date) {
  const [queue] = await tx.$queryRaw<{ waiting: number; oldest: Date | null }[]>`
    SELECT count(*)::int AS "waiting", min("submittedAt") AS "oldest"
      FROM "AnnualReturn" WHERE "status" IN ('SUBMITTED', 'RESUBMITTED')`;
  const overdue = await tx.$queryRaw<OverdueRow[]>`
    SELECT c."id" AS "campaignId", c."titleFr", c."titleNl", o."nameFr", o."nameNl"
      FROM "AnnualReturn" r
      JOIN "Campaign" c ON c."id" = r."campaignId"
      JOIN "Organisation" o ON o."id" = r."organisationId"
     WHERE c."status" = 'OPEN' AND r."status" IN ('NOT_STARTED', 'IN_PROGRESS', 'REOPENED')
       AND coalesce(r."extendedDueAt", c."dueAt") < ${now}
     ORDER BY c."year", o."nameFr"`;
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const bounced = await tx.outboxEmail.count({
    where: { status: "DEAD", createdAt: { gte: since } },
  });
  const staff = await tx.user.findMany({
    where: { active: true, staffRole: { in: ["REVIEWER", "ADMIN"] } },
    select: { email: true, displayName: true, preferredLanguage: true },
    orderBy: { email: "asc" },
  });
  return { queue: queue!, overdue, bounced, staff };
}

/** Sends this week's digest if it is due and not sent yet; returns how many emails it queued. */
export async function runStaffDigest(now: Date, options: { dryRun?: boolean } = {}) {
  const week = digestWeek(now);
  if (now < week.from) return { week: week.key, queued: 0, due: false };
  if (options.dryRun) {
    const done = await prisma.jobRun.findUnique({
      where: { job_periodKey: { job: DIGEST_JOB, periodKey: week.key } },
    });
    const facts = done ? null : await digestFacts(prisma, now);
    return { week: week.key, queued: facts?.staff.length ?? 0, due: !done };
  }
  return prisma.$transaction(async (tx) => {
    if (!(await claimPeriod(tx, DIGEST_JOB, week.key, now))) {
      return { week: week.key, queued: 0, due: false };
    }
    const facts = await digestFacts(tx, now);
    for (const person of facts.staff) {
      const lang = person.preferredLanguage;
      const campaigns = new Map<string, { title: string; names: string[] }>();
      for (const row of facts.overdue) {
        const entry = campaigns.get(row.campaignId) ?? {
          title: lang === "nl" ? row.titleNl : row.titleFr,
          names: [],
        };
        entry.names.push(lang === "nl" ? row.nameNl : row.nameFr);
        campaigns.set(row.campaignId, entry);
      }
      await enqueueEmail(tx, {
        purpose: "staff-digest",
        dedupeKey: `staff-digest:${week.key}:${person.email}`,
        template: "staff-digest",
        to: person.email,
        language: lang,
        payload: {
          displayName: person.displayName,
          weekOf: week.monday,
          queue: {
            waiting: facts.queue.waiting,
            oldestDays: facts.queue.oldest
              ? Math.floor((now.getTime() - facts.queue.oldest.getTime()) / 86_400_000)
              : null,
          },
          campaigns: [...campaigns.values()].map((c) => ({
            title: c.title,
            overdue: c.names.length,
            partners: c.names.slice(0, MAX_NAMES),
          })),
          bounced: facts.bounced,
          queueLink: `${env.publicUrl}/${lang}/staff/review`,
          outboxLink: `${env.publicUrl}/${lang}/staff/outbox`,
        },
      });
    }
    await finishPeriod(tx, DIGEST_JOB, week.key, now, {
      recipients: facts.staff.length,
      overdue: facts.overdue.length,
      waiting: facts.queue.waiting,
      bounced: facts.bounced,
    });
    return { week: week.key, queued: facts.staff.length, due: true };
  });
}
