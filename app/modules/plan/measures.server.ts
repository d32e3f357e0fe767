import type { Language } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";
import type { MeasureOption } from "./measures";

type MeasureLists = Record<Language, readonly MeasureOption[]>;

// A plan's measures, per process, keyed by the plan's updatedAt: every page with a measure
// picker shows all of them, and they change only when the seed adds some, which touches the
// plan (prisma/seed/load.ts). A plan with another updatedAt is read again. The lists are shared
// between requests, so they are frozen.
const measuresByPlan = new Map<string, { version: number; lists: MeasureLists }>();

async function readMeasureLists(planId: string): Promise<MeasureLists> {
  const rows = await prisma.measure.findMany({
    where: { planId },
    orderBy: [{ theme: { position: "asc" } }, { position: "asc" }],
    include: { theme: { select: { code: true, titleFr: true, titleNl: true } } },
  });
  const list = (lang: Language) =>
    Object.freeze(
      rows.map((m) =>
        Object.freeze({
          code: m.code,
          title: lang === "nl" ? m.titleNl : m.titleFr,
          themeCode: m.theme.code,
          themeTitle: lang === "nl" ? m.theme.titleNl : m.theme.titleFr,
        }),
      ),
    );
  return { fr: list("fr"), nl: list("nl") };
}

/**
 * The plan's measures in catalogue order (theme, then measure), titled in `lang`. Callers that
 * have read the plan's updatedAt pass it and save a query.
 */
export async function measureOptions(
  planId: string,
  lang: Language,
  planUpdatedAt?: Date,
): Promise<readonly MeasureOption[]> {
  const updatedAt =
    planUpdatedAt ??
    (await prisma.plan.findUniqueOrThrow({ where: { id: planId }, select: { updatedAt: true } }))
      .updatedAt;
  const version = updatedAt.getTime();
  let known = measuresByPlan.get(planId);
  if (known?.version !== version) {
    known = { version, lists: await readMeasureLists(planId) };
    measuresByPlan.set(planId, known);
  }
  return known.lists[lang];
}
