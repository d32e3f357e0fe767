import { href } from "react-router";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Language } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/http.server";
import { LOGIN_TOKEN_MINUTES } from "./cookies.server";
import { consumeRateLimit, rateLimitKey } from "./rate-limit.server";
import { createSession } from "./session.server";
import { hashSecret, isWellFormedSecret, newSecret } from "./tokens.server";

const WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMIT_PER_EMAIL = 5;
// One office behind one NAT address may hold many partners; tests raise it with the variable.
export const LOGIN_LIMIT_PER_IP = Number(process.env.LOGIN_RATE_LIMIT_PER_IP ?? 30);

export type LoginLinkOutcome = "sent" | "rate-limited";

// The answer must not tell who has an account, not even by its timing: it depends only on the
// client's IP counter. Looking the address up, the per-address limit and writing the link all
// happen after the answer, in the background.
const pendingDeliveries = new Set<Promise<void>>();

/** Where background work is started; tests replace it to prove the answer does not wait. */
export const loginLinkScheduler = {
  defer(job: () => Promise<void>) {
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(job);
    pendingDeliveries.add(run);
    void run.finally(() => pendingDeliveries.delete(run));
  },
};

/** Resolves once every login link requested so far has been issued (or skipped). */
export async function settleLoginLinks() {
  while (pendingDeliveries.size > 0) await Promise.allSettled([...pendingDeliveries]);
}

/**
 * Answers a login request. The outcome depends only on the requesting IP's counter, never on
 * the address: a link is issued later if the address belongs to an active user.
 */
export async function requestLoginLink(input: {
  email: string;
  lang: Language;
  clientIp: string;
  baseUrl: string;
  redirectTo?: string;
}): Promise<LoginLinkOutcome> {
  const ipAllowed = await consumeRateLimit(
    rateLimitKey("login-ip", input.clientIp),
    LOGIN_LIMIT_PER_IP,
    WINDOW_MS,
  );
  if (!ipAllowed) return "rate-limited";
  const request = { ...input, email: input.email.trim().toLowerCase() };
  loginLinkScheduler.defer(async () => {
    try {
      await issueLoginLink(request);
    } catch (error) {
      // The email stays out of the logs: the error's code or class is enough to investigate.
      const code = (error as { code?: unknown }).code;
      console.error(
        "login-link: issuing failed",
        typeof code === "string" ? code : errorName(error),
      );
    }
  });
  return "sent";
}

function errorName(error: unknown) {
  return error instanceof Error ? error.name : "unknown";
}

/**
 * The per-address limit only stops new emails: it never refuses the answer, never invalidates
 * a link already sent and never touches a session, so nobody can lock someone else out.
 */
async function issueLoginLink(input: {
  email: string;
  lang: Language;
  baseUrl: string;
  redirectTo?: string;
}) {
  const { email } = input;
  const withinLimit = await consumeRateLimit(
    rateLimitKey("login-email", email),
    LOGIN_LIMIT_PER_EMAIL,
    WINDOW_MS,
  );
  if (!withinLimit) return;
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user || !user.active) return;

  const token = newSecret();
  const redirectTo = safeRedirectPath(input.redirectTo, "") || null;
  const link = `${input.baseUrl}${href("/:lang/login/confirm", { lang: input.lang })}?token=${token}`;
  await prisma.$transaction(async (tx) => {
    const row = await tx.loginToken.create({
      data: {
        tokenHash: hashSecret(token),
        userId: user.id,
        redirectTo,
        expiresAt: new Date(Date.now() + LOGIN_TOKEN_MINUTES * 60 * 1000),
      },
    });
    await enqueueEmail(tx, {
      purpose: "login-link",
      dedupeKey: `login-link:${row.id}`,
      template: "login-link",
      to: user.email,
      language: input.lang,
      payload: { displayName: user.displayName, link, minutes: LOGIN_TOKEN_MINUTES },
      containsSecret: true,
    });
    await recordAudit(tx, { action: "auth.login-link.requested", actorUserId: user.id });
  });
}

export type LoginTokenState = "valid" | "expired" | "used" | "invalid";

/** Reads a token's state without using it: the confirm page's GET must not log in. */
export async function inspectLoginToken(token: unknown): Promise<LoginTokenState> {
  if (!isWellFormedSecret(token)) return "invalid";
  const row = await prisma.loginToken.findUnique({ where: { tokenHash: hashSecret(token) } });
  if (!row) return "invalid";
  if (row.usedAt) return "used";
  if (row.expiresAt < new Date()) return "expired";
  return "valid";
}

export type LoginResult =
  | {
      ok: true;
      sessionSecret: string;
      redirectTo: string | null;
      userId: string;
      /** Staff: the session opens staff pages only once the second factor is proven. */
      secondFactorRequired: boolean;
    }
  | { ok: false; reason: Exclude<LoginTokenState, "valid"> };

/** Uses the token (once) and opens a new session, in one transaction. */
export async function confirmLogin(token: unknown): Promise<LoginResult> {
  const state = await inspectLoginToken(token);
  if (state !== "valid" || typeof token !== "string") {
    return { ok: false, reason: state === "valid" ? "invalid" : state };
  }
  const tokenHash = hashSecret(token);
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.loginToken.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    const row = await tx.loginToken.findUniqueOrThrow({ where: { tokenHash } });
    if (claimed.count !== 1) {
      await recordAudit(tx, { action: "auth.login-link.rejected", actorUserId: row.userId });
      return { ok: false as const, reason: "used" as const };
    }
    const sessionSecret = await createSession(tx, row.userId);
    const user = await tx.user.update({ where: { id: row.userId }, data: { lastLoginAt: now } });
    await recordAudit(tx, { action: "auth.login", actorUserId: row.userId });
    return {
      ok: true as const,
      sessionSecret,
      redirectTo: row.redirectTo,
      userId: row.userId,
      secondFactorRequired: user.staffRole !== "NONE",
    };
  });
}
