// The page where a section's measure picker is answered: the plan's measures, the ones chosen
// ticked. Saving it replaces that one answer in the section's saved answers, as a draft and with
// the same version check as every save of the section (a stale page gets the conflict back).
import type { CurrentUser } from "~/modules/auth/session.server";
import type { Language } from "~/modules/i18n/languages";
import type { RawAnswers } from "~/modules/questionnaires/answers";
import {
  measurePickerAt,
  measuresAt,
  withMeasuresAt,
} from "~/modules/questionnaires/measure-choice";
import { planMeasureCodes } from "./access.server";
import { postedVersion } from "./section-form.server";
import { findSectionPage } from "./section-page.server";
import { saveSectionAnswers, sectionDefinitionOf, type SectionToFill } from "./sections.server";

/** The picker's page: null when the section is not the person's or the field names no picker. */
export async function findMeasureChoice(
  current: CurrentUser,
  returnId: string,
  sectionId: string,
  field: string,
) {
  const found = await findSectionPage(current, returnId, sectionId);
  if (!found) return null;
  const definition = sectionDefinitionOf(found.definition, found.section.templateSection);
  const at = measurePickerAt(definition.questions, field);
  if (!at) return null;
  return { ...found, at, chosen: measuresAt(found.section.answers as RawAnswers, at) };
}

export type MeasureChoiceOutcome =
  | { outcome: "malformed" }
  | { outcome: "not-found" }
  | { outcome: "locked" }
  | { outcome: "closed" }
  | { outcome: "approved" }
  /** The return is sent back for changes on other sections: this one stays as reviewed. */
  | { outcome: "not-sent-back" }
  /** Saved meanwhile elsewhere: the choice comes back unsaved, against the newer version. */
  | { outcome: "conflict"; chosen: string[]; version: number }
  | { outcome: "saved" };

export async function chooseMeasures(input: {
  current: CurrentUser;
  target: SectionToFill;
  field: string;
  form: FormData;
  language: Language;
}): Promise<MeasureChoiceOutcome> {
  const { target, form } = input;
  const at = measurePickerAt(target.definition.questions, input.field);
  if (!at) return { outcome: "not-found" };
  const baseVersion = postedVersion(form);
  if (baseVersion === null) return { outcome: "malformed" };
  const posted = form.getAll(at.field).filter((v): v is string => typeof v === "string");
  const codes = [...new Set(posted)];
  // Only the page's own boxes: a code the plan does not have, or two for a one-choice picker,
  // is not a post the page makes.
  const known = await planMeasureCodes(target.section.annualReturn.campaign.planId);
  if (codes.some((code) => !known.has(code)) || (!at.question.multiple && codes.length > 1))
    return { outcome: "malformed" };
  const saved = await saveSectionAnswers({
    current: input.current,
    target,
    baseVersion,
    answers: withMeasuresAt(target.section.answers as RawAnswers, at, codes),
    mode: "draft",
    language: input.language,
  });
  switch (saved.outcome) {
    case "conflict":
      return { outcome: "conflict", chosen: codes, version: saved.theirs.version };
    case "saved":
    case "invalid":
      return { outcome: "saved" };
    default:
      return saved;
  }
}
