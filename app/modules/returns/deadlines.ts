// Every date of a campaign, computed in Europe/Brussels whatever the server's time zone and
// safe across summer-time changes: a reminder "3 days before" goes out at the same wall-clock
// hour in Brussels, even when a daylight-saving change falls in between. Pure: the caller
// passes `now` (tests drive the clock).
import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, format } from "date-fns";

export const BRUSSELS = "Europe/Brussels";

/** A calendar day in Brussels, "YYYY-MM-DD". */
export type BrusselsDay = string;

/** The Brussels calendar day an instant falls on. */
export function brusselsDay(instant: Date): BrusselsDay {
  return format(new TZDate(instant, BRUSSELS), "yyyy-MM-dd");
}

/** The instant of a wall-clock time on a Brussels day ("2024-03-31", "09:00"). */
export function atBrussels(day: BrusselsDay, time = "00:00"): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, BRUSSELS).getTime());
}

/** The day `n` calendar days after (or before, when negative) a Brussels day. */
export function addBrusselsDays(day: BrusselsDay, n: number): BrusselsDay {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return format(addDays(new TZDate(y, m - 1, d, 12, 0, 0, BRUSSELS), n), "yyyy-MM-dd");
}

/** Calendar days from `from` to `to` in Brussels (positive when `to` is later). */
export function brusselsDaysBetween(from: Date, to: Date): number {
  return differenceInCalendarDays(new TZDate(to, BRUSSELS), new TZDate(from, BRUSSELS));
}

export interface CampaignDates {
  dueAt: Date;
  /** Null: late returns are accepted until the campaign closes. */
  graceDays: number | null;
}

export interface ReturnDates {
  /** An extension granted to this partner: its own due date. */
  extendedDueAt: Date | null;
}

/**
 * The due date that applies to one return: its extension, else the campaign's. An extension
 * only ever gives more time: if the campaign's date later moves past it, the later one applies.
 */
export function effectiveDueAt(annualReturn: ReturnDates, campaign: CampaignDates): Date {
  const extended = annualReturn.extendedDueAt;
  return extended && extended.getTime() > campaign.dueAt.getTime() ? extended : campaign.dueAt;
}

/**
 * The last moment a late return is still accepted: the end of the Brussels day `graceDays`
 * after its due date; null when the campaign sets no grace period (accepted until closing).
 */
export function acceptsUntil(annualReturn: ReturnDates, campaign: CampaignDates): Date | null {
  if (campaign.graceDays === null) return null;
  const due = effectiveDueAt(annualReturn, campaign);
  if (campaign.graceDays === 0) return due;
  return atBrussels(addBrusselsDays(brusselsDay(due), campaign.graceDays), "23:59");
}

/** Sent (or being sent) after its due date. */
export function isPastDue(annualReturn: ReturnDates, campaign: CampaignDates, now: Date) {
  return now.getTime() > effectiveDueAt(annualReturn, campaign).getTime();
}

/** Past the grace period: the partner can no longer send it (until an extension). */
export function isPastGrace(annualReturn: ReturnDates, campaign: CampaignDates, now: Date) {
  const until = acceptsUntil(annualReturn, campaign);
  return until !== null && now.getTime() > until.getTime();
}
