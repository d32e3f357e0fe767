// The review page's field ids and status messages, shared by its forms (components/*) and what
// its action answers (review-page-actions.server.ts): an error names the field it belongs to.

export const reviewFields = {
  decision: (sectionId: string) => `decision-${sectionId}`,
  note: (sectionId: string) => `note-${sectionId}`,
  comment: (sectionId: string | null) => `comment-${sectionId ?? "general"}`,
  reason: "reason",
  assignee: "assigneeId",
  /** The heading of the return's moves (send back, approve): refusals of those link there. */
  moves: "moves-title",
} as const;

/** What happened, as the page says it once redirected (its `done` query parameter). */
export const REVIEW_DONE = [
  "decided",
  "commented",
  "sentBack",
  "approved",
  "reopened",
  "assigned",
] as const;
export type ReviewDone = (typeof REVIEW_DONE)[number];
