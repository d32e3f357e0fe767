// A campaign's lifecycle: draft → open → closed (ADR 0013). Each move is one transaction, claimed
// by a conditional update on the status, so two administrators clicking at once make one move
// and the other reads "conflict". Opening generates the returns in the same transaction: an
// open campaign always has its returns.
import type { CampaignStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { can, type Role } from "~/modules/auth/permissions";
import { brusselsDay } from "~/modules/returns/deadlines";
import { SENT_STATES } from "~/modules/returns/status";
import { prisma } from "~/utils/db.server";
import { generateReturnsIn } from "./generation.server";

/** Who asks: their roles decide (campaigns:manage), their id is audited. */
export interface CampaignActor {
  user: { id: string };
  roles: readonly Role[];
}

export type OpenCampaignOutcome =
  | { outcome: "opened"; createdReturns: number; createdSections: number }
  /** Before its opening day (Brussels): move the opening day to open earlier. */
  | { outcome: "not-yet"; opensAt: Date }
  /** Its due date has passed: every return would be late from the start. */
  | { outcome: "due-passed" }
  /** Not a draft (any more): opened or closed by someone else. */
  | { outcome: "conflict"; status: CampaignStatus }
  | { outcome: "forbidden" }
  | { outcome: "not-found" };

/**
 * Opens a draft campaign: generates its returns and marks it open (openedAt), in one
 * transaction. Allowed from its opening day (Brussels) until its due date; the invitations are
 * sent by the reminders run that follows (their rule is "on opening").
 */
export async function openCampaign(
  campaignId: string,
  actor: CampaignActor,
  now: Date = new Date(),
): Promise<OpenCampaignOutcome> {
  if (!can(actor.roles, "campaigns:manage")) return { outcome: "forbidden" };
  return prisma.$transaction(
    async (tx) => {
      const campaign = await tx.campaign.findUnique({
        where: { id: campaignId },
        select: { status: true, opensAt: true, dueAt: true },
      });
      if (!campaign) return { outcome: "not-found" as const };
      if (campaign.status !== "DRAFT")
        return { outcome: "conflict" as const, status: campaign.status };
      if (brusselsDay(now) < brusselsDay(campaign.opensAt))
        return { outcome: "not-yet" as const, opensAt: campaign.opensAt };
      if (now.getTime() > campaign.dueAt.getTime()) return { outcome: "due-passed" as const };
      // The claim: of two concurrent openings, the second waits on the row and then matches
      // nothing.
      const claimed = await tx.campaign.updateMany({
        where: { id: campaignId, status: "DRAFT" },
        data: { status: "OPEN", openedAt: now },
      });
      if (claimed.count !== 1) return { outcome: "conflict" as const, status: "OPEN" as const };
      const generated = await generateReturnsIn(tx, campaignId, actor.user.id);
      await recordAudit(tx, {
        action: "campaign.opened",
        actorUserId: actor.user.id,
        targetType: "Campaign",
        targetId: campaignId,
        details: { openedAt: now.toISOString(), ...generated },
      });
      return { outcome: "opened" as const, ...generated };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export type CloseCampaignOutcome =
  | { outcome: "closed"; unsent: number }
  | { outcome: "conflict"; status: CampaignStatus }
  | { outcome: "forbidden" }
  | { outcome: "not-found" };

/**
 * Closes an open campaign: its returns become read-only for partners (status.ts refuses their
 * writes); review of what was sent goes on.
 */
export async function closeCampaign(
  campaignId: string,
  actor: CampaignActor,
  now: Date = new Date(),
): Promise<CloseCampaignOutcome> {
  if (!can(actor.roles, "campaigns:manage")) return { outcome: "forbidden" };
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.campaign.updateMany({
      where: { id: campaignId, status: "OPEN" },
      data: { status: "CLOSED", closedAt: now },
    });
    if (claimed.count !== 1) {
      const campaign = await tx.campaign.findUnique({
        where: { id: campaignId },
        select: { status: true },
      });
      return campaign
        ? { outcome: "conflict" as const, status: campaign.status }
        : { outcome: "not-found" as const };
    }
    const unsent = await tx.annualReturn.count({
      where: { campaignId, status: { notIn: SENT_STATES } },
    });
    await recordAudit(tx, {
      action: "campaign.closed",
      actorUserId: actor.user.id,
      targetType: "Campaign",
      targetId: campaignId,
      details: { closedAt: now.toISOString(), unsent },
    });
    return { outcome: "closed" as const, unsent };
  });
}
