import { recordAudit } from "~/modules/audit/audit.server";
import { atBrussels } from "~/modules/returns/deadlines";
import { isInProgress, isSubmitted } from "~/modules/returns/status";
import { prisma, type Tx } from "~/utils/db.server";
import { createDefaultReminderRules } from "./reminder-rules.server";
import type { CreateCampaignInput, TemplateAssignment } from "./schema";

export async function listCampaigns() {
  const campaigns = await prisma.campaign.findMany({
    orderBy: { year: "desc" },
    include: {
      template: { select: { key: true, version: true } },
      plan: { select: { code: true } },
      returns: { select: { status: true } },
    },
  });
  return campaigns.map(({ returns, ...campaign }) => ({
    ...campaign,
    counts: {
      total: returns.length,
      submitted: returns.filter(isSubmitted).length,
      inProgress: returns.filter(isInProgress).length,
    },
  }));
}

export async function getCampaign(campaignId: string) {
  return prisma.campaign.findUnique({
    where: { id: campaignId },
    include: {
      template: { select: { id: true, key: true, version: true, titleFr: true, titleNl: true } },
      templateAssignments: { select: { channel: true, kind: true, templateId: true } },
      plan: { select: { code: true, titleFr: true, titleNl: true } },
      returns: {
        orderBy: { organisation: { nameFr: "asc" } },
        include: {
          organisation: { select: { id: true, nameFr: true, nameNl: true, kind: true } },
          sections: { select: { status: true } },
          extensionGrantedBy: { select: { displayName: true } },
        },
      },
    },
  });
}

export async function publishedTemplates() {
  return prisma.questionnaireTemplate.findMany({
    where: { status: "PUBLISHED" },
    orderBy: [{ key: "asc" }, { version: "desc" }],
    select: { id: true, key: true, version: true, titleFr: true, titleNl: true },
  });
}

export type CreateCampaignOutcome =
  | { outcome: "created"; campaignId: string }
  | { outcome: "duplicate-year" }
  | { outcome: "template-not-published" };

/** Every template named is a published version (ids come from the client). */
export async function allPublished(
  tx: Pick<Tx, "questionnaireTemplate">,
  templateIds: readonly string[],
) {
  const wanted = [...new Set(templateIds)];
  const found = await tx.questionnaireTemplate.count({
    where: { id: { in: wanted }, status: "PUBLISHED" },
  });
  return found === wanted.length;
}

/** Where a campaign's dates fall: the opening day from midnight, the due day until 23:59. */
export function campaignInstants(input: { opensAt: string; dueAt: string }) {
  return { opensAt: atBrussels(input.opensAt, "00:00"), dueAt: atBrussels(input.dueAt, "23:59") };
}

export function assignmentRows(campaignId: string, assignments: readonly TemplateAssignment[]) {
  return assignments.map((a) => ({
    campaignId,
    channel: a.channel,
    kind: a.kind,
    templateId: a.templateId,
  }));
}

/**
 * A campaign pins published template versions for the active plan (a default, and one per
 * channel or kind if set). It starts as a draft with the default reminder rules: opening it
 * (lifecycle.server.ts) generates the returns and sends the invitations.
 */
export async function createCampaign(
  input: CreateCampaignInput,
  actorUserId: string,
): Promise<CreateCampaignOutcome> {
  return prisma.$transaction(async (tx) => {
    const assignments = input.assignments ?? [];
    const template = await tx.questionnaireTemplate.findFirst({
      where: { id: input.templateId, status: "PUBLISHED" },
    });
    if (
      !template ||
      !(await allPublished(
        tx,
        assignments.map((a) => a.templateId),
      ))
    )
      return { outcome: "template-not-published" as const };
    const plan = await tx.plan.findFirstOrThrow({
      where: { status: "ACTIVE" },
      orderBy: { startYear: "desc" },
    });
    const existing = await tx.campaign.findUnique({
      where: { planId_year: { planId: plan.id, year: input.year } },
    });
    if (existing) return { outcome: "duplicate-year" as const };
    const campaign = await tx.campaign.create({
      data: {
        planId: plan.id,
        year: input.year,
        templateId: template.id,
        titleFr: input.titleFr,
        titleNl: input.titleNl,
        ...campaignInstants(input),
        graceDays: input.graceDays ?? null,
        status: "DRAFT",
      },
    });
    if (assignments.length > 0)
      await tx.campaignTemplateAssignment.createMany({
        data: assignmentRows(campaign.id, assignments),
      });
    await createDefaultReminderRules(tx, campaign.id);
    await recordAudit(tx, {
      action: "campaign.created",
      actorUserId,
      targetType: "Campaign",
      targetId: campaign.id,
      details: {
        year: input.year,
        templateId: template.id,
        template: `${template.key}@${template.version}`,
        opensAt: campaign.opensAt.toISOString(),
        dueAt: campaign.dueAt.toISOString(),
        graceDays: campaign.graceDays,
        assignments: assignments.map((a) => ({
          target: a.channel ?? a.kind,
          templateId: a.templateId,
        })),
      },
    });
    return { outcome: "created" as const, campaignId: campaign.id };
  });
}

export type FourEyesOutcome = { outcome: "saved"; changed: boolean } | { outcome: "not-found" };

/**
 * Four eyes for a campaign's returns: when on, a return is approved by someone who made no
 * decision on the submission approved (review/approve.server.ts). An administrator's setting,
 * audited when it changes; returns already approved stay as they are.
 */
export async function setFourEyes(
  campaignId: string,
  fourEyes: boolean,
  actorUserId: string,
): Promise<FourEyesOutcome> {
  return prisma.$transaction(async (tx) => {
    const changed = await tx.campaign.updateMany({
      where: { id: campaignId, fourEyes: !fourEyes },
      data: { fourEyes },
    });
    if (changed.count === 0) {
      const exists = await tx.campaign.count({ where: { id: campaignId } });
      return exists
        ? { outcome: "saved" as const, changed: false }
        : { outcome: "not-found" as const };
    }
    await recordAudit(tx, {
      action: "campaign.four-eyes-changed",
      actorUserId,
      targetType: "Campaign",
      targetId: campaignId,
      details: { fourEyes },
    });
    return { outcome: "saved" as const, changed: true };
  });
}
