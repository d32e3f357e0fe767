// Production server: Express serving the React Router build. Our own server (rather than
// react-router-serve) so the request context carries the client IP for rate limits, so request
// bodies are refused at the door, and so shutdown closes the embedded database and stops the
// outbox worker cleanly.
import { randomBytes } from "node:crypto";
import { clearInterval, setInterval } from "node:timers";
import compression from "compression";
import express from "express";

import { configurationProblems, trustProxySetting } from "./server-config.js";
import { createRequestHandler, sendResponse } from "./server-handler.js";

// Checked before the app is loaded: loading it opens the database.
const problems = configurationProblems(process.env);
if (problems.length > 0) {
  console.error(`Refusing to start:\n- ${problems.join("\n- ")}`);
  process.exit(1);
}

const build = await import("./build/server/index.js");
const { allowedMethods, createLoadContext, maxRequestBodyBytes, refusal, shutdown } =
  build.entry.module;

// After an early answer (413, a redirect…), the rest of a body is read and thrown away, so the
// client, still sending, reads our answer instead of a reset connection. Up to a bound only:
// past it, or after a few seconds, the connection is closed.
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;
const DISCARD_LIMIT_MS = 10_000;
const DISCARD_GRACE_MS = 2_000;

const kDiscarding = Symbol("discarding");
const kLastRequest = Symbol("lastRequest");

/** Reads and drops what is left of a request's body; `whenDone` runs once it is all read. */
function discardRestOfBody(req, whenDone) {
  if (req.complete || req.destroyed) return whenDone?.();
  if (req[kDiscarding]) {
    if (whenDone) req[kDiscarding].push(whenDone);
    return;
  }
  const callbacks = whenDone ? [whenDone] : [];
  req[kDiscarding] = callbacks;
  const socket = req.socket;
  const startBytes = socket.bytesRead;
  const startedAt = Date.now();
  req.removeAllListeners("data");
  req.on("data", () => undefined);
  req.resume();
  const watch = setInterval(() => {
    const tooMuch = socket.bytesRead - startBytes > DISCARD_LIMIT_BYTES;
    if (!tooMuch && Date.now() - startedAt <= DISCARD_LIMIT_MS) return;
    clearInterval(watch);
    // Stop reading rather than close at once: closing with unread bytes resets the connection,
    // and a client still sending may lose our answer with it (seen on localhost, where 64 MB
    // arrive before the client has read the 413 page). Its window fills, it reads the answer;
    // the connection is closed a moment later.
    req.pause();
    socket.pause();
    setTimeout(() => socket.destroy(), DISCARD_GRACE_MS).unref();
  }, 50);
  watch.unref();
  let finished = false;
  const done = () => {
    if (finished) return;
    finished = true;
    clearInterval(watch);
    for (const callback of callbacks) callback();
  };
  req.once("end", done);
  req.once("close", done);
  socket.once("close", done);
}

/**
 * When the connection is not kept alive (the client sent "Connection: close", or HTTP/1.0),
 * Node closes the socket as soon as the answer is written, and a client still sending its
 * body gets a reset before it reads the answer. Instead: close our side (the client reads the
 * answer and end of stream), discard the rest of the body, then close (a lingering close).
 */
function lingerBeforeClosing(req) {
  const socket = req.socket;
  socket[kLastRequest] = req;
  if (socket.destroySoon.lingering) return;
  const destroySoon = socket.destroySoon;
  const lingering = function () {
    const last = socket[kLastRequest];
    if (!last || last.complete || last.destroyed) return destroySoon.call(this);
    if (this.writable) this.end();
    discardRestOfBody(last, () => this.destroy());
  };
  lingering.lingering = true;
  socket.destroySoon = lingering;
}

const isLoopbackAddress = (address) =>
  address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip"];

const app = express();
app.disable("x-powered-by");
// A number of hops or a list of proxy addresses/CIDRs; never "trust every hop" (a client
// could then choose its own IP through X-Forwarded-For).
app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));

app.use((req, res, next) => {
  lingerBeforeClosing(req);
  res.on("finish", () => discardRestOfBody(req));
  // URLs never legitimately hold control characters or broken percent-encoding; refusing
  // them here keeps them out of ids, query strings and the database (PostgreSQL refuses NUL).
  let decoded;
  try {
    decoded = decodeURIComponent(req.url);
  } catch {
    decoded = null;
  }
  // eslint-disable-next-line no-control-regex
  if (decoded === null || /[\u0000-\u001F\u007F]/.test(decoded)) {
    return refuse(req, res, 400);
  }
  // Only the methods the path's routes answer reach the router. Any other (TRACE, PUT, WebDAV's
  // PROPFIND…) would fail there (a web Request refuses TRACE outright; the others run a loader
  // or get a 405 without Allow, logged as an error): refused here, saying what is answered.
  const allow = allowedMethods(pathOf(req));
  // We serve no cross-origin callers: OPTIONS says what the path answers (no CORS headers, so
  // a browser's preflight fails) and never runs a loader, as React Router would for it.
  if (req.method === "OPTIONS") {
    res.status(204).set({ Allow: allow.join(", "), "Cache-Control": "no-store" });
    return res.end();
  }
  if (!allow.includes(req.method)) {
    return refuse(req, res, 405, { Allow: allow.join(", ") });
  }
  // Nothing the app accepts is larger: refuse before reading a byte. Bodies without a
  // Content-Length (chunked) are capped by each route while streaming (readFormData).
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxRequestBodyBytes) return refuse(req, res, 413);
  next();
});

/** The request's path, decoded as the router reads it ("/%61pi/…" is an API path too). */
function pathOf(req) {
  try {
    return decodeURIComponent(req.path);
  } catch {
    return req.path;
  }
}

/**
 * Answers a request refused before the router: the API's problem document under /api/, the
 * translated refusal page elsewhere (entry.server.tsx). Not logged: nothing of ours failed.
 */
function refuse(req, res, status, headers = {}) {
  const response = refusal(
    status,
    { pathname: pathOf(req), acceptLanguage: req.get("accept-language") },
    headers,
  );
  sendResponse(res, response).catch(() => res.destroy());
}

app.use(compression());
// `dotfiles: "ignore"` explicitly: send's default ignores only a dot *file*, and would serve
// build/client/.vite/manifest.json (the build's map of every module) from a dot *folder*.
app.use(
  "/assets",
  express.static("build/client/assets", {
    immutable: true,
    maxAge: "1y",
    index: false,
    dotfiles: "ignore",
  }),
);
app.use(express.static("build/client", { maxAge: "1h", index: false, dotfiles: "ignore" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: "production",
    getLoadContext: (req) =>
      createLoadContext({
        clientIp: req.ip ?? "unknown",
        loopback:
          isLoopbackAddress(req.socket.remoteAddress) &&
          FORWARDING_HEADERS.every((name) => req.headers[name] === undefined),
        requestId: randomBytes(6).toString("hex"),
      }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const server = app.listen(port, host, () => {
  console.log(
    `safe.brussels PGSP returns: http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
  );
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  server.close();
  try {
    await shutdown();
  } finally {
    process.exit(0);
  }
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
