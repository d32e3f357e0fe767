import type { Tx } from "~/utils/db.server";

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
