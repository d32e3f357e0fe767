// The plan a report table counts against: its themes and measures in the plan's order, with
// their titles in the page's language. The plan is named by its code, else the active one (the
// latest if several), else the latest plan.
import type { Language } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";

export interface ReportMeasure {
  id: string;
  code: string;
  title: string;
  themeId: string;
}

export interface ReportTheme {
  id: string;
  code: string;
  title: string;
  measures: ReportMeasure[];
}

export interface ReportPlan {
  id: string;
  code: string;
  title: string;
  startYear: number;
  endYear: number;
  themes: ReportTheme[];
}

/** The plans staff may choose, latest first. */
export async function reportPlans(lang: Language) {
  const plans = await prisma.plan.findMany({
    orderBy: [{ startYear: "desc" }, { code: "asc" }],
    select: { code: true, titleFr: true, titleNl: true, startYear: true, endYear: true },
  });
  return plans.map((plan) => ({
    code: plan.code,
    title: lang === "nl" ? plan.titleNl : plan.titleFr,
    startYear: plan.startYear,
    endYear: plan.endYear,
  }));
}

/** The code of the plan tables count against when none (or an unknown one) is asked. */
export async function defaultPlanCode(): Promise<string | null> {
  const plan =
    (await prisma.plan.findFirst({
      where: { status: "ACTIVE" },
      orderBy: { startYear: "desc" },
      select: { code: true },
    })) ??
    (await prisma.plan.findFirst({ orderBy: { startYear: "desc" }, select: { code: true } }));
  return plan?.code ?? null;
}

/** The plan with its themes and measures (null when there is no plan at all). */
export async function loadReportPlan(
  planCode: string | undefined,
  lang: Language,
): Promise<ReportPlan | null> {
  const code =
    (planCode &&
      (await prisma.plan.findUnique({ where: { code: planCode }, select: { code: true } }))
        ?.code) ||
    (await defaultPlanCode());
  if (!code) return null;
  const plan = await prisma.plan.findUniqueOrThrow({
    where: { code },
    select: {
      id: true,
      code: true,
      titleFr: true,
      titleNl: true,
      startYear: true,
      endYear: true,
      themes: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          code: true,
          titleFr: true,
          titleNl: true,
          measures: {
            orderBy: { position: "asc" },
            select: { id: true, code: true, titleFr: true, titleNl: true, themeId: true },
          },
        },
      },
    },
  });
  const nl = lang === "nl";
  return {
    id: plan.id,
    code: plan.code,
    title: nl ? plan.titleNl : plan.titleFr,
    startYear: plan.startYear,
    endYear: plan.endYear,
    themes: plan.themes.map((theme) => ({
      id: theme.id,
      code: theme.code,
      title: nl ? theme.titleNl : theme.titleFr,
      measures: theme.measures.map((m) => ({
        id: m.id,
        code: m.code,
        title: nl ? m.titleNl : m.titleFr,
        themeId: m.themeId,
      })),
    })),
  };
}
