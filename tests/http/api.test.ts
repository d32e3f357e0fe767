// The read API through the production server (node server.js, demo data): an administrator
// creates a token on the staff page (plain form post, as without JavaScript) and reads its
// secret once; the API answers JSON and CSV with no-store, follows its Link header, refuses
// with problem documents (never the site's HTML pages), ignores session cookies and answers
// 405 to anything but GET.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughPage, startBuiltServer, type BuiltServer } from "./server";

const admin = "admin@example.org";

describe("the read API over HTTP", () => {
  let server: BuiltServer;
  let secret: string;

  beforeAll(async () => {
    server = await startBuiltServer({ sessions: [admin] });
    const created = await createApiTokenThroughPage(server, admin, "Tests HTTP", [
      "dataset:read",
      "reports:read",
    ]);
    const { page } = created;
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    secret = created.secret;
    expect(secret, "the secret on the page").not.toBe("");
    // Shown once: the page read again lists the token by its start only.
    const again = await fetch(`${server.url}/fr/staff/api-tokens`, {
      headers: { cookie: server.cookies[admin]! },
    });
    const listed = await again.text();
    expect(listed).toContain("Tests HTTP");
    expect(listed).not.toContain(secret);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { headers: { authorization: `Bearer ${secret}`, ...headers } });

  it("serves its OpenAPI description without a token", async () => {
    const answer = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    const document = (await answer.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/entries");
  });

  it("pages the entries in JSON, following the Link header, and in CSV", async () => {
    const first = await get("/api/v1/entries?limit=2");
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const body = (await first.json()) as { data: { id: string }[]; next: string | null };
    expect(body.data.length).toBeLessThanOrEqual(2);
    if (body.next) {
      const link = /^<([^>]+)>; rel="next"$/.exec(first.headers.get("link") ?? "")?.[1];
      expect(link).toContain(`cursor=${body.next}`);
      const second = (await (await get(link!)).json()) as { data: { id: string }[] };
      for (const entry of second.data) expect(body.data.map((e) => e.id)).not.toContain(entry.id);
    }
    const csv = await get("/api/v1/entries?limit=5", { accept: "text/csv" });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).startsWith("id,createdAt,year,plan,organisation,")).toBe(true);
  });

  it("reads the reference lists and a report table", async () => {
    const organisations = await get("/api/v1/organisations?kind=POLICE_ZONE");
    const list = (await organisations.json()) as { data: { kind: string }[] };
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.every((o) => o.kind === "POLICE_ZONE")).toBe(true);
    const table = await get("/api/v1/tables/measures-by-channel?from=2021&to=2022");
    expect(table.status).toBe(200);
    expect(((await table.json()) as { name: string }).name).toBe("measures-by-channel");
  });

  it("refuses with problem documents, never the site's pages", async () => {
    const cases: [string, Record<string, string>, number][] = [
      ["/api/v1/entries", { authorization: "" }, 401],
      ["/api/v1/entries", { authorization: "", cookie: server.cookies[admin]! }, 401],
      ["/api/v1/entries?year=twenty", {}, 400],
      ["/api/v1/tables/nothing?from=2021&to=2022", {}, 404],
      ["/api/v1/nothing", {}, 404],
      ["/api/v2/entries", {}, 404],
      // Paths are matched as written.
      ["/API/v1/entries", {}, 404],
      ["/api/V1/Entries", {}, 404],
      ["/api/v1/ENTRIES", {}, 404],
      ["/api/v1/Tables/measures-by-channel?from=2021&to=2022", {}, 404],
    ];
    for (const [path, headers, status] of cases) {
      const answer = await fetch(server.url + path, {
        headers: { authorization: `Bearer ${secret}`, ...headers },
      });
      expect({ path, status: answer.status }).toEqual({ path, status });
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await answer.json()) as { status: number };
      expect(problem.status).toBe(status);
    }
    const post = await fetch(`${server.url}/api/v1/entries`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(post.status).toBe(405);
    expect(post.headers.get("content-type")).toBe("application/problem+json");
    await post.arrayBuffer();
  });
});
