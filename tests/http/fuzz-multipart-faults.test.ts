// Fault test (quality.md 5): malformed multipart against the production server. Truncated
// bodies, a 300 MB upload (declared, and chunked without a length), `../` file names: each is
// answered 400/413 quickly, no temporary file is left in the upload folder, nothing is written
// outside it, and the process stays up with flat memory. Figures are printed for
// docs/reliability.md.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBuiltServer, type BuiltServer } from "./server";

const partner = "demo.partenaire@example.org";
let server: BuiltServer;
let uploads: string;
let sectionPath = "";
let version = "0";
const figures: string[] = [];

function rssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/**
 * Streams `total` body bytes after `head` on a raw socket, in 64 KB pieces, until the server
 * answers: what it sends is read even if it then closes the connection (a browser shows that
 * answer; node:http would only report the failed write).
 */
function stream(
  pathName: string,
  headers: Record<string, string>,
  head: string,
  total: number,
  sample?: () => void,
): Promise<{ status: number; ms: number; written: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port: server.port });
    let received = "";
    let written = 0;
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, ms: performance.now() - started, written });
    };
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n\r\n")) done();
    });
    socket.on("error", done);
    socket.on("close", done);
    const chunked = headers["transfer-encoding"] === "chunked";
    const lines = Object.entries({ host: "127.0.0.1", ...headers }).map(([k, v]) => `${k}: ${v}`);
    socket.write(`POST ${pathName} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
    const frame = (bytes: Buffer) =>
      chunked
        ? Buffer.concat([
            Buffer.from(`${bytes.length.toString(16)}\r\n`),
            bytes,
            Buffer.from("\r\n"),
          ])
        : bytes;
    socket.write(frame(Buffer.from(head)));
    const piece = Buffer.alloc(64 * 1024, 0x41);
    const pump = () => {
      while (!finished && written < total) {
        const slice = piece.subarray(0, Math.min(piece.length, total - written));
        written += slice.length;
        if (written % (8 * 1024 * 1024) < piece.length) sample?.();
        if (!socket.write(frame(slice))) return void socket.once("drain", pump);
      }
      if (!finished && chunked) socket.write("0\r\n\r\n");
    };
    pump();
  });
}

/** A whole request on a raw socket, then half-closed: the body may lie about its length. */
function raw(bytes: string): Promise<{ status: number; ms: number; note: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port: server.port, allowHalfOpen: true });
    let received = "";
    const done = (note: string) => {
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, ms: performance.now() - started, note });
    };
    socket.setTimeout(5000, () => done("silent"));
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n\r\n")) done("answered");
    });
    socket.on("end", () => done("closed"));
    socket.on("error", () => done("reset"));
    socket.write(bytes, () => socket.end());
  });
}

const boundary = "----faultboundary7MA4YWxkTrZu0gW";
const cookieHeader = () => server.cookies[partner]!;
function part(name: string, value: string) {
  return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}
function filePart(name: string, fileName: string, type: string) {
  return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`;
}

beforeAll(async () => {
  uploads = mkdtempSync(path.join(tmpdir(), "sb-multipart-faults-"));
  server = await startBuiltServer({ sessions: [partner], env: { UPLOAD_DIR: uploads } });
  const get = (p: string) =>
    fetch(server.url + p, { headers: { cookie: cookieHeader() } }).then((r) => r.text());
  const home = await get("/fr/partner");
  const returnPath = /href="(\/fr\/partner\/returns\/[A-Za-z0-9]+)"/.exec(home)![1]!;
  const tasks = await get(returnPath);
  const sections = [
    ...new Set(
      [
        ...tasks.matchAll(/href="(\/fr\/partner\/returns\/[A-Za-z0-9]+\/sections\/[A-Za-z0-9]+)"/g),
      ].map((m) => m[1]!),
    ),
  ];
  // The first section with a file field.
  for (const candidate of sections) {
    const html = await get(candidate);
    if (html.includes('type="file"')) {
      sectionPath = candidate;
      version = /name="_version" value="(\d+)"/.exec(html)?.[1] ?? "0";
      break;
    }
  }
}, 180_000);

afterAll(async () => {
  console.log(`malformed multipart (built server):\n  ${figures.join("\n  ")}`);
  await server?.stop();
  rmSync(uploads, { recursive: true, force: true });
});

const leftovers = () => readdirSync(uploads).filter((name) => !/^[0-9a-f]{32}$/.test(name));

