// The read API's tokens and who may read (api/tokens.server, api/authenticate.server): secrets
// shown once and stored as their SHA-256 only, creation and revocation audited; bearer tokens
// only (401 problem documents for a missing, malformed, unknown, revoked or expired token, 403
// without the scope); each use counted per day; 429 with Retry-After past the rate limit.
// PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { callApi, newToken } from "../fixtures/api-requests";
import { createStaffUser } from "../fixtures/factories";
import { writeSession } from "../fixtures/sessions";
import { seedReferenceData } from "../../prisma/seed/load";
import {
  API_RATE_LIMIT,
  API_RATE_WINDOW_MS,
  authenticateApi,
} from "~/modules/api/authenticate.server";
import { ApiProblem } from "~/modules/api/problem.server";
import {
  createApiToken,
  expiryOf,
  hashToken,
  listApiTokens,
  revokeApiToken,
} from "~/modules/api/tokens.server";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { loader as entriesLoader } from "~/routes/api/entries";
import { loader as organisationsLoader } from "~/routes/api/organisations";
import { loader as tablesLoader } from "~/routes/api/tables";
import { prisma } from "~/utils/db.server";

beforeAll(async () => {
  await seedReferenceData(prisma);
}, 120_000);

const entries = (token?: string, headers?: Record<string, string>) =>
  callApi(entriesLoader, "/api/v1/entries?limit=1", { token, headers });

function expectProblem(
  answer: Awaited<ReturnType<typeof callApi>>,
  status: number,
  detail: RegExp,
) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  expect(answer.headers.get("cache-control")).toBe("no-store");
  expect(answer.body).toMatchObject({ type: "about:blank", status });
  expect(String(answer.body?.detail)).toMatch(detail);
}

describe("tokens", () => {
  it("are shown once and stored as their SHA-256 only; creation is audited", async () => {
    const admin = await createStaffUser("ADMIN");
    const created = await createApiToken(
      { name: "Observatoire", scopes: ["dataset:read"], expiresOn: "" },
      admin.id,
    );
    expect(created.secret).toMatch(/^sbk_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      name: "Observatoire",
      scopes: ["dataset:read"],
      tokenHash: hashToken(created.secret),
      prefix: created.secret.slice(0, 10),
      createdById: admin.id,
      expiresAt: null,
    });
    // The secret is nowhere in the database: not in the token's row, not in the audit trail.
    const dump = JSON.stringify(
      await Promise.all([prisma.apiToken.findMany(), prisma.auditEvent.findMany()]),
    );
    expect(dump).not.toContain(created.secret);
    expect(dump).not.toContain(created.secret.slice(10));
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "api-token.created", targetId: created.id },
    });
    expect(audit).toMatchObject({ actorUserId: admin.id, targetType: "ApiToken" });
    expect(audit.details).toEqual({ scopes: ["dataset:read"], expires: null });
  });

  it("revoking stops the token at once, is audited once, and the list says so", async () => {
    const token = await newToken(["dataset:read"]);
    expect((await entries(token.secret)).status).toBe(200);
    const admin = await createStaffUser("ADMIN");
    expect(await revokeApiToken(token.id, admin.id)).toEqual({
      outcome: "revoked",
      name: token.name,
    });
    expect((await revokeApiToken(token.id, admin.id)).outcome).toBe("already-revoked");
    expect((await revokeApiToken("no-such-token", admin.id)).outcome).toBe("not-found");
    expect(
      await prisma.auditEvent.count({ where: { action: "api-token.revoked", targetId: token.id } }),
    ).toBe(1);
    expectProblem(await entries(token.secret), 401, /^Ce jeton a été révoqué\.$/);
    // In the caller's language: Dutch when asked first, French otherwise.
    const dutch = await entries(token.secret, { "accept-language": "nl;q=0.9, fr;q=0.8" });
    expectProblem(dutch, 401, /^Dit token werd ingetrokken\.$/);
    expect(dutch.body?.title).toBe("Niet geauthenticeerd");
    expect(dutch.headers.get("content-language")).toBe("nl");
    expect(dutch.headers.get("vary")).toContain("Accept-Language");
    const other = await entries(token.secret, { "accept-language": "en-GB,en;q=0.9" });
    expectProblem(other, 401, /^Ce jeton a été révoqué\.$/);
    expect(other.body?.title).toBe("Non authentifié");
    const listed = (await listApiTokens()).find((t) => t.id === token.id);
    expect(listed).toMatchObject({ status: "revoked", prefix: token.prefix });
    expect(JSON.stringify(listed)).not.toContain(token.secret);
  });

  it("an expiry date is the token's last day: it works until the next midnight in Brussels", async () => {
    expect(expiryOf("2030-06-30").toISOString()).toBe("2030-06-30T22:00:00.000Z");
    expect(expiryOf("2030-12-31").toISOString()).toBe("2030-12-31T23:00:00.000Z");
    const token = await newToken(["dataset:read"], "2099-01-01");
    expect(token.id).toBeTruthy();
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.expiresAt?.toISOString()).toBe("2099-01-01T23:00:00.000Z");
  });
});

