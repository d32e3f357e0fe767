import type { Tx } from "~/utils/db.server";
import {
  editRefusal,
  returnState,
  stateAfterPartnerEdit,
  type CampaignState,
  type ReturnState,
} from "./status";

export interface ReturnLock {
  returnId: string;
  status: ReturnState;
  campaignStatus: CampaignState;
  /** What the lifecycle policy asks of the return and its campaign, read under the lock. */
  annualReturn: { status: ReturnState; extendedDueAt: Date | null };
  campaign: { status: CampaignState; dueAt: Date; graceDays: number | null };
  refusal: ReturnType<typeof editRefusal>;
}

/**
 * Locks the return's row for the rest of the transaction and says why it may not be changed
 * (sent, approved, its campaign no longer open, or past its grace period), or null. Saves, uploads, contributions and
 * submission all take it first, so none of them can slip in between a submission's check and
 * its commit.
 */
export async function lockReturnForEdit(
  tx: Tx,
  returnId: string,
  now: Date = new Date(),
): Promise<ReturnLock | null> {
  const rows = await tx.$queryRaw<
    {
      status: string;
      campaignStatus: CampaignState;
      extendedDueAt: Date | null;
      dueAt: Date;
      graceDays: number | null;
    }[]
  >`
    SELECT r."status"::text AS "status", c."status"::text AS "campaignStatus",
      r."extendedDueAt", c."dueAt", c."graceDays"
    FROM "AnnualReturn" r JOIN "Campaign" c ON c."id" = r."campaignId"
    WHERE r."id" = ${returnId} FOR UPDATE OF r`;
  const row = rows[0];
  if (!row) return null;
  const status = returnState(row.status);
  const annualReturn = { status, extendedDueAt: row.extendedDueAt && new Date(row.extendedDueAt) };
  const campaign = {
    status: row.campaignStatus,
    dueAt: new Date(row.dueAt),
    graceDays: row.graceDays === null ? null : Number(row.graceDays),
  };
  return {
    returnId,
    status,
    campaignStatus: row.campaignStatus,
    annualReturn,
    campaign,
    refusal: editRefusal(annualReturn, campaign, now),
  };
}

/**
 * After a partner's write that lockReturnForEdit allowed: the first one starts the return.
 * Same transaction, so the write and the new state commit together.
 */
export async function startReturnOnFirstEdit(tx: Tx, lock: ReturnLock) {
  const next = stateAfterPartnerEdit(lock.status);
  if (next) await tx.annualReturn.update({ where: { id: lock.returnId }, data: { status: next } });
}
