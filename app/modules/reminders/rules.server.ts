// Staff edit a campaign's reminder rules (administrators): add, change the days, escalation or
// whether it is active, delete. Each change is audited in its transaction with the rule's kind
// and days. A rule already sent keeps its dispatches (their ruleId becomes null on delete).
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";
import type { RuleInput } from "./schema";

export type RuleOutcome = "saved" | "duplicate" | "not-found";

function isUniqueViolation(error: unknown) {
  return (error as { code?: string }).code === "P2002";
}

export async function addRule(campaignId: string, input: RuleInput, actorUserId: string) {
  try {
    return await prisma.$transaction(async (tx) => {
      const campaign = await tx.campaign.findUnique({ where: { id: campaignId } });
      if (!campaign) return "not-found" as const;
      const exists = await tx.reminderRule.findUnique({
        where: { campaignId_kind_days: { campaignId, kind: input.kind, days: input.days } },
      });
      if (exists) return "duplicate" as const;
      const rule = await tx.reminderRule.create({ data: { campaignId, ...input } });
      await recordAudit(tx, {
        action: "reminder-rule.created",
        actorUserId,
        targetType: "ReminderRule",
        targetId: rule.id,
        details: { campaignId, ...input },
      });
      return "saved" as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

export async function updateRule(
  campaignId: string,
  ruleId: string,
  input: RuleInput,
  actorUserId: string,
): Promise<RuleOutcome> {
  try {
    return await prisma.$transaction(async (tx) => {
      const rule = await tx.reminderRule.findFirst({ where: { id: ruleId, campaignId } });
      if (!rule) return "not-found" as const;
      const clash = await tx.reminderRule.findFirst({
        where: { campaignId, kind: input.kind, days: input.days, id: { not: ruleId } },
      });
      if (clash) return "duplicate" as const;
      await tx.reminderRule.update({ where: { id: ruleId }, data: input });
      await recordAudit(tx, {
        action: "reminder-rule.updated",
        actorUserId,
        targetType: "ReminderRule",
        targetId: ruleId,
        details: { campaignId, ...input, before: { days: rule.days, kind: rule.kind } },
      });
      return "saved" as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

export async function deleteRule(campaignId: string, ruleId: string, actorUserId: string) {
  return prisma.$transaction(async (tx) => {
    const rule = await tx.reminderRule.findFirst({ where: { id: ruleId, campaignId } });
    if (!rule) return "not-found" as const;
    await tx.reminderRule.delete({ where: { id: ruleId } });
    await recordAudit(tx, {
      action: "reminder-rule.deleted",
      actorUserId,
      targetType: "ReminderRule",
      targetId: ruleId,
      details: { campaignId, kind: rule.kind, days: rule.days },
    });
    return "saved" as const;
  });
}
