// A return's review conversation: staff and the partner write to each other about one section of
// the return, or about the return as a whole. A comment is tied to the submission it was posted
// on (the one its reader was looking at), shown in the language it was written in, and never
// changed once posted (a database trigger refuses it).
import type { CommentSide } from "~/generated/prisma/enums";
import { auditSectionRef, recordReturnAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { Language } from "~/modules/i18n/languages";
import { lockReturnForEdit } from "~/modules/returns/lock.server";
import { reviewsReturns } from "~/modules/returns/status";
import { submissionsOf } from "~/modules/returns/submissions.server";
import { prisma, type Tx } from "~/utils/db.server";
import { stripControlCharacters } from "~/utils/http.server";

/** The longest comment (characters), as for a decision's note. */
export const COMMENT_MAX = 4000;

export type CommentRefusal = "body-required" | "body-too-long" | "unknown-section";

/** What a comment's text must be, before anything is read: said, and not too long. */
export function commentBodyRefusal(body: string | null | undefined): CommentRefusal | null {
  const text = (body ?? "").trim();
  if (text.length === 0) return "body-required";
  if (text.length > COMMENT_MAX) return "body-too-long";
  return null;
}

export interface PostCommentInput {
  current: CurrentUser;
  returnId: string;
  /** A section of the return's latest submission, or null for the return as a whole. */
  sectionId: string | null;
  body: string;
  /** The language it is written in (the page's). */
  language: Language;
}

export type PostCommentOutcome =
  | { outcome: "posted"; id: string }
  /** Nothing said, too long, or about a section the submission does not have: nothing posted. */
  | { outcome: "invalid"; refusal: CommentRefusal }
  /** Never sent: there is nothing to talk about yet. */
  | { outcome: "no-submission" }
  /** No such return, or not one this person may write about (the same answer). */
  | { outcome: "not-found" };

/**
 * Posts a comment: reviewers on any return, a partner on its own organisations' returns only,
 * once the return has been sent at least once. One transaction under the return's lock, so a
 * comment always names the submission that was latest when it was posted.
 */
export async function postComment(input: PostCommentInput): Promise<PostCommentOutcome> {
  const { current } = input;
  const side: CommentSide | null = reviewsReturns(current.roles)
    ? "STAFF"
    : current.roles.includes("PARTNER_MEMBER")
      ? "PARTNER"
      : null;
  if (!side) return { outcome: "not-found" };
  const body = stripControlCharacters(input.body ?? "").trim();
  const refusal = commentBodyRefusal(body);
  if (refusal) return { outcome: "invalid", refusal };

  return prisma.$transaction(async (tx) => {
    const annualReturn = await tx.annualReturn.findFirst({
      where: {
        id: input.returnId,
        ...(side === "STAFF" ? {} : { organisationId: { in: current.organisationIds } }),
      },
      select: { id: true, organisationId: true },
    });
    if (!annualReturn || !(await lockReturnForEdit(tx, annualReturn.id)))
      return { outcome: "not-found" as const };
    const submission = (await submissionsOf(tx, annualReturn.id)).at(-1);
    if (!submission) return { outcome: "no-submission" as const };
    const section =
      input.sectionId === null
        ? null
        : submission.snapshot.sections.find((s) => s.sectionId === input.sectionId);
    if (section === undefined)
      return { outcome: "invalid" as const, refusal: "unknown-section" as const };
    const created = await tx.reviewComment.create({
      data: {
        returnId: annualReturn.id,
        submissionId: submission.id,
        sectionId: input.sectionId,
        authorId: current.user.id,
        side,
        body,
        language: input.language,
      },
      select: { id: true },
    });
    // Who wrote where, never what.
    await recordReturnAudit(tx, {
      action: "return.comment-posted",
      actorUserId: current.user.id,
      organisationId: annualReturn.organisationId,
      returnId: annualReturn.id,
      details: {
        commentId: created.id,
        // Named as a decision's row names it, so the history shows which section.
        ...(section
          ? auditSectionRef({
              id: section.sectionId,
              templateSection: section.templateSection,
              measure: section.measureCode ? { code: section.measureCode } : null,
              mission: section.missionCode ? { code: section.missionCode } : null,
            })
          : { sectionId: null }),
        side,
        submission: submission.number,
      },
    });
    return { outcome: "posted" as const, id: created.id };
  });
}

export interface ThreadComment {
  id: string;
  seq: number;
  side: CommentSide;
  /** Null once the author's account was erased. */
  authorName: string | null;
  body: string;
  language: Language;
  createdAt: Date;
  /** The submission it was posted on. */
  submissionNumber: number;
}

/**
 * A return's comments, oldest first, grouped by the section they are about (null: the return as
 * a whole). The caller has checked that the person may see the return.
 */
export async function commentThreads(
  tx: Pick<Tx, "reviewComment">,
  returnId: string,
): Promise<Map<string | null, ThreadComment[]>> {
  const rows = await tx.reviewComment.findMany({
    where: { returnId },
    orderBy: { seq: "asc" },
    select: {
      id: true,
      seq: true,
      sectionId: true,
      side: true,
      body: true,
      language: true,
      createdAt: true,
      author: { select: { displayName: true } },
      submission: { select: { number: true } },
    },
  });
  const threads = new Map<string | null, ThreadComment[]>();
  for (const row of rows) {
    const thread = threads.get(row.sectionId) ?? [];
    thread.push({
      id: row.id,
      seq: row.seq,
      side: row.side,
      authorName: row.author?.displayName ?? null,
      body: row.body,
      language: row.language,
      createdAt: row.createdAt,
      submissionNumber: row.submission.number,
    });
    threads.set(row.sectionId, thread);
  }
  return threads;
}
