// When the session ends, and extending it (WCAG 2.2.1): pages show a warning a few minutes
// before, with a button that extends the session, so no one loses typed answers to a timeout.
import { prisma } from "~/utils/db.server";
import { SESSION_HOURS } from "./cookies.server";
import { getCurrentUser, readSessionSecret, sessionCookieHeader } from "./session.server";

/**
 * The end of the request's session, or null without a valid one. Read with the session itself
 * (one lookup per page, shared by its loaders), not by a query of its own.
 */
export async function sessionExpiresAt(request: Request): Promise<Date | null> {
  return (await getCurrentUser(request))?.expiresAt ?? null;
}

/**
 * Pushes the session's end SESSION_HOURS from now, and the cookie's with it (same secret).
 * Null when there is no valid session left to extend: the person must sign in again.
 */
export async function extendSession(request: Request) {
  const current = await getCurrentUser(request);
  const secret = await readSessionSecret(request);
  if (!current || !secret) return null;
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600 * 1000);
  await prisma.session.update({ where: { id: current.sessionId }, data: { expiresAt } });
  return { expiresAt, setCookie: await sessionCookieHeader(secret) };
}
