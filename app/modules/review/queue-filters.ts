// The review queue's filters as the query string carries them (a GET form: the page works
// without JavaScript and a filtered queue is a link one can share). Unknown or malformed values
// are dropped, never an error. Shared by the page and review/queue.server.ts.
import { z } from "zod";
import { fundingChannels, organisationKinds } from "~/modules/organisations/schema";
import { RETURN_STATES, canReview, type ReturnState } from "~/modules/returns/status";

/** The states of the review flow: sent and waiting, handed back, approved, reopened. */
export const QUEUE_STATES = [
  "SUBMITTED",
  "RESUBMITTED",
  "CHANGES_REQUESTED",
  "APPROVED",
  "REOPENED",
] as const satisfies readonly ReturnState[];
export type QueueState = (typeof QUEUE_STATES)[number];

/** Waiting for a reviewer's decision: the states a reviewer may approve from (the policy's). */
export const WAITING_STATES: readonly QueueState[] = QUEUE_STATES.filter((state) =>
  canReview({ status: state }, { status: "OPEN" }, "STAFF_REVIEWER"),
);

// The policy's states, in its order, so a state added there is seen here at compile time.
void (RETURN_STATES satisfies readonly ReturnState[]);

/** Returns shown per page. */
export const QUEUE_PAGE_SIZE = 25;

/** "Sent more than N days ago" choices. */
export const WAITING_DAYS = [7, 14, 30] as const;

export const QUEUE_SORTS = ["waiting", "due"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

// Ids are cuids (or the benchmark's readable ids); anything else filters nothing.
const id = z
  .string()
  .regex(/^[a-z0-9_-]{1,60}$/i)
  .optional()
  .catch(undefined);

export const queueFiltersSchema = z.object({
  /** "waiting" (the default), "all" the review flow, or one state. */
  state: z
    .enum(["waiting", "all", ...QUEUE_STATES])
    .catch("waiting")
    .default("waiting"),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  channel: z.enum(fundingChannels).optional().catch(undefined),
  kind: z.enum(organisationKinds).optional().catch(undefined),
  theme: id,
  measure: id,
  /** "mine", "none" (nobody took it) or a reviewer's id. */
  assignee: z
    .union([z.enum(["mine", "none"]), z.string().regex(/^[a-z0-9_-]{1,60}$/i)])
    .optional()
    .catch(undefined),
  /** Sent at least this many days ago. */
  waiting: z.coerce
    .number()
    .int()
    .refine((days) => (WAITING_DAYS as readonly number[]).includes(days))
    .optional()
    .catch(undefined),
  sort: z.enum(QUEUE_SORTS).catch("waiting").default("waiting"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type QueueFilters = z.infer<typeof queueFiltersSchema>;

/** Reads the filters from a query string; never throws. */
export function parseQueueFilters(searchParams: URLSearchParams): QueueFilters {
  // A repeated parameter counts once (its first value), as a form never sends it twice.
  const query: Record<string, string> = {};
  for (const [key, value] of searchParams) if (!(key in query)) query[key] = value;
  return queueFiltersSchema.parse(query);
}

/** The states a filter selects. */
export function statesOf(state: QueueFilters["state"]): readonly QueueState[] {
  if (state === "waiting") return WAITING_STATES;
  if (state === "all") return QUEUE_STATES;
  return [state];
}

/** The query string of the filters that differ from the defaults (links, pages, redirects). */
export function queueQuery(filters: QueueFilters, changes: Partial<QueueFilters> = {}) {
  const merged = { ...filters, ...changes };
  const query = new URLSearchParams();
  if (merged.state !== "waiting") query.set("state", merged.state);
  if (merged.year !== undefined) query.set("year", String(merged.year));
  if (merged.channel) query.set("channel", merged.channel);
  if (merged.kind) query.set("kind", merged.kind);
  if (merged.theme) query.set("theme", merged.theme);
  if (merged.measure) query.set("measure", merged.measure);
  if (merged.assignee) query.set("assignee", merged.assignee);
  if (merged.waiting !== undefined) query.set("waiting", String(merged.waiting));
  if (merged.sort !== "waiting") query.set("sort", merged.sort);
  if (merged.page > 1) query.set("page", String(merged.page));
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** Whole days from `since` to `now` (0 on the day itself). */
export function daysSince(since: Date | string, now: Date = new Date()) {
  return Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 86_400_000));
}
