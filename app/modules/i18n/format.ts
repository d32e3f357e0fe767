import { type Language, localeFor, timeZone } from "./languages";

export function formatDate(date: Date | string, lang: Language) {
  return new Intl.DateTimeFormat(localeFor(lang), { dateStyle: "long", timeZone }).format(
    new Date(date),
  );
}

export function formatDateTime(date: Date | string, lang: Language) {
  return new Intl.DateTimeFormat(localeFor(lang), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(date));
}

/**
 * A calendar date kept as ISO ("2023-01-05") written as the date field shows it: 05/01/2023.
 * Not an instant: formatted in UTC so no time zone can shift the day. Anything else is
 * returned as given.
 */
export function formatCalendarDate(isoDate: string, lang: Language) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(localeFor(lang), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

export function formatNumber(value: number, lang: Language) {
  return new Intl.NumberFormat(localeFor(lang)).format(value);
}

export function formatEuros(cents: number, lang: Language) {
  return new Intl.NumberFormat(localeFor(lang), { style: "currency", currency: "EUR" }).format(
    cents / 100,
  );
}

/**
 * The instant of a wall-clock time in Brussels ("2024-03-31", "23:59"), whatever the server's
 * time zone and whether summer time applies that day.
 */
export function brusselsTime(isoDate: string, time = "00:00"): Date {
  const naive = new Date(`${isoDate}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(naive);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asBrussels = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
  );
  const offset = asBrussels - naive.getTime();
  return new Date(naive.getTime() - offset);
}
