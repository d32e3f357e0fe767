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

export function formatNumber(value: number, lang: Language) {
  return new Intl.NumberFormat(localeFor(lang)).format(value);
}

export function formatEuros(cents: number, lang: Language) {
  return new Intl.NumberFormat(localeFor(lang), { style: "currency", currency: "EUR" }).format(
    cents / 100,
  );
}
