// Writing the central dataset: approval adds one entry per accepted contribution of the approved
// submission, in the approval's transaction; a reopening supersedes the return's current entries
// (they stay, with the time they stopped counting). Only entries with supersededAt null count.
// The database keeps this honest: at most one current entry per section (a partial unique
// index), and a trigger that lets an entry be superseded once and otherwise never changed.
// Every entry written is screened for personal data in the same transaction (modules/screening).
import type { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { readDefinition } from "~/modules/questionnaires/templates.server";
import type { ReturnSnapshot, SectionSnapshot } from "~/modules/returns/snapshot.server";
import { recordFindingsFor } from "~/modules/screening/record.server";
import type { Tx } from "~/utils/db.server";
import {
  datasetLink,
  figuresOf,
  isContribution,
  narrativeOf,
  otherContributionChannel,
} from "./entry-content";

type ContributionSnapshot = SectionSnapshot & { kind: "FUNDED_MEASURE" | "OTHER_CONTRIBUTION" };

export interface ApprovalToRecord {
  returnId: string;
  /** The approved submission, as frozen when it was sent. */
  submission: { id: string; language: Language; snapshot: ReturnSnapshot };
  /** Sections of that submission whose standing decision is "accepted". */
  acceptedSectionIds: ReadonlySet<string>;
  approvedById: string;
  approvedAt: Date;
}

/**
 * Writes the dataset entries of an approval: one per section of the submission that is a
 * contribution (a funded measure or another contribution) and was accepted. Sections not
 * retained, and sections that are not contributions, give none. Returns how many were written.
 * The caller holds the return's lock and approves in the same transaction.
 */
export async function writeEntriesForApproval(tx: Tx, approval: ApprovalToRecord) {
  const { snapshot } = approval.submission;
  const sections = snapshot.sections.filter(
    (s): s is ContributionSnapshot =>
      isContribution(s.kind) && approval.acceptedSectionIds.has(s.sectionId),
  );
  if (sections.length === 0) return 0;

  const annualReturn = await tx.annualReturn.findUniqueOrThrow({
    where: { id: approval.returnId },
    select: {
      organisationId: true,
      organisation: { select: { kind: true } },
      template: { select: { definition: true, checksum: true } },
      campaign: { select: { year: true, planId: true } },
    },
  });
  const { campaign, template } = annualReturn;
  // Read through the transaction: on the embedded engine (one connection) a read outside it
  // would wait for the transaction, which waits for it.
  const definition = readDefinition(template);
  // The snapshot names each section by its id; the live section gives what it was generated
  // from (funding, measure), which a partner cannot change.
  const live = await tx.returnSection.findMany({
    where: { id: { in: sections.map((s) => s.sectionId) } },
    select: {
      id: true,
      measureId: true,
      funding: {
        select: {
          id: true,
          channel: true,
          transversalMissions: { select: { mission: { select: { code: true } } } },
        },
      },
    },
  });
  const liveById = new Map(live.map((s) => [s.id, s]));
  const measures = await tx.measure.findMany({
    where: { planId: campaign.planId },
    select: { id: true, code: true, themeId: true },
  });
  const measureById = new Map(measures.map((m) => [m.id, m]));
  const measureByCode = new Map(measures.map((m) => [m.code, m]));
  const fundingsThatYear = await tx.funding.findMany({
    where: {
      organisationId: annualReturn.organisationId,
      startYear: { lte: campaign.year },
      endYear: { gte: campaign.year },
    },
    select: { channel: true },
  });
  const outsideFundingChannel = otherContributionChannel(
    annualReturn.organisation.kind,
    fundingsThatYear.map((f) => f.channel),
  );

  const data = sections.map((section): Prisma.DatasetEntryCreateManyInput => {
    const liveSection = liveById.get(section.sectionId);
    const measure =
      (liveSection?.measureId ? measureById.get(liveSection.measureId) : undefined) ??
      (section.measureCode ? measureByCode.get(section.measureCode) : undefined);
    if (!measure) throw new Error(`Section ${section.sectionId} names no measure of the plan`);
    const questions =
      definition.sections.find((s) => s.id === section.templateSection)?.questions ?? [];
    const language: Language =
      section.answersLanguage === "nl" || section.answersLanguage === "fr"
        ? section.answersLanguage
        : approval.submission.language;
    // A funded measure counts under its funding; if the funding was removed since, under the
    // organisation's channel like another contribution.
    const funding = section.kind === "FUNDED_MEASURE" ? (liveSection?.funding ?? null) : null;
    return {
      source: "APPROVAL",
      returnId: approval.returnId,
      submissionId: approval.submission.id,
      sectionId: section.sectionId,
      year: campaign.year,
      planId: campaign.planId,
      organisationId: annualReturn.organisationId,
      organisationKind: annualReturn.organisation.kind,
      fundingId: funding?.id ?? null,
      fundingTitle: section.kind === "FUNDED_MEASURE" ? section.fundingTitle : null,
      channel: funding?.channel ?? outsideFundingChannel,
      measureId: measure.id,
      measureCode: section.measureCode ?? measure.code,
      themeId: measure.themeId,
      link: datasetLink(section.kind, section.measureLink),
      missionCodes: (funding?.transversalMissions.map((m) => m.mission.code) ?? []).sort(),
      narrative: narrativeOf(questions, section.answers),
      narrativeLanguage: section.answersLanguage === null ? null : language,
      figures: figuresOf(questions, section.answers, language).map(({ label, value, unit }) => ({
        label,
        value,
        unit,
      })),
      attachments: section.attachments.map((a) => ({ id: a.id, fileName: a.fileName })),
      approvedById: approval.approvedById,
      approvedAt: approval.approvedAt,
    };
  });
  const written = await tx.datasetEntry.createManyAndReturn({ data, select: { id: true } });
  // Screened in the same transaction: no entry is ever in the dataset unscreened.
  const ids = written.map((entry) => entry.id);
  await recordFindingsFor(tx, ids);
  return written.length;
}

/**
 * Takes a return's current entries out of the dataset (a reopening): each gets the time it
 * stopped counting, and stays. Returns how many were superseded.
 */
export async function supersedeEntriesOf(tx: Tx, returnId: string, at: Date) {
  const superseded = await tx.datasetEntry.updateMany({
    where: { returnId, supersededAt: null },
    data: { supersededAt: at },
  });
  return superseded.count;
}
