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
import { isLanguage } from "~/modules/i18n/languages";
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

/**
 * The page server.js sends when it refuses a request before the router sees it (a declared
 * body above every limit, a URL with control characters): the same translated texts as the
 * root error boundary, in plain HTML that needs no script or stylesheet.
 */
export function refusalPage(status: 400 | 413, pathname: string) {
  const first = pathname.split("/")[1];
  const lang = isLanguage(first) ? first : "fr";
  const { errors, site } = resources[lang].common as typeof import("../locales/fr/common.json");
  const text = status === 413 ? errors.payloadTooLarge : errors.badRequest;
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${text.title} – ${site.name}`)}</title></head><body><main><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.body)}</p><p><a href="/${lang}">${escapeHtml(site.name)}</a></p></main></body></html>`;
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

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // The path, the request id and the error's class and code only: messages can hold what the
  // user typed (database errors quote the query's values) and query strings login tokens.
  const requestId = context?.get(requestIdContext) ?? "-";
  console.error(
    `[${requestId}] ${request.method} ${new URL(request.url).pathname}: ${describeError(error)}`,
  );
};
