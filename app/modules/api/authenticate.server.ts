// Who is asking the read API: a bearer token, nothing else (no cookies: a browser's session
// never reaches the API, so there is no cross-site request to forge). A missing, unknown,
// revoked or expired token is 401; a token without the scope is 403. Each token has its own
// rate limit (a fixed window in RateLimitWindow, the same counter as consumeRateLimit's); its
// use is counted per day (ApiTokenUsage) with the time it was last used.
//
// Reading the token, counting the request and recording the use are one statement through the
// driver (readRows): one round trip, and on PGlite one commit instead of three queries through
// Prisma's client, which cost a few milliseconds of the thread that answers every request.
import { ApiProblem, type ProblemKey } from "./problem.server";
import { hashToken, isWellFormedToken } from "./tokens.server";
import type { ApiScope } from "./token-form";
import { Prisma } from "~/generated/prisma/client";
import { readRows } from "~/utils/db.server";

/** Requests a token may make per window. */
export const API_RATE_LIMIT = 600;
export const API_RATE_WINDOW_MS = 60_000;

export interface ApiCaller {
  tokenId: string;
  scopes: readonly string[];
}

const challenge = (error?: string) =>
  error ? `Bearer realm="api", error="${error}"` : `Bearer realm="api"`;

function unauthorized(key: ProblemKey, error?: string): never {
  throw new ApiProblem(401, key, {}, { headers: { "WWW-Authenticate": challenge(error) } });
}

// The day a request counts in, in Brussels (where staff read the counts).
const usageDay = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Brussels" });

/**
 * The token's caller, or a thrown ApiProblem. `scope` null: any valid token (the reference
 * lists every scope needs).
 */
export async function authenticateApi(
  request: Request,
  scope: ApiScope | null,
  options: { limit?: number; now?: Date } = {},
): Promise<ApiCaller> {
  const header = request.headers.get("authorization");
  if (!header) unauthorized("tokenRequired");
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match?.[1] || !isWellFormedToken(match[1])) unauthorized("tokenMalformed", "invalid_token");
  const now = options.now ?? new Date();
  const limit = options.limit ?? API_RATE_LIMIT;
  const [token] = await countTokenRequest(
    hashToken(match[1]),
    new URL(request.url).pathname,
    now,
    limit,
  );
  if (!token) unauthorized("tokenUnknown", "invalid_token");
  if (token.revokedAt) unauthorized("tokenRevoked", "invalid_token");
  if (token.expiresAt && token.expiresAt <= now) unauthorized("tokenExpired", "invalid_token");
  if (token.count === null || token.count > limit) {
    const windowEnd = (Math.floor(Date.now() / API_RATE_WINDOW_MS) + 1) * API_RATE_WINDOW_MS;
    const retryAfter = Math.max(1, Math.ceil((windowEnd - Date.now()) / 1000));
    throw new ApiProblem(
      429,
      "rateLimited",
      { limit },
      { headers: { "Retry-After": String(retryAfter) } },
    );
  }
  if (scope && !token.scopes.includes(scope))
    throw new ApiProblem(
      403,
      "scopeMissing",
      { scope },
      { headers: { "WWW-Authenticate": `${challenge("insufficient_scope")}, scope="${scope}"` } },
    );
  return { tokenId: token.id, scopes: token.scopes };
}

/**
 * The token of this hash, and, if it is neither revoked nor expired, the request counted in the
 * token's window of the rate limit ("count"); within the limit, one more request today and the
 * time of use (rewritten at most once a minute, so a busy token does not rewrite its row on
 * every request). A refused token counts nothing; a request over the limit is counted in the
 * window but not as a use. The writes ride in CTEs: one statement, one transaction.
 */
function countTokenRequest(tokenHash: string, path: string, now: Date, limit: number) {
  const windowStart = new Date(Math.floor(Date.now() / API_RATE_WINDOW_MS) * API_RATE_WINDOW_MS);
  const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;
  return readRows<{
    id: string;
    scopes: string[];
    expiresAt: Date | null;
    revokedAt: Date | null;
    count: number | null;
  }>(Prisma.sql`
    WITH "token" AS (
      SELECT "id", "scopes", "expiresAt", "revokedAt" FROM "ApiToken" WHERE "tokenHash" = ${tokenHash}
    ), "counted" AS (
      INSERT INTO "RateLimitWindow" ("key", "windowStart", "count")
      SELECT 'api-token:' || "id", ${at(windowStart)}, 1 FROM "token"
       WHERE "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > ${at(now)})
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
      RETURNING "count"
    ), "allowed" AS (
      SELECT t."id" FROM "token" t, "counted" c WHERE c."count" <= ${limit}::int
    ), "touched" AS (
      UPDATE "ApiToken" SET "lastUsedAt" = ${at(now)}
       WHERE "id" IN (SELECT "id" FROM "allowed")
         AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${at(new Date(now.getTime() - 60_000))})
    ), "used" AS (
      INSERT INTO "ApiTokenUsage" ("tokenId", "day", "requests", "lastPath")
      SELECT "id", ${usageDay.format(now)}, 1, ${path.slice(0, 200)} FROM "allowed"
      ON CONFLICT ("tokenId", "day")
      DO UPDATE SET "requests" = "ApiTokenUsage"."requests" + 1, "lastPath" = EXCLUDED."lastPath"
    )
    SELECT t."id", to_jsonb(t."scopes") AS "scopes", t."expiresAt", t."revokedAt",
           (SELECT "count" FROM "counted") AS "count"
      FROM "token" t`);
}
