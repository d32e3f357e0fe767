// Who follows a return's review: a reviewer takes it (assigns it to themself) or gives it to
// another reviewer, or it is left to nobody. One transaction under the return's lock, with an
// audit row naming the ids (never a name). Assigning the person already assigned changes
// nothing and writes nothing, so a double click leaves one row in the history.
import type { CurrentUser } from "~/modules/auth/session.server";
import { rolesOf } from "~/modules/auth/permissions";
import { recordReturnAudit } from "~/modules/audit/audit.server";
import { lockReturnForEdit } from "~/modules/returns/lock.server";
import { reviewsReturns } from "~/modules/returns/status";
import { prisma } from "~/utils/db.server";

export interface AssignInput {
  current: CurrentUser;
  returnId: string;
  /** The reviewer to follow it (the current user's id to take it), or null for nobody. */
  assigneeId: string | null;
}

export type AssignOutcome =
  | { outcome: "assigned"; assigneeId: string | null; changed: boolean }
  /** No such return, or this person may not review (the same answer: nothing is revealed). */
  | { outcome: "not-found" }
  /** The person named is not an active reviewer or administrator: nothing was changed. */
  | { outcome: "not-a-reviewer" };

export async function assignReturn(input: AssignInput): Promise<AssignOutcome> {
  if (!reviewsReturns(input.current.roles)) return { outcome: "not-found" };
  const assigneeId = input.assigneeId;
  if (assigneeId !== null) {
    const person = await prisma.user.findUnique({
      where: { id: assigneeId },
      select: { staffRole: true, active: true },
    });
    if (
      !person?.active ||
      !reviewsReturns(rolesOf({ staffRole: person.staffRole, memberships: [] }))
    )
      return { outcome: "not-a-reviewer" };
  }
  return prisma.$transaction(async (tx) => {
    const lock = await lockReturnForEdit(tx, input.returnId);
    if (!lock) return { outcome: "not-found" as const };
    const before = await tx.annualReturn.findUniqueOrThrow({
      where: { id: input.returnId },
      select: { assigneeId: true, organisationId: true },
    });
    if (before.assigneeId === assigneeId)
      return { outcome: "assigned" as const, assigneeId, changed: false };
    await tx.annualReturn.update({ where: { id: input.returnId }, data: { assigneeId } });
    await recordReturnAudit(tx, {
      action: "return.assigned",
      actorUserId: input.current.user.id,
      organisationId: before.organisationId,
      returnId: input.returnId,
      details: { assigneeId, previousAssigneeId: before.assigneeId },
    });
    return { outcome: "assigned" as const, assigneeId, changed: true };
  });
}
