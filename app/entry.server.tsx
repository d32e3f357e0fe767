import { randomBytes } from "node:crypto";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import {
  type EntryContext,
  RouterContextProvider,
  ServerRouter,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from "react-router";
import { ApiProblem, type ProblemKey } from "~/modules/api/problem.server";
import { detectLanguage, isLanguage } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { registerStrings } from "~/modules/i18n/strings";
import { MAX_UPLOAD_REQUEST_BYTES } from "~/modules/returns/attachments.server";
import { hasSessionCookie } from "~/modules/auth/cookies.server";
import { settleLoginLinks } from "~/modules/auth/magic-link.server";
import { startBackgroundWork, stopBackgroundWork } from "~/boot.server";
import { CoalescingStream } from "~/utils/coalescing-stream.server";
import { env } from "~/utils/env.server";
import { describeError } from "~/utils/log.server";
import { NonceProvider } from "~/utils/nonce";
import { clientIpContext, loopbackClientContext, requestIdContext } from "~/utils/request-context";

export const streamTimeout = 5_000;

startBackgroundWork();
// The server renders pages in either language, synchronously.
registerStrings("fr", resources.fr);
registerStrings("nl", resources.nl);

/**
 * server.js refuses a declared Content-Length above this before anything is read. Twice the
 * largest body a route accepts (a section upload), so that a body just over a route's own cap
 * still reaches the route and gets its precise answer (the section page answers 413 with the
 * saved answers, which its autosaving form understands); each route caps while streaming.
 */
export const maxRequestBodyBytes = 2 * MAX_UPLOAD_REQUEST_BYTES;

/** Called by server.js for every request. */
export function createLoadContext(input: {
  clientIp: string;
  loopback: boolean;
  requestId: string;
}) {
  const context = new RouterContextProvider();
  context.set(clientIpContext, input.clientIp);
  context.set(loopbackClientContext, input.loopback);
  context.set(requestIdContext, input.requestId);
  return context;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The read API's paths, matched as the router matches its routes (whatever the case). */
const isApiPath = (pathname: string) => /^\/api(\/|$)/i.test(pathname);

/**
 * The methods the app answers at a path, for server.js: it refuses any other (405) and answers
 * OPTIONS itself. The read API only reads; pages also take form posts. HEAD is GET without
 * its body (a file's HEAD reads no file: return-attachment.tsx).
 */
export function allowedMethods(pathname: string): string[] {
  return isApiPath(pathname) ? ["GET", "HEAD"] : ["GET", "HEAD", "POST"];
}

/** The statuses server.js answers itself, before the router. */
export type RefusalStatus = 400 | 405 | 413;

const REFUSAL_PAGE_TEXTS = {
  400: "badRequest",
  405: "methodNotAllowed",
  413: "payloadTooLarge",
} as const satisfies Record<RefusalStatus, string>;

const REFUSAL_PROBLEMS: Record<RefusalStatus, ProblemKey> = {
  400: "malformedUrl",
  405: "readOnly",
  413: "bodyTooLarge",
};

/**
 * The page server.js sends when it refuses a request before the router sees it (a declared
 * body above every limit, a URL with control characters, a method the site does not use): the
 * same translated texts as the root error boundary, in plain HTML that needs no script or
 * stylesheet.
 */
export function refusalPage(status: RefusalStatus, pathname: string) {
  const first = pathname.split("/")[1];
  const lang = isLanguage(first) ? first : "fr";
  const { errors, site } = resources[lang].common as typeof import("../locales/fr/common.json");
  const text = errors[REFUSAL_PAGE_TEXTS[status]];
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${text.title} – ${site.name}`)}</title></head><body><main><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.body)}</p><p><a href="/${lang}">${escapeHtml(site.name)}</a></p></main></body></html>`;
}

/**
 * server.js's answer to a request it refuses before the router: under /api/, the API's own
 * problem document (application/problem+json, in the Accept-Language's language), as the
 * API's clients read every other refusal; elsewhere the refusal page, in the path's language.
 */
export function refusal(
  status: RefusalStatus,
  request: { pathname: string; acceptLanguage: string | undefined },
  headers: Record<string, string> = {},
): Response {
  if (isApiPath(request.pathname)) {
    const lang = detectLanguage(undefined, request.acceptLanguage ?? null);
    return new ApiProblem(status, REFUSAL_PROBLEMS[status], {}, { headers }).toResponse(lang);
  }
  return new Response(refusalPage(status, request.pathname), {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      ...headers,
    },
  });
}

export async function shutdown() {
  // Login links are issued after the answer: let those already answered be written (bounded).
  await Promise.race([settleLoginLinks(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  await stopBackgroundWork();
}

function securityHeaders(headers: Headers, nonce: string, signedIn: boolean) {
  headers.set(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
  );
  headers.set("X-Content-Type-Options", "nosniff");
  // "same-origin", not "no-referrer": with no-referrer Chromium sends "Origin: null" on plain
  // form posts, which the router's CSRF check rightly refuses (forms must work without JS).
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (env.isProduction && !env.insecureCookies) {
    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  // Pages seen with a session may hold personal or partner data: never cache them.
  if (signedIn) headers.set("Cache-Control", "no-store");
}

/** Data requests of client-side navigations carry the same data as pages: same rules. */
export const handleDataRequest: HandleDataRequestFunction = async (response, { request }) => {
  response.headers.set("X-Content-Type-Options", "nosniff");
  if (!env.isProduction || (await hasSessionCookie(request)))
    response.headers.set("Cache-Control", "no-store");
  return response;
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  // In development Vite injects inline scripts of its own; the policy applies to builds.
  if (env.isProduction) securityHeaders(responseHeaders, nonce, await hasSessionCookie(request));
  else responseHeaders.set("Cache-Control", "no-store");

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";

    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new CoalescingStream();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) {
            console.error(
              `render error on ${new URL(request.url).pathname}: ${describeError(error)}`,
            );
          }
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * The Origin of a form post the router refused as cross-site (its CSRF check answers 400 and
 * hands us its error), or null for any other error. The router's test (react-router
 * lib/actions.ts): an Origin that is not the request's own origin. Its errors say "Aborting the
 * action" (a page) or "Bad Request" (a data request); a resource route's own error on a
 * cross-site post has neither, and stays an error.
 */
function crossSiteOrigin(request: Request, error: unknown): string | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  if (!(error instanceof Error) || !/^Bad Request$|Aborting the action\.$/.test(error.message))
    return null;
  const origin = request.headers.get("origin");
  if (!origin) return null;
  let parsed: string;
  try {
    parsed = new URL(origin).origin;
  } catch {
    return origin === "null" ? "null" : "(not a URL)";
  }
  return parsed === new URL(request.url).origin ? null : parsed;
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // The path, the request id and the error's class and code only: messages can hold what the
  // user typed (database errors quote the query's values) and query strings login tokens.
  const requestId = context?.get(requestIdContext) ?? "-";
  const where = `[${requestId}] ${request.method} ${new URL(request.url).pathname}`;
  // A refused cross-site post is the check doing its job, not a fault of ours: one line, no
  // stack (its Origin, parsed, so that nothing else of the header reaches the log).
  const origin = crossSiteOrigin(request, error);
  if (origin !== null) {
    console.warn(`${where}: cross-site request refused (Origin ${origin})`);
    return;
  }
  console.error(`${where}: ${describeError(error)}`);
};
