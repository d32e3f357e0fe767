import type { AnswerError } from "~/modules/questionnaires/answer-errors";
import type { CheckedAnswers, RawAnswers } from "~/modules/questionnaires/answers";
import { attachmentsByQuestion, checkAnswers } from "~/modules/questionnaires/check-answers";
import type { LoadedReturn } from "./access.server";

export interface SectionSnapshot {
  sectionId: string;
  slotKey: string;
  kind: string;
  templateSection: string;
  measureCode: string | null;
  measureLink: string | null;
  fundingTitle: string | null;
  missionCode: string | null;
  answersLanguage: string | null;
  answers: CheckedAnswers;
  attachments: { id: string; fileName: string; sizeBytes: number }[];
}

export interface ReturnSnapshot {
  templateKey: string;
  templateVersion: number;
  campaignYear: number;
  organisationId: string;
  sections: SectionSnapshot[];
}

/** Re-checks every section of a return in "complete" mode; the snapshot is what staff review. */
export function checkWholeReturn(loaded: LoadedReturn, measureCodes: ReadonlySet<string>) {
  const problems: { sectionId: string; errors: AnswerError[] }[] = [];
  const sections: SectionSnapshot[] = loaded.sections.map((section) => {
    const definition = loaded.definition.sections.find((s) => s.id === section.templateSection);
    if (!definition) throw new Error(`Template has no section ${section.templateSection}`);
    const result = checkAnswers(definition.questions, section.answers as RawAnswers, {
      measureCodes,
      attachmentsByQuestion: attachmentsByQuestion(section.attachments),
    });
    if (result.errors.length > 0 || section.status !== "COMPLETED") {
      problems.push({ sectionId: section.id, errors: result.errors });
    }
    return {
      sectionId: section.id,
      slotKey: section.slotKey,
      kind: section.kind,
      templateSection: section.templateSection,
      measureCode: section.measure?.code ?? null,
      measureLink: section.measureLink,
      fundingTitle: section.funding?.title ?? null,
      missionCode: section.mission?.code ?? null,
      answersLanguage: section.answersLanguage,
      answers: result.value,
      attachments: section.attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        sizeBytes: a.sizeBytes,
      })),
    };
  });
  const snapshot: ReturnSnapshot = {
    templateKey: loaded.template.key,
    templateVersion: loaded.template.version,
    campaignYear: loaded.campaign.year,
    organisationId: loaded.organisationId,
    sections,
  };
  return { snapshot, problems };
}
