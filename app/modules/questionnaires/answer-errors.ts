// An answer's error travels as one string (an i18n key of the "returns" namespace with its
// parameters, "key?a=1&b=2"), so the same check yields the same message in the browser and
// in the action, and it is translated only when shown, in the reader's language.
import { formatCalendarDate, formatNumber } from "~/modules/i18n/format";
import type { Key } from "~/modules/i18n/keys";
import type { Language } from "~/modules/i18n/languages";

export type ErrorMessage = string;
export interface AnswerError {
  path: (string | number)[];
  message: ErrorMessage;
}

/** The name of an answer error: a key under "errors" of the returns strings, checked by tsc. */
export type AnswerErrorName =
  Key<"returns"> extends infer K ? (K extends `errors.${infer Name}` ? Name : never) : never;

export function answerError(
  key: AnswerErrorName,
  params?: Record<string, string | number>,
): ErrorMessage {
  if (!params) return `errors.${key}`;
  return `errors.${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
}

export function parseErrorMessage(message: string): {
  key: string;
  params: Record<string, string>;
} {
  const [key = "", query = ""] = message.split("?");
  return { key, params: Object.fromEntries(new URLSearchParams(query)) };
}

/** Parameters that are ISO dates (a date question's bounds), per message. */
const DATE_PARAMS: Readonly<Record<string, readonly string[]>> = {
  "errors.dateMin": ["min"],
  "errors.dateMax": ["max"],
};

/** Parameters that are numbers (bounds), per message: grouped as the language writes them. */
const NUMBER_PARAMS: Readonly<Record<string, readonly string[]>> = {
  "errors.min": ["min"],
  "errors.max": ["max"],
};

/**
 * The message in the reader's language, dates written as the date field shows them
 * (01/01/2023), not as the template stores them (2023-01-01), and numbers as the language
 * groups their digits (1 000 000, 1.000.000).
 */
export function answerErrorText(
  message: ErrorMessage,
  lang: Language,
  t: (key: string, params: Record<string, string>) => string,
): string {
  const { key, params } = parseErrorMessage(message);
  for (const name of DATE_PARAMS[key] ?? []) {
    const value = params[name];
    if (value !== undefined) params[name] = formatCalendarDate(value, lang);
  }
  for (const name of NUMBER_PARAMS[key] ?? []) {
    const value = Number(params[name]);
    if (params[name] !== undefined && Number.isFinite(value))
      params[name] = formatNumber(value, lang);
  }
  return t(key, params);
}
