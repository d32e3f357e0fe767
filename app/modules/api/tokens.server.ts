// The read API's tokens, kept by staff administrators: created with a name, read scopes and
// an optional last day; revoked, never deleted (their use stays counted). The secret is shown
// once, when it is made; the table holds its SHA-256 only, and its first characters so staff can
// tell tokens apart. Creation and revocation are audited; use is counted per day (see
// authenticate.server.ts), not one audit row per request.
import { createHash, randomBytes } from "node:crypto";
import {
  TOKEN_PREFIX_LENGTH,
  USAGE_DAYS,
  type ApiScope,
  type CreateTokenInput,
} from "./token-form";
import { recordAudit } from "~/modules/audit/audit.server";
import { brusselsTime } from "~/modules/i18n/format";
import { prisma } from "~/utils/db.server";

/** Every secret starts so: recognisable in a leaked file or a secret scanner's rules. */
export const TOKEN_SCHEME = "sbk_";

/** "sbk_" then 256 random bits in base64url (43 characters). */
export function newTokenSecret() {
  return `${TOKEN_SCHEME}${randomBytes(32).toString("base64url")}`;
}

export function hashToken(secret: string) {
  return createHash("sha256").update(secret).digest("hex");
}

/** A string that could be one of our secrets: anything else is refused before any query. */
export function isWellFormedToken(value: string) {
  return /^sbk_[A-Za-z0-9_-]{43}$/.test(value);
}

/** The instant a token given "last day D" stops working: the next midnight in Brussels. */
export function expiryOf(lastDay: string): Date {
  const next = new Date(`${lastDay}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return brusselsTime(next.toISOString().slice(0, 10));
}

export async function createApiToken(input: CreateTokenInput, actorUserId: string) {
  const secret = newTokenSecret();
  const token = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        scopes: [...input.scopes],
        prefix: secret.slice(0, TOKEN_PREFIX_LENGTH),
        tokenHash: hashToken(secret),
        createdById: actorUserId,
        expiresAt: input.expiresOn ? expiryOf(input.expiresOn) : null,
      },
      select: { id: true, name: true, prefix: true },
    });
    await recordAudit(tx, {
      action: "api-token.created",
      actorUserId,
      targetType: "ApiToken",
      targetId: created.id,
      details: { scopes: [...input.scopes], expires: input.expiresOn || null },
    });
    return created;
  });
  // The one time the secret leaves the server: the page shows it, nothing keeps it.
  return { ...token, secret };
}

export type RevokeOutcome = "revoked" | "already-revoked" | "not-found";

export async function revokeApiToken(
  tokenId: string,
  actorUserId: string,
): Promise<{ outcome: RevokeOutcome; name: string }> {
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({
      where: { id: tokenId },
      select: { id: true, name: true, revokedAt: true },
    });
    if (!token) return { outcome: "not-found", name: "" };
    // Conditional: two administrators revoking at once audit it once.
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) return { outcome: "already-revoked", name: token.name };
    await recordAudit(tx, {
      action: "api-token.revoked",
      actorUserId,
      targetType: "ApiToken",
      targetId: token.id,
    });
    return { outcome: "revoked", name: token.name };
  });
}

export interface ListedToken {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdBy: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: "active" | "revoked" | "expired";
  /** Requests over the last USAGE_DAYS days (ApiTokenUsage), today included. */
  recentRequests: number;
}

/** Every token, newest first, with what it may read and whether it still works. */
export async function listApiTokens(now = new Date()): Promise<ListedToken[]> {
  const since = new Date(now.getTime() - (USAGE_DAYS - 1) * 86_400_000);
  const firstDay = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Brussels" }).format(since);
  const tokens = await prisma.apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { displayName: true } },
      usage: { where: { day: { gte: firstDay } }, select: { requests: true } },
    },
  });
  return tokens.map(({ createdBy, usage, ...token }) => ({
    ...token,
    recentRequests: usage.reduce((sum, day) => sum + day.requests, 0),
    scopes: token.scopes.filter((s): s is ApiScope => s === "dataset:read" || s === "reports:read"),
    createdBy: createdBy?.displayName ?? null,
    status: token.revokedAt
      ? "revoked"
      : token.expiresAt && token.expiresAt <= now
        ? "expired"
        : "active",
  }));
}
