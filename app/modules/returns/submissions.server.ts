// A return's submissions: each sending to safe.brussels, frozen as it was sent and numbered from 1.
// Written only by the submit transaction (submit.server.ts), under the return's row lock; the
// database refuses to change or remove one, and (returnId, number) is unique, so two sendings can
// never share a number.
import type { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import type { Tx } from "~/utils/db.server";
import type { ReturnSnapshot } from "./snapshot.server";

export interface NewSubmission {
  returnId: string;
  snapshot: ReturnSnapshot;
  submittedAt: Date;
  submittedById: string | null;
  late: boolean;
  language: Language;
}

/** Records the next submission of a return; the caller holds the return's lock. */
export async function recordSubmission(tx: Tx, submission: NewSubmission) {
  const previous = await tx.submission.aggregate({
    where: { returnId: submission.returnId },
    _max: { number: true },
  });
  return tx.submission.create({
    data: {
      ...submission,
      number: (previous._max.number ?? 0) + 1,
      snapshot: submission.snapshot as unknown as Prisma.InputJsonValue,
    },
    select: { id: true, number: true },
  });
}

/** A return's submissions, first to last, each with what was sent. */
export async function submissionsOf(tx: Pick<Tx, "submission">, returnId: string) {
  const rows = await tx.submission.findMany({
    where: { returnId },
    orderBy: { number: "asc" },
  });
  return rows.map((row) => ({ ...row, snapshot: row.snapshot as unknown as ReturnSnapshot }));
}
