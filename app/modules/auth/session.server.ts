import { href, redirect } from "react-router";
import { prisma, type Tx } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { pageUrl } from "~/utils/page-url";
import type { Language } from "~/modules/i18n/languages";
import { readSecret, secretCookieHeader, SESSION_HOURS, sessionCookie } from "./cookies.server";
import { can, isStaff, rolesOf, type Permission, type Role } from "./permissions";
import { findSessionWithUser, type SessionUser } from "./session-lookup.server";
import { hashSecret, isWellFormedSecret, newSecret } from "./tokens.server";

// Server-side sessions: the cookie carries a random secret, the database its hash.
// A new session (new id) is created at every login; logout deletes the row.

/** The request's session secret, if its cookie holds one. */
export function readSessionSecret(request: Request) {
  return readSecret(sessionCookie, request);
}

/** Set-Cookie header that stores the session's secret, or ends the cookie (null). */
export function sessionCookieHeader(secret: string | null) {
  return secretCookieHeader(sessionCookie, secret);
}

export async function createSession(tx: Tx, userId: string) {
  const secret = newSecret();
  await tx.session.create({
    data: {
      id: hashSecret(secret),
      userId,
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600 * 1000),
    },
  });
  return secret;
}

export interface CurrentUser {
  sessionId: string;
  /** When the session ends (the page warns before: session-expiry.server.ts). */
  expiresAt: Date;
  user: SessionUser;
  roles: Role[];
  organisationIds: string[];
  /** A staff session opened by the magic link alone (true): no staff role until proven. */
  secondFactorPending?: boolean;
}

// A page's loaders (root and route) run for the same Request: one session lookup per page. GET
// only: an action may end or open the session that the loaders after it must see.
const currentUserOfRequest = new WeakMap<Request, Promise<CurrentUser | null>>();

export function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  if (request.method !== "GET") return lookUpCurrentUser(request);
  let pending = currentUserOfRequest.get(request);
  if (!pending) {
    pending = lookUpCurrentUser(request);
    currentUserOfRequest.set(request, pending);
  }
  return pending;
}

async function lookUpCurrentUser(request: Request): Promise<CurrentUser | null> {
  const secret = await readSessionSecret(request);
  if (!isWellFormedSecret(secret)) return null;
  const session = await findSessionWithUser(hashSecret(secret));
  if (!session || session.expiresAt < new Date() || !session.user.active) return null;
  const allRoles: Role[] = rolesOf(session.user);
  // A staff session opened by the magic link alone holds no staff role until the second
  // factor is proven: whatever asks the matrix with these roles, staff pages stay closed.
  const secondFactorPending = isStaff(allRoles) && !session.secondFactorAt;
  const roles = secondFactorPending
    ? allRoles.filter((role) => role === "PARTNER_MEMBER")
    : allRoles;
  return {
    sessionId: session.id,
    expiresAt: session.expiresAt,
    user: session.user,
    roles,
    secondFactorPending,
    organisationIds: session.user.memberships.map((m) => m.organisationId),
  };
}

function pathWithQuery(request: Request) {
  const url = pageUrl(request);
  return url.pathname + url.search;
}

/** The second-factor page (it sends on to the setup page when there is nothing to verify yet). */
export function secondFactorPath(lang: Language, redirectTo?: string | null) {
  const query = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : "";
  return `${href("/:lang/login/second-factor", { lang })}${query}`;
}

/**
 * Sends anonymous visitors to the login page and staff without their second factor to its
 * page, coming back here afterwards.
 */
export async function requireUser(request: Request, lang: Language) {
  const current = await getCurrentUser(request);
  if (!current) {
    const params = new URLSearchParams({ redirectTo: pathWithQuery(request) });
    throw redirect(`${href("/:lang/login", { lang })}?${params}`);
  }
  if (current.secondFactorPending) throw redirect(secondFactorPath(lang, pathWithQuery(request)));
  return current;
}

/**
 * Checks the permission matrix first. A signed-in user without the permission gets a 404,
 * so staff-only and other partners' pages are indistinguishable from pages that don't exist.
 */
export async function requirePermission(request: Request, lang: Language, permission: Permission) {
  const current = await requireUser(request, lang);
  if (!can(current.roles, permission)) {
    await prisma.auditEvent.create({
      data: {
        action: "access.denied",
        actorUserId: current.user.id,
        details: { permission, path: pageUrl(request).pathname },
      },
    });
    notFound();
  }
  return current;
}

export async function endSession(request: Request) {
  const secret = await readSessionSecret(request);
  if (!isWellFormedSecret(secret)) return null;
  const session = await prisma.session.findUnique({ where: { id: hashSecret(secret) } });
  if (!session) return null;
  await prisma.$transaction(async (tx) => {
    await tx.session.delete({ where: { id: session.id } });
    await tx.auditEvent.create({ data: { action: "auth.logout", actorUserId: session.userId } });
  });
  return session.userId;
}
