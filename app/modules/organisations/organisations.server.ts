import type { CurrentUser } from "~/modules/auth/session.server";
import { can } from "~/modules/auth/permissions";
import type { FundingChannel, OrganisationKind, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

const fundingsWithLinks = {
  orderBy: [{ startYear: "desc" }, { title: "asc" }],
  include: {
    measures: {
      orderBy: [{ link: "asc" }, { measure: { position: "asc" } }],
      include: {
        measure: {
          select: {
            code: true,
            titleFr: true,
            titleNl: true,
            theme: { select: { position: true } },
            plan: { select: { code: true } },
          },
        },
      },
    },
    transversalMissions: {
      include: { mission: { select: { code: true, titleFr: true, titleNl: true } } },
    },
  },
} satisfies Prisma.Organisation$fundingsArgs;

const organisationDetail = {
  parentCommune: { select: { id: true, nameFr: true, nameNl: true } },
  lisaAntennas: { select: { id: true, nameFr: true, nameNl: true } },
  coveredCommunes: {
    include: { commune: { select: { id: true, nameFr: true, nameNl: true, officialId: true } } },
    orderBy: { commune: { officialId: "asc" } },
  },
  coveringZones: { include: { zone: { select: { id: true, nameFr: true, nameNl: true } } } },
  fundings: fundingsWithLinks,
} satisfies Prisma.OrganisationInclude;

/** The caller's own organisations (partner home). */
export async function listMyOrganisations(current: CurrentUser) {
  return prisma.organisation.findMany({
    where: { id: { in: current.organisationIds } },
    orderBy: { nameFr: "asc" },
    include: organisationDetail,
  });
}

/**
 * One organisation, scoped to what the caller may see: staff see any, partners only their
 * own. Anything else is null (the route answers 404, never 403, so ids reveal nothing).
 */
export async function findOrganisationForUser(current: CurrentUser, organisationId: string) {
  const scope: Prisma.OrganisationWhereInput = can(current.roles, "organisation:read-any")
    ? {}
    : { id: { in: current.organisationIds } };
  return prisma.organisation.findFirst({
    where: { AND: [{ id: organisationId }, scope] },
    include: {
      ...organisationDetail,
      memberships: {
        include: { user: { select: { displayName: true, email: true, preferredLanguage: true } } },
        orderBy: { user: { displayName: "asc" } },
      },
    },
  });
}

export interface PartnerFilters {
  kind?: OrganisationKind;
  channel?: FundingChannel;
  q?: string;
}

export async function listPartners(filters: PartnerFilters) {
  const q = filters.q?.trim();
  return prisma.organisation.findMany({
    where: {
      kind: filters.kind,
      fundings: filters.channel ? { some: { channel: filters.channel } } : undefined,
      OR: q
        ? [
            { nameFr: { contains: q, mode: "insensitive" } },
            { nameNl: { contains: q, mode: "insensitive" } },
            { officialId: { contains: q } },
          ]
        : undefined,
    },
    orderBy: [{ kind: "asc" }, { nameFr: "asc" }],
    select: {
      id: true,
      kind: true,
      officialId: true,
      nameFr: true,
      nameNl: true,
      preferredLanguage: true,
      archivedAt: true,
      _count: { select: { fundings: true, memberships: true } },
      fundings: { select: { channel: true }, distinct: ["channel"] },
    },
  });
}
