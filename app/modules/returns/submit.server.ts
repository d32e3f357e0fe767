// Submitting a return: one transaction (the frozen submission, state, audit, receipt in the outbox),
// idempotent on the submission key, so a double click or a retry makes one submission.
import { href } from "react-router";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { recordReturnAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { Language } from "~/modules/i18n/languages";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { prisma } from "~/utils/db.server";
import { findReturnForUser, planMeasureCodes } from "./access.server";
import { lockReturnForEdit } from "./lock.server";
import { editRefusal, isLate, isSubmitted, overForPartner, transition } from "./status";
import { checkWholeReturn } from "./snapshot.server";
import { recordSubmission } from "./submissions.server";
import { sectionTitle } from "./titles";

export type SubmitOutcome =
  | { outcome: "submitted"; returnId: string }
  | { outcome: "already-submitted"; returnId: string }
  | { outcome: "incomplete"; sectionIds: string[] }
  | { outcome: "changed" }
  | { outcome: "closed" }
  /** Never sent, and the grace period after its due date is over. */
  | { outcome: "past-grace" }
  | { outcome: "not-found" };

export async function submitReturn(input: SubmitInput): Promise<SubmitOutcome> {
  try {
    return await submitOnce(input);
  } catch (error) {
    if (error instanceof StaleSubmissionError) return { outcome: "changed" };
    throw error;
  }
}

interface SubmitInput {
  current: CurrentUser;
  returnId: string;
  submissionKey: string;
  language: Language;
  baseUrl: string;
}

async function submitOnce(input: SubmitInput): Promise<SubmitOutcome> {
  const loaded = await findReturnForUser(input.current, input.returnId);
  if (!loaded || !input.current.organisationIds.includes(loaded.organisationId))
    return { outcome: "not-found" };
  if (isSubmitted(loaded)) return { outcome: "already-submitted", returnId: loaded.id };
  const over = overForPartner(editRefusal(loaded, loaded.campaign));
  if (over) return { outcome: over };
  const { snapshot, problems } = checkWholeReturn(
    loaded,
    await planMeasureCodes(loaded.campaign.planId),
  );
  if (problems.length > 0)
    return { outcome: "incomplete", sectionIds: problems.map((p) => p.sectionId) };

  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const lock = await lockReturnForEdit(tx, loaded.id, now);
    if (!lock) return { outcome: "not-found" as const };
    // The grace period may have ended, or an extension been withdrawn, since the check above.
    if (lock.refusal === "past-grace") return { outcome: "past-grace" as const };
    // A return sent once before (changes requested, reopened) goes back as a resubmission.
    const step = transition(lock.status, "submit", "PARTNER_MEMBER", lock.campaignStatus);
    // The campaign may have closed since the check above.
    if (!step.ok && step.refusal === "closed") return { outcome: "closed" as const };
    if (!step.ok) return { outcome: "already-submitted" as const, returnId: loaded.id };
    // Conditional on the state and on every section's version: an edit that slipped in after
    // the check above makes this submission fail rather than freeze stale answers.
    const claimed = await tx.annualReturn.updateMany({
      where: { id: loaded.id, status: lock.status },
      data: {
        status: step.to,
        submittedAt: now,
        submittedById: input.current.user.id,
        submissionKey: input.submissionKey,
        language: input.language,
      },
    });
    if (claimed.count !== 1) return { outcome: "already-submitted" as const, returnId: loaded.id };
    const unchanged = await tx.returnSection.count({
      where: { OR: loaded.sections.map((s) => ({ id: s.id, version: s.version })) },
    });
    const sectionCount = await tx.returnSection.count({ where: { returnId: loaded.id } });
    if (unchanged !== loaded.sections.length || sectionCount !== loaded.sections.length) {
      throw new StaleSubmissionError();
    }
    const files = await tx.attachment.findMany({
      where: { returnId: loaded.id },
      select: { id: true },
    });
    const expected = new Set(loaded.sections.flatMap((s) => s.attachments.map((a) => a.id)));
    if (files.length !== expected.size || files.some((f) => !expected.has(f.id)))
      throw new StaleSubmissionError();
    // Sent again: the sections sent back for changes are answered; the next sending back names
    // its own (the return keeps when it was last sent back, for reminders).
    await tx.returnSection.updateMany({
      where: { returnId: loaded.id, changesRequestedAt: { not: null } },
      data: { changesRequestedAt: null },
    });
    // Late against the dates read under the lock (an extension granted since the page loaded).
    const late = isLate(lock.annualReturn, lock.campaign, now);
    const submission = await recordSubmission(tx, {
      returnId: loaded.id,
      snapshot,
      submittedAt: now,
      submittedById: input.current.user.id,
      late,
      language: input.language,
    });
    // No submission key: it is the client's idempotency token.
    await recordReturnAudit(tx, {
      action: "return.submitted",
      actorUserId: input.current.user.id,
      organisationId: loaded.organisationId,
      returnId: loaded.id,
      details: {
        sections: loaded.sections.length,
        attachments: files.length,
        late,
        status: step.to,
        submission: submission.number,
      },
    });
    const lang = input.language;
    await enqueueEmail(tx, {
      purpose: "return-receipt",
      // Each submission gets its receipt; the first keeps the key it always had.
      dedupeKey: `return-receipt:${loaded.id}:${input.current.user.email}${submission.number > 1 ? `:${submission.number}` : ""}`,
      template: "return-receipt",
      to: input.current.user.email,
      language: lang,
      payload: {
        displayName: input.current.user.displayName,
        organisationName: lang === "nl" ? loaded.organisation.nameNl : loaded.organisation.nameFr,
        campaignTitle: lang === "nl" ? loaded.campaign.titleNl : loaded.campaign.titleFr,
        submittedAt: now.toISOString(),
        sections: loaded.sections.map((s) =>
          sectionTitle(s, loaded.definition, lang, getFixedT(lang, "returns")),
        ),
        link: `${input.baseUrl}${href("/:lang/partner/returns/:returnId/print", { lang, returnId: loaded.id })}`,
      },
    });
    return { outcome: "submitted" as const, returnId: loaded.id };
  });
}

export class StaleSubmissionError extends Error {
  constructor() {
    super("A section changed while the return was being submitted");
  }
}
