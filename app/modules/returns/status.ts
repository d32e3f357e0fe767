// The one policy of an annual return's lifecycle: its states, the moves between them, who may
// make each, and whether a partner may still change it or is late. Pages, lists and every
// write (saves, uploads, contributions, submission, review) ask these functions, so
// "submitted", "closed" and "late" mean the same thing everywhere.
import type { Role } from "~/modules/auth/permissions";
import type { CampaignStatus, ReturnStatus } from "~/generated/prisma/enums";
import { effectiveDueAt, isPastGrace } from "./deadlines";

export type ReturnState = ReturnStatus;
export type CampaignState = CampaignStatus;

interface StateFacts {
  /** The partner fills it in (saves, uploads, contributions, submission). */
  partnerEdits: boolean;
  /** Sent to safe.brussels and not handed back: the partner sees its confirmation. */
  sent: boolean;
  /**
   * Handed back for changes on some sections only: the partner changes those, and the rest
   * stays as the reviewer saw it (its decision stands on resubmission).
   */
  onlySentBackSections: boolean;
}

// Typed against the database enum: a state added to the schema fails to compile until it is
// placed here.
const STATES: Record<ReturnState, StateFacts> = {
  NOT_STARTED: { partnerEdits: true, sent: false, onlySentBackSections: false },
  IN_PROGRESS: { partnerEdits: true, sent: false, onlySentBackSections: false },
  SUBMITTED: { partnerEdits: false, sent: true, onlySentBackSections: false },
  CHANGES_REQUESTED: { partnerEdits: true, sent: false, onlySentBackSections: true },
  RESUBMITTED: { partnerEdits: false, sent: true, onlySentBackSections: false },
  APPROVED: { partnerEdits: false, sent: true, onlySentBackSections: false },
  REOPENED: { partnerEdits: true, sent: false, onlySentBackSections: false },
};

export const RETURN_STATES = Object.keys(STATES) as ReturnState[];

/** The states whose answers have been sent (for queries: `status: { in: SENT_STATES }`). */
export const SENT_STATES = RETURN_STATES.filter((s) => STATES[s].sent);

/** A status read as text (raw SQL), checked against the known states. */
export function returnState(value: string): ReturnState {
  if (!Object.hasOwn(STATES, value)) throw new Error(`Unknown return status "${value}"`);
  return value as ReturnState;
}

// ---------------------------------------------------------------------------------------
// Transitions

export type ReturnEvent = "start" | "submit" | "requestChanges" | "approve" | "reopen";

interface Move {
  /** Who may make it. */
  by: readonly Role[];
  /** From which state to which. */
  moves: Partial<Record<ReturnState, ReturnState>>;
  /**
   * Only while the campaign takes answers: a move that hands the return to the partner is
   * pointless once the partner can no longer change anything.
   */
  needsOpenCampaign: boolean;
}

const PARTNER: readonly Role[] = ["PARTNER_MEMBER"];
const REVIEWERS: readonly Role[] = ["STAFF_REVIEWER", "STAFF_ADMIN"];
// Approved data is the published record: only an administrator unlocks it.
const ADMINS: readonly Role[] = ["STAFF_ADMIN"];

const TRANSITIONS: Record<ReturnEvent, Move> = {
  // The partner's first write (a save, an upload, a contribution).
  start: { by: PARTNER, moves: { NOT_STARTED: "IN_PROGRESS" }, needsOpenCampaign: true },
  // A return sent once before goes back to the reviewer as a resubmission.
  submit: {
    by: PARTNER,
    moves: {
      NOT_STARTED: "SUBMITTED",
      IN_PROGRESS: "SUBMITTED",
      CHANGES_REQUESTED: "RESUBMITTED",
      REOPENED: "RESUBMITTED",
    },
    needsOpenCampaign: true,
  },
  requestChanges: {
    by: REVIEWERS,
    moves: { SUBMITTED: "CHANGES_REQUESTED", RESUBMITTED: "CHANGES_REQUESTED" },
    needsOpenCampaign: true,
  },
  // Review goes on after the deadline: approving needs no open campaign.
  approve: {
    by: REVIEWERS,
    moves: { SUBMITTED: "APPROVED", RESUBMITTED: "APPROVED" },
    needsOpenCampaign: false,
  },
  reopen: { by: ADMINS, moves: { APPROVED: "REOPENED" }, needsOpenCampaign: true },
};

