// A reminder run: for each open campaign, under a lock on the campaign row, computes what is
// due (schedule.ts) and records it with its emails in one transaction. Two runners (two app
// instances, the in-app runner and `npm run reminders`) queue behind the lock; the second sees
// the first's rows and writes nothing, and the unique keys refuse a duplicate anyway
// (ADR 0019). A dry run computes the same list and writes nothing.
import { prisma, type Tx } from "~/utils/db.server";
import { loadCampaign, loadFacts, type Facts, type ReturnFacts } from "./facts.server";
import { dueMessages, type DueMessage } from "./schedule";
import { lineOf, writeMessages, type RunLine } from "./write.server";

export interface RunOptions {
  now: Date;
  campaignId?: string;
  dryRun?: boolean;
}

export interface RunReport {
  lines: RunLine[];
  queued: number;
  skipped: number;
}

/** Locks a campaign's reminders for the rest of the transaction (every writer takes it). */
export async function lockCampaign(tx: Tx, campaignId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Campaign" WHERE "id" = ${campaignId} FOR UPDATE`;
}

export function computeDue(facts: Facts, now: Date) {
  const out: { ret: ReturnFacts; message: DueMessage }[] = [];
  const context = { reviewers: facts.reviewers };
  for (const ret of facts.returns) {
    const past = facts.past.get(ret.id) ?? [];
    for (const message of dueMessages(facts.campaign, ret, past, context, now)) {
      out.push({ ret, message });
    }
  }
  return out;
}

// A big campaign's first run writes tens of thousands of rows in one transaction.
const TRANSACTION = { timeout: 120_000, maxWait: 60_000 } as const;

export async function runReminders(options: RunOptions): Promise<RunReport> {
  const campaigns = await prisma.campaign.findMany({
    where: { status: "OPEN", ...(options.campaignId ? { id: options.campaignId } : {}) },
    select: { id: true },
    orderBy: { year: "asc" },
  });
  const lines: RunLine[] = [];
  for (const { id } of campaigns) {
    if (options.dryRun) {
      const campaign = await loadCampaign(prisma, id);
      if (!campaign) continue;
      const facts = await loadFacts(prisma, campaign, options.now);
      lines.push(...computeDue(facts, options.now).map((m) => lineOf(facts, m.ret, m.message)));
      continue;
    }
    const written = await prisma.$transaction(async (tx) => {
      await lockCampaign(tx, id);
      // Read after the lock: the status and rules as they are now, not before we waited.
      const campaign = await loadCampaign(tx, id);
      if (!campaign || campaign.status !== "OPEN") return [];
      const facts = await loadFacts(tx, campaign, options.now);
      const due = computeDue(facts, options.now);
      const mine = await writeMessages(tx, facts, due, options.now);
      return mine.map((m) => lineOf(facts, m.ret, m.message));
    }, TRANSACTION);
    lines.push(...written);
  }
  return {
    lines,
    queued: lines.filter((l) => l.status === "QUEUED").length,
    skipped: lines.filter((l) => l.status === "SKIPPED").length,
  };
}
