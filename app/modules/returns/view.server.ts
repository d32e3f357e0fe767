// Shapes the data pages need from a loaded return: task-list groups, section titles in the
// page language.
import type { TFunction } from "i18next";
import type { MeasureLink } from "~/generated/prisma/enums";
import type { Language } from "~/modules/i18n/languages";
import { measureOptions } from "~/modules/plan/measures.server";
import type { MeasureOption } from "~/modules/plan/measures";
import type { RawAnswers } from "~/modules/questionnaires/answers";
import type { Question, TemplateDefinition } from "~/modules/questionnaires/definition";
import { chosenMeasureCodes } from "~/modules/questionnaires/measure-choice";
import type { LoadedReturn } from "./access.server";
import { deadlineMarker, dueDateOf, type CampaignState, type ReturnState } from "./status";
import { sectionTitle } from "./titles";

export type TaskGroupKey = "organisation" | "funded" | "other" | "missions" | "declaration";

export interface TaskItem {
  id: string;
  title: string;
  fundingTitle: string | null;
  measureLink: MeasureLink | null;
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

/** What a task-list line needs of a section (a whole loaded return, or the section page's read). */
export interface TaskSection {
  id: string;
  kind: string;
  templateSection: string;
  origin: string;
  status: TaskItem["status"];
  measureLink: MeasureLink | null;
  prefilledFromId: string | null;
  funding: { title: string } | null;
  measure: { code: string; titleFr: string; titleNl: string } | null;
  mission: { code: string; titleFr: string; titleNl: string } | null;
}

export function taskItem(
  section: TaskSection,
  loaded: { definition: TemplateDefinition },
  lang: Language,
  t: TFunction<"returns">,
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

export function taskGroups(loaded: LoadedReturn, lang: Language, t: TFunction<"returns">) {
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

/** What a page's caption needs of a return (a whole loaded return, or the section page's read). */
export interface HeaderReturn {
  id: string;
  status: ReturnState;
  /** Its own due date, when it was given an extension. */
  extendedDueAt: Date | null;
  submittedAt: Date | null;
  submittedBy: { displayName: string } | null;
  organisation: { nameFr: string; nameNl: string };
  campaign: {
    titleFr: string;
    titleNl: string;
    year: number;
    dueAt: Date;
    status: CampaignState;
    graceDays: number | null;
  };
}

export function returnHeader(loaded: HeaderReturn, lang: Language) {
  return {
    id: loaded.id,
    status: loaded.status,
    organisationName: lang === "nl" ? loaded.organisation.nameNl : loaded.organisation.nameFr,
    campaignTitle: lang === "nl" ? loaded.campaign.titleNl : loaded.campaign.titleFr,
    year: loaded.campaign.year,
    // The date that applies to this partner: its extension's, if it was given one.
    dueAt: dueDateOf(loaded, loaded.campaign),
    extended: loaded.extendedDueAt !== null,
    marker: deadlineMarker(loaded, loaded.campaign),
    submittedAt: loaded.submittedAt,
    submittedBy: loaded.submittedBy?.displayName ?? null,
  };
}

/**
 * A definition's texts in one language only, for a page's loader data: every bilingual
 * `{fr, nl}` text keeps the page's language and empties the other (pages read `text[lang]`), so
 * the other language's labels, hints and choices are not streamed with the page.
 */
export function inLanguage<T>(value: T, lang: Language): T {
  if (Array.isArray(value)) return value.map((item: unknown) => inLanguage(item, lang)) as T;
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && typeof record.fr === "string" && typeof record.nl === "string") {
    return (lang === "fr" ? { fr: record.fr, nl: "" } : { fr: "", nl: record.nl }) as T;
  }
  return Object.fromEntries(keys.map((key) => [key, inLanguage(record[key], lang)])) as T;
}

/**
 * The measures a section's pickers have chosen, titled in `lang`: its page lists them (they are
 * chosen on a page of their own), so it needs no other measure.
 */
export async function chosenMeasures(
  questions: readonly Question[],
  answers: RawAnswers,
  plan: { id: string; updatedAt: Date },
  lang: Language,
): Promise<MeasureOption[]> {
  const codes = chosenMeasureCodes(questions, answers);
  if (codes.size === 0) return [];
  return (await measureOptions(plan.id, lang, plan.updatedAt)).filter((m) => codes.has(m.code));
}
