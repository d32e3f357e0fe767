// The production server's bridge to React Router (server-handler.js): a streamed answer is
// written with backpressure and without keeping what was written, a client that leaves stops
// the producer, a failing body cuts the answer, and the web Request carries what Express got.
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import compression from "compression";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { sendResponse, webRequest } from "../../server-handler.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** An Express app answering every request with `answer(req, res)`; its base URL. */
async function serve(
  answer: express.RequestHandler,
  { trustProxy = false, compress = false } = {},
) {
  const app = express();
  app.set("trust proxy", trustProxy);
  if (compress) app.use(compression());
  app.all("*", answer);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, resolve);
    req.on("error", reject);
    req.end();
  });
}

const MB = 1024 * 1024;

describe("the answer's body", () => {
  it("lets each chunk go once it is written, while the answer is still going", async () => {
    // 120 chunks of 256 kB are sent; then the producer waits, the answer still open.
    const written: WeakRef<Uint8Array>[] = [];
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let sent: Promise<void> | null = null;
    const url = await serve((_req, res) => {
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (written.length === 120) await gate;
          if (written.length === 130) return controller.close();
          const chunk = new Uint8Array(256 * 1024).fill(65);
          written.push(new WeakRef(chunk));
          controller.enqueue(chunk);
        },
      });
      sent = sendResponse(res, new Response(body));
    });

    const response = await get(url);
    let received = 0;
    const firstHundredArrived = new Promise<void>((resolve) => {
      response.on("data", (data: Buffer) => {
        received += data.length;
        if (received >= 100 * 256 * 1024) resolve();
      });
    });
    const ended = new Promise((resolve) => response.on("end", resolve));
    await firstHundredArrived;
    await sleep(50);
    for (let i = 0; i < 3; i++) {
      gc();
      await sleep(10);
    }
    // React Router's own writer (7.18) kept all of them until the answer's end.
    const kept = written.slice(0, 100).filter((ref) => ref.deref() !== undefined).length;
    expect(kept).toBeLessThanOrEqual(2);

    openGate();
    await ended;
    await sent;
    expect(received).toBe(130 * 256 * 1024);
  });

  it("is produced no faster than a slow client reads it", async () => {
    let produced = 0;
    const url = await serve((_req, res) => {
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (produced === 64) return controller.close();
          produced++;
          controller.enqueue(new Uint8Array(MB).fill(66));
        },
      });
      void sendResponse(res, new Response(body));
    });

    const response = await get(url);
    response.pause();
    await sleep(300);
    // The socket's buffers on both sides hold a few megabytes; the rest waits to be asked for.
    expect(produced).toBeLessThan(24);

    let received = 0;
    response.on("data", (data: Buffer) => (received += data.length));
    response.resume();
    await new Promise((resolve) => response.on("end", resolve));
    expect(received).toBe(64 * MB);
    expect(produced).toBe(64);
  });

  it("stops its producer when the client leaves", async () => {
    let cancelled: (reason: unknown) => void;
    const cancel = new Promise<unknown>((resolve) => (cancelled = resolve));
    let sent: Promise<void> | null = null;
    const url = await serve((_req, res) => {
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(new Uint8Array(64 * 1024).fill(67));
        },
        cancel(reason) {
          cancelled(reason);
        },
      });
      sent = sendResponse(res, new Response(body));
    });

    const response = await get(url);
    await new Promise((resolve) => response.once("data", resolve));
    response.destroy();
    // Cancelled without an error of ours, and the answer settled without throwing.
    expect(await cancel).toBeUndefined();
    await expect(sent).resolves.toBeUndefined();
  });

  it("cuts the answer when the body fails half-way, rather than ending it as if whole", async () => {
    let sent: Promise<void> | null = null;
    const url = await serve((_req, res) => {
      let chunks = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (chunks++ === 2) return controller.error(new Error("the database went away"));
          controller.enqueue(new TextEncoder().encode("line;of;csv\r\n"));
        },
      });
      sent = sendResponse(res, new Response(body, { headers: { "content-type": "text/csv" } }));
    });

    // Cut before or after the first bytes: either way the client never sees an end.
    const outcome = await get(url).then(
      (response) =>
        new Promise<string>((resolve) => {
          let text = "";
          response.on("data", (data: Buffer) => (text += data.toString()));
          response.on("end", () => resolve(`ended after ${text.length} characters`));
          response.on("error", () => resolve("cut"));
          response.on("aborted", () => resolve("cut"));
        }),
      () => "cut",
    );
    expect(outcome).toBe("cut");
    await expect(sent).resolves.toBeUndefined();
  });

  it("sends a page's chunks through compression at once, and lets a download compress whole", async () => {
    const flushes: Record<string, number> = {};
    const base = await serve(
      (req, res) => {
        const kind = req.path.slice(1);
        flushes[kind] = 0;
        const flush = res.flush.bind(res);
        res.flush = () => {
          flushes[kind]!++;
          flush();
        };
        let chunks = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (chunks++ === 10) return controller.close();
            controller.enqueue(new TextEncoder().encode("année;mesure;commune\r\n".repeat(200)));
          },
        });
        const headers: Record<string, string> =
          kind === "page"
            ? { "content-type": "text/html; charset=utf-8" }
            : {
                "content-type": "text/csv; charset=utf-8",
                "content-disposition": 'attachment; filename="base-de-donnees.csv"',
              };
        void sendResponse(res, new Response(body, { headers }));
      },
      { compress: true },
    );

    for (const kind of ["page", "download"]) {
      const response = await get(`${base}/${kind}`, { "accept-encoding": "gzip" });
      expect(response.headers["content-encoding"]).toBe("gzip");
      response.resume();
      await new Promise((resolve) => response.on("end", resolve));
    }
    expect(flushes).toEqual({ page: 10, download: 0 });
  });

  it("sends the status, every Set-Cookie and no body where there is none", async () => {
    const url = await serve((_req, res) => {
      const headers = new Headers({ "content-type": "text/plain; charset=utf-8" });
      headers.append("set-cookie", "a=1; Path=/; HttpOnly");
      headers.append("set-cookie", "b=2; Path=/; HttpOnly");
      void sendResponse(
        res,
        new Response(_req.method === "HEAD" ? null : "créé", {
          status: 201,
          statusText: "Created",
          headers,
        }),
      );
    });

    const response = await get(url);
    let text = "";
    response.setEncoding("utf8").on("data", (data: string) => (text += data));
    await new Promise((resolve) => response.on("end", resolve));
    expect(response.statusCode).toBe(201);
    expect(response.statusMessage).toBe("Created");
    expect(response.headers["set-cookie"]).toEqual([
      "a=1; Path=/; HttpOnly",
      "b=2; Path=/; HttpOnly",
    ]);
    expect(text).toBe("créé");

    const head = await get(url, {}, "HEAD");
    head.resume();
    await new Promise((resolve) => head.on("end", resolve));
    expect(head.statusCode).toBe(201);
  });
});

