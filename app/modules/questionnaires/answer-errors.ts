// An answer's error travels as one string (an i18n key of the "returns" namespace with its
// parameters, "key?a=1&b=2"), so the same check yields the same message in the browser and
// in the action, and it is translated only when shown, in the reader's language.

export type ErrorMessage = string;
export interface AnswerError {
  path: (string | number)[];
  message: ErrorMessage;
}

export function answerError(key: string, params?: Record<string, string | number>): ErrorMessage {
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
