// A reviewer decides on one section of a return's latest submission: accepted, changes needed
// or not retained. One transaction under the return's lock: the decision, its audit row, and
// where the review now stands. Decisions made while the return waits for review only; a later
// decision on the same section supersedes the earlier one (both are kept).
import type { CurrentUser } from "~/modules/auth/session.server";
import { auditSectionRef, recordReturnAudit } from "~/modules/audit/audit.server";
import { lockReturnForEdit } from "~/modules/returns/lock.server";
import { canReview, reviewsReturns } from "~/modules/returns/status";
import { prisma } from "~/utils/db.server";
import {
  decisionInputRefusal,
  type DecisionInputRefusal,
  type ReviewStanding,
  type SectionDecisionKind,
} from "./decisions";
import { reviewStateOf } from "./review-state.server";

export interface DecideInput {
  current: CurrentUser;
  returnId: string;
  sectionId: string;
  decision: SectionDecisionKind;
  note?: string | null;
  /**
   * The seq of the decision standing on the section when the reviewer looked (null: none).
   * Given by pages: if someone decided on it since, nothing is recorded ("conflict").
   */
  seenSeq?: number | null;
}

export type DecideOutcome =
  | { outcome: "decided"; decisionId: string; standing: ReviewStanding }
  /** The note is missing or too long: nothing was recorded. */
  | { outcome: "invalid"; refusal: DecisionInputRefusal }
  /** Not sent, sent back, or approved: nothing to decide now. */
  | { outcome: "not-under-review" }
  /** Someone decided on this section since the reviewer looked: nothing was recorded. */
  | { outcome: "conflict" }
  /** The submission has no such section. */
  | { outcome: "unknown-section" }
  /** No such return, or this person may not review (the same answer: nothing is revealed). */
  | { outcome: "not-found" };

export async function decideSection(input: DecideInput): Promise<DecideOutcome> {
  // Permission first: a partner learns nothing about any return here.
  if (!reviewsReturns(input.current.roles)) return { outcome: "not-found" };
  const refusal = decisionInputRefusal(input.decision, input.note);
  if (refusal) return { outcome: "invalid", refusal };
  const note = input.note?.trim() || null;

  return prisma.$transaction(async (tx) => {
    const lock = await lockReturnForEdit(tx, input.returnId);
    if (!lock) return { outcome: "not-found" as const };
    if (!canReview({ status: lock.status }, { status: lock.campaignStatus }, input.current.roles))
      return { outcome: "not-under-review" as const };
    const before = await reviewStateOf(tx, input.returnId);
    const submission = before.latest;
    if (!submission) return { outcome: "not-under-review" as const };
    const { organisationId, sections } = submission.snapshot;
    const section = sections.find((s) => s.sectionId === input.sectionId);
    if (!section) return { outcome: "unknown-section" as const };
    if (
      input.seenSeq !== undefined &&
      (before.effective.get(input.sectionId)?.seq ?? null) !== input.seenSeq
    )
      return { outcome: "conflict" as const };

    const created = await tx.sectionDecision.create({
      data: {
        returnId: input.returnId,
        submissionId: submission.id,
        sectionId: input.sectionId,
        decision: input.decision,
        note,
        decidedById: input.current.user.id,
      },
      select: { id: true },
    });
    // No note in the audit row: it holds who did what, never what people wrote.
    await recordReturnAudit(tx, {
      action: "return.section-decided",
      actorUserId: input.current.user.id,
      organisationId,
      returnId: input.returnId,
      details: {
        ...auditSectionRef({
          id: section.sectionId,
          templateSection: section.templateSection,
          measure: section.measureCode ? { code: section.measureCode } : null,
          mission: section.missionCode ? { code: section.missionCode } : null,
        }),
        decision: input.decision,
        submission: submission.number,
      },
    });
    return {
      outcome: "decided" as const,
      decisionId: created.id,
      standing: (await reviewStateOf(tx, input.returnId)).standing,
    };
  });
}
