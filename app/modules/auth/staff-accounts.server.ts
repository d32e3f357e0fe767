import { recordAudit } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";

/** Staff accounts and the state of their second factor, for the admins' page. */
export async function listStaffAccounts() {
  const users = await prisma.user.findMany({
    where: { staffRole: { not: "NONE" } },
    orderBy: [{ displayName: "asc" }, { email: "asc" }],
    select: {
      id: true,
      displayName: true,
      email: true,
      staffRole: true,
      active: true,
      totpEnabledAt: true,
      lastLoginAt: true,
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  return users.map(({ _count, ...user }) => ({ ...user, recoveryCodesLeft: _count.recoveryCodes }));
}

export type ResetOutcome = "reset" | "not-found" | "self";

/**
 * For a staff member who lost their authenticator and codes: clears the secret and codes and
 * ends their sessions, so the next login starts the setup again. Audited in the same
 * transaction. Admins cannot reset their own: a stolen admin mailbox alone must not be enough.
 */
export async function resetSecondFactor(input: {
  actorUserId: string;
  targetUserId: string;
}): Promise<ResetOutcome> {
  if (input.actorUserId === input.targetUserId) return "self";
  return prisma.$transaction(async (tx) => {
    const target = await tx.user.findFirst({
      where: { id: input.targetUserId, staffRole: { not: "NONE" } },
      select: { id: true },
    });
    if (!target) return "not-found";
    await tx.user.update({
      where: { id: target.id },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
    const sessions = await tx.session.deleteMany({ where: { userId: target.id } });
    await recordAudit(tx, {
      action: "auth.second-factor.reset",
      actorUserId: input.actorUserId,
      targetType: "User",
      targetId: target.id,
      details: { sessionsEnded: sessions.count },
    });
    return "reset";
  });
}