describe("authentication", () => {
  it("refuses a request without a bearer token, or with a malformed or unknown one (401)", async () => {
    const missing = await entries();
    expectProblem(missing, 401, /jeton est requis/);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    expectProblem(
      await entries(undefined, { authorization: "Basic YWRtaW46YWRtaW4=" }),
      401,
      /mal formé/,
    );
    expectProblem(await entries("sbk_short"), 401, /mal formé/);
    const unknown = await entries(`sbk_${"A".repeat(43)}`);
    expectProblem(unknown, 401, /inconnu/);
    expect(unknown.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("a staff session's cookie opens nothing: only the bearer token counts", async () => {
    const admin = await createStaffUser("ADMIN");
    const cookie = `${sessionCookie.name}=${await writeSession(prisma, admin.id)}`;
    expectProblem(await entries(undefined, { cookie }), 401, /jeton est requis/);
  });

  it("refuses an expired token (401)", async () => {
    const token = await newToken(["dataset:read"]);
    await prisma.apiToken.update({
      where: { id: token.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expectProblem(await entries(token.secret), 401, /a expiré/);
    expect((await listApiTokens()).find((t) => t.id === token.id)?.status).toBe("expired");
  });

  it("a token without the scope is refused (403); the reference lists take any token", async () => {
    const reports = await newToken(["reports:read"]);
    const refused = await entries(reports.secret);
    expectProblem(refused, 403, /dataset:read/);
    expect(refused.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    const dataset = await newToken(["dataset:read"]);
    const table = await callApi(
      tablesLoader,
      "/api/v1/tables/measures-by-channel?from=2021&to=2022",
      {
        token: dataset.secret,
        params: { name: "measures-by-channel" },
      },
    );
    expectProblem(table, 403, /reports:read/);
    for (const token of [reports, dataset])
      expect(
        (await callApi(organisationsLoader, "/api/v1/organisations", { token: token.secret }))
          .status,
      ).toBe(200);
  });

  it("counts each use per day with the last path, and notes when the token was last used", async () => {
    const token = await newToken(["dataset:read"]);
    for (let i = 0; i < 3; i += 1) expect((await entries(token.secret)).status).toBe(200);
    await callApi(organisationsLoader, "/api/v1/organisations", { token: token.secret });
    const usage = await prisma.apiTokenUsage.findMany({ where: { tokenId: token.id } });
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ requests: 4, lastPath: "/api/v1/organisations" });
    expect(usage[0]!.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(Date.now() - row.lastUsedAt!.getTime()).toBeLessThan(60_000);
  });
});

describe("rate limit", () => {
  /** Waits out the end of a window when it is about to turn (the count starts again). */
  async function awayFromWindowEnd() {
    const left = API_RATE_WINDOW_MS - (Date.now() % API_RATE_WINDOW_MS);
    if (left < 3000) await new Promise((resolve) => setTimeout(resolve, left + 50));
  }

  it("answers 429 with Retry-After once a token has made its requests of the minute", async () => {
    const token = await newToken(["dataset:read"]);
    await awayFromWindowEnd();
    // The window's count as 600 requests would leave it, written straight to the table.
    const windowStart = new Date(Math.floor(Date.now() / API_RATE_WINDOW_MS) * API_RATE_WINDOW_MS);
    await prisma.rateLimitWindow.create({
      data: { key: `api-token:${token.id}`, windowStart, count: API_RATE_LIMIT - 1 },
    });
    expect((await entries(token.secret)).status).toBe(200);
    const refused = await entries(token.secret);
    expectProblem(refused, 429, /600 requêtes par minute/);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another token is not slowed down by this one.
    const other = await newToken(["dataset:read"]);
    expect((await entries(other.secret)).status).toBe(200);
  });

  it("counts every request of a token against its own limit", async () => {
    const token = await newToken(["dataset:read"]);
    await awayFromWindowEnd();
    const request = new Request("http://localhost/api/v1/entries", {
      headers: { authorization: `Bearer ${token.secret}` },
    });
    for (let i = 0; i < 3; i += 1) await authenticateApi(request, "dataset:read", { limit: 3 });
    const refused = await authenticateApi(request, "dataset:read", { limit: 3 }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ApiProblem);
    expect((refused as ApiProblem).status).toBe(429);
  });
});
