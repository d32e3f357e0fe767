// A rehearsal (REMINDERS_REHEARSAL=1 only, checked by the page): sends what one campaign's rules
// have due at 09:00 Brussels on a chosen day, through the same run as the scheduler, so each
// message still goes out once. Audited with the day and the count.
import { recordAudit } from "~/modules/audit/audit.server";
import { atBrussels, type BrusselsDay } from "~/modules/returns/deadlines";
import { prisma } from "~/utils/db.server";
import { runReminders, type RunReport } from "./run.server";

export async function rehearseReminders(
  campaignId: string,
  day: BrusselsDay,
  actorUserId: string,
): Promise<RunReport | "not-found"> {
  const exists = await prisma.campaign.count({ where: { id: campaignId } });
  if (!exists) return "not-found";
  const report = await runReminders({ now: atBrussels(day, "09:00"), campaignId });
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      action: "reminders.rehearsed",
      actorUserId,
      targetType: "Campaign",
      targetId: campaignId,
      details: { day, queued: report.queued, skipped: report.skipped },
    }),
  );
  return report;
}