export const RETURN_EVENTS = Object.keys(TRANSITIONS) as ReturnEvent[];

/** Why a move is refused: not this person's to make, not from this state, campaign not open. */
export type TransitionRefusal = "forbidden" | "wrong-state" | "closed";

export type TransitionResult =
  { ok: true; to: ReturnState } | { ok: false; refusal: TransitionRefusal };

/**
 * The state a return moves to when `actor` makes `event` from `from`, or why it may not.
 * The actor is any of the person's roles that allows it (a person may hold several).
 */
export function transition(
  from: ReturnState,
  event: ReturnEvent,
  actor: Role | readonly Role[],
  campaign: CampaignState,
): TransitionResult {
  const rule = TRANSITIONS[event];
  const roles: readonly Role[] = typeof actor === "string" ? [actor] : actor;
  if (!roles.some((role) => rule.by.includes(role))) return { ok: false, refusal: "forbidden" };
  const to = rule.moves[from];
  if (!to) return { ok: false, refusal: "wrong-state" };
  if (rule.needsOpenCampaign && campaign !== "OPEN") return { ok: false, refusal: "closed" };
  return { ok: true, to };
}

/**
 * The state a partner's write (save, upload, contribution) leaves the return in, or null when
 * it stays as it is: the first one starts the return. Asked after the write was allowed.
 */
export function stateAfterPartnerEdit(from: ReturnState): ReturnState | null {
  return TRANSITIONS.start.moves[from] ?? null;
}

// ---------------------------------------------------------------------------------------
// Questions pages and writes ask

interface ReturnLike {
  status: ReturnState;
}
/** A return with its own due date, when it was given an extension (absent: none). */
interface DatedReturnLike extends ReturnLike {
  extendedDueAt?: Date | string | null;
}
interface CampaignLike {
  status: CampaignState;
  dueAt: Date | string;
  /** Days late returns are still accepted after the due date; null: until closing. */
  graceDays: number | null;
}

/** Why a partner may not change a return. */
export type EditRefusal = "submitted" | "approved" | "closed" | "past-grace";

/** Sent and not handed back: the partner sees its confirmation, not its forms. */
export function isSubmitted(annualReturn: ReturnLike) {
  return STATES[annualReturn.status].sent;
}

/** Being filled in: started, or handed back to the partner, and not sent. */
export function isInProgress(annualReturn: ReturnLike) {
  return STATES[annualReturn.status].partnerEdits && annualReturn.status !== "NOT_STARTED";
}

/**
 * Why a partner may not change this return any more, or null if they may: sent and waiting
 * for review ("submitted"), approved ("approved"), its campaign does not take answers
 * ("closed"), or it was never sent and the grace period after its due date (its extension's,
 * if any) is over ("past-grace"). A return handed back by a reviewer has no deadline of its
 * own: staff asked for the changes, so it stays open to them until the campaign closes.
 */
export function editRefusal(
  annualReturn: DatedReturnLike,
  campaign: CampaignLike,
  now: Date = new Date(),
): EditRefusal | null {
  if (!STATES[annualReturn.status].partnerEdits) {
    return annualReturn.status === "APPROVED" ? "approved" : "submitted";
  }
  // Only an open campaign takes answers: a draft one is not published, a closed one is over.
  if (campaign.status !== "OPEN") return "closed";
  if (
    !isHandedBack(annualReturn) &&
    isPastGrace(returnDates(annualReturn), campaignDates(campaign), now)
  )
    return "past-grace";
  return null;
}

/**
 * The refusals that end the partner's work on the whole return, whatever state it is in: its
 * campaign closed, or its grace period over. Pages show them the same way, each with its reason.
 */
export function overForPartner(refusal: string | null): "closed" | "past-grace" | null {
  return refusal === "closed" || refusal === "past-grace" ? refusal : null;
}

export function isOverForPartner(refusal: string | null): boolean {
  return overForPartner(refusal) !== null;
}

// Dates arrive as Date from the database and as strings from loader data.
function returnDates(annualReturn: DatedReturnLike) {
  return {
    extendedDueAt: annualReturn.extendedDueAt ? new Date(annualReturn.extendedDueAt) : null,
  };
}
function campaignDates(campaign: CampaignLike) {
  return { dueAt: new Date(campaign.dueAt), graceDays: campaign.graceDays };
}

/** The due date that applies to this return: its extension, else the campaign's. */
export function dueDateOf(annualReturn: DatedReturnLike, campaign: CampaignLike): Date {
  return effectiveDueAt(returnDates(annualReturn), campaignDates(campaign));
}

