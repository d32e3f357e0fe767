// What a dataset entry says, worked out from a submitted section and the template it answers:
// its narrative, its figures and the funding channel it counts under. Pure, so the rules are
// tested without a database (tests/unit/dataset-entry-content.test.ts).
import type {
  DatasetLink,
  FundingChannel,
  OrganisationKind,
  ReturnSectionKind,
} from "~/generated/prisma/enums";
import type { Language } from "~/modules/i18n/languages";
import type { CheckedAnswers, FigureRow } from "~/modules/questionnaires/answers";
import type { Question } from "~/modules/questionnaires/definition";

/** The section kinds that are contributions to a measure, and so become dataset entries. */
export const CONTRIBUTION_KINDS: readonly ReturnSectionKind[] = [
  "FUNDED_MEASURE",
  "OTHER_CONTRIBUTION",
];

export function isContribution(kind: string): kind is "FUNDED_MEASURE" | "OTHER_CONTRIBUTION" {
  return (CONTRIBUTION_KINDS as readonly string[]).includes(kind);
}

/**
 * The section's written answers (short and long texts), in the template's order, one paragraph
 * each. Questions the partner left empty or that were hidden add nothing.
 */
export function narrativeOf(questions: readonly Question[], answers: CheckedAnswers): string {
  const paragraphs: string[] = [];
  for (const question of questions) {
    if (question.kind !== "shortText" && question.kind !== "longText") continue;
    const value = answers[question.id];
    if (typeof value === "string" && value.trim() !== "") paragraphs.push(value.trim());
  }
  return paragraphs.join("\n\n");
}

/**
 * The section's figures, in the template's order: each whole or decimal number answer, labelled
 * with its question and unit in the language the answers were written in, then the rows the
 * partner typed in a figures table (their own label and unit).
 */
export function figuresOf(
  questions: readonly Question[],
  answers: CheckedAnswers,
  language: Language,
): FigureRow[] {
  const figures: FigureRow[] = [];
  for (const question of questions) {
    const value = answers[question.id];
    if (question.kind === "integer" || question.kind === "decimal") {
      if (typeof value !== "number") continue;
      figures.push({
        label: question.label[language],
        value,
        unit: question.unit?.[language] ?? "",
      });
    } else if (question.kind === "figuresTable" && Array.isArray(value)) {
      for (const row of value as FigureRow[]) {
        figures.push({ label: row.label, value: row.value, unit: row.unit });
      }
    }
  }
  return figures;
}

/**
 * The channel an organisation reports under when its contribution is not tied to one of its
 * fundings: the one its kind is funded through (a police zone through the FSE, a commune
 * through its PBPP, a LISA antenna through LISA, a regional body regionally). A non-profit's
 * contribution outside its projects is by definition outside the call for projects.
 */
const CHANNEL_OF_KIND: Record<OrganisationKind, FundingChannel> = {
  POLICE_ZONE: "FSE",
  COMMUNE: "PBPP",
  LISA_ANTENNA: "LISA",
  REGIONAL_BODY: "REGIONAL",
  NON_PROFIT: "ASBL_OUTSIDE_CALL",
};

/**
 * The channel a contribution outside any funding counts under. If every funding the
 * organisation holds that year runs through one channel, that one: the report counts the
 * partner where it is funded. Otherwise (several channels, or none left) the channel its kind is
 * funded through, so that the same partner always lands in the same place.
 */
export function otherContributionChannel(
  organisationKind: OrganisationKind,
  channelsThatYear: readonly FundingChannel[],
): FundingChannel {
  const distinct = new Set(channelsThatYear);
  if (distinct.size === 1) return [...distinct][0]!;
  return CHANNEL_OF_KIND[organisationKind];
}

/** How the contribution relates to the funding: as funded (primary, secondary) or outside it. */
export function datasetLink(
  kind: "FUNDED_MEASURE" | "OTHER_CONTRIBUTION",
  measureLink: string | null,
): DatasetLink {
  if (kind === "OTHER_CONTRIBUTION") return "OTHER";
  return measureLink === "SECONDARY" ? "SECONDARY" : "PRIMARY";
}
