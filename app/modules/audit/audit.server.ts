// The audit trail: one row per login, denial and state change, written by the use case inside
// its own transaction, so a change and its row commit or roll back together. The table is
// append-only (a database trigger refuses UPDATE, DELETE and TRUNCATE).
// Details hold ids, statuses, counts and codes: never answers, narratives, file names,
// emails or tokens.
import type { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";

export type AuditAction =
  | "auth.login-link.requested"
  | "auth.login"
  | "auth.logout"
  | "auth.login-link.rejected"
  | "auth.second-factor.enabled"
  | "auth.second-factor.verified"
  | "auth.second-factor.failed"
  | "auth.second-factor.recovery-used"
  | "auth.second-factor.reset"
  | "access.denied"
  | "outbox.dead"
  | "template.imported"
  | "directory.imported"
  | "contributions.imported"
  | "template.published"
  | "campaign.created"
  | "campaign.generated"
  | "campaign.settings-updated"
  | "campaign.opened"
  | "campaign.closed"
  | "dataset.exported"
  | "completeness.late-exported"
  | "reports.threshold-changed"
  | "reports.exported"
  | "campaign.four-eyes-changed"
  | "reminders.sent-now"
  | "reminders.rehearsed"
  | "reminder-rule.created"
  | "reminder-rule.updated"
  | "reminder-rule.deleted"
  // A personal-data finding confirmed, redacted or overridden (details: its status, kind, field;
  // never the text, the wording or the reason). targetType PersonalDataFinding.
  | "screening.finding-resolved"
  | "screening.dataset-rescanned"
  | "api-token.created"
  | "api-token.revoked"
  | "report-edition.frozen"
  | "report-edition.exported"
  | DirectoryAuditAction
  | ReturnAuditAction;

/**
 * Changes to the partner directory. Details name ids and changed field names, never the values
 * (names and emails are personal data). targetType: Organisation, Membership or Funding.
 */
export type DirectoryAuditAction =
  | "organisation.created"
  | "organisation.updated"
  | "organisation.archived"
  | "organisation.unarchived"
  | "contact.added"
  | "contact.updated"
  | "contact.removed"
  | "funding.created"
  | "funding.updated"
  | "funding.deleted"
  | "colleague.invited"
  | "colleague.removed";

/** Events of one return: all carry targetType "AnnualReturn" and the return's id. */
export type ReturnAuditAction =
  | "return.generated"
  | "return.section-started"
  | "return.section-completed"
  | "return.section-reopened"
  | "return.contribution-added"
  | "return.contribution-removed"
  | "return.attachment-added"
  | "return.attachment-removed"
  | "return.submitted"
  | "return.section-decided"
  | "return.changes-requested"
  | "return.comment-posted"
  | "return.approved"
  | "return.reopened"
  | "return.extension-granted"
  | "return.extension-withdrawn"
  | "return.assigned";

/**
 * What names a section in a return's history, even after the section is gone (a removed
 * contribution): its id, its template section and its measure or mission code.
 */
// A type, not an interface: it must be assignable to a JSON object.
export type AuditSectionRef = {
  sectionId: string;
  templateSection: string;
  measureCode?: string;
  missionCode?: string;
};

export function auditSectionRef(section: {
  id: string;
  templateSection: string;
  measure?: { code: string } | null;
  mission?: { code: string } | null;
}): AuditSectionRef {
  return {
    sectionId: section.id,
    templateSection: section.templateSection,
    ...(section.measure ? { measureCode: section.measure.code } : {}),
    ...(section.mission ? { missionCode: section.mission.code } : {}),
  };
}

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

/** An event of one return: the target is always the return, so its history is one query. */
export async function recordReturnAudit(
  tx: Tx,
  event: {
    action: ReturnAuditAction;
    actorUserId: string | null;
    organisationId: string;
    returnId: string;
    details?: Prisma.InputJsonObject;
  },
) {
  await recordAudit(tx, {
    action: event.action,
    actorUserId: event.actorUserId,
    organisationId: event.organisationId,
    targetType: "AnnualReturn",
    targetId: event.returnId,
    // No actor at write time means a job did it; after an erasure the actor is null too.
    details: event.actorUserId ? event.details : { ...event.details, automatic: true },
  });
}
