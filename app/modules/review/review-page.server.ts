// What the staff review page of one return shows, read in one go: the return, its latest
// submission's sections with the answers as sent, the decision standing on each, what changed
// since the submission before, the comment threads, who follows it, its history, and which of
// the review's moves this person may make now. Queries are per return, never per section.
import type { SectionDecisionKind } from "~/generated/prisma/enums";
import type { CurrentUser } from "~/modules/auth/session.server";
import { figuresOf, isContribution, narrativeOf } from "~/modules/dataset/entry-content";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { measureOptions } from "~/modules/plan/measures.server";
import type { Question } from "~/modules/questionnaires/definition";
import { findReturnForUser, type LoadedReturn } from "~/modules/returns/access.server";
import { returnAnswersView } from "~/modules/returns/answers-view.server";
import { returnHistory } from "~/modules/returns/history.server";
import { sectionDefinitionOf } from "~/modules/returns/sections.server";
import type { SectionSnapshot } from "~/modules/returns/snapshot.server";
import { canReview, transition } from "~/modules/returns/status";
import { sectionTitle } from "~/modules/returns/titles";
import { inLanguage, returnHeader } from "~/modules/returns/view.server";
import { countPersonalData } from "~/modules/screening/record.server";
import { prisma } from "~/utils/db.server";
import { decidedOnLatest } from "./approve.server";
import { commentThreads, type ThreadComment } from "./comments.server";
import { rawFromChecked } from "./answers-as-sent";
import { diffSubmissions, type SectionChange } from "./diff";
import { reviewStateOf } from "./review-state.server";

/** Notes, comments and reasons run to 4,000 characters: percent-encoded, up to 12 bytes each. */
export const REVIEW_FORM_BYTES = 64 * 1024;

export interface StandingDecision {
  decision: SectionDecisionKind;
  note: string | null;
  decidedBy: string | null;
  decidedAt: Date;
  /** Made on an earlier submission, kept because the section was sent again unchanged. */
  carriedForward: boolean;
}

export type SectionGroup = "organisation" | "funded" | "other" | "missions" | "declaration";

const groupOf: Record<string, SectionGroup> = {
  ORGANISATION: "organisation",
  FUNDED_MEASURE: "funded",
  OTHER_CONTRIBUTION: "other",
  TRANSVERSAL_MISSION: "missions",
  DECLARATION: "declaration",
};

