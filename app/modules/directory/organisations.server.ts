// Staff create and edit partner organisations. Each change is one transaction with its audit row,
// which names the fields that changed (never their values). An edit carries the updatedAt it was
// read at: if someone saved in between, nothing is written and the form keeps what was typed.
import type { CurrentUser } from "~/modules/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OrganisationKind } from "~/generated/prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import {
  changedFields,
  managesDirectory,
  prismaErrorCode,
  type DirectoryFieldErrors,
  type Invalid,
  type NotFound,
} from "./access.server";
import type { OrganisationEditInput, OrganisationInput } from "./schema";

export type CreateOrganisationOutcome =
  { outcome: "created"; organisationId: string } | NotFound | Invalid;

export type UpdateOrganisationOutcome =
  | { outcome: "updated"; changed: string[] }
  /** Saved by someone else since the form was read: nothing written; the new version is given. */
  | { outcome: "changed-meanwhile"; version: string }
  | NotFound
  | Invalid;

/** The ids a form chose must name what they claim: staff for the follower, communes for zones. */
async function checkReferences(
  tx: Tx,
  input: OrganisationInput,
  selfId?: string,
): Promise<DirectoryFieldErrors> {
  const errors: DirectoryFieldErrors = {};
  if (input.followedById) {
    const follower = await tx.user.findFirst({
      where: { id: input.followedById, active: true, staffRole: { in: ["ADMIN", "REVIEWER"] } },
      select: { id: true },
    });
    if (!follower) errors.followedById = "errors.follower";
  }
  const communeIds = [
    ...input.coveredCommuneIds,
    ...(input.parentCommuneId ? [input.parentCommuneId] : []),
  ];
  if (communeIds.length > 0) {
    const found = await tx.organisation.findMany({
      where: { id: { in: communeIds }, kind: "COMMUNE", NOT: selfId ? { id: selfId } : undefined },
      select: { id: true },
    });
    const ok = new Set(found.map((c) => c.id));
    if (input.coveredCommuneIds.some((id) => !ok.has(id)))
      errors.coveredCommuneIds = "errors.communes";
    if (input.parentCommuneId && !ok.has(input.parentCommuneId))
      errors.parentCommuneId = "errors.parentCommune";
  }
  if (input.officialId) {
    const taken = await tx.organisation.findFirst({
      where: {
        kind: input.kind,
        officialId: input.officialId,
        NOT: selfId ? { id: selfId } : undefined,
      },
      select: { id: true },
    });
    if (taken) errors.officialId = "errors.identifierTaken";
  }
  return errors;
}

const slugPrefix: Record<OrganisationKind, string> = {
  POLICE_ZONE: "zp",
  COMMUNE: "commune",
  LISA_ANTENNA: "lisa",
  REGIONAL_BODY: "regional",
  NON_PROFIT: "asbl",
};

/** A readable, stable key ("zp-5339", "asbl-transit"): the identifier, else the French name. */
async function freeSlug(tx: Tx, input: OrganisationInput) {
  const base = `${slugPrefix[input.kind]}-${(input.officialId ?? input.nameFr)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60)}`;
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const taken = await tx.organisation.findUnique({ where: { slug }, select: { id: true } });
    if (!taken) return slug;
  }
}

const uniqueViolation = (error: unknown): Invalid | null =>
  prismaErrorCode(error) === "P2002"
    ? { outcome: "invalid", errors: { officialId: "errors.identifierTaken" } }
    : null;

