import type { Tx } from "~/utils/db.server";
import { editRefusal } from "./status";

/**
 * Locks a return's row for the rest of the transaction and returns its current status.
 * Saves, uploads, contributions and submission all take it first, so none of them can slip
 * in between a submission's check and its commit.
 */
export async function lockReturnStatus(tx: Tx, returnId: string) {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT "status"::text AS "status" FROM "AnnualReturn" WHERE "id" = ${returnId} FOR UPDATE`;
  return rows[0]?.status ?? null;
}

/**
 * Locks the return's row like lockReturnStatus and says why it may not be changed (sent, or
 * its campaign no longer open), or null. Every partner write takes it first (status.ts).
 */
export async function lockReturnForEdit(
  tx: Tx,
  returnId: string,
): Promise<{ status: string; refusal: ReturnType<typeof editRefusal> } | null> {
  const rows = await tx.$queryRaw<{ status: string; campaignStatus: string }[]>`
    SELECT r."status"::text AS "status", c."status"::text AS "campaignStatus"
    FROM "AnnualReturn" r JOIN "Campaign" c ON c."id" = r."campaignId"
    WHERE r."id" = ${returnId} FOR UPDATE OF r`;
  const row = rows[0];
  if (!row) return null;
  return { status: row.status, refusal: editRefusal(row, { status: row.campaignStatus }) };
}
