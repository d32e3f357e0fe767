// Methods and early refusals through the production server (node server.js, demo data): only
// the methods a path's routes answer reach the router; OPTIONS is answered with Allow and never
// runs a loader; any other method gets 405 with Allow; what server.js refuses before the router
// (405, a malformed URL, a body above every limit) is the API's problem document under /api/
// and the translated page elsewhere, none of it logged as an error; a cross-site form post
// refused by the router's Origin check is one warning line, without a stack.
import http from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughPage, startBuiltServer, type BuiltServer } from "./server";

const common = {
  fr: JSON.parse(readFileSync("locales/fr/common.json", "utf8")),
  nl: JSON.parse(readFileSync("locales/nl/common.json", "utf8")),
};
const api = {
  fr: JSON.parse(readFileSync("locales/fr/api.json", "utf8")).problems,
  nl: JSON.parse(readFileSync("locales/nl/api.json", "utf8")).problems,
};

const admin = "admin@example.org";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Any method, any path as typed (fetch refuses TRACE and would normalise the URL). */
function request(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const sent = http.request(
      // A connection of its own: one left with a body half sent is never reused.
      { host: url.hostname, port: url.port, method, path, headers, agent: false },
      (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(parts).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

describe("methods and early refusals", () => {
  let server: BuiltServer;
  let bearer: Record<string, string>;

  beforeAll(async () => {
    server = await startBuiltServer({ sessions: [admin] });
    const { secret } = await createApiTokenThroughPage(server, admin, "Méthodes", ["dataset:read"]);
    expect(secret, "the token's secret").not.toBe("");
    bearer = { authorization: `Bearer ${secret}` };
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers OPTIONS with Allow and no body, never with the GET's data", async () => {
    const entries = await request(server.url, "OPTIONS", "/api/v1/entries?limit=1", bearer);
    expect(entries.status).toBe(204);
    expect(entries.headers.allow).toBe("GET, HEAD");
    expect(entries.body).toBe("");
    expect(entries.headers["access-control-allow-origin"]).toBeUndefined();
    for (const path of ["/fr", "/nl/plans", "/fr/staff/dataset"]) {
      const page = await request(server.url, "OPTIONS", path, {
        cookie: server.cookies[admin]!,
      });
      expect({ path, status: page.status, allow: page.headers.allow, body: page.body }).toEqual({
        path,
        status: 204,
        allow: "GET, HEAD, POST",
        body: "",
      });
    }
  });

  it("refuses other methods under /api/ with a 405 problem naming what is allowed, FR or NL", async () => {
    const methods = ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND", "MKCOL", "LOCK", "COPY"];
    methods.push("MOVE", "SEARCH", "QUERY", "REPORT", "PURGE", "NOTIFY", "SUBSCRIBE", "LINK");
    for (const method of [...methods, "POST"]) {
      const answer = await request(server.url, method, "/api/v1/entries", bearer);
      expect({ method, status: answer.status, allow: answer.headers.allow }).toEqual({
        method,
        status: 405,
        allow: "GET, HEAD",
      });
      expect(answer.headers["content-type"]).toBe("application/problem+json");
      expect(JSON.parse(answer.body)).toEqual({
        type: "about:blank",
        title: api.fr.titles["405"],
        status: 405,
        detail: api.fr.readOnly,
      });
    }
    const dutch = await request(server.url, "TRACE", "/api/v1/entries", {
      ...bearer,
      "accept-language": "nl-BE,nl;q=0.9",
    });
    expect(dutch.headers["content-language"]).toBe("nl");
    expect(JSON.parse(dutch.body)).toMatchObject({ title: api.nl.titles["405"] });
    // The router matches paths whatever their case: so does the refusal.
    const shouted = await request(server.url, "PUT", "/API/v1/entries", bearer);
    expect(shouted.headers["content-type"]).toBe("application/problem+json");
  });

  it("refuses them on pages with the translated refusal page and Allow", async () => {
    for (const [path, lang] of [
      ["/fr", "fr"],
      ["/nl/plans", "nl"],
      ["/fr/staff/dataset/import", "fr"],
    ] as const) {
      for (const method of ["TRACE", "PUT", "PROPFIND"]) {
        const answer = await request(server.url, method, path);
        expect({ path, method, status: answer.status }).toEqual({ path, method, status: 405 });
        expect(answer.headers.allow).toBe("GET, HEAD, POST");
        expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
        expect(answer.body).toContain(`lang="${lang}"`);
        expect(answer.body).toContain(common[lang].errors.methodNotAllowed.title);
      }
    }
  });

  it("answers a malformed URL or an oversize body under /api/ with a problem document", async () => {
    for (const path of ["/api/v1/entries?cursor=%00", "/api/v1/entries?limit=%E0%A4%A"]) {
      const answer = await request(server.url, "GET", path, bearer);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(answer.headers["content-type"]).toBe("application/problem+json");
      expect(JSON.parse(answer.body)).toEqual({
        type: "about:blank",
        title: api.fr.titles["400"],
        status: 400,
        detail: api.fr.malformedUrl,
      });
    }
    const large = await request(
      server.url,
      "GET",
      "/api/v1/entries",
      { ...bearer, "content-length": String(200 * 1024 * 1024), "accept-language": "nl" },
      "x",
    ).catch(() => null);
    expect(large?.status).toBe(413);
    expect(large?.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(large!.body)).toMatchObject({
      title: api.nl.titles["413"],
      status: 413,
      detail: api.nl.bodyTooLarge,
    });
    // Pages keep their translated page.
    const page = await request(server.url, "GET", "/nl/plans?q=%00");
    expect(page.status).toBe(400);
    expect(page.body).toContain(common.nl.errors.badRequest.title);
  });

  it("logs a refused cross-site form post as one warning line, without a stack", async () => {
    const before = server.output().length;
    const form = { "content-type": "application/x-www-form-urlencoded" };
    for (const path of ["/fr/staff/dataset/import", "/fr/staff/dataset/import.data"]) {
      const answer = await request(
        server.url,
        "POST",
        path,
        { ...form, cookie: server.cookies[admin]!, origin: "https://evil.example" },
        "intent=check",
      );
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = server.output().slice(before).trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        /^\[[0-9a-f]{12}\] POST \/fr\/staff\/dataset\/import: cross-site request refused \(Origin https:\/\/evil\.example\)$/,
      ),
      expect.stringMatching(
        /^\[[0-9a-f]{12}\] POST \/fr\/staff\/dataset\/import\.data: cross-site request refused \(Origin https:\/\/evil\.example\)$/,
      ),
    ]);
  });

  it("logs none of the refusals as an error", () => {
    const output = server.output();
    expect(output).not.toMatch(/TypeError|Unexpected Server Error|\bat \S+ \(/);
    expect(output).not.toMatch(/TRACE|PROPFIND|OPTIONS/);
  });
});