describe("the web Request", () => {
  it("has the URL the client asked for, the port of a trusted proxy's host, and the body", async () => {
    const seen: { url: string; body: string; cookie: string | null }[] = [];
    const answer: express.RequestHandler = async (req, res) => {
      const request = webRequest(req, res);
      seen.push({
        url: request.url,
        body: request.method === "POST" ? await request.text() : "",
        cookie: request.headers.get("cookie"),
      });
      res.end();
    };
    const direct = await serve(answer);
    const port = new URL(direct).port;
    const posted = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(
        `${direct}/fr/staff/dataset?year=2023`,
        { method: "POST", headers: { cookie: "sb_session=x", "content-type": "text/plain" } },
        resolve,
      );
      req.on("error", reject);
      req.end("données envoyées");
    });
    posted.resume();
    await new Promise((resolve) => posted.on("end", resolve));
    expect(seen[0]).toEqual({
      url: `http://127.0.0.1:${port}/fr/staff/dataset?year=2023`,
      body: "données envoyées",
      cookie: "sb_session=x",
    });

    // Behind a trusted proxy, its forwarded host and protocol; untrusted, they are ignored.
    const proxied = await serve(answer, { trustProxy: true });
    const viaProxy = await get(`${proxied}/nl/`, {
      "x-forwarded-host": "veiligheid.example.brussels:8443",
      "x-forwarded-proto": "https",
    });
    viaProxy.resume();
    await new Promise((resolve) => viaProxy.on("end", resolve));
    expect(seen[1]!.url).toBe("https://veiligheid.example.brussels:8443/nl/");

    const spoofed = await get(`${direct}/nl/`, { "x-forwarded-host": "evil.example:1" });
    spoofed.resume();
    await new Promise((resolve) => spoofed.on("end", resolve));
    expect(seen[2]!.url).toBe(`http://127.0.0.1:${port}/nl/`);

    // A path that looks like another host stays a path of this one.
    const doubleSlash = await get(`${direct}//evil.example/fr/`);
    doubleSlash.resume();
    await new Promise((resolve) => doubleSlash.on("end", resolve));
    expect(seen[3]!.url).toBe(`http://127.0.0.1:${port}//evil.example/fr/`);
  });

  it("is aborted when the client leaves before the answer, not after it", async () => {
    const signals: AbortSignal[] = [];
    let left!: () => void;
    const clientLeft = new Promise<void>((resolve) => (left = resolve));
    const url = await serve(async (req, res) => {
      const request = webRequest(req, res);
      signals.push(request.signal);
      if (req.path === "/slow") {
        await clientLeft;
        await sleep(50);
        return;
      }
      res.end("done");
    });

    const quick = await get(`${url}/quick`);
    quick.resume();
    await new Promise((resolve) => quick.on("end", resolve));
    await sleep(20);
    expect(signals[0]!.aborted).toBe(false);

    const slow = httpRequest(`${url}/slow`);
    slow.on("error", () => {});
    slow.end();
    await sleep(100);
    slow.destroy();
    left();
    await sleep(100);
    expect(signals[1]!.aborted).toBe(true);
  });
});
