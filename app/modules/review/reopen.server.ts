// An administrator reopens an approved return, saying why: the partner may change it again and
// resubmit it. One transaction under the return's lock: the state, its entries taken out of the
// central dataset (superseded, never deleted), the reason kept, the audit row, and an email with
// the reason to each of the partner's contacts.
import { href } from "react-router";
import { recordReturnAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { supersedeEntriesOf } from "~/modules/dataset/entries.server";
import type { Language } from "~/modules/i18n/languages";
import { emailReturnContacts } from "~/modules/returns/contacts-email.server";
import { lockReturnForEdit } from "~/modules/returns/lock.server";
import { transition } from "~/modules/returns/status";
import { env } from "~/utils/env.server";
import { prisma } from "~/utils/db.server";
import { submissionsOf } from "~/modules/returns/submissions.server";

/** The longest reason a reopening takes (characters), as for a decision's note. */
export const REOPEN_REASON_MAX = 4000;

export type ReopenReasonRefusal = "reason-required" | "reason-too-long";

/** A reopening must say why: the partner is told, and later readers of the history too. */
export function reopenReasonRefusal(reason: string | null | undefined): ReopenReasonRefusal | null {
  const text = reason?.trim() ?? "";
  if (text.length === 0) return "reason-required";
  if (text.length > REOPEN_REASON_MAX) return "reason-too-long";
  return null;
}

export interface ReopenInput {
  current: CurrentUser;
  returnId: string;
  reason: string;
  /** The language the reason is written in (the page's); the administrator's own by default. */
  language?: Language;
  /** Base of the link in the emails; the configured public URL unless a test gives one. */
  baseUrl?: string;
}

export type ReopenOutcome =
  | { outcome: "reopened"; superseded: number }
  /** No reason, or too long: nothing was changed. */
  | { outcome: "invalid"; refusal: ReopenReasonRefusal }
  /** Not approved: there is nothing to reopen. */
  | { outcome: "wrong-state" }
  /** The campaign no longer takes answers: the partner could not change anything. */
  | { outcome: "closed" }
  /** No such return, or this person may not reopen returns (only administrators may). */
  | { outcome: "not-found" };

export async function reopenReturn(input: ReopenInput): Promise<ReopenOutcome> {
  // Only administrators reopen: anyone else learns nothing about the return here.
  const allowed = transition("APPROVED", "reopen", input.current.roles, "OPEN");
  if (!allowed.ok) return { outcome: "not-found" };
  const refusal = reopenReasonRefusal(input.reason);
  if (refusal) return { outcome: "invalid", refusal };
  const reason = input.reason.trim();
  const adminId = input.current.user.id;
  const reasonLanguage = input.language ?? input.current.user.preferredLanguage;

  return prisma.$transaction(async (tx) => {
    const lock = await lockReturnForEdit(tx, input.returnId);
    if (!lock) return { outcome: "not-found" as const };
    const step = transition(lock.status, "reopen", input.current.roles, lock.campaignStatus);
    if (!step.ok) {
      return step.refusal === "closed"
        ? { outcome: "closed" as const }
        : { outcome: "wrong-state" as const };
    }
    const submission = (await submissionsOf(tx, input.returnId)).at(-1);
    // An approved return always has one; without it there is nothing that was approved.
    if (!submission) return { outcome: "wrong-state" as const };

    const now = new Date();
    const annualReturn = await tx.annualReturn.update({
      where: { id: input.returnId },
      data: { status: step.to, approvedAt: null, approvedById: null, reopenedAt: now },
      select: {
        organisationId: true,
        organisation: { select: { nameFr: true, nameNl: true } },
        campaign: { select: { titleFr: true, titleNl: true } },
      },
    });
    const superseded = await supersedeEntriesOf(tx, input.returnId, now);
    // The reason is kept where people's words about a return are kept, its review conversation
    // (on the submission that was approved, never changed once posted), so the partner reads
    // it beside the return; the audit row names it and never holds the words themselves.
    const comment = await tx.reviewComment.create({
      data: {
        returnId: input.returnId,
        submissionId: submission.id,
        sectionId: null,
        authorId: adminId,
        side: "STAFF",
        body: reason,
        language: reasonLanguage,
      },
      select: { id: true },
    });
    await recordReturnAudit(tx, {
      action: "return.reopened",
      actorUserId: adminId,
      organisationId: annualReturn.organisationId,
      returnId: input.returnId,
      details: {
        submission: submission.number,
        superseded,
        reasonCommentId: comment.id,
        status: step.to,
      },
    });

    const baseUrl = input.baseUrl ?? env.publicUrl;
    await emailReturnContacts(tx, annualReturn, {
      template: "return-reopened",
      // One per reopening: a return is reopened at most once per approved submission.
      dedupeKey: `return-reopened:${input.returnId}:${submission.number}`,
      link: (lang) =>
        `${baseUrl}${href("/:lang/partner/returns/:returnId", { lang, returnId: input.returnId })}`,
      payload: () => ({ reason, reasonLanguage }),
    });
    return { outcome: "reopened" as const, superseded };
  });
}
