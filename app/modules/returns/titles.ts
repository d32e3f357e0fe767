import type { TFunction } from "i18next";
import { planCode } from "~/modules/plan/codes";
import type { Language } from "~/modules/i18n/languages";
import type { TemplateDefinition } from "~/modules/questionnaires/definition";

interface SectionLike {
  templateSection: string;
  measure: { code: string; titleFr: string; titleNl: string } | null;
  mission: { code: string; titleFr: string; titleNl: string } | null;
}

/** "Mesure 5.1 – …", "Mission transversale MT3 – …", or the template section's own title. */
export function sectionTitle(
  section: SectionLike,
  definition: TemplateDefinition,
  lang: Language,
  t: TFunction<"returns">,
) {
  const template = definition.sections.find((s) => s.id === section.templateSection);
  if (section.measure) {
    return t("sectionTitle.measure", {
      code: section.measure.code,
      title: lang === "nl" ? section.measure.titleNl : section.measure.titleFr,
    });
  }
  if (section.mission) {
    return t("sectionTitle.mission", {
      code: planCode(section.mission.code, lang),
      title: lang === "nl" ? section.mission.titleNl : section.mission.titleFr,
    });
  }
  return template ? template.title[lang] : section.templateSection;
}
