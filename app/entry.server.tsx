import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
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
import { startBackgroundWork, stopBackgroundWork } from "~/utils/boot.server";
import { env } from "~/utils/env.server";
import { NonceProvider } from "~/utils/nonce";
import { clientIpContext } from "~/utils/request-context";

export const streamTimeout = 5_000;

startBackgroundWork();

/** Called by server.js for every request. */
export function createLoadContext(input: { clientIp: string }) {
  const context = new RouterContextProvider();
  context.set(clientIpContext, input.clientIp);
  return context;
}

export async function shutdown() {
  await stopBackgroundWork();
}

function securityHeaders(headers: Headers, nonce: string, request: Request) {
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
  if (hasSessionCookie(request)) headers.set("Cache-Control", "no-store");
}

const hasSessionCookie = (request: Request) =>
  /(^|;\s*)(__Host-)?sb_session=/.test(request.headers.get("cookie") ?? "");

/** Data requests of client-side navigations carry the same data as pages: same rules. */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  response.headers.set("X-Content-Type-Options", "nosniff");
  if (hasSessionCookie(request) || !env.isProduction)
    response.headers.set("Cache-Control", "no-store");
  return response;
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  // In development Vite injects inline scripts of its own; the policy applies to builds.
  if (env.isProduction) securityHeaders(responseHeaders, nonce, request);
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
          const body = new PassThrough();
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
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  // Log the path only: query strings may carry login tokens.
  console.error(`Error on ${new URL(request.url).pathname}:`, error);
};
