import { createHmac } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/** Keys are HMACs so the table holds no IP addresses or emails in clear. */
export function rateLimitKey(kind: string, value: string) {
  return `${kind}:${createHmac("sha256", env.sessionSecret).update(value.toLowerCase()).digest("hex").slice(0, 32)}`;
}

/** Fixed-window counter, atomic on PostgreSQL and PGlite. Returns false once over the limit. */
export async function consumeRateLimit(key: string, limit: number, windowMs: number) {
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count"`;
  return Number(rows[0]?.count ?? 0) <= limit;
}

/** The current window's count, without adding to it. */
export async function readRateLimit(key: string, windowMs: number) {
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const row = await prisma.rateLimitWindow.findUnique({
    where: { key_windowStart: { key, windowStart } },
  });
  return row?.count ?? 0;
}
