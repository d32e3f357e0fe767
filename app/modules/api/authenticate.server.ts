// Who is asking the read API: a bearer token, nothing else (no cookies: a browser's session
// never reaches the API, so there is no cross-site request to forge). A missing, unknown,
// revoked or expired token is 401; a token without the scope is 403. Each token has its own
// rate limit (a fixed window in RateLimitWindow); its use is counted per day (ApiTokenUsage)
// with the time it was last used, in one statement.
import { ApiProblem } from "./problem.server";
import { hashToken, isWellFormedToken } from "./tokens.server";
import type { ApiScope } from "./token-form";
import { Prisma } from "~/generated/prisma/client";
import { consumeRateLimit } from "~/modules/auth/rate-limit.server";
import { prisma, readRows } from "~/utils/db.server";

/** Requests a token may make per window. */
export const API_RATE_LIMIT = 600;
export const API_RATE_WINDOW_MS = 60_000;

export interface ApiCaller {
  tokenId: string;
  scopes: readonly string[];
}

const challenge = (error?: string) =>
  error ? `Bearer realm="api", error="${error}"` : `Bearer realm="api"`;

function unauthorized(detail: string, error?: string): never {
  throw new ApiProblem(401, detail, { headers: { "WWW-Authenticate": challenge(error) } });
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
  if (!header) unauthorized("A bearer token is required: Authorization: Bearer <token>.");
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match?.[1] || !isWellFormedToken(match[1]))
    unauthorized("The bearer token is malformed.", "invalid_token");
  const now = options.now ?? new Date();
  const [token] = await readRows<{
    id: string;
    scopes: string[];
    expiresAt: Date | null;
    revokedAt: Date | null;
  }>(Prisma.sql`SELECT "id", to_jsonb("scopes") AS "scopes", "expiresAt", "revokedAt" FROM "ApiToken"
                 WHERE "tokenHash" = ${hashToken(match[1])}`);
  if (!token) unauthorized("The token is unknown.", "invalid_token");
  if (token.revokedAt) unauthorized("The token was revoked.", "invalid_token");
  if (token.expiresAt && token.expiresAt <= now)
    unauthorized("The token has expired.", "invalid_token");

  const limit = options.limit ?? API_RATE_LIMIT;
  if (!(await consumeRateLimit(`api-token:${token.id}`, limit, API_RATE_WINDOW_MS))) {
    const windowEnd = (Math.floor(Date.now() / API_RATE_WINDOW_MS) + 1) * API_RATE_WINDOW_MS;
    const retryAfter = Math.max(1, Math.ceil((windowEnd - Date.now()) / 1000));
    throw new ApiProblem(429, `At most ${limit} requests a minute per token.`, {
      headers: { "Retry-After": String(retryAfter) },
    });
  }
  await recordUse(token.id, new URL(request.url).pathname, now);
  if (scope && !token.scopes.includes(scope))
    throw new ApiProblem(403, `The token lacks the scope "${scope}".`, {
      headers: { "WWW-Authenticate": `${challenge("insufficient_scope")}, scope="${scope}"` },
    });
  return { tokenId: token.id, scopes: token.scopes };
}

/**
 * One more request today, and the time of use (rewritten at most once a minute, so a busy
 * token does not rewrite its row on every request). One statement: the update rides in a CTE.
 */
async function recordUse(tokenId: string, path: string, now: Date) {
  const day = usageDay.format(now);
  const aMinuteAgo = new Date(now.getTime() - 60_000);
  await prisma.$executeRaw`
    WITH "touched" AS (
      UPDATE "ApiToken" SET "lastUsedAt" = ${now}
       WHERE "id" = ${tokenId} AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${aMinuteAgo})
    )
    INSERT INTO "ApiTokenUsage" ("tokenId", "day", "requests", "lastPath")
    VALUES (${tokenId}, ${day}, 1, ${path.slice(0, 200)})
    ON CONFLICT ("tokenId", "day")
    DO UPDATE SET "requests" = "ApiTokenUsage"."requests" + 1, "lastPath" = EXCLUDED."lastPath"`;
}
