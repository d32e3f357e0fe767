// A reviewer approves a return: every section of its latest submission accepted or not retained.
// One transaction under the return's lock: the state, the accepted contributions written to the
// central dataset, the audit row, and an email to each of the partner's contacts. The return is
// then locked (returns/status.ts) until an administrator reopens it.
import { href } from "react-router";
import { recordReturnAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { writeEntriesForApproval } from "~/modules/dataset/entries.server";
import { emailReturnContacts } from "~/modules/returns/contacts-email.server";
import { lockReturnForEdit } from "~/modules/returns/lock.server";
import { reviewsReturns, transition } from "~/modules/returns/status";
import { env } from "~/utils/env.server";
import { prisma } from "~/utils/db.server";
import type { ReviewStanding } from "./decisions";
import { reviewStateOf, type ReviewState } from "./review-state.server";

export interface ApproveInput {
  current: CurrentUser;
  returnId: string;
  /** The submission the reviewer looked at: if a newer one came in since, nothing happens. */
  submissionNumber: number;
  /** Base of the link in the emails; the configured public URL unless a test gives one. */
  baseUrl?: string;
}

export type ApproveOutcome =
  | { outcome: "approved"; entries: number; submissionNumber: number }
  /** A section is undecided or needs changes. */
  | { outcome: "not-ready"; standing: ReviewStanding }
  /** The campaign wants a second person, and this one decided on the submission. */
  | { outcome: "four-eyes" }
  /** Not waiting for review (not sent, sent back, or already approved). */
  | { outcome: "not-under-review" }
  /** A newer submission than the one the reviewer saw. */
  | { outcome: "conflict" }
  /** No such return, or this person may not review (the same answer: nothing is revealed). */
  | { outcome: "not-found" };

export async function approveReturn(input: ApproveInput): Promise<ApproveOutcome> {
  // Permission first: a partner learns nothing about any return here.
  if (!reviewsReturns(input.current.roles)) return { outcome: "not-found" };
  const reviewerId = input.current.user.id;

  return prisma.$transaction(async (tx) => {
    // Under the lock, a second approval of the same return waits for the first, then finds it
    // approved: one wins, the other is told it is no longer under review.
    const lock = await lockReturnForEdit(tx, input.returnId);
    if (!lock) return { outcome: "not-found" as const };
    const step = transition(lock.status, "approve", input.current.roles, lock.campaignStatus);
    if (!step.ok) return { outcome: "not-under-review" as const };
    const review = await reviewStateOf(tx, input.returnId);
    const submission = review.latest;
    if (!submission) return { outcome: "not-under-review" as const };
    if (submission.number !== input.submissionNumber) return { outcome: "conflict" as const };
    if (!review.standing.canApprove)
      return { outcome: "not-ready" as const, standing: review.standing };

    const annualReturn = await tx.annualReturn.findUniqueOrThrow({
      where: { id: input.returnId },
      select: {
        organisationId: true,
        organisation: { select: { nameFr: true, nameNl: true } },
        campaign: { select: { fourEyes: true, titleFr: true, titleNl: true } },
      },
    });
    if (annualReturn.campaign.fourEyes && decidedOnLatest(review, reviewerId))
      return { outcome: "four-eyes" as const };

    const now = new Date();
    await tx.annualReturn.update({
      where: { id: input.returnId },
      data: { status: step.to, approvedAt: now, approvedById: reviewerId },
    });
    const sections = submission.snapshot.sections;
    const accepted = new Set(
      sections
        .filter((s) => review.effective.get(s.sectionId)?.decision === "ACCEPTED")
        .map((s) => s.sectionId),
    );
    const entries = await writeEntriesForApproval(tx, {
      returnId: input.returnId,
      submission,
      acceptedSectionIds: accepted,
      approvedById: reviewerId,
      approvedAt: now,
    });
    await recordReturnAudit(tx, {
      action: "return.approved",
      actorUserId: reviewerId,
      organisationId: annualReturn.organisationId,
      returnId: input.returnId,
      details: {
        submission: submission.number,
        accepted: accepted.size,
        notRetained: sections.length - accepted.size,
        entries,
        fourEyes: annualReturn.campaign.fourEyes,
        status: step.to,
      },
    });

    const baseUrl = input.baseUrl ?? env.publicUrl;
    await emailReturnContacts(tx, annualReturn, {
      template: "return-approved",
      // One per approval: a return approved again after a reopening is a later submission.
      dedupeKey: `return-approved:${input.returnId}:${submission.number}`,
      link: (lang) =>
        `${baseUrl}${href("/:lang/partner/returns/:returnId/print", { lang, returnId: input.returnId })}`,
      payload: () => ({ approvedAt: now.toISOString() }),
    });
    return { outcome: "approved" as const, entries, submissionNumber: submission.number };
  });
}

/**
 * Did this person review the latest submission: a decision made on it, or one made earlier that
 * still stands on one of its sections (carried over an unchanged section)? Under four eyes such a
 * person may not also be the one who approves.
 */
export function decidedOnLatest(review: ReviewState, userId: string) {
  if (!review.latest) return false;
  const latestId = review.latest.id;
  if (review.decisions.some((d) => d.submissionId === latestId && d.decidedById === userId))
    return true;
  return [...review.effective.values()].some((d) => d.decidedById === userId);
}
