// What the staff directory pages read: one partner with its contacts and fundings, the choices
// of its forms, and its history. Staff (reviewers too) read; only administrators change.
import type { DirectoryAuditAction } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { activePlan } from "./fundings.server";

/** One partner as staff see it, or null. */
export async function staffOrganisation(organisationId: string) {
  return prisma.organisation.findUnique({
    where: { id: organisationId },
    include: {
      parentCommune: { select: { id: true, nameFr: true, nameNl: true } },
      followedBy: { select: { id: true, displayName: true } },
      coveredCommunes: {
        select: { commune: { select: { id: true, nameFr: true, nameNl: true, officialId: true } } },
        orderBy: { commune: { officialId: "asc" } },
      },
      memberships: {
        orderBy: { user: { displayName: "asc" } },
        select: {
          id: true,
          jobTitle: true,
          reportRole: true,
          organisationAdmin: true,
          user: { select: { id: true, displayName: true, email: true, preferredLanguage: true } },
        },
      },
      fundings: {
        orderBy: [{ startYear: "desc" }, { title: "asc" }],
        include: {
          measures: {
            orderBy: [{ link: "asc" }, { measure: { position: "asc" } }],
            select: {
              link: true,
              measure: { select: { code: true, titleFr: true, titleNl: true } },
            },
          },
          transversalMissions: {
            select: { mission: { select: { code: true, titleFr: true, titleNl: true } } },
          },
          _count: { select: { returnSections: true } },
        },
      },
    },
  });
}

/** The choices of the organisation form: Brussels communes and staff who can follow a partner. */
export async function organisationFormOptions() {
  const [communes, staff] = await Promise.all([
    prisma.organisation.findMany({
      where: { kind: "COMMUNE" },
      orderBy: { officialId: "asc" },
      select: { id: true, nameFr: true, nameNl: true, officialId: true },
    }),
    prisma.user.findMany({
      where: { active: true, staffRole: { in: ["ADMIN", "REVIEWER"] } },
      orderBy: { displayName: "asc" },
      select: { id: true, displayName: true },
    }),
  ]);
  return { communes, staff };
}

/** The choices of the funding form: the active plan's measures by theme, and its missions. */
export async function fundingFormOptions() {
  const plan = await activePlan();
  if (!plan) return { plan: null, themes: [], missions: [] };
  const [themes, missions] = await Promise.all([
    prisma.theme.findMany({
      where: { planId: plan.id },
      orderBy: { position: "asc" },
      select: {
        id: true,
        code: true,
        titleFr: true,
        titleNl: true,
        measures: {
          orderBy: { position: "asc" },
          select: { code: true, titleFr: true, titleNl: true },
        },
      },
    }),
    prisma.transversalMission.findMany({
      where: { planId: plan.id },
      orderBy: { position: "asc" },
      select: { code: true, titleFr: true, titleNl: true },
    }),
  ]);
  return { plan, themes, missions };
}

export const directoryActions: DirectoryAuditAction[] = [
  "organisation.created",
  "organisation.updated",
  "organisation.archived",
  "organisation.unarchived",
  "contact.added",
  "contact.updated",
  "contact.removed",
  "funding.created",
  "funding.updated",
  "funding.deleted",
  "colleague.invited",
  "colleague.removed",
];

export interface HistoryEntry {
  id: string;
  occurredAt: Date;
  action: DirectoryAuditAction;
  actorName: string | null;
  changed: string[];
}

/** The organisation's directory events, newest first: who changed what (field names). */
export async function organisationHistory(organisationId: string, take = 50) {
  const events = await prisma.auditEvent.findMany({
    where: { organisationId, action: { in: directoryActions } },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      occurredAt: true,
      action: true,
      details: true,
      actor: { select: { displayName: true } },
    },
  });
  return events.map((event): HistoryEntry => {
    const details = event.details as { changed?: unknown } | null;
    return {
      id: event.id,
      occurredAt: event.occurredAt,
      action: event.action as DirectoryAuditAction,
      actorName: event.actor?.displayName ?? null,
      changed: Array.isArray(details?.changed) ? details.changed.map(String) : [],
    };
  });
}
