import { type Language, localeFor, timeZone } from "./languages";

// Making an Intl formatter costs far more than formatting with it (a page's render spent more
// time creating them than in its fields): one per language and style, made once.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(
  key: string,
  lang: Language,
  make: (locale: string) => F,
): F {
  const cacheKey = `${key}:${lang}`;
  let known = formatters.get(cacheKey) as F | undefined;
  if (!known) {
    known = make(localeFor(lang));
    formatters.set(cacheKey, known);
  }
  return known;
}

export function formatDate(date: Date | string, lang: Language) {
  return formatter(
    "date",
    lang,
    (locale) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }),
  ).format(new Date(date));
}

export function formatDateTime(date: Date | string, lang: Language) {
  return formatter(
    "dateTime",
    lang,
    (locale) =>
      new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }),
  ).format(new Date(date));
}

/** Hours and minutes in Brussels ("14:05"). */
export function formatTime(date: Date | string | number, lang: Language) {
  return formatter(
    "time",
    lang,
    (locale) => new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone }),
  ).format(new Date(date));
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
  return formatter(
    "calendarDate",
    lang,
    (locale) =>
      new Intl.DateTimeFormat(locale, {
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
        timeZone: "UTC",
      }),
  ).format(date);
}

export function formatNumber(value: number, lang: Language) {
  return formatter("number", lang, (locale) => new Intl.NumberFormat(locale)).format(value);
}

export function formatEuros(cents: number, lang: Language) {
  return formatter(
    "euros",
    lang,
    (locale) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }),
  ).format(cents / 100);
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