export async function reviewPage(current: CurrentUser, returnId: string, lang: Language) {
  const loaded = await findReturnForUser(current, returnId);
  if (!loaded) return null;
  const [review, threads, history, measures] = await Promise.all([
    reviewStateOf(prisma, loaded.id),
    commentThreads(prisma, loaded.id),
    returnHistory(current, loaded.id, lang),
    measureOptions(loaded.campaign.planId, lang),
  ]);
  // Who decided, follows or approved the return, and who may follow it: one read for all.
  const named = [
    ...[...review.effective.values()].map((d) => d.decidedById),
    loaded.assigneeId,
    loaded.approvedById,
  ].filter((id): id is string => id !== null);
  const staff = await prisma.user.findMany({
    where: {
      OR: [
        { staffRole: { in: ["REVIEWER", "ADMIN"] }, active: true },
        { id: { in: [...new Set(named)] } },
      ],
    },
    orderBy: { displayName: "asc" },
    select: { id: true, displayName: true, staffRole: true, active: true },
  });
  const nameOf = new Map(staff.map((u) => [u.id, u.displayName]));

  const t = getFixedT(lang, "returns");
  const latest = review.latest;
  const previous = review.previous;
  const titleOf = sectionTitles(loaded, measures, lang, t);
  const questionsOf = (templateSection: string) =>
    sectionDefinitionOf(loaded.definition, templateSection).questions;
  const changes = new Map<string, SectionChange>();
  if (latest && previous)
    for (const change of diffSubmissions(
      previous.snapshot.sections,
      latest.snapshot.sections,
      questionsOf,
    ))
      changes.set(change.sectionId, change);

  const sections = (latest?.snapshot.sections ?? []).map((section) => {
    const questions = inLanguage(questionsOf(section.templateSection), lang);
    const standing = review.effective.get(section.sectionId) ?? null;
    const change = changes.get(section.sectionId);
    return {
      id: section.sectionId,
      group: groupOf[section.kind] ?? "organisation",
      title: titleOf(section),
      fundingTitle: section.fundingTitle,
      measureLink: section.measureLink,
      questions,
      answers: rawFromChecked(questions, section.answers),
      answersLanguage: (section.answersLanguage as Language | null) ?? null,
      attachments: attachmentsOf(questions, section),
      decision: standing
        ? ({
            decision: standing.decision,
            note: standing.note,
            decidedBy: standing.decidedById ? (nameOf.get(standing.decidedById) ?? null) : null,
            decidedAt: standing.decidedAt,
            carriedForward: standing.carriedForward,
          } satisfies StandingDecision)
        : null,
      /** What the decision form says it saw: a decision made since is a conflict. */
      seenSeq: standing?.seq ?? null,
      /** Null on a first submission: nothing to compare with. */
      change: change && change.status !== "removed" ? change : null,
      comments: threads.get(section.sectionId) ?? [],
    };
  });
  const removedSections =
    latest && previous
      ? previous.snapshot.sections
          .filter((s) => changes.get(s.sectionId)?.status === "removed")
          .map((s) => ({ id: s.sectionId, title: titleOf(s) }))
      : [];

  const status = loaded.status;
  const campaignStatus = loaded.campaign.status;
  const underReview =
    Boolean(latest) && canReview({ status }, { status: campaignStatus }, current.roles);
  const fourEyes = loaded.campaign.fourEyes;
  // Possible personal data in the accepted contributions, scanned as they would enter the
  // dataset: the reviewer is told before approving (approval is not blocked).
  const possiblePersonalData = underReview
    ? (latest?.snapshot.sections ?? []).reduce((count, section) => {
        if (!isContribution(section.kind)) return count;
        if (review.effective.get(section.sectionId)?.decision !== "ACCEPTED") return count;
        const questions = questionsOf(section.templateSection);
        const language = section.answersLanguage === "nl" ? "nl" : lang;
        return (
          count +
          countPersonalData({
            narrative: narrativeOf(questions, section.answers),
            figures: figuresOf(questions, section.answers, language),
          })
        );
      }, 0)
    : 0;
  const refusal = (event: "requestChanges" | "reopen") => {
    const move = transition(status, event, current.roles, campaignStatus);
    return move.ok ? null : move.refusal;
  };
  return {
    header: returnHeader(loaded, lang),
    campaignId: loaded.campaignId,
    campaignStatus,
    organisationId: loaded.organisationId,
    measures,
    submission: latest
      ? {
          number: latest.number,
          submittedAt: latest.submittedAt,
          late: latest.late,
          previousNumber: previous?.number ?? null,
        }
      : null,
    sections,
    removedSections,
    // Never sent: the answers as they stand, as this page always showed them.
    draft: latest ? null : returnAnswersView(loaded, lang),
    generalComments: threads.get(null) ?? ([] as ThreadComment[]),
    standing: review.standing,
    assignee: loaded.assigneeId
      ? { id: loaded.assigneeId, displayName: nameOf.get(loaded.assigneeId) ?? null }
      : null,
    reviewers: staff
      .filter((u) => u.active && u.staffRole !== "NONE")
      .map((u) => ({ id: u.id, name: u.displayName })),
    approvedAt: loaded.approvedAt,
    approvedBy: loaded.approvedById ? (nameOf.get(loaded.approvedById) ?? null) : null,
    reopenedAt: loaded.reopenedAt,
    changesRequestedAt: loaded.changesRequestedAt,
    history: history ?? [],
    can: {
      decide: underReview,
      comment: Boolean(latest),
      sendBack:
        underReview &&
        review.standing.canRequestChanges &&
        transition(status, "requestChanges", current.roles, campaignStatus).ok,
      approve: underReview && review.standing.canApprove,
      reopen: transition(status, "reopen", current.roles, campaignStatus).ok,
      assign: true,
    },
    /**
     * Why a move the review asks for cannot be made: the campaign is closed, so the partner could
     * change nothing (a section needing changes cannot be sent back; approved data stays).
     */
    closedFor: {
      sendBack:
        underReview && review.standing.canRequestChanges && refusal("requestChanges") === "closed",
      reopen: refusal("reopen") === "closed",
    },
    /** The campaign wants a second person and this one reviewed the latest submission. */
    fourEyesBlocked: fourEyes && decidedOnLatest(review, current.user.id),
    fourEyes,
    possiblePersonalData,
  };
}

export type ReviewPageData = NonNullable<Awaited<ReturnType<typeof reviewPage>>>;
export type ReviewSection = ReviewPageData["sections"][number];

/**
 * Titles of the submission's sections in the page language: from the return's sections (which
 * hold their measure and mission), or, for a section since removed, from the plan's measures.
 */
function sectionTitles(
  loaded: LoadedReturn,
  measures: readonly { code: string; title: string }[],
  lang: Language,
  t: ReturnType<typeof getFixedT<"returns">>,
) {
  const live = new Map(loaded.sections.map((s) => [s.id, s]));
  const measureTitle = new Map(measures.map((m) => [m.code, m.title]));
  return (section: SectionSnapshot) => {
    const known = live.get(section.sectionId);
    if (known) return sectionTitle(known, loaded.definition, lang, t);
    const named = (code: string, title: string) => ({ code, titleFr: title, titleNl: title });
    return sectionTitle(
      {
        templateSection: section.templateSection,
        measure: section.measureCode
          ? named(section.measureCode, measureTitle.get(section.measureCode) ?? "…")
          : null,
        mission: section.missionCode ? named(section.missionCode, "…") : null,
      },
      loaded.definition,
      lang,
      t,
    );
  };
}

/** A submission's files, each under the question whose answer lists it. */
function attachmentsOf(questions: readonly Question[], section: SectionSnapshot) {
  const questionOf = new Map<string, string>();
  for (const q of questions)
    if (q.kind === "attachments") {
      const ids = section.answers[q.id];
      if (Array.isArray(ids)) for (const id of ids) questionOf.set(String(id), q.id);
    }
  return section.attachments.map((a) => ({
    id: a.id,
    questionId: questionOf.get(a.id) ?? "",
    fileName: a.fileName,
    sizeBytes: a.sizeBytes,
  }));
}
