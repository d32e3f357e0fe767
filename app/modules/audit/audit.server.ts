import type { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";

export type AuditAction =
  | "auth.login-link.requested"
  | "auth.login"
  | "auth.logout"
  | "auth.login-link.rejected"
  | "access.denied"
  | "outbox.dead"
  | "template.imported"
  | "template.published"
  | "campaign.created"
  | "campaign.generated"
  | "return.section-saved"
  | "return.contribution-added"
  | "return.contribution-removed"
  | "return.attachment-added"
  | "return.attachment-removed"
  | "return.submitted";

/** Writes an audit row inside the caller's transaction. Audit rows are never updated. */
export async function recordAudit(
  tx: Tx,
  event: {
    action: AuditAction;
    actorUserId?: string | null;
    organisationId?: string | null;
    targetType?: string;
    targetId?: string;
    details?: Prisma.InputJsonValue;
  },
) {
  await tx.auditEvent.create({
    data: {
      action: event.action,
      actorUserId: event.actorUserId ?? null,
      organisationId: event.organisationId ?? null,
      targetType: event.targetType,
      targetId: event.targetId,
      details: event.details,
    },
  });
}