describe("malformed multipart against the built server", () => {
  it("finds a section with a file field", () => {
    expect(sectionPath).not.toBe("");
  });

  it("truncated bodies: 400 quickly (or the connection closed), nothing stored", async () => {
    const body =
      part("_intent", "upload:documents") +
      part("_version", version) +
      filePart("_file.documents", "rapport.pdf", "application/pdf") +
      "%PDF-1.7\n" +
      "x".repeat(4000) +
      `\r\n--${boundary}--\r\n`;
    for (const cut of [10, 200, body.length - 40, body.length - 3]) {
      const sent = body.slice(0, cut);
      const answer = await raw(
        `POST ${sectionPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookieHeader()}\r\n` +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
          `Content-Length: ${Buffer.byteLength(sent)}\r\nConnection: close\r\n\r\n${sent}`,
      );
      expect(answer.status, `cut at ${cut}`).toBe(400);
      expect(answer.ms).toBeLessThan(2000);
      figures.push(
        `truncated at ${cut} of ${body.length} bytes: ${answer.status} in ${Math.round(answer.ms)} ms`,
      );
    }
    // Declared longer than sent, then the client stops: the server must not wait forever.
    const lying = await raw(
      `POST ${sectionPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookieHeader()}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
        `Content-Length: 100000\r\nConnection: close\r\n\r\n${body.slice(0, 500)}`,
    );
    expect(lying.note).not.toBe("silent");
    expect(lying.status === 0 || lying.status === 400).toBe(true);
    figures.push(
      `declared 100000, sent 500 then closed: ${lying.status || lying.note} in ${Math.round(lying.ms)} ms`,
    );
    expect(leftovers()).toEqual([]);
  });

  it("a 300 MB upload, declared or chunked: 413 quickly, memory stays flat, no temp file", async () => {
    const rssBefore = rssMb(server.pid);
    let rssPeak = rssBefore;
    const sample = () => (rssPeak = Math.max(rssPeak, rssMb(server.pid)));
    const head =
      part("_intent", "upload:documents") +
      part("_version", version) +
      filePart("_file.documents", "huge.pdf", "application/pdf") +
      "%PDF-1.7\n";
    const size = 300 * 1024 * 1024;
    const declared = await stream(
      sectionPath,
      {
        cookie: cookieHeader(),
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(Buffer.byteLength(head) + size),
      },
      head,
      size,
      sample,
    );
    expect(declared.status).toBe(413);
    expect(declared.ms).toBeLessThan(2000);
    const chunked = await stream(
      sectionPath,
      {
        cookie: cookieHeader(),
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "transfer-encoding": "chunked",
      },
      head,
      size,
      sample,
    );
    expect(chunked.status).toBe(413);
    expect(chunked.ms).toBeLessThan(2000);
    sample();
    const rssAfter = rssMb(server.pid);
    figures.push(
      `300 MB declared: 413 in ${Math.round(declared.ms)} ms after ${Math.round(declared.written / 1024 / 1024)} MB sent`,
      `300 MB chunked: 413 in ${Math.round(chunked.ms)} ms after ${Math.round(chunked.written / 1024 / 1024)} MB sent`,
      `server RSS: ${rssBefore} MB before, ${rssPeak} MB peak, ${rssAfter} MB after`,
    );
    // "Flat": the body is never buffered beyond the upload cap (10 MB) and its envelope.
    expect(rssPeak - rssBefore).toBeLessThan(150);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it("`../` file names: stored under a random key inside the upload folder only", async () => {
    const evil = path.join(tmpdir(), "sb-evil-upload.pdf");
    rmSync(evil, { force: true });
    const names = [
      "../../../../../../tmp/sb-evil-upload.pdf",
      "..\\..\\sb-evil-upload.pdf",
      "/tmp/sb-evil-upload.pdf",
    ];
    for (const name of names) {
      const pdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
      const body =
        part("_intent", "upload:documents") +
        part("_version", version) +
        filePart("_file.documents", name, "application/pdf") +
        pdf +
        `\r\n--${boundary}--\r\n`;
      const response = await fetch(server.url + sectionPath, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie: cookieHeader(),
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
        body,
      });
      await response.arrayBuffer();
      expect(response.status).toBeLessThan(500);
      figures.push(`file name ${JSON.stringify(name)}: ${response.status}`);
      // A saved upload moves the section to a new version.
      const html = await fetch(server.url + sectionPath, {
        headers: { cookie: cookieHeader() },
      }).then((r) => r.text());
      version = /name="_version" value="(\d+)"/.exec(html)?.[1] ?? version;
      expect(html).not.toContain("../");
    }
    expect(existsSync(evil)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("the server is still up", async () => {
    expect(server.alive()).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
