import { href, redirect } from "react-router";
import type { Prisma } from "~/generated/prisma/client";
import { can } from "~/modules/auth/permissions";
import type { CurrentUser } from "~/modules/auth/session.server";
import { definitionOfTemplate } from "~/modules/questionnaires/templates.server";
import type { Language } from "~/modules/i18n/languages";
import { editRefusal, isOverForPartner, isSubmitted } from "~/modules/returns/status";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

/** Partners see their own organisations' returns; staff see all. Anything else is null (404). */
export function returnScope(current: CurrentUser): Prisma.AnnualReturnWhereInput {
  return can(current.roles, "return:read-any")
    ? {}
    : { organisationId: { in: current.organisationIds } };
}

export const returnInclude = {
  organisation: {
    select: { id: true, nameFr: true, nameNl: true, kind: true, preferredLanguage: true },
  },
  // The questionnaire the return was generated from. Not the definition's JSON: the parsed
  // definition is cached by checksum.
  template: { select: { id: true, key: true, version: true, checksum: true } },
  campaign: {
    include: {
      plan: { select: { id: true, code: true, titleFr: true, titleNl: true } },
    },
  },
  submittedBy: { select: { displayName: true } },
  sections: {
    orderBy: { position: "asc" },
    include: {
      measure: { select: { id: true, code: true, titleFr: true, titleNl: true } },
      funding: { select: { id: true, title: true, channel: true } },
      mission: { select: { id: true, code: true, titleFr: true, titleNl: true } },
      updatedBy: { select: { displayName: true } },
      attachments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          questionId: true,
          fileName: true,
          sizeBytes: true,
          mimeType: true,
          createdAt: true,
        },
      },
    },
  },
} satisfies Prisma.AnnualReturnInclude;

export async function findReturnForUser(current: CurrentUser, returnId: string) {
  return findReturn({ AND: [{ id: returnId }, returnScope(current)] });
}

/**
 * A return by its id alone, for work no signed-in person asks for (the demo seed, scheduled
 * jobs). Pages and actions use findReturnForUser, which keeps to the person's organisations.
 */
export async function findReturnById(returnId: string) {
  return findReturn({ id: returnId });
}

async function findReturn(where: Prisma.AnnualReturnWhereInput) {
  const found = await prisma.annualReturn.findFirst({ where, include: returnInclude });
  if (!found) return null;
  return { ...found, definition: await definitionOfTemplate(found.template) };
}

export type LoadedReturn = NonNullable<Awaited<ReturnType<typeof findReturnForUser>>>;

/**
 * One of the user's own organisation's returns that still takes the partner's work: a sent
 * return sends them to its confirmation, a closed campaign's (or one past its grace period) to
 * its task list (which says why),
 * any other return is not found.
 */
export async function requireReturnToFill(current: CurrentUser, lang: Language, returnId: string) {
  const loaded = await findReturnForUser(current, returnId);
  if (!loaded || !current.organisationIds.includes(loaded.organisationId)) notFound();
  if (isSubmitted(loaded))
    throw redirect(
      href("/:lang/partner/returns/:returnId/confirmation", { lang, returnId: loaded.id }),
    );
  if (isOverForPartner(editRefusal(loaded, loaded.campaign)))
    throw redirect(href("/:lang/partner/returns/:returnId", { lang, returnId: loaded.id }));
  return loaded;
}
export type LoadedSection = LoadedReturn["sections"][number];

export async function listReturnsForOrganisations(organisationIds: string[]) {
  return prisma.annualReturn.findMany({
    where: { organisationId: { in: organisationIds } },
    orderBy: [{ campaign: { year: "desc" } }],
    include: {
      organisation: { select: { id: true, nameFr: true, nameNl: true } },
      campaign: {
        select: {
          year: true,
          titleFr: true,
          titleNl: true,
          dueAt: true,
          status: true,
          graceDays: true,
        },
      },
      sections: { select: { status: true } },
    },
  });
}

/** Measure codes a measure picker may hold in this return (its campaign's plan). */
export async function planMeasureCodes(
  planId: string,
  db: Pick<typeof prisma, "measure"> = prisma,
) {
  const measures = await db.measure.findMany({ where: { planId }, select: { code: true } });
  return new Set(measures.map((m) => m.code));
}
