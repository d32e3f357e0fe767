// Every API route answers through apiRoute: the token first (401/403/429 before anything else
// is read), then the endpoint; a refusal anywhere below is its problem document, and an
// unexpected failure a 500 problem (logged without its message, as the pages' errors are),
// never the site's HTML error page.
import { authenticateApi } from "./authenticate.server";
import { ApiProblem, apiLanguage } from "./problem.server";
import type { ApiScope } from "./token-form";
import { describeError } from "~/utils/log.server";

export async function apiRoute(
  request: Request,
  /** A scope the token needs; "any-token": any valid token; "public": no token. */
  access: ApiScope | "any-token" | "public",
  answer: (url: URL) => Promise<Response>,
): Promise<Response> {
  const url = new URL(request.url);
  try {
    if (access !== "public") await authenticateApi(request, access === "any-token" ? null : access);
    return await answer(url);
  } catch (error) {
    if (error instanceof ApiProblem) return error.toResponse(apiLanguage(request));
    console.error(`${request.method} ${url.pathname}: ${describeError(error)}`);
    return new ApiProblem(500, "internal").toResponse(apiLanguage(request));
  }
}

/** The answer to any method but GET (the API reads only). */
export function methodNotAllowed({ request }: { request: Request }): Response {
  return new ApiProblem(405, "readOnly", {}, { headers: { Allow: "GET, HEAD" } }).toResponse(
    apiLanguage(request),
  );
}
