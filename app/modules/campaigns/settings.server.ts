// A campaign's settings (titles, dates, grace period, questionnaires) while it is a draft or
// open. A return keeps the questionnaire it was generated from: the template of a channel or
// kind that already has returns is fixed, and the default is fixed once any return exists.
import type { FundingChannel, OrganisationKind } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { can } from "~/modules/auth/permissions";
import { prisma, type Tx } from "~/utils/db.server";
import { allPublished, assignmentRows, campaignInstants } from "./campaigns.server";
import type { CampaignActor } from "./lifecycle.server";
import { FUNDING_CHANNELS, ORGANISATION_KINDS, type CampaignSettings } from "./schema";

/** An assignment's target: "default", "channel:ASBL_CALL", "kind:COMMUNE". */
export type AssignmentTarget = "default" | `channel:${FundingChannel}` | `kind:${OrganisationKind}`;

/**
 * The targets whose questionnaire can no longer change: those of the returns generated so far
 * (every channel of the organisation's fundings in the campaign year, and its kind).
 */
export async function lockedTargets(
  campaignId: string,
  db: Pick<Tx, "annualReturn"> | typeof prisma = prisma,
): Promise<Set<AssignmentTarget>> {
  const campaign = await db.annualReturn.findMany({
    where: { campaignId },
    select: {
      campaign: { select: { year: true } },
      organisation: {
        select: {
          kind: true,
          fundings: { select: { channel: true, startYear: true, endYear: true } },
        },
      },
    },
  });
  const locked = new Set<AssignmentTarget>();
  for (const { organisation, campaign: c } of campaign) {
    locked.add("default");
    locked.add(`kind:${organisation.kind}`);
    for (const f of organisation.fundings)
      if (f.startYear <= c.year && f.endYear >= c.year) locked.add(`channel:${f.channel}`);
  }
  return locked;
}

export type UpdateSettingsOutcome =
  | { outcome: "saved"; changed: string[] }
  | { outcome: "template-not-published" }
  | { outcome: "assignment-locked"; target: AssignmentTarget }
  | { outcome: "closed" }
  | { outcome: "conflict" }
  | { outcome: "forbidden" }
  | { outcome: "not-found" };

export async function updateCampaignSettings(
  campaignId: string,
  input: CampaignSettings,
  actor: CampaignActor,
): Promise<UpdateSettingsOutcome> {
  if (!can(actor.roles, "campaigns:manage")) return { outcome: "forbidden" };
  return prisma.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({
      where: { id: campaignId },
      include: { templateAssignments: true },
    });
    if (!campaign) return { outcome: "not-found" as const };
    if (campaign.status === "CLOSED") return { outcome: "closed" as const };
    const wanted = input.assignments ?? [];
    if (!(await allPublished(tx, [input.templateId, ...wanted.map((a) => a.templateId)])))
      return { outcome: "template-not-published" as const };

    const current = new Map<AssignmentTarget, string>([["default", campaign.templateId]]);
    for (const a of campaign.templateAssignments)
      current.set(a.channel ? `channel:${a.channel}` : `kind:${a.kind!}`, a.templateId);
    const next = new Map<AssignmentTarget, string>([["default", input.templateId]]);
    for (const a of wanted)
      next.set(a.channel ? `channel:${a.channel}` : `kind:${a.kind!}`, a.templateId);
    const targets: AssignmentTarget[] = [
      "default",
      ...FUNDING_CHANNELS.map((c) => `channel:${c}` as const),
      ...ORGANISATION_KINDS.map((k) => `kind:${k}` as const),
    ];
    const changedTargets = targets.filter((t) => current.get(t) !== next.get(t));
    if (changedTargets.length > 0) {
      const locked = await lockedTargets(campaignId, tx);
      const refused = changedTargets.find((t) => locked.has(t));
      if (refused) return { outcome: "assignment-locked" as const, target: refused };
    }

    const { opensAt, dueAt } = campaignInstants(input);
    const graceDays = input.graceDays ?? null;
    const changed = [
      campaign.titleFr !== input.titleFr && "titleFr",
      campaign.titleNl !== input.titleNl && "titleNl",
      campaign.opensAt.getTime() !== opensAt.getTime() && "opensAt",
      campaign.dueAt.getTime() !== dueAt.getTime() && "dueAt",
      campaign.graceDays !== graceDays && "graceDays",
      ...changedTargets.map((t) => `template:${t}`),
    ].filter((c): c is string => Boolean(c));
    // Conditional on the status read above: a campaign closed meanwhile is not changed.
    const saved = await tx.campaign.updateMany({
      where: { id: campaignId, status: campaign.status },
      data: {
        titleFr: input.titleFr,
        titleNl: input.titleNl,
        opensAt,
        dueAt,
        graceDays,
        templateId: input.templateId,
      },
    });
    if (saved.count !== 1) return { outcome: "conflict" as const };
    const reassigned = changedTargets.filter((t) => t !== "default");
    if (reassigned.length > 0) {
      await tx.campaignTemplateAssignment.deleteMany({
        where: {
          campaignId,
          OR: reassigned.map((t) => {
            const [kind, value] = t.split(":") as ["channel" | "kind", string];
            return kind === "channel"
              ? { channel: value as FundingChannel }
              : { kind: value as OrganisationKind };
          }),
        },
      });
      const added = wanted.filter((a) =>
        reassigned.includes(a.channel ? `channel:${a.channel}` : `kind:${a.kind!}`),
      );
      if (added.length > 0)
        await tx.campaignTemplateAssignment.createMany({
          data: assignmentRows(campaignId, added),
        });
    }
    if (changed.length > 0)
      await recordAudit(tx, {
        action: "campaign.settings-updated",
        actorUserId: actor.user.id,
        targetType: "Campaign",
        targetId: campaignId,
        // Field names, dates and template ids: no free text.
        details: {
          changed,
          opensAt: opensAt.toISOString(),
          dueAt: dueAt.toISOString(),
          graceDays,
          templates: Object.fromEntries(changedTargets.map((t) => [t, next.get(t) ?? null])),
        },
      });
    return { outcome: "saved" as const, changed };
  });
}
