import type { Language } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";
import type { MeasureOption } from "./measures";

/** The plan's measures in catalogue order (theme, then measure), titled in `lang`. */
export async function measureOptions(planId: string, lang: Language): Promise<MeasureOption[]> {
  const measures = await prisma.measure.findMany({
    where: { planId },
    orderBy: [{ theme: { position: "asc" } }, { position: "asc" }],
    include: { theme: { select: { code: true, titleFr: true, titleNl: true } } },
  });
  return measures.map((m) => ({
    code: m.code,
    title: lang === "nl" ? m.titleNl : m.titleFr,
    themeCode: m.theme.code,
    themeTitle: lang === "nl" ? m.theme.titleNl : m.theme.titleFr,
  }));
}
