// The read API's answers: JSON bodies, and refusals as RFC 9457 problem details
// (application/problem+json), never HTML and never cached. A refusal is thrown as an
// ApiProblem anywhere below a route and answered by apiRoute (handler.server.ts).

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

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  406: "Not acceptable",
  429: "Too many requests",
  500: "Internal server error",
};

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: { parameter?: string; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }

  toResponse(): Response {
    const body: ProblemBody = {
      type: "about:blank",
      title: TITLES[this.status] ?? "Error",
      status: this.status,
      detail: this.detail,
      ...(this.extra.parameter ? { parameter: this.extra.parameter } : {}),
    };
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: {
        ...API_HEADERS,
        "Content-Type": "application/problem+json",
        ...this.extra.headers,
      },
    });
  }
}

/** A parameter that cannot be read: 400, naming it. */
export function badParameter(parameter: string, detail: string): never {
  throw new ApiProblem(400, detail, { parameter });
}

export function apiJson(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { ...API_HEADERS, "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}
