// The one place that says whether a partner may still change a return, and whether it is late.
// Pages, lists and every write (saves, uploads, contributions, submission) ask these functions,
// so "closed" and "late" mean the same thing everywhere.

export type ReturnState = "NOT_STARTED" | "IN_PROGRESS" | "SUBMITTED";
export type CampaignState = "DRAFT" | "OPEN" | "CLOSED";

interface ReturnLike {
  status: ReturnState | string;
}
interface CampaignLike {
  status: CampaignState | string;
  dueAt: Date | string;
}

/** Why a partner may not change this return any more, or null if they may. */
export function editRefusal(
  annualReturn: ReturnLike,
  campaign: Pick<CampaignLike, "status">,
): "submitted" | "closed" | null {
  if (annualReturn.status === "SUBMITTED") return "submitted";
  // Only an open campaign takes answers: a draft one is not published, a closed one is over.
  if (campaign.status !== "OPEN") return "closed";
  return null;
}

export function isEditable(annualReturn: ReturnLike, campaign: Pick<CampaignLike, "status">) {
  return editRefusal(annualReturn, campaign) === null;
}

/** Past its due date, not sent, and the campaign still takes answers. */
export function isLate(annualReturn: ReturnLike, campaign: CampaignLike, now: Date = new Date()) {
  return isEditable(annualReturn, campaign) && now.getTime() > new Date(campaign.dueAt).getTime();
}

/** The marker shown beside a return wherever it is listed. */
export type DeadlineMarker = "late" | "closed" | null;

export function deadlineMarker(
  annualReturn: ReturnLike,
  campaign: CampaignLike,
  now: Date = new Date(),
): DeadlineMarker {
  if (annualReturn.status === "SUBMITTED") return null;
  if (campaign.status === "CLOSED") return "closed";
  return isLate(annualReturn, campaign, now) ? "late" : null;
}
