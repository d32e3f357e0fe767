import { prisma } from "~/utils/db.server";

export async function listPlans() {
  return prisma.plan.findMany({
    orderBy: { startYear: "desc" },
    include: { _count: { select: { measures: true, themes: true } } },
  });
}

export async function getPlanCatalogue(planCode: string) {
  return prisma.plan.findUnique({
    where: { code: planCode },
    include: {
      themes: {
        orderBy: { position: "asc" },
        include: { _count: { select: { measures: true } } },
      },
      strategicObjectives: { orderBy: { position: "asc" } },
      actionPrinciples: { orderBy: { position: "asc" } },
      transversalMissions: { orderBy: { position: "asc" } },
    },
  });
}

export async function getThemeWithMeasures(planCode: string, themeCode: string) {
  return prisma.theme.findFirst({
    where: { code: themeCode, plan: { code: planCode } },
    include: {
      plan: { select: { code: true, titleFr: true, titleNl: true } },
      measures: { orderBy: { position: "asc" } },
    },
  });
}
