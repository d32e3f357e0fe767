// A reviewer resolves one personal-data finding: confirms it, redacts it (their wording is
// published instead) or overrides it (not personal data, with a reason). One transaction: the
// finding, only if still open (a conditional update, so two reviewers at once never both
// write), and its audit row. A finding already resolved is never overwritten: the second
// reviewer is told who resolved it, and how.
import type { FindingStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { can } from "~/modules/auth/permissions";
import { prisma } from "~/utils/db.server";
import {
  resolutionFormSchema,
  resolutionRefusal,
  STATUS_OF,
  type ResolutionError,
  type ResolutionForm,
} from "./resolution";

export type ResolveOutcome =
  | { outcome: "resolved"; status: Exclude<FindingStatus, "OPEN">; entryId: string }
  /** The wording or the reason is missing or too long: nothing was recorded. */
  | { outcome: "invalid"; field: "replacement" | "reason"; error: ResolutionError }
  /** Someone resolved it first: nothing was overwritten. */
  | {
      outcome: "already-resolved";
      status: FindingStatus;
      resolvedBy: string | null;
      resolvedAt: Date | null;
    }
  /** No such finding, or this person may not resolve findings (the same answer). */
  | { outcome: "not-found" };

export async function resolveFinding(input: {
  current: CurrentUser;
  findingId: string;
  resolution: ResolutionForm;
}): Promise<ResolveOutcome> {
  if (!can(input.current.roles, "screening:resolve")) return { outcome: "not-found" };
  // Trimmed and without control characters, as the forms' schema reads it, whoever calls.
  const parsed = resolutionFormSchema.safeParse(input.resolution);
  if (!parsed.success)
    return input.resolution.action === "override"
      ? { outcome: "invalid", field: "reason", error: "errors.reasonTooLong" }
      : { outcome: "invalid", field: "replacement", error: "errors.replacementTooLong" };
  const resolution = parsed.data;
  const refusal = resolutionRefusal(resolution);
  if (refusal) return { outcome: "invalid", ...refusal };
  const status = STATUS_OF[resolution.action];

  return prisma.$transaction(async (tx) => {
    const finding = await tx.personalDataFinding.findUnique({
      where: { id: input.findingId },
      select: { id: true, entryId: true, kind: true, field: true },
    });
    if (!finding) return { outcome: "not-found" as const };
    const updated = await tx.personalDataFinding.updateMany({
      where: { id: finding.id, status: "OPEN" },
      data: {
        status,
        replacement: resolution.action === "redact" ? resolution.replacement : null,
        reason: resolution.action === "override" ? resolution.reason : null,
        resolvedById: input.current.user.id,
        resolvedAt: new Date(),
      },
    });
    if (updated.count === 0) {
      const standing = await tx.personalDataFinding.findUniqueOrThrow({
        where: { id: finding.id },
        select: {
          status: true,
          resolvedAt: true,
          resolvedBy: { select: { displayName: true } },
        },
      });
      return {
        outcome: "already-resolved" as const,
        status: standing.status,
        resolvedBy: standing.resolvedBy?.displayName ?? null,
        resolvedAt: standing.resolvedAt,
      };
    }
    await recordAudit(tx, {
      action: "screening.finding-resolved",
      actorUserId: input.current.user.id,
      targetType: "PersonalDataFinding",
      targetId: finding.id,
      details: { entryId: finding.entryId, kind: finding.kind, field: finding.field, status },
    });
    return { outcome: "resolved" as const, status, entryId: finding.entryId };
  });
}
