// The HTTP edge of the production server, through real sockets: body limits answered (not
// reset), control characters, content types, links built from configuration, proxies, the
// logout Origin check, the login-confirm page's headers, the development mailbox, and logs.
import http from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSmtpSink, type SmtpSink } from "../fixtures/smtp-sink";
import { startBuiltServer, type BuiltServer } from "./server";

const fr = JSON.parse(readFileSync("locales/fr/common.json", "utf8"));
const nl = JSON.parse(readFileSync("locales/nl/common.json", "utf8"));

const partnerFr = "demo.partenaire@example.org";
const partnerNl = "demo.partner@example.org";
const admin = "admin@example.org";

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
  /** Bytes of the request body written before the answer came. */
  written: number;
}

/**
 * Sends a request with node:http, writing `bodyBytes` bytes of `chunk` (declared with
 * Content-Length unless `chunked`), and resolves as soon as the answer is read: it fails on a
 * reset connection, which is what a refused upload must not get.
 */
function send(
  base: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    bodyBytes?: number;
    chunk?: string;
    chunked?: boolean;
  },
): Promise<RawResponse> {
  const url = new URL(options.path, base);
  const started = Date.now();
  const single = options.body !== undefined ? Buffer.from(options.body) : undefined;
  const total = single ? single.length : (options.bodyBytes ?? 0);
  const headers: Record<string, string> = { ...options.headers };
  if (options.chunked) headers["Transfer-Encoding"] = "chunked";
  else if (options.method !== "GET") headers["Content-Length"] = String(total);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? "POST",
        headers,
      },
      (response) => {
        answered = true;
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () => {
          request.destroy();
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(parts).toString("utf8"),
            ms: Date.now() - started,
            written,
          });
        });
        response.on("error", reject);
      },
    );
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (single) {
      request.end(single);
      written = single.length;
      return;
    }
    const piece = Buffer.from((options.chunk ?? "a").repeat(64 * 1024)).subarray(0, 64 * 1024);
    const pump = () => {
      while (!answered && written < total) {
        const slice = piece.subarray(0, Math.min(piece.length, total - written));
        written += slice.length;
        if (!request.write(slice)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

function rssKb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const urlencoded = { "Content-Type": "application/x-www-form-urlencoded" };

async function getHtml(server: BuiltServer, path: string, cookie?: string) {
  const response = await fetch(server.url + path, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

describe("production server, default configuration", () => {
  let server: BuiltServer;
  let sink: SmtpSink;
  let sectionPath = "";
  let sectionVersion = "";
  let previewPath = "";
  const cookieOf = (email: string) => server.cookies[email] ?? "";

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startBuiltServer({
      sessions: [partnerFr, partnerNl, admin],
      env: { SMTP_URL: sink.url, OUTBOX_WORKER: "on", OUTBOX_POLL_MS: "100" },
    });
    const home = await getHtml(server, "/fr/partner", cookieOf(partnerFr));
    const returnPath = /href="(\/fr\/partner\/returns\/[A-Za-z0-9]+)"/.exec(home.html)?.[1];
    const tasks = await getHtml(server, returnPath ?? "/missing", cookieOf(partnerFr));
    sectionPath = /href="(\/fr\/partner\/returns\/[A-Za-z0-9]+\/sections\/[A-Za-z0-9]+)"/.exec(
      tasks.html,
    )![1]!;
    const section = await getHtml(server, sectionPath, cookieOf(partnerFr));
    sectionVersion = /name="_version" value="(\d+)"/.exec(section.html)![1]!;
    const templates = await getHtml(server, "/fr/staff/templates", cookieOf(admin));
    const templatePath = /href="(\/fr\/staff\/templates\/(?!import)[A-Za-z0-9]+)"/.exec(
      templates.html,
    )![1]!;
    const template = await getHtml(server, templatePath, cookieOf(admin));
    previewPath = /href="(\/fr\/staff\/templates\/[A-Za-z0-9]+\/preview\/[A-Za-z0-9]+)"/.exec(
      template.html,
    )![1]!;
  });

  afterAll(async () => {
    await server?.stop();
    await sink?.close();
  });

  test("each page preloads its own language's strings chunk, and only that one", async () => {
    const preloads = async (path: string) => {
      const html = await (await fetch(server.url + path)).text();
      return [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!);
    };
    const fr = (await preloads("/fr/accessibility")).filter((href) => /\/(fr|nl)-/.test(href));
    const nl = (await preloads("/nl/accessibility")).filter((href) => /\/(fr|nl)-/.test(href));
    expect(fr).toEqual([expect.stringMatching(/^\/assets\/fr-[\w-]+\.js$/)]);
    expect(nl).toEqual([expect.stringMatching(/^\/assets\/nl-[\w-]+\.js$/)]);
    // The very chunk entry.client imports: served, and it holds that language's strings.
    const chunk = await fetch(server.url + nl[0]!);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get("content-type")).toMatch(/javascript/);
    expect(await chunk.text()).toContain("Toegankelijkheidsverklaring");
    // The build's manifest beside it is not served.
    expect((await fetch(`${server.url}/.vite/manifest.json`)).status).toBe(404);
  });

  test("a 300 MB form declared to /fr/login gets a translated 413 at once; memory stays flat", async () => {
    const before = rssKb(server.pid);
    const response = await send(server.url, {
      path: "/fr/login",
      headers: urlencoded,
      bodyBytes: 300 * 1024 * 1024,
      chunk: "email=",
    });
    expect(response.status).toBe(413);
    expect(response.ms).toBeLessThan(2_000);
    expect(response.written).toBeLessThan(100 * 1024 * 1024);
    expect(response.body).toContain(fr.errors.payloadTooLarge.title);
    expect(response.body).toContain('lang="fr"');
    expect(rssKb(server.pid) - before).toBeLessThan(50 * 1024);
    expect(server.alive()).toBe(true);
  });

  test("a chunked form without a length is capped while streaming: translated 413 page (NL)", async () => {
    const response = await send(server.url, {
      path: "/nl/login",
      headers: urlencoded,
      bodyBytes: 4 * 1024 * 1024,
      chunk: "email=",
      chunked: true,
    });
    expect(response.status).toBe(413);
    expect(response.body).toContain(nl.errors.payloadTooLarge.title);
    expect(response.body).toContain('lang="nl"');
  });

  test("an oversize upload to a section is answered 413 with the page, not a reset", async () => {
    const boundary = "----h1boundary";
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="_intent"\r\n\r\nupload:x\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
      `Content-Type: application/pdf\r\n\r\n`;
    const response = await send(server.url, {
      path: sectionPath,
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        Cookie: cookieOf(partnerFr),
        Origin: server.url,
      },
      bodyBytes: 14 * 1024 * 1024,
      chunk: head,
      chunked: true,
    });
    expect(response.status).toBe(413);
    expect(response.body).toContain("<html");
  });

  test("an upload just over the section's cap reaches the section: its page, saved answers kept", async () => {
    const boundary = "----h1boundary";
    const response = await send(server.url, {
      path: sectionPath,
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        Cookie: cookieOf(partnerFr),
        Origin: server.url,
      },
      bodyBytes: 11 * 1024 * 1024,
      chunk: `--${boundary}\r\nContent-Disposition: form-data; name="_intent"\r\n\r\nupload:x\r\n`,
    });
    expect(response.status).toBe(413);
    // The section page itself (its form, with the version it was based on), not a bare refusal.
    expect(response.body).toContain('name="_version"');
  });

  test("a large POST to the staff template preview is answered (redirect), not reset", async () => {
    const response = await send(server.url, {
      path: previewPath,
      headers: { ...urlencoded, Cookie: cookieOf(admin), Origin: server.url },
      bodyBytes: 8 * 1024 * 1024,
      chunk: "field=",
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(previewPath);
  });

  test("a non-form content type on login or submit is a translated 400, not a 500", async () => {
    for (const type of ["text/plain", "application/json", "multipart/form-data"]) {
      const login = await send(server.url, {
        path: "/fr/login",
        headers: { "Content-Type": type },
        body: '{"email":"a@b.c"}',
      });
      expect(login.status).toBe(400);
      expect(login.body).toContain(fr.errors.badRequest.title);
    }
    const submit = await send(server.url, {
      path: sectionPath.replace(/\/sections\/.*/, "/check"),
      headers: { "Content-Type": "text/plain", Cookie: cookieOf(partnerFr) },
      body: "submissionKey=x",
    });
    expect(submit.status).toBe(400);
  });

  test("control characters in a form, an email or a URL id never give a 500", async () => {
    const login = await send(server.url, {
      path: "/fr/login",
      headers: urlencoded,
      body: form({ email: "demo.part\u0000enaire@example.org\u0007" }),
    });
    expect(login.status).toBe(302);

    for (const path of [
      "/fr/partner/returns/%00",
      "/fr/partner/returns/abc%00def/sections/x",
      "/fr/staff/partners?q=%00",
      "/fr/partner/returns/%E0%A4%A",
    ]) {
      const response = await send(server.url, {
        method: "GET",
        path,
        headers: { Cookie: cookieOf(partnerFr) },
      });
      expect(response.status, path).toBe(400);
      expect(response.body).toContain(fr.errors.badRequest.title);
    }

    const marker = "secret-answer-text-";
    const save = await send(server.url, {
      path: sectionPath,
      headers: { ...urlencoded, Cookie: cookieOf(partnerFr), Origin: server.url },
      body: new URLSearchParams([
        ["_intent", "draft"],
        ["_version", sectionVersion],
        ["actions.y", "1"],
        ["actions.x", "2"],
        ["a..b", "3"],
        ["__proto__.polluted", "4"],
        ["constructor.prototype.x", "5"],
        ["toString.x", "6"],
        ["f\u0000oo", `${marker}\u0000with NUL`],
      ]).toString(),
    });
    expect(save.status).toBeLessThan(500);
  });

  test("links in emails use PUBLIC_URL, never the request's Host header", async () => {
    const before = sink.messages.length;
    const response = await send(server.url, {
      path: "/fr/login",
      headers: { ...urlencoded, Host: "evil.example" },
      body: form({ email: partnerNl }),
    });
    expect(response.status).toBe(302);
    const deadline = Date.now() + 10_000;
    while (sink.messages.length === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mail = sink.messages[before];
    expect(mail?.text).toContain(`${server.url}/fr/login/confirm?token=`);
    expect(mail?.text).not.toContain("evil.example");
  });

  test("logout refuses a cross-site Origin (403) and keeps the session; same-origin works", async () => {
    const cookie = cookieOf(partnerNl);
    for (const origin of ["https://evil.example", "null"]) {
      const refused = await send(server.url, {
        path: "/nl/logout",
        headers: { ...urlencoded, Cookie: cookie, Origin: origin },
        body: "",
      });
      expect(refused.status, origin).toBe(403);
    }
    expect((await getHtml(server, "/nl/partner", cookie)).status).toBe(200);
    const done = await send(server.url, {
      path: "/nl/logout",
      headers: { ...urlencoded, Cookie: cookie, Origin: server.url },
      body: "",
    });
    expect(done.status).toBe(302);
    expect((await getHtml(server, "/nl/partner", cookie)).status).toBe(302);
  });

  test("the login link's token leaves the URL: no-referrer, no-store, no token in the page", async () => {
    const before = sink.messages.length;
    await send(server.url, {
      path: "/fr/login",
      headers: urlencoded,
      body: form({ email: "sophie.lambert@example.org" }),
    });
    const deadline = Date.now() + 10_000;
    while (sink.messages.length === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const link = /https?:\/\/\S+\/login\/confirm\?token=[A-Za-z0-9_-]+/.exec(
      sink.messages[before]!.text ?? "",
    )![0];
    const token = new URL(link).searchParams.get("token")!;

    const opened = await fetch(link, { redirect: "manual" });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("referrer-policy")).toBe("no-referrer");
    expect(opened.headers.get("cache-control")).toBe("no-store");
    expect(opened.headers.get("location")).toBe("/fr/login/confirm");
    const cookie = opened.headers.get("set-cookie")?.split(";")[0] ?? "";

    const page = await getHtml(server, "/fr/login/confirm", cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.html).not.toContain(token);
    expect(page.html).toContain('href="/nl/login/confirm"');

    // The confirm button still signs in, with the browser's same-origin Origin header.
    const confirmed = await send(server.url, {
      path: "/fr/login/confirm",
      headers: { ...urlencoded, Cookie: cookie, Origin: server.url },
      body: "",
    });
    expect(confirmed.status).toBe(302);
    expect(String(confirmed.headers["set-cookie"])).toContain("sb_session=");
  });

  test("logs hold no typed text, email address or token", () => {
    const output = server.output();
    expect(output).not.toContain("secret-answer-text-");
    expect(output).not.toMatch(/@example\.org/);
    expect(output).not.toMatch(/token=/);
  });
});

describe("production server behind one proxy, with the development mailbox", () => {
  let server: BuiltServer;

  beforeAll(async () => {
    server = await startBuiltServer({
      env: { TRUST_PROXY: "1", DEV_MAILBOX: "1", LOGIN_RATE_LIMIT_PER_IP: "3" },
    });
  });
  afterAll(async () => server?.stop());

  test("TRUST_PROXY=1 trusts one hop: a forged X-Forwarded-For does not change the client IP", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await send(server.url, {
        path: "/fr/login",
        // The client forged the first address; our one proxy appended the real one.
        headers: { ...urlencoded, "X-Forwarded-For": `10.0.0.${i}, 203.0.113.7` },
        body: form({ email: `nobody${i}@example.org` }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([302, 302, 302, 429, 429]);
  });

  test("the mailbox answers loopback clients only, and every page says it is on", async () => {
    const local = await getHtml(server, "/fr/dev/mailbox");
    expect(local.status).toBe(200);
    expect(local.html).toContain(fr.devMailbox.banner);
    const home = await getHtml(server, "/nl");
    expect(home.html).toContain(nl.devMailbox.banner);

    const forwarded = await fetch(`${server.url}/fr/dev/mailbox`, {
      headers: { "X-Forwarded-For": "198.51.100.4" },
    });
    expect(forwarded.status).toBe(404);
  });
});

describe("start-up refusals in production", () => {
  // The other refusals (DEV_MAILBOX, TRUST_PROXY) share the same path: tests/integration.
  test("without PUBLIC_URL the server refuses to start at once, with a clear message", async () => {
    const started = Date.now();
    await expect(startBuiltServer({ env: { PUBLIC_URL: undefined } })).rejects.toThrow(
      /PUBLIC_URL is not set/,
    );
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
