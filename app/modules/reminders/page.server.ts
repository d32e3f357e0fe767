// What the campaign's reminders page shows: its rules, how many partners are late, a preview of
// what goes out on a chosen day (a dry run at 09:00 Brussels), and the last dispatches.
import { atBrussels } from "~/modules/returns/deadlines";
import { prisma } from "~/utils/db.server";
import { loadCampaign, loadFacts } from "./facts.server";
import { runReminders } from "./run.server";
import { isLateReturn } from "./schedule";

const LAST_DISPATCHES = 50;
const PREVIEW_LINES = 200;

export async function remindersPage(campaignId: string, now: Date, previewDay: string | null) {
  const campaign = await loadCampaign(prisma, campaignId);
  if (!campaign) return null;
  const facts = await loadFacts(prisma, campaign, now);
  const late = facts.returns.filter((ret) => isLateReturn(campaign, ret, now));
  const dispatches = await prisma.reminderDispatch.findMany({
    where: { campaignId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LAST_DISPATCHES,
    select: {
      id: true,
      kind: true,
      ruleKey: true,
      recipient: true,
      day: true,
      status: true,
      skipReason: true,
      annualReturn: { select: { organisation: { select: { nameFr: true, nameNl: true } } } },
    },
  });
  const preview = previewDay
    ? await runReminders({ now: atBrussels(previewDay, "09:00"), campaignId, dryRun: true })
    : null;
  return {
    campaign: {
      id: campaign.id,
      year: campaign.year,
      titleFr: campaign.titleFr,
      titleNl: campaign.titleNl,
      status: campaign.status,
    },
    rules: campaign.rules,
    late: late.map((ret) => ({
      id: ret.id,
      nameFr: ret.organisationNameFr,
      nameNl: ret.organisationNameNl,
    })),
    dispatches: dispatches.map(({ annualReturn, ...d }) => ({
      ...d,
      nameFr: annualReturn.organisation.nameFr,
      nameNl: annualReturn.organisation.nameNl,
      manual: d.ruleKey.startsWith("manual:"),
    })),
    preview: preview
      ? {
          day: previewDay!,
          queued: preview.queued,
          skipped: preview.skipped,
          lines: preview.lines.slice(0, PREVIEW_LINES),
          more: Math.max(0, preview.lines.length - PREVIEW_LINES),
        }
      : null,
  };
}
