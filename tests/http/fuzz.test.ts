// HTTP fuzz against the production build (`node server.js`, NODE_ENV=production) on a fresh
// seeded database: the same fast-check body generators as the in-process suite, plus what only
// a socket can send (lying or huge Content-Length, raw paths, broken framing, control
// characters in headers). Whatever arrives: no 5xx, an answer within 2 s, no file left in the
// upload folder, and the process alive at the end (healthz). Counts and the seed are printed.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  body,
  entries,
  FUZZ_SEED,
  fileSpec,
  nastyString,
  preview,
  Tally,
  type Entry,
} from "../fuzz/support";
import { startBuiltServer, type BuiltServer } from "./server";

const partner = "demo.partenaire@example.org";
const admin = "admin@example.org";
const reviewer = "reviewer@example.org";
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * scale));
const HANG_MS = 2000;

interface Answer {
  status: number;
  ms: number;
  body: string;
}

let sent = 0;

/** One request through node:http; a reset or a silence longer than the limit is reported. */
function send(
  server: BuiltServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Uint8Array },
): Promise<Answer> {
  const started = performance.now();
  // Browsers send "keep-alive"; other clients "close": both, alternately, on a connection of
  // this request only (one left mid-body must not be reused).
  const agent = new http.Agent({ keepAlive: sent++ % 2 === 0, maxSockets: 1 });
  const answer = new Promise<Answer>((resolve) => {
    let answered = 0;
    const request = http.request(
      {
        host: "127.0.0.1",
        port: server.port,
        path: options.path,
        method: options.method ?? "POST",
        headers: {
          ...(options.body ? { "content-length": String(options.body.length) } : {}),
          ...options.headers,
        },
        agent,
      },
      (response) => {
        answered = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString("utf8").slice(0, 2000),
          }),
        );
        response.on("error", () =>
          resolve({ status: 0, ms: performance.now() - started, body: "response error" }),
        );
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error("timeout")));
    // A server that answers early (413) and closes makes our write fail: its answer counts.
    request.on("error", (error) =>
      resolve({
        status: answered,
        ms: performance.now() - started,
        body: `connection: ${error.message}`,
      }),
    );
    // Written in 64 KB pieces, stopping once answered, as a browser does: a server that
    // refuses early (413) is not blamed for the rest of a body it told us not to send.
    const bytes = options.body ?? new Uint8Array(0);
    let written = 0;
    const pump = () => {
      while (!answered && written < bytes.length) {
        const slice = bytes.subarray(written, Math.min(bytes.length, written + 64 * 1024));
        written += slice.length;
        if (!request.write(slice)) return void request.once("drain", pump);
      }
      request.end();
    };
    pump();
  });
  return answer.finally(() => agent.destroy());
}

/** Raw bytes on a socket (for what node:http refuses to send); resolves with the status line. */
function sendRaw(server: BuiltServer, bytes: string | Buffer, halfClose = true): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port: server.port, allowHalfOpen: true });
    let received = "";
    const done = (note?: string) => {
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve({
        status: match ? Number(match[1]) : 0,
        ms: performance.now() - started,
        body: note ?? received.slice(0, 500),
      });
    };
    socket.setTimeout(HANG_MS * 2, () => done("silent"));
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (/\r\n\r\n/.test(received)) done();
    });
    socket.on("error", () => done("reset"));
    socket.on("end", () => done(received ? undefined : "closed"));
    socket.write(bytes, () => {
      if (halfClose) socket.end();
    });
  });
}

let server: BuiltServer;
let uploads: string;
const tally = new Tally();
let returnId = "";
let sectionIds: string[] = [];

