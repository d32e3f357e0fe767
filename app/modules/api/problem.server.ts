// The read API's answers: JSON bodies, and refusals as RFC 9457 problem details
// (application/problem+json), never HTML and never cached. A refusal is thrown as an
// ApiProblem anywhere below a route and answered by apiRoute (handler.server.ts), its title
// and detail in the caller's language (Accept-Language: French or Dutch, French by default).
import { getFixedT } from "~/modules/i18n/i18n.server";
import { detectLanguage, type Language } from "~/modules/i18n/languages";
import apiStrings from "../../../locales/fr/api.json";

/** Every API answer: nothing is cached (tokens read data staff may withdraw at any time). */
export const API_HEADERS: Record<string, string> = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  // The answers are data, never a document: nothing in them may run or be framed.
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The query or path parameter at fault (400). */
  parameter?: string;
}

/** The problems' details, by key: those of locales/<lang>/api.json, "problems". */
export type ProblemKey = Exclude<keyof (typeof apiStrings)["problems"], "titles">;

/** The statuses that have a title of their own (the others are titled "Error"). */
const TITLED = new Set(Object.keys(apiStrings.problems.titles));

/** The language of the API's problems: Accept-Language (no cookie: tokens, not sessions). */
export function apiLanguage(request: Request): Language {
  return detectLanguage(undefined, request.headers.get("accept-language"));
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly key: ProblemKey,
    readonly values: Record<string, string | number> = {},
    readonly extra: { parameter?: string; headers?: Record<string, string> } = {},
  ) {
    super(key);
  }

  toResponse(lang: Language): Response {
    const t = getFixedT(lang, "api");
    const body: ProblemBody = {
      type: "about:blank",
      title: t(
        TITLED.has(String(this.status))
          ? (`problems.titles.${this.status}` as "problems.titles.400")
          : "problems.titles.other",
      ),
      status: this.status,
      detail: t(`problems.${this.key}`, this.values),
      ...(this.extra.parameter ? { parameter: this.extra.parameter } : {}),
    };
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: {
        ...API_HEADERS,
        "Content-Type": "application/problem+json",
        "Content-Language": lang,
        Vary: "Accept-Language",
        ...this.extra.headers,
      },
    });
  }
}

/** A parameter that cannot be read: 400, naming it. */
export function badParameter(
  parameter: string,
  key: ProblemKey,
  values: Record<string, string | number> = {},
): never {
  throw new ApiProblem(400, key, { name: parameter, ...values }, { parameter });
}

export function apiJson(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { ...API_HEADERS, "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}
