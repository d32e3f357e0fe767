// A request's session with its user and the user's memberships, in one SQL query: it runs on
// every signed-in request, and Prisma's include would send three (one per relation), each
// costing more through the driver adapters than the lookup itself (docs/benchmarks.md). It is
// read through the driver (`readRows`, utils/db/rows.server.ts), not Prisma's client.
import { Prisma, type Membership, type Session, type User } from "~/generated/prisma/client";
import type { Language, StaffRole } from "~/generated/prisma/enums";
import { readRows } from "~/utils/db.server";

/** What pages use of a membership: which organisation, and the person's role there. */
export type SessionMembership = Pick<Membership, "organisationId" | "jobTitle">;
/**
 * The signed-in person as every request sees them: not the second factor's secret nor its last
 * used step (read by the second-factor code alone, in its own transaction), so a page that
 * leaks its user object by mistake leaks no secret.
 */
export type SessionUser = Omit<User, "totpSecret" | "totpLastStep"> & {
  memberships: SessionMembership[];
};

interface SessionRow {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  lastSeenAt: Date;
  secondFactorAt: Date | null;
  email: string;
  displayName: string;
  preferredLanguage: Language;
  staffRole: StaffRole;
  active: boolean;
  lastLoginAt: Date | null;
  totpEnabledAt: Date | null;
  userCreatedAt: Date;
  userUpdatedAt: Date;
  memberships: SessionMembership[];
}

export async function findSessionWithUser(
  sessionId: string,
): Promise<(Session & { user: SessionUser }) | null> {
  const rows = await readRows<SessionRow>(Prisma.sql`
    SELECT s."id", s."userId", s."expiresAt", s."createdAt", s."lastSeenAt", s."secondFactorAt",
      u."email", u."displayName", u."preferredLanguage"::text AS "preferredLanguage",
      u."staffRole"::text AS "staffRole", u."active", u."lastLoginAt",
      u."totpEnabledAt", u."createdAt" AS "userCreatedAt",
      u."updatedAt" AS "userUpdatedAt",
      COALESCE((SELECT json_agg(json_build_object('organisationId', m."organisationId",
          'jobTitle', m."jobTitle") ORDER BY m."createdAt", m."id")
        FROM "Membership" m WHERE m."userId" = s."userId"), '[]'::json) AS "memberships"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId}`);
  const row = rows[0];
  if (!row) return null;
  // Typed as the models: a column added to User or Session fails to compile here until read.
  const user: Omit<User, "totpSecret" | "totpLastStep"> = {
    id: row.userId,
    email: row.email,
    displayName: row.displayName,
    preferredLanguage: row.preferredLanguage,
    staffRole: row.staffRole,
    active: row.active,
    lastLoginAt: row.lastLoginAt,
    totpEnabledAt: row.totpEnabledAt,
    createdAt: row.userCreatedAt,
    updatedAt: row.userUpdatedAt,
  };
  const session: Session = {
    id: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    secondFactorAt: row.secondFactorAt,
  };
  return { ...session, user: { ...user, memberships: row.memberships } };
}