beforeAll(async () => {
  uploads = mkdtempSync(path.join(tmpdir(), "sb-fuzz-uploads-"));
  server = await startBuiltServer({
    sessions: [partner, admin, reviewer],
    env: { UPLOAD_DIR: uploads, LOGIN_RATE_LIMIT_PER_IP: "100000" },
  });
  const cookie = server.cookies[partner]!;
  const home = await fetch(`${server.url}/fr/partner`, { headers: { cookie } }).then((r) =>
    r.text(),
  );
  const ids = [...home.matchAll(/\/fr\/partner\/returns\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
  returnId = ids[0] ?? "";
  if (returnId) {
    const page = await fetch(`${server.url}/fr/partner/returns/${returnId}`, {
      headers: { cookie },
    }).then((r) => r.text());
    sectionIds = [
      ...new Set(
        [
          ...page.matchAll(
            new RegExp(`/fr/partner/returns/${returnId}/sections/([A-Za-z0-9_-]+)`, "g"),
          ),
        ].map((m) => m[1]!),
      ),
    ];
  }
}, 180_000);

afterAll(async () => {
  console.log(tally.report("HTTP fuzz (built server)", FUZZ_SEED));
  await server?.stop();
  rmSync(uploads, { recursive: true, force: true });
});

const weirdPaths = [
  "/fr/partner/returns/unknown/sections/unknown",
  "/fr/partner/returns/%00/sections/%00",
  "/fr/partner/returns/..%2f..%2fetc%2fpasswd/check",
  "/fr/partner/returns/../../../etc/passwd",
  "/fr/partner/returns/%C3%28/check",
  "/fr/partner/returns/%FF%FE/sections/x",
  "/fr/%2e%2e/%2e%2e/etc/passwd",
  "/fr/login/%00",
  "/%00",
  "//evil.example/",
  "/fr/" + "a".repeat(8000),
  "/fr/staff/templates/%00/preview/%00",
  "/fr/staff/returns/'%20OR%201=1%20--",
  "/fr/partner/returns/x/attachments/..%2F..%2Fpackage.json",
];

function expectClean(prefix: string) {
  const mine = tally.distinctFindings().filter((f) => f.target.startsWith(prefix));
  expect(mine.map((f) => `${f.target} ${f.kind} → ${f.status} ${f.detail.slice(0, 300)}`)).toEqual(
    [],
  );
}

function record(target: string, kind: string, answer: Answer, payload: string) {
  // 0 = no HTTP answer at all (reset/closed): a crash or a refusal without a page.
  const status = answer.status === 0 ? 599 : answer.status;
  tally.record(
    target,
    kind,
    { status, ms: answer.ms },
    status === 599 ? `${answer.body} ← ${payload}` : payload,
  );
}

describe("HTTP fuzz: form posts to every target", () => {
  it("no 5xx, no reset, no answer slower than 2 s", async () => {
    expect(returnId, "the demo partner has a return").not.toBe("");
    const sectionId = sectionIds[1] ?? sectionIds[0]!;
    const targets = [
      { name: "http:login", path: "/fr/login", cookie: undefined, keys: ["email", "redirectTo"] },
      { name: "http:confirm", path: "/nl/login/confirm", cookie: undefined, keys: ["token"] },
      {
        name: "http:section",
        path: `/fr/partner/returns/${returnId}/sections/${sectionId}`,
        cookie: server.cookies[partner],
        keys: ["_intent", "_version", "actions", "figures.0.label", "figures.0.value", "status"],
      },
      {
        name: "http:upload",
        path: `/fr/partner/returns/${returnId}/sections/${sectionIds[0]}`,
        cookie: server.cookies[partner],
        keys: ["_intent", "_version", "_file.documents"],
      },
      {
        name: "http:submit",
        path: `/fr/partner/returns/${returnId}/check`,
        cookie: server.cookies[partner],
        keys: ["submissionKey"],
      },
      {
        name: "http:template-import",
        path: "/fr/staff/templates/import",
        cookie: server.cookies[admin],
        keys: ["text", "publish", "file"],
      },
    ];
    const intentFirst = fc
      .tuple(
        fc.constantFrom(
          "autosave",
          "draft",
          "complete",
          "upload:documents",
          "add-row:figures",
          "remove-row:figures:0",
          "x",
        ),
        fc.constantFrom("0", "1", "2", "-1", "abc"),
        entries(
          targets.flatMap((t) => t.keys),
          8,
        ),
      )
      .map(([intent, version, rest]): Entry[] => [
        ["_intent", intent],
        ["_version", version],
        ...rest,
      ]);
    const cases = fc.sample(
      fc.record({
        target: fc.nat({ max: targets.length - 1 }),
        body: body(intentFirst, {
          files: fc.array(fileSpec(["_file.documents", "file", "documents"]), { maxLength: 2 }),
          oversizeBytes: 11 * 1024 * 1024,
        }),
        origin: fc.constantFrom(
          undefined,
          undefined,
          undefined,
          undefined,
          "http://evil.example",
          "null",
        ),
        path: fc.option(fc.constantFrom(...weirdPaths), { freq: 8 }),
      }),
      { seed: FUZZ_SEED + 10, numRuns: runs(560) },
    );
    for (const c of cases) {
      const target = targets[c.target]!;
      const built = await c.body();
      const headers: Record<string, string> = {};
      // node:http refuses control characters in a header value; the raw list sends them.
      // eslint-disable-next-line no-control-regex
      if (built.contentType !== null && !/[\u0000-\u001f]/.test(built.contentType))
        headers["content-type"] = built.contentType;
      if (target.cookie) headers.cookie = target.cookie;
      if (c.origin) headers.origin = c.origin;
      const answer = await send(server, {
        path: c.path ?? target.path,
        headers,
        body: built.bytes,
      });
      record(
        target.name,
        `${built.kind}${c.origin ? " origin" : ""}${c.path ? " path" : ""}`,
        answer,
        `${built.bytes.length} bytes ${c.path ?? ""}`,
      );
    }
    expectClean("http:");
  }, 300_000);
});

describe("HTTP fuzz: staff list query strings and raw paths", () => {
  it("no 5xx and no hang on any query string or path", async () => {
    const key = fc.oneof(
      fc.constantFrom("q", "kind", "channel", "status", "redirectTo", "token"),
      nastyString,
    );
    const query = fc.oneof(
      fc
        // Values stay under node's 16 KB header limit: beyond it node's parser answers 431
        // and closes before the app sees anything (one such request is in the raw list).
        .array(
          fc.tuple(
            key,
            nastyString.map((v) => v.slice(0, 1500)),
          ),
          { maxLength: 5 },
        )
        .map((pairs) => new URLSearchParams(pairs).toString()),
      fc.constantFrom(
        "q=%00",
        "q=%C3%28",
        "q=%",
        "status=%FF",
        "kind=COMMUNE&kind=POLICE_ZONE",
        "q=" + "%41".repeat(4000),
      ),
    );
    const cases = fc.sample(
      fc.record({
        list: fc.constantFrom(
          "/fr/staff/partners",
          "/nl/staff/partners",
          "/fr/staff/outbox",
          "/fr/staff/campaigns",
          "/fr/login",
          "/fr/login/confirm",
        ),
        query,
        as: fc.constantFrom(reviewer, admin, partner, ""),
      }),
      { seed: FUZZ_SEED + 11, numRuns: runs(220) },
    );
    for (const c of cases) {
      const headers: Record<string, string> = c.as ? { cookie: server.cookies[c.as]! } : {};
      const target = `http:list ${c.list.replace(/^\/(fr|nl)/, "")}`;
      const answer = await send(server, { method: "GET", path: `${c.list}?${c.query}`, headers });
      record(target, `query as=${c.as || "anonymous"}`, answer, preview(c.query));
    }
    for (const weird of weirdPaths) {
      for (const method of ["GET", "POST"]) {
        const answer = await send(server, {
          method,
          path: weird,
          headers: { cookie: server.cookies[partner]! },
          body: method === "POST" ? new TextEncoder().encode("a=1") : undefined,
        });
        record("http:path", method, answer, preview(weird));
      }
    }
    expectClean("http:list");
    expectClean("http:path");
  }, 300_000);
});

describe("HTTP fuzz: framing only a socket can send", () => {
  it("lying and huge lengths, broken chunking, control characters: answered, never a crash", async () => {
    const cookie = server.cookies[partner]!;
    const section = `/fr/partner/returns/${returnId}/sections/${sectionIds[0]}`;
    const head = (p: string, extra: string) =>
      `POST ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nConnection: close\r\n${extra}`;
    const raw: [string, string | Buffer][] = [
      [
        "huge content-length (login)",
        head(
          "/fr/login",
          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 99999999999\r\n\r\nemail=a",
        ),
      ],
      [
        "huge content-length (upload)",
        head(
          section,
          "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 300000000\r\n\r\n--x\r\n",
        ),
      ],
      [
        "negative content-length",
        head(
          "/fr/login",
          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: -1\r\n\r\nemail=a",
        ),
      ],
      [
        "two content-lengths",
        head("/fr/login", "Content-Length: 5\r\nContent-Length: 7\r\n\r\nemail"),
      ],
      [
        "shorter body than declared",
        head(
          "/fr/login",
          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nemail=a%40b.c",
        ),
      ],
      [
        "bad chunk size",
        head(
          "/fr/login",
          "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nemail\r\n0\r\n\r\n",
        ),
      ],
      [
        "chunked and content-length",
        head("/fr/login", "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n"),
      ],
      [
        "truncated chunked",
        head(
          section,
          "Content-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n--x\r\nContent-Dis",
        ),
      ],
      [
        "NUL in a header",
        head(
          "/fr/login",
          "Content-Type: application/x-www-form-urlencoded\u0000\r\nContent-Length: 7\r\n\r\nemail=a",
        ),
      ],
      [
        "invalid UTF-8 in the path",
        Buffer.concat([
          Buffer.from("GET /fr/"),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
          Buffer.from(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ]),
      ],
      [
        "absolute-form target",
        "GET http://evil.example/fr/login HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
      ],
      [
        "huge header",
        `GET /fr/login HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(100_000)}\r\nConnection: close\r\n\r\n`,
      ],
      [
        "query string beyond 16 KB",
        `GET /fr/staff/partners?q=${"%41".repeat(20_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      ],
      ["garbage request line", "\u0000\u0001\u0002 / HTTP/9.9\r\n\r\n"],
      [
        "multipart without boundary",
        head(
          "/fr/partner/returns/x/check",
          "Content-Type: multipart/form-data\r\nContent-Length: 3\r\n\r\nabc",
        ),
      ],
    ];
    for (const [name, bytes] of raw) {
      const answer = await sendRaw(server, bytes);
      // The server may close a connection it cannot parse (node's own 400 or a close): that is
      // a refusal. A 5xx, or staying silent past the limit, is not.
      const status = answer.status === 0 ? (answer.body === "silent" ? 598 : 400) : answer.status;
      tally.record(
        "http:raw",
        name,
        { status, ms: answer.ms },
        `${name}: ${answer.body.slice(0, 80)}`,
      );
    }
    expectClean("http:raw");
  }, 120_000);

  it("leaves no temporary file in the upload folder, and the server is still up", async () => {
    const stored = readdirSync(uploads);
    // Stored attachments are named by 32 hex digits; anything else is a leftover temp file.
    expect(stored.filter((name) => !/^[0-9a-f]{32}$/.test(name))).toEqual([]);
    expect(server.alive()).toBe(true);
    const health = await send(server, { method: "GET", path: "/healthz" });
    expect(health.status).toBe(200);
    expect(server.output()).not.toMatch(/FATAL|out of memory|uncaught/i);
  });
});
