// A reviewer sends a return back to its partner: the sections whose standing decision is "changes
// needed" become editable again (only those), the return waits for the partner, and each of the
// organisation's contacts gets an email in their language listing those sections with the
// reviewer's comments. One transaction under the return's lock: state, sections, audit, outbox.
import { href } from "react-router";
import { recordReturnAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { findReturnById, type LoadedReturn } from "~/modules/returns/access.server";
import { emailReturnContacts } from "~/modules/returns/contacts-email.server";
import { lockReturnForEdit } from "~/modules/returns/lock.server";
import { reviewsReturns, transition } from "~/modules/returns/status";
import { sectionTitle } from "~/modules/returns/titles";
import { prisma, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { reviewStateOf } from "./review-state.server";

export interface RequestChangesInput {
  current: CurrentUser;
  returnId: string;
  /** The submission the reviewer was looking at: sending back is about that one. */
  submissionNumber: number;
}

export type RequestChangesOutcome =
  | { outcome: "sent-back"; sectionIds: string[] }
  /** No section's standing decision is "changes needed": nothing to send back for. */
  | { outcome: "not-ready" }
  /** Not waiting for review (not sent, already sent back, or approved). */
  | { outcome: "not-under-review" }
  /** Its campaign no longer takes answers: the partner could not change anything. */
  | { outcome: "closed" }
  /** The partner sent it again since the reviewer looked: nothing was done. */
  | { outcome: "conflict" }
  /** No such return, or this person may not review (the same answer: nothing is revealed). */
  | { outcome: "not-found" };

export async function requestChanges(input: RequestChangesInput): Promise<RequestChangesOutcome> {
  const { current } = input;
  // Permission first: a partner learns nothing about any return here.
  if (!reviewsReturns(current.roles)) return { outcome: "not-found" };
  // Read before the transaction (PGlite has one connection): what the email names (sections,
  // organisation, campaign) does not change while the return waits for review.
  const loaded = await findReturnById(input.returnId);
  if (!loaded) return { outcome: "not-found" };

  return prisma.$transaction(async (tx): Promise<RequestChangesOutcome> => {
    const lock = await lockReturnForEdit(tx, loaded.id);
    if (!lock) return { outcome: "not-found" };
    const move = transition(lock.status, "requestChanges", current.roles, lock.campaignStatus);
    if (!move.ok && move.refusal === "closed") return { outcome: "closed" };
    if (!move.ok) return { outcome: "not-under-review" };
    const review = await reviewStateOf(tx, loaded.id);
    if (!review.latest) return { outcome: "not-under-review" };
    if (review.latest.number !== input.submissionNumber) return { outcome: "conflict" };
    const sectionIds = review.standing.changesNeeded;
    if (sectionIds.length === 0) return { outcome: "not-ready" };

    const now = new Date();
    await tx.annualReturn.update({
      where: { id: loaded.id },
      data: { status: move.to, changesRequestedAt: now },
    });
    await tx.returnSection.updateMany({
      where: { returnId: loaded.id, id: { in: sectionIds } },
      data: { changesRequestedAt: now },
    });
    await recordReturnAudit(tx, {
      action: "return.changes-requested",
      actorUserId: current.user.id,
      organisationId: loaded.organisationId,
      returnId: loaded.id,
      details: { submission: review.latest.number, sectionIds, status: move.to },
    });
    const notes = new Map(
      sectionIds.map((id) => [id, review.effective.get(id)?.note ?? ""] as const),
    );
    await emailContacts(tx, loaded, notes, review.latest.number);
    return { outcome: "sent-back", sectionIds };
  });
}

function emailContacts(
  tx: Tx,
  loaded: LoadedReturn,
  notes: ReadonlyMap<string, string>,
  submissionNumber: number,
) {
  return emailReturnContacts(tx, loaded, {
    template: "changes-requested",
    // One per sending back: a return is sent back at most once per submission.
    dedupeKey: `changes-requested:${loaded.id}:${submissionNumber}`,
    link: (lang) =>
      `${env.publicUrl}${href("/:lang/partner/returns/:returnId", { lang, returnId: loaded.id })}`,
    payload: (lang) => {
      const t = getFixedT(lang, "returns");
      return {
        sections: loaded.sections
          .filter((s) => notes.has(s.id))
          .map((s) => ({
            title: sectionTitle(s, loaded.definition, lang, t),
            note: notes.get(s.id)!,
          })),
      };
    },
  });
}
