// What a request writes when it comes with a token (api/authenticate.server reads the token,
// counts the request and records the use in one statement): a refused token writes nothing; a
// request over the rate limit counts in the window but not as a use; a use counts on its day in
// Brussels even without the scope; the time of last use is rewritten at most once a minute.
// PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { newToken } from "../fixtures/api-requests";
import { seedReferenceData } from "../../prisma/seed/load";
import { API_RATE_WINDOW_MS, authenticateApi } from "~/modules/api/authenticate.server";
import { ApiProblem } from "~/modules/api/problem.server";
import { prisma } from "~/utils/db.server";

beforeAll(async () => {
  await seedReferenceData(prisma);
}, 120_000);

const request = (secret: string, path = "/api/v1/entries") =>
  new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${secret}` } });

/** The status of the refusal, or 200 when the token is let through. */
const statusOf = (secret: string, options: Parameters<typeof authenticateApi>[2] = {}) =>
  authenticateApi(request(secret), "dataset:read", options).then(
    () => 200,
    (error: unknown) => {
      if (error instanceof ApiProblem) return error.status;
      throw error;
    },
  );

const windowCount = async (tokenId: string) =>
  (await prisma.rateLimitWindow.findMany({ where: { key: `api-token:${tokenId}` } })).reduce(
    (sum, row) => sum + row.count,
    0,
  );
const usage = (tokenId: string) =>
  prisma.apiTokenUsage.findMany({ where: { tokenId }, orderBy: { day: "asc" } });

/** Waits out the end of a window when it is about to turn (the count starts again). */
async function awayFromWindowEnd() {
  const left = API_RATE_WINDOW_MS - (Date.now() % API_RATE_WINDOW_MS);
  if (left < 3000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe("a request with a token", () => {
  it("writes nothing when the token is revoked or expired", async () => {
    const revoked = await newToken(["dataset:read"]);
    await prisma.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const expired = await newToken(["dataset:read"]);
    await prisma.apiToken.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    for (const token of [revoked, expired]) {
      expect(await statusOf(token.secret)).toBe(401);
      expect(await windowCount(token.id)).toBe(0);
      expect(await usage(token.id)).toEqual([]);
      const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
      expect(row.lastUsedAt).toBeNull();
    }
    // A token expiring later than the request's instant is let through.
    const expiring = await newToken(["dataset:read"]);
    await prisma.apiToken.update({
      where: { id: expiring.id },
      data: { expiresAt: new Date("2030-01-01T00:00:00.000Z") },
    });
    expect(await statusOf(expiring.secret, { now: new Date("2029-12-31T23:59:59.999Z") })).toBe(
      200,
    );
    expect(await statusOf(expiring.secret, { now: new Date("2030-01-01T00:00:00.000Z") })).toBe(
      401,
    );
    expect(await windowCount(expiring.id)).toBe(1);
  });

  it("over the limit counts in the window, not as a use", async () => {
    const token = await newToken(["dataset:read"]);
    await awayFromWindowEnd();
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push(await statusOf(token.secret, { limit: 3 }));
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(await windowCount(token.id)).toBe(5);
    expect((await usage(token.id)).map((u) => u.requests)).toEqual([3]);
  });

  it("counts a use on its day in Brussels, with its path, even without the scope (403)", async () => {
    const token = await newToken(["reports:read"]);
    // 22:30 UTC on 30 June is already 1 July in Brussels (summer time).
    const late = new Date("2030-06-30T22:30:00.000Z");
    expect(await statusOf(token.secret, { now: late })).toBe(403);
    await authenticateApi(request(token.secret, "/api/v1/organisations"), null, {
      now: new Date("2030-06-30T21:30:00.000Z"),
    });
    expect((await usage(token.id)).map((u) => [u.day, u.requests, u.lastPath])).toEqual([
      ["2030-06-30", 1, "/api/v1/organisations"],
      ["2030-07-01", 1, "/api/v1/entries"],
    ]);
  });

  it("rewrites the time of last use at most once a minute", async () => {
    const token = await newToken(["dataset:read"]);
    const lastUsed = async () =>
      (await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    const at = (iso: string) => statusOf(token.secret, { now: new Date(iso) });
    expect(await at("2030-03-01T10:00:00.000Z")).toBe(200);
    expect(await lastUsed()).toEqual(new Date("2030-03-01T10:00:00.000Z"));
    expect(await at("2030-03-01T10:00:59.999Z")).toBe(200);
    expect(await lastUsed()).toEqual(new Date("2030-03-01T10:00:00.000Z"));
    expect(await at("2030-03-01T10:01:00.001Z")).toBe(200);
    expect(await lastUsed()).toEqual(new Date("2030-03-01T10:01:00.001Z"));
    expect((await usage(token.id)).map((u) => u.requests)).toEqual([3]);
  });
});