interface SectionLike {
  /** When a reviewer sent it back for changes (cleared when the return is sent again). */
  changesRequestedAt: Date | string | null;
}

/**
 * Why a partner may not change this section now, or null if they may: the return's own refusal,
 * or, while the return is sent back for changes, a section the reviewer did not send back
 * ("not-sent-back"): it stays as reviewed. A reopened return is editable throughout.
 */
export function sectionEditRefusal(
  annualReturn: DatedReturnLike,
  campaign: CampaignLike,
  section: SectionLike,
  now: Date = new Date(),
): EditRefusal | "not-sent-back" | null {
  const refusal = editRefusal(annualReturn, campaign, now);
  if (refusal) return refusal;
  if (STATES[annualReturn.status].onlySentBackSections && !section.changesRequestedAt)
    return "not-sent-back";
  return null;
}

/**
 * Why a partner may not add or remove a contribution now, or null if they may: while the
 * return is sent back for changes, it keeps the sections that were reviewed ("sent-back").
 */
export function contributionsRefusal(
  annualReturn: DatedReturnLike,
  campaign: CampaignLike,
  now: Date = new Date(),
): EditRefusal | "sent-back" | null {
  const refusal = editRefusal(annualReturn, campaign, now);
  if (refusal) return refusal;
  return STATES[annualReturn.status].onlySentBackSections ? "sent-back" : null;
}

/**
 * Handed back to the partner after it was sent (changes requested, or reopened): it has
 * submissions, and a review conversation to show beside the forms.
 */
export function isHandedBack(annualReturn: ReturnLike) {
  return TRANSITIONS.submit.moves[annualReturn.status] === "RESUBMITTED";
}

/** Sent back for changes on some of its sections (the others are read-only). */
export function isSentBack(annualReturn: ReturnLike) {
  return STATES[annualReturn.status].onlySentBackSections;
}

export function isEditable(
  annualReturn: DatedReturnLike,
  campaign: CampaignLike,
  now: Date = new Date(),
) {
  return editRefusal(annualReturn, campaign, now) === null;
}

/** May a partner send it now (completeness of the answers aside)? */
export function canSubmit(
  annualReturn: DatedReturnLike,
  campaign: CampaignLike,
  now: Date = new Date(),
) {
  return (
    transition(annualReturn.status, "submit", "PARTNER_MEMBER", campaign.status).ok &&
    editRefusal(annualReturn, campaign, now) === null
  );
}

/** May these roles review returns at all (decide on sections, send back, approve)? */
export function reviewsReturns(roles: Role | readonly Role[]) {
  const held: readonly Role[] = typeof roles === "string" ? [roles] : roles;
  return held.some((role) => TRANSITIONS.approve.by.includes(role));
}

/** May these roles approve it or send it back now? */
export function canReview(
  annualReturn: ReturnLike,
  campaign: Pick<CampaignLike, "status">,
  roles: Role | readonly Role[],
) {
  return transition(annualReturn.status, "approve", roles, campaign.status).ok;
}

/**
 * Past the due date that applies to it (its extension's, else the campaign's), not sent, and
 * still taking answers (within the grace period): sent now, it is marked late.
 */
export function isLate(
  annualReturn: DatedReturnLike,
  campaign: CampaignLike,
  now: Date = new Date(),
) {
  return (
    isEditable(annualReturn, campaign, now) &&
    now.getTime() > dueDateOf(annualReturn, campaign).getTime()
  );
}

/** The marker shown beside a return wherever it is listed. */
export type DeadlineMarker = "late" | "closed" | "past-grace" | null;

export function deadlineMarker(
  annualReturn: DatedReturnLike,
  campaign: CampaignLike,
  now: Date = new Date(),
): DeadlineMarker {
  if (isSubmitted(annualReturn)) return null;
  if (campaign.status === "CLOSED") return "closed";
  if (editRefusal(annualReturn, campaign, now) === "past-grace") return "past-grace";
  return isLate(annualReturn, campaign, now) ? "late" : null;
}

/** A return sent after its campaign's due date: "sentLate", else null. */
export function sentLateMarker(
  submittedAt: Date | string | null | undefined,
  dueAt: Date | string,
): "sentLate" | null {
  if (!submittedAt) return null;
  return new Date(submittedAt).getTime() > new Date(dueAt).getTime() ? "sentLate" : null;
}
