// Shapes the data pages need from a loaded return: task-list groups, section titles in the
// page language. (Measure options for pickers come from the plan: plan/measures.server.ts.)
import type { TFunction } from "i18next";
import type { Language } from "~/modules/i18n/languages";
import type { LoadedReturn, LoadedSection } from "./access.server";
import { deadlineMarker } from "./status";
import { sectionTitle } from "./titles";

export type TaskGroupKey = "organisation" | "funded" | "other" | "missions" | "declaration";

export interface TaskItem {
  id: string;
  title: string;
  fundingTitle: string | null;
  measureLink: string | null;
  origin: string;
  status: "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED";
  prefilled: boolean;
  kind: string;
}

const groupOf: Record<string, TaskGroupKey> = {
  ORGANISATION: "organisation",
  FUNDED_MEASURE: "funded",
  OTHER_CONTRIBUTION: "other",
  TRANSVERSAL_MISSION: "missions",
  DECLARATION: "declaration",
};

export function taskItem(
  section: LoadedSection,
  loaded: LoadedReturn,
  lang: Language,
  t: TFunction,
): TaskItem {
  return {
    id: section.id,
    title: sectionTitle(section, loaded.definition, lang, t),
    fundingTitle: section.funding?.title ?? null,
    measureLink: section.measureLink,
    origin: section.origin,
    status: section.status,
    prefilled: Boolean(section.prefilledFromId),
    kind: section.kind,
  };
}

export function taskGroups(loaded: LoadedReturn, lang: Language, t: TFunction) {
  const groups: Record<TaskGroupKey, TaskItem[]> = {
    organisation: [],
    funded: [],
    other: [],
    missions: [],
    declaration: [],
  };
  for (const section of loaded.sections)
    groups[groupOf[section.kind] ?? "organisation"].push(taskItem(section, loaded, lang, t));
  const total = loaded.sections.length;
  const completed = loaded.sections.filter((s) => s.status === "COMPLETED").length;
  return {
    groups,
    total,
    completed,
    canAddContribution: loaded.definition.sections.some((s) => s.repeat === "otherContribution"),
  };
}

export function returnHeader(loaded: LoadedReturn, lang: Language) {
  return {
    id: loaded.id,
    status: loaded.status,
    organisationName: lang === "nl" ? loaded.organisation.nameNl : loaded.organisation.nameFr,
    campaignTitle: lang === "nl" ? loaded.campaign.titleNl : loaded.campaign.titleFr,
    year: loaded.campaign.year,
    dueAt: loaded.campaign.dueAt,
    marker: deadlineMarker(loaded, loaded.campaign),
    submittedAt: loaded.submittedAt,
    submittedBy: loaded.submittedBy?.displayName ?? null,
  };
}
