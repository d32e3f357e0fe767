// A partner's contacts: the people who sign in for it, with their role for the annual report.
// Staff add, edit and remove them; a person is one User, found by lower-cased email, who may be a
// contact of several organisations. Removing a contact ends the membership only: the user stays,
// so the history still says who did what.
import type { CurrentUser } from "~/modules/auth/session.server";
import { recordAudit, type DirectoryAuditAction } from "~/modules/audit/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { changedFields, managesDirectory, type Invalid, type NotFound } from "./access.server";
import type { ContactEditInput, ContactInput } from "./schema";

export type AddContactOutcome =
  { outcome: "added"; membershipId: string; userId: string; newUser: boolean } | NotFound | Invalid;

/**
 * Adds the membership in the caller's transaction: reuses the user of that email (their name and
 * language stay theirs) or creates it. A staff account never becomes a partner's contact.
 */
export async function addMembership(
  tx: Tx,
  args: {
    organisationId: string;
    input: ContactInput;
    actorUserId: string;
    action: Extract<DirectoryAuditAction, "contact.added" | "colleague.invited">;
  },
): Promise<AddContactOutcome> {
  const { organisationId, input } = args;
  const organisation = await tx.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true },
  });
  if (!organisation) return { outcome: "not-found" };
  const existing = await tx.user.findUnique({
    where: { email: input.email },
    select: { id: true, staffRole: true, memberships: { where: { organisationId } } },
  });
  if (existing && existing.staffRole !== "NONE")
    return { outcome: "invalid", errors: { email: "errors.staffAccount" } };
  if (existing && existing.memberships.length > 0)
    return { outcome: "invalid", errors: { email: "errors.alreadyMember" } };
  const user =
    existing ??
    (await tx.user.create({
      data: {
        email: input.email,
        displayName: input.displayName,
        preferredLanguage: input.preferredLanguage,
      },
      select: { id: true },
    }));
  const membership = await tx.membership.create({
    data: {
      userId: user.id,
      organisationId,
      jobTitle: input.jobTitle,
      reportRole: input.reportRole,
      organisationAdmin: input.organisationAdmin,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    action: args.action,
    actorUserId: args.actorUserId,
    organisationId,
    targetType: "Membership",
    targetId: membership.id,
    details: {
      userId: user.id,
      newUser: !existing,
      reportRole: input.reportRole,
      organisationAdmin: input.organisationAdmin,
    },
  });
  return { outcome: "added", membershipId: membership.id, userId: user.id, newUser: !existing };
}

export async function addContact(
  current: CurrentUser,
  organisationId: string,
  input: ContactInput,
): Promise<AddContactOutcome> {
  if (!managesDirectory(current)) return { outcome: "not-found" };
  return prisma.$transaction((tx) =>
    addMembership(tx, {
      organisationId,
      input,
      actorUserId: current.user.id,
      action: "contact.added",
    }),
  );
}

export type UpdateContactOutcome = { outcome: "updated"; changed: string[] } | NotFound;

export async function updateContact(
  current: CurrentUser,
  organisationId: string,
  membershipId: string,
  input: ContactEditInput,
): Promise<UpdateContactOutcome> {
  if (!managesDirectory(current)) return { outcome: "not-found" };
  return prisma.$transaction(async (tx) => {
    // Scoped by the organisation in the URL: a membership of another one is not found.
    const before = await tx.membership.findFirst({
      where: { id: membershipId, organisationId },
      include: { user: { select: { displayName: true } } },
    });
    if (!before) return { outcome: "not-found" as const };
    const changed = changedFields(
      { ...before, displayName: before.user.displayName },
      { ...input },
    );
    if (changed.length === 0) return { outcome: "updated" as const, changed };
    const { displayName, ...membership } = input;
    await tx.membership.update({ where: { id: membershipId }, data: membership });
    if (changed.includes("displayName"))
      await tx.user.update({ where: { id: before.userId }, data: { displayName } });
    await recordAudit(tx, {
      action: "contact.updated",
      actorUserId: current.user.id,
      organisationId,
      targetType: "Membership",
      targetId: membershipId,
      details: { userId: before.userId, changed },
    });
    return { outcome: "updated" as const, changed };
  });
}

export type RemoveContactOutcome = { outcome: "removed" } | NotFound;

/** Ends a membership in the caller's transaction, with its audit row. */
export async function removeMembership(
  tx: Tx,
  args: {
    organisationId: string;
    membershipId: string;
    actorUserId: string;
    action: Extract<DirectoryAuditAction, "contact.removed" | "colleague.removed">;
  },
): Promise<RemoveContactOutcome> {
  const membership = await tx.membership.findFirst({
    where: { id: args.membershipId, organisationId: args.organisationId },
    select: { id: true, userId: true },
  });
  if (!membership) return { outcome: "not-found" };
  await tx.membership.delete({ where: { id: membership.id } });
  await recordAudit(tx, {
    action: args.action,
    actorUserId: args.actorUserId,
    organisationId: args.organisationId,
    targetType: "Membership",
    targetId: membership.id,
    details: { userId: membership.userId },
  });
  return { outcome: "removed" };
}

export async function removeContact(
  current: CurrentUser,
  organisationId: string,
  membershipId: string,
): Promise<RemoveContactOutcome> {
  if (!managesDirectory(current)) return { outcome: "not-found" };
  return prisma.$transaction((tx) =>
    removeMembership(tx, {
      organisationId,
      membershipId,
      actorUserId: current.user.id,
      action: "contact.removed",
    }),
  );
}