export async function createOrganisation(
  current: CurrentUser,
  input: OrganisationInput,
): Promise<CreateOrganisationOutcome> {
  if (!managesDirectory(current)) return { outcome: "not-found" };
  try {
    return await prisma.$transaction(async (tx) => {
      const errors = await checkReferences(tx, input);
      if (Object.keys(errors).length > 0) return { outcome: "invalid" as const, errors };
      const organisation = await tx.organisation.create({
        data: {
          slug: await freeSlug(tx, input),
          kind: input.kind,
          officialId: input.officialId,
          nameFr: input.nameFr,
          nameNl: input.nameNl,
          preferredLanguage: input.preferredLanguage,
          followedById: input.followedById,
          parentCommuneId: input.parentCommuneId,
          coveredCommunes: {
            create: input.coveredCommuneIds.map((communeId) => ({ communeId })),
          },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        action: "organisation.created",
        actorUserId: current.user.id,
        organisationId: organisation.id,
        targetType: "Organisation",
        targetId: organisation.id,
        details: { kind: input.kind, communes: input.coveredCommuneIds.length },
      });
      return { outcome: "created" as const, organisationId: organisation.id };
    });
  } catch (error) {
    const invalid = uniqueViolation(error);
    if (invalid) return invalid;
    throw error;
  }
}

export async function updateOrganisation(
  current: CurrentUser,
  organisationId: string,
  input: OrganisationEditInput,
): Promise<UpdateOrganisationOutcome> {
  if (!managesDirectory(current)) return { outcome: "not-found" };
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.organisation.findUnique({
        where: { id: organisationId },
        include: { coveredCommunes: { select: { communeId: true } } },
      });
      if (!before) return { outcome: "not-found" as const };
      if (before.updatedAt.toISOString() !== input.version)
        return { outcome: "changed-meanwhile" as const, version: before.updatedAt.toISOString() };
      const errors = await checkReferences(tx, input, organisationId);
      if (Object.keys(errors).length > 0) return { outcome: "invalid" as const, errors };
      const { version, coveredCommuneIds, ...fields } = input;
      const changed = changedFields(
        { ...before, coveredCommuneIds: before.coveredCommunes.map((c) => c.communeId) },
        { ...fields, coveredCommuneIds },
      );
      if (changed.length === 0) return { outcome: "updated" as const, changed };
      // The version in the WHERE makes the check and the write one step, even between two
      // PostgreSQL connections that both read the old version.
      const written = await tx.organisation.updateMany({
        where: { id: organisationId, updatedAt: new Date(version) },
        data: { ...fields, updatedAt: new Date() },
      });
      if (written.count === 0) {
        const now = await tx.organisation.findUniqueOrThrow({
          where: { id: organisationId },
          select: { updatedAt: true },
        });
        return { outcome: "changed-meanwhile" as const, version: now.updatedAt.toISOString() };
      }
      if (changed.includes("coveredCommuneIds")) {
        await tx.policeZoneCommune.deleteMany({ where: { zoneId: organisationId } });
        await tx.policeZoneCommune.createMany({
          data: coveredCommuneIds.map((communeId) => ({ zoneId: organisationId, communeId })),
        });
      }
      await recordAudit(tx, {
        action: "organisation.updated",
        actorUserId: current.user.id,
        organisationId,
        targetType: "Organisation",
        targetId: organisationId,
        details: { changed },
      });
      return { outcome: "updated" as const, changed };
    });
  } catch (error) {
    const invalid = uniqueViolation(error);
    if (invalid) return invalid;
    throw error;
  }
}

export type ArchiveOutcome = { outcome: "archived" | "unarchived"; changed: boolean } | NotFound;

/**
 * An organisation that left the directory is archived, not deleted: its returns and history
 * stay, and generation creates no new return for it.
 */
export async function setOrganisationArchived(
  current: CurrentUser,
  organisationId: string,
  archived: boolean,
): Promise<ArchiveOutcome> {
  if (!managesDirectory(current)) return { outcome: "not-found" };
  const outcome = archived ? ("archived" as const) : ("unarchived" as const);
  return prisma.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { archivedAt: true },
    });
    if (!before) return { outcome: "not-found" as const };
    if ((before.archivedAt !== null) === archived) return { outcome, changed: false };
    await tx.organisation.update({
      where: { id: organisationId },
      data: { archivedAt: archived ? new Date() : null },
    });
    await recordAudit(tx, {
      action: archived ? "organisation.archived" : "organisation.unarchived",
      actorUserId: current.user.id,
      organisationId,
      targetType: "Organisation",
      targetId: organisationId,
    });
    return { outcome, changed: true };
  });
}
