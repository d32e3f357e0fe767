// The completeness dashboard's arithmetic, pure: which bucket a return is in, the counts and
// rates of a set of returns, and their rounding. The database read (completeness.server.ts)
// groups the campaign's returns by (group, status, timing) and hands the counts here, so what
// "received", "on time" and "approved" mean is decided in one place.
//
// The definitions, as shown to staff under the page's tables:
// - Expected: the returns generated for the campaign (one per organisation).
// - Buckets split the expected returns by their state now, each return in exactly one:
//   not started; in progress (being filled in, or reopened after approval); sent and waiting
//   for a decision, on time or late; changes requested; approved.
// - Received: ever sent (it has a first submission), whatever happened since: a return sent
//   back, approved or reopened was received.
// - On time: received, and its first submission was at or before the due date that applies to
//   it (its extension, else the campaign's). Sending it again later does not make it late.
// - Approved: approved now (a reopened return is being changed again: not approved).
import type { ReturnStatus } from "~/generated/prisma/enums";
import { type Language, localeFor } from "~/modules/i18n/languages";

export const BUCKETS = [
  "notStarted",
  "inProgress",
  "submittedOnTime",
  "submittedLate",
  "changesRequested",
  "approved",
] as const;
export type Bucket = (typeof BUCKETS)[number];

/** When the first submission came, against the due date that applies; null: never sent. */
export type Timing = "ON_TIME" | "LATE" | null;

/** A count of returns in one state with one timing (a row of the database's grouping). */
export interface StateCount {
  status: ReturnStatus;
  timing: Timing;
  count: number;
}

/** The bucket of a return in `status` whose first submission came with `timing`. */
export function bucketOf(status: ReturnStatus, timing: Timing): Bucket {
  switch (status) {
    case "NOT_STARTED":
      return "notStarted";
    case "IN_PROGRESS":
    case "REOPENED":
      return "inProgress";
    case "SUBMITTED":
    case "RESUBMITTED":
      return timing === "LATE" ? "submittedLate" : "submittedOnTime";
    case "CHANGES_REQUESTED":
      return "changesRequested";
    case "APPROVED":
      return "approved";
  }
}

/** States a return reaches only by being sent: received even without a recorded timing. */
const SENT_ONCE: ReadonlySet<ReturnStatus> = new Set([
  "SUBMITTED",
  "RESUBMITTED",
  "CHANGES_REQUESTED",
  "APPROVED",
  "REOPENED",
]);

/** `count` out of `of`, and its percentage rounded to one decimal (null when `of` is 0). */
export interface Rate {
  count: number;
  of: number;
  percent: number | null;
}

/**
 * A percentage rounded half up to one decimal, in integers so 1/8 gives 12.5 and not
 * 12.499999: the same figure on the chart, in the table and in any test comparing them.
 */
export function percentOf(count: number, of: number): number | null {
  if (of <= 0) return null;
  return Math.floor((count * 1000 + Math.floor(of / 2)) / of) / 10;
}

export function rate(count: number, of: number): Rate {
  return { count, of, percent: percentOf(count, of) };
}

export interface Figures {
  expected: number;
  buckets: Record<Bucket, number>;
  /** Each bucket's share of the expected returns, in tenths of a percent summing to 100.0. */
  shares: Record<Bucket, number | null>;
  received: number;
  receivedOnTime: number;
  receivedLate: number;
  approved: number;
  rates: { received: Rate; onTime: Rate; approved: Rate };
}

const zeroBuckets = (): Record<Bucket, number> =>
  Object.fromEntries(BUCKETS.map((bucket) => [bucket, 0])) as Record<Bucket, number>;

/** The figures of a set of returns given as counts per state and timing. */
export function figuresOf(counts: readonly StateCount[]): Figures {
  const buckets = zeroBuckets();
  let expected = 0;
  let receivedOnTime = 0;
  let receivedLate = 0;
  for (const { status, timing, count } of counts) {
    expected += count;
    buckets[bucketOf(status, timing)] += count;
    if (timing === "LATE") receivedLate += count;
    // A sent return without a recorded first submission (none in practice: submission writes
    // it) has no evidence of lateness: counted on time.
    else if (timing === "ON_TIME" || SENT_ONCE.has(status)) receivedOnTime += count;
  }
  const received = receivedOnTime + receivedLate;
  const approved = buckets.approved;
  return {
    expected,
    buckets,
    shares: sharesOf(buckets),
    received,
    receivedOnTime,
    receivedLate,
    approved,
    rates: {
      received: rate(received, expected),
      onTime: rate(receivedOnTime, expected),
      approved: rate(approved, expected),
    },
  };
}

/**
 * Shares of a whole in percent with one decimal that add up to exactly 100.0 (largest
 * remainder): rounded one by one, six shares can add up to 99.9 or 100.1, which a reader
 * of the table takes for an error. Null for every share of an empty whole.
 */
export function sharesOf<K extends string>(counts: Record<K, number>): Record<K, number | null> {
  const keys = Object.keys(counts) as K[];
  const total = keys.reduce((sum, key) => sum + counts[key], 0);
  if (total <= 0) return Object.fromEntries(keys.map((key) => [key, null])) as Record<K, null>;
  // In tenths of a percent: 1000 for the whole.
  const exact = keys.map((key) => ({ key, tenths: (counts[key] * 1000) / total }));
  const floors = new Map(exact.map(({ key, tenths }) => [key, Math.floor(tenths)]));
  let left = 1000 - [...floors.values()].reduce((sum, n) => sum + n, 0);
  const byRemainder = [...exact].sort(
    (a, b) => b.tenths - Math.floor(b.tenths) - (a.tenths - Math.floor(a.tenths)),
  );
  for (const { key } of byRemainder) {
    if (left <= 0) break;
    floors.set(key, floors.get(key)! + 1);
    left -= 1;
  }
  return Object.fromEntries(keys.map((key) => [key, floors.get(key)! / 10])) as Record<K, number>;
}

/** Counts per group (a channel, a kind), each group's figures, in the order of `order`. */
export function groupedFigures<G extends string>(
  rows: readonly (StateCount & { group: G })[],
  order: readonly G[],
): { group: G; figures: Figures }[] {
  const byGroup = new Map<G, StateCount[]>();
  for (const row of rows) {
    const list = byGroup.get(row.group) ?? [];
    list.push(row);
    byGroup.set(row.group, list);
  }
  return order
    .filter((group) => byGroup.has(group))
    .map((group) => ({ group, figures: figuresOf(byGroup.get(group)!) }));
}

const percentFormats = new Map<Language, Intl.NumberFormat>();

/** "66,7 %" (French) or "66,7%" (Dutch); a dash when there is nothing to divide by. */
export function formatPercent(percent: number | null, lang: Language): string {
  if (percent === null) return "–";
  let format = percentFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(localeFor(lang), {
      style: "percent",
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    percentFormats.set(lang, format);
  }
  // Already rounded to a tenth: dividing by 100 only moves the decimal point for Intl.
  return format.format(percent / 100);
}
