// A partner's own administrator invites and removes colleagues of their organisation, without
// asking safe.brussels. Only their own organisation: anyone else gets "not found" and nothing
// changes. The invitation email carries no sign-in link: the colleague asks the login page for one.
import type { CurrentUser } from "~/modules/auth/session.server";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { env } from "~/utils/env.server";
import { prisma, type Tx } from "~/utils/db.server";
import type { Invalid, NotFound } from "./access.server";
import { addMembership, removeMembership } from "./contacts.server";
import type { ColleagueInput } from "./schema";

/** The caller's membership if they administer this organisation, else null. */
async function adminMembership(tx: Tx, current: CurrentUser, organisationId: string) {
  if (!current.organisationIds.includes(organisationId)) return null;
  return tx.membership.findFirst({
    where: { organisationId, userId: current.user.id, organisationAdmin: true },
    select: { id: true },
  });
}

/** Whether the caller may manage colleagues of this organisation (the page shows the forms). */
export async function administersOrganisation(current: CurrentUser, organisationId: string) {
  return (await adminMembership(prisma, current, organisationId)) !== null;
}

/** The colleagues an administrator sees: names, emails and roles of their own organisation. */
export async function listColleagues(current: CurrentUser, organisationId: string) {
  if (!(await administersOrganisation(current, organisationId))) return null;
  return prisma.membership.findMany({
    where: { organisationId },
    orderBy: { user: { displayName: "asc" } },
    select: {
      id: true,
      userId: true,
      jobTitle: true,
      reportRole: true,
      organisationAdmin: true,
      user: { select: { displayName: true, email: true } },
    },
  });
}

export type InviteColleagueOutcome =
  { outcome: "invited"; membershipId: string; newUser: boolean } | NotFound | Invalid;

export async function inviteColleague(
  current: CurrentUser,
  organisationId: string,
  input: ColleagueInput,
): Promise<InviteColleagueOutcome> {
  return prisma.$transaction(async (tx) => {
    if (!(await adminMembership(tx, current, organisationId))) return { outcome: "not-found" };
    const added = await addMembership(tx, {
      organisationId,
      input: { ...input, organisationAdmin: false },
      actorUserId: current.user.id,
      action: "colleague.invited",
    });
    if (added.outcome !== "added") return added;
    const [organisation, colleague] = await Promise.all([
      tx.organisation.findUniqueOrThrow({
        where: { id: organisationId },
        select: { nameFr: true, nameNl: true },
      }),
      tx.user.findUniqueOrThrow({
        where: { id: added.userId },
        select: { email: true, displayName: true, preferredLanguage: true },
      }),
    ]);
    const lang = colleague.preferredLanguage;
    await enqueueEmail(tx, {
      purpose: "colleague-invited",
      dedupeKey: `colleague-invited:${added.membershipId}`,
      template: "colleague-invited",
      to: colleague.email,
      language: lang,
      payload: {
        displayName: colleague.displayName,
        inviterName: current.user.displayName,
        organisationName: lang === "nl" ? organisation.nameNl : organisation.nameFr,
        loginLink: `${env.publicUrl}/${lang}/login`,
      },
    });
    return { outcome: "invited", membershipId: added.membershipId, newUser: added.newUser };
  });
}

export type RemoveColleagueOutcome = { outcome: "removed" } | { outcome: "last-admin" } | NotFound;

/** Removes a colleague; an administrator leaving must not leave the organisation without one. */
export async function removeColleague(
  current: CurrentUser,
  organisationId: string,
  membershipId: string,
): Promise<RemoveColleagueOutcome> {
  return prisma.$transaction(async (tx) => {
    const own = await adminMembership(tx, current, organisationId);
    if (!own) return { outcome: "not-found" as const };
    if (membershipId === own.id) {
      const admins = await tx.membership.count({
        where: { organisationId, organisationAdmin: true },
      });
      if (admins <= 1) return { outcome: "last-admin" as const };
    }
    return removeMembership(tx, {
      organisationId,
      membershipId,
      actorUserId: current.user.id,
      action: "colleague.removed",
    });
  });
}
