import { redirect } from "react-router";
import { prisma, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import type { Language } from "~/modules/i18n/languages";
import { can, rolesOf, type Permission, type Role } from "./permissions";
import { hashSecret, isWellFormedSecret, newSecret } from "./tokens.server";

// Server-side sessions: the cookie carries a random secret, the database its hash.
// A new session (new id) is created at every login; logout deletes the row.

const SESSION_HOURS = 8;
// The __Host- prefix needs Secure; plain-http local tests use an explicit switch instead.
export const sessionCookieName = env.insecureCookies ? "sb_session" : "__Host-sb_session";

function readCookie(request: Request, name: string) {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export function sessionCookieHeader(secret: string | null) {
  const attributes = [
    `${sessionCookieName}=${secret ?? ""}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    secret ? `Max-Age=${SESSION_HOURS * 3600}` : "Max-Age=0",
  ];
  if (!env.insecureCookies) attributes.push("Secure");
  return attributes.join("; ");
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

const userWithMemberships = {
  include: {
    memberships: {
      include: { organisation: { select: { id: true, nameFr: true, nameNl: true, kind: true } } },
    },
  },
} as const;

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>;

export async function getCurrentUser(request: Request) {
  const secret = readCookie(request, sessionCookieName);
  if (!isWellFormedSecret(secret)) return null;
  const session = await prisma.session.findUnique({
    where: { id: hashSecret(secret) },
    include: { user: userWithMemberships },
  });
  if (!session || session.expiresAt < new Date() || !session.user.active) return null;
  const roles: Role[] = rolesOf(session.user);
  return {
    sessionId: session.id,
    user: session.user,
    roles,
    organisationIds: session.user.memberships.map((m) => m.organisationId),
  };
}

/** Sends anonymous visitors to the login page, coming back here afterwards. */
export async function requireUser(request: Request, lang: Language) {
  const current = await getCurrentUser(request);
  if (!current) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
    throw redirect(`/${lang}/login?${params}`);
  }
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
        details: { permission, path: new URL(request.url).pathname },
      },
    });
    notFound();
  }
  return current;
}

export async function endSession(request: Request) {
  const secret = readCookie(request, sessionCookieName);
  if (!isWellFormedSecret(secret)) return null;
  const session = await prisma.session.findUnique({ where: { id: hashSecret(secret) } });
  if (!session) return null;
  await prisma.$transaction(async (tx) => {
    await tx.session.delete({ where: { id: session.id } });
    await tx.auditEvent.create({ data: { action: "auth.logout", actorUserId: session.userId } });
  });
  return session.userId;
}
