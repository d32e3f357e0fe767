// A periodic job's run is claimed once per period (the weekly digest's ISO week) by inserting
// its JobRun row: the unique (job, periodKey) lets one process win, whichever runs first.
import type { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";

/** True when this call claimed the period (in the caller's transaction), false if taken. */
export async function claimPeriod(tx: Tx, job: string, periodKey: string, now: Date) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "JobRun" ("id", "job", "periodKey", "startedAt")
    VALUES (${crypto.randomUUID()}, ${job}, ${periodKey}, ${now})
    ON CONFLICT ("job", "periodKey") DO NOTHING
    RETURNING "id"`;
  return rows.length === 1;
}

export async function finishPeriod(
  tx: Tx,
  job: string,
  periodKey: string,
  now: Date,
  details: Prisma.InputJsonValue,
) {
  await tx.jobRun.update({
    where: { job_periodKey: { job, periodKey } },
    data: { finishedAt: now, details },
  });
}
