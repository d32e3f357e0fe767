// "Send now": staff remind one partner, or every late one, at once. Recorded as `manual:<day>`
// dispatches under the same campaign lock and unique keys as the scheduled run, so it never
// sends twice on a day, and the rule reminders of the next days are skipped (the countdown
// restarts, schedule.ts). Audited with counts, never addresses.
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { loadCampaign, loadFacts } from "./facts.server";
import { lockCampaign } from "./run.server";
import { isLateReturn, manualMessages } from "./schedule";
import { lineOf, writeMessages, type RunLine } from "./write.server";

export interface SendNowInput {
  campaignId: string;
  /** These returns of the campaign, or every late one. */
  returnIds: string[] | "late";
  actorUserId: string;
  now: Date;
}

export type SendNowResult =
  | { outcome: "not-found" }
  | { outcome: "closed" }
  | { outcome: "sent"; lines: RunLine[]; queued: number; skipped: number };

export async function sendNow(input: SendNowInput): Promise<SendNowResult> {
  return prisma.$transaction(
    async (tx) => {
      await lockCampaign(tx, input.campaignId);
      const campaign = await loadCampaign(tx, input.campaignId);
      if (!campaign) return { outcome: "not-found" as const };
      if (campaign.status !== "OPEN") return { outcome: "closed" as const };
      const facts = await loadFacts(tx, campaign, input.now);
      const wanted = input.returnIds === "late" ? null : new Set(input.returnIds);
      const targets = facts.returns.filter((ret) =>
        wanted ? wanted.has(ret.id) : isLateReturn(campaign, ret, input.now),
      );
      // A return id of another campaign (or none) is simply not among the targets.
      if (wanted && targets.length === 0) return { outcome: "not-found" as const };
      const messages = targets.flatMap((ret) =>
        manualMessages(campaign, ret, facts.past.get(ret.id) ?? [], input.now).map((message) => ({
          ret,
          message,
        })),
      );
      const written = await writeMessages(tx, facts, messages, input.now);
      const lines = written.map((m) => lineOf(facts, m.ret, m.message));
      const queued = lines.filter((l) => l.status === "QUEUED").length;
      await recordAudit(tx, {
        action: "reminders.sent-now",
        actorUserId: input.actorUserId,
        targetType: "Campaign",
        targetId: input.campaignId,
        details: {
          scope: input.returnIds === "late" ? "late" : "returns",
          returns: targets.length,
          queued,
          skipped: lines.length - queued,
        },
      });
      return { outcome: "sent" as const, lines, queued, skipped: lines.length - queued };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
