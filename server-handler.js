// The bridge between Express and React Router, in place of @react-router/express's. It builds
// the same web Request from Express's (its body streamed, its signal aborted when the client
// goes away), and writes the answer's body to the client chunk by chunk, waiting whenever the
// socket's buffer is full.
//
// Ours because @react-router/node 7.18, the last line that runs on Node 20, keeps every chunk of
// a response until the response ends: it races each read against one promise that lives as
// long as the response (remix-run/react-router#15247, fixed in 8.x only). A 146 MB dataset
// CSV held 146 MB of the server's memory until its last byte (docs/benchmarks.md). Here each
// wait has its own listener, dropped as soon as the wait is over, and nothing refers to a
// chunk once it is written.
import { createReadableStreamFromReadable } from "@react-router/node";
import { createRequestHandler as createReactRouterHandler } from "react-router";

/** The client went away before the answer was written: not an error of ours. */
export class ResponseGone extends Error {
  constructor() {
    super("The client closed the connection before the answer was written");
  }
}

const gone = (res) => res.destroyed || res.writableEnded;

/**
 * `promise`, or a ResponseGone rejection if the response closes first. The listener is
 * removed once either happens, so a long response gathers nothing wait after wait.
 */
function unlessGone(res, promise) {
  if (gone(res)) return Promise.reject(new ResponseGone());
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new ResponseGone());
    res.once("close", onClose);
    promise.then(
      (value) => {
        res.off("close", onClose);
        resolve(value);
      },
      (error) => {
        res.off("close", onClose);
        reject(error);
      },
    );
  });
}

const drained = (res) => new Promise((resolve) => res.once("drain", resolve));

/**
 * Writes a web stream to a Node response and ends it. Waits for "drain" when a write fills the
 * socket's buffer, so a slow client slows the producer rather than filling our memory. If the
 * client goes away, the stream is cancelled (its producer stops) and this returns; if the
 * stream fails, the response is destroyed (the client sees a cut answer, never a whole one).
 */
export async function writeBody(body, res) {
  const reader = body.getReader();
  // A download is read as a whole: compression may wait for enough to compress well. A page or a
  // data answer may be read as it comes (streamed rendering): each chunk leaves at once.
  const flushEachChunk =
    typeof res.flush === "function" &&
    !/^\s*attachment/i.test(String(res.getHeader("content-disposition") ?? ""));
  try {
    for (;;) {
      const { done, value } = await unlessGone(res, reader.read());
      if (done) break;
      if (gone(res)) throw new ResponseGone();
      const roomLeft = res.write(value);
      if (flushEachChunk) res.flush();
      if (!roomLeft) await unlessGone(res, drained(res));
    }
    res.end();
  } catch (error) {
    const clientLeft = error instanceof ResponseGone;
    reader.cancel(clientLeft ? undefined : error).catch(() => {});
    if (!clientLeft && !res.destroyed) res.destroy(error);
    if (!clientLeft) throw error;
  } finally {
    try {
      reader.releaseLock();
    } catch {
      // a read still pending after the client left: nothing more will be read
    }
  }
}

/** The port a Host (or X-Forwarded-Host) header names, if any: "example.org:8443" → "8443". */
function portOf(host) {
  const first = host?.split(",")[0]?.trim() ?? "";
  const port = /:(\d+)$/.exec(first)?.[1];
  return port && Number.isSafeInteger(Number(port)) ? port : "";
}

/** The web Request for an Express request; its signal aborts if the client leaves early. */
export function webRequest(req, res) {
  const trusted = req.app?.enabled("trust proxy") ?? false;
  const port = (trusted ? portOf(req.get("x-forwarded-host")) : "") || portOf(req.get("host"));
  const hostname = req.hostname?.split(/[\\/?#@]/)[0] || "localhost";
  // The path is appended to the origin, never resolved against it: "//other.example/x" is a
  // path on this host, not another host.
  const url = new URL(
    `${req.protocol}://${hostname}${port ? `:${port}` : ""}${req.originalUrl ?? req.url}`,
  );

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const each of Array.isArray(value) ? value : [value]) headers.append(name, each);
  }

  const controller = new AbortController();
  let answered = false;
  res.on("finish", () => (answered = true));
  res.on("close", () => {
    if (!answered) controller.abort();
  });

  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url, init);
}

/** Sends a web Response through an Express response. */
export async function sendResponse(res, response) {
  if (gone(res)) {
    await response.body?.cancel();
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  // Each Set-Cookie comes on its own from the iteration, and is appended as its own header.
  for (const [name, value] of response.headers) res.append(name, value);
  if (/text\/event-stream/i.test(response.headers.get("content-type") ?? "")) res.flushHeaders();
  if (!response.body) return void res.end();
  try {
    await writeBody(response.body, res);
  } catch (error) {
    // A body that failed half-way has already cut the answer (the producer reports its error).
    if (gone(res)) return;
    throw error;
  }
}

/** Express middleware answering with the React Router build. */
export function createRequestHandler({ build, getLoadContext, mode = process.env.NODE_ENV }) {
  const handleRequest = createReactRouterHandler(build, mode);
  return async (req, res, next) => {
    try {
      const request = webRequest(req, res);
      const context = await getLoadContext?.(req, res);
      await sendResponse(res, await handleRequest(request, context));
    } catch (error) {
      next(error);
    }
  };
}
