import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import type { RawAnswers } from "~/modules/questionnaires/answers";
import type { LoadedReturn } from "./access.server";
import { sectionDefinitionOf } from "./sections.server";
import { taskItem } from "./view.server";

/** Every section with its questions and answers, for check-your-answers, print and staff. */
export function returnAnswersView(loaded: LoadedReturn, lang: Language) {
  const t = getFixedT(lang, "returns");
  return loaded.sections.map((section) => ({
    ...taskItem(section, loaded, lang, t),
    questions: sectionDefinitionOf(loaded.definition, section.templateSection).questions,
    answers: section.answers as RawAnswers,
    answersLanguage: section.answersLanguage,
    updatedBy: section.updatedBy?.displayName ?? null,
    updatedAt: section.updatedAt,
    attachments: section.attachments.map((a) => ({
      id: a.id,
      questionId: a.questionId,
      fileName: a.fileName,
      sizeBytes: a.sizeBytes,
    })),
  }));
}

export type SectionAnswersView = ReturnType<typeof returnAnswersView>[number];
