// Generates a campaign's returns: one per organisation with fundings in the campaign year.
// First a preview (who gets which blocks, with warnings), then an idempotent generation:
// every block has a stable slot key, so running it again only adds what is missing and
// never duplicates a block nor touches an answer.
import type { FundingChannel, Prisma } from "~/generated/prisma/client";
import { recordAudit, recordReturnAudit } from "~/modules/audit/audit.server";
import type { TemplateDefinition } from "~/modules/questionnaires/definition";
import { readDefinition } from "~/modules/questionnaires/templates.server";
import { prisma, type Tx } from "~/utils/db.server";
import { organisationPrefill, previousYearAnswers } from "./prefill.server";
import {
  planReturn,
  type DueOrganisation,
  type PlannedBlock,
  type PlannedReturn,
} from "./return-blocks";

/** What generation would create, without writing anything. */
export async function planGeneration(campaignId: string, db: Tx | typeof prisma = prisma) {
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    include: {
      template: true,
      templateAssignments: { include: { template: true } },
      plan: { include: { measures: { include: { theme: true } } } },
    },
  });
  const measures = campaign.plan.measures.map((m) => ({
    id: m.id,
    code: m.code,
    order: m.theme.position * 100 + m.position,
  }));
  const chooser = templateChooser(campaign);
  const due = await organisationsDue(db, campaign);
  const returns = due.map((organisation) => {
    const template = chooser(organisation);
    const planned = planReturn(organisation, {
      year: campaign.year,
      definition: readDefinition(template),
      measures,
    });
    return {
      ...planned,
      template: { id: template.id, key: template.key, version: template.version },
    };
  });
  return {
    campaign,
    returns,
    totals: {
      returns: returns.length,
      newReturns: returns.filter((r) => !r.existingReturnId).length,
      newBlocks: returns.reduce((n, r) => n + r.missingSlotKeys.length, 0),
      warnings: returns.reduce((n, r) => n + r.warnings.length, 0),
    },
  };
}

type TemplateRow = Parameters<typeof readDefinition>[0] & {
  id: string;
  key: string;
  version: number;
};

/**
 * The questionnaire of each return: a return keeps the one it was generated from; a new one
 * takes the template assigned to one of its fundings' channels (in the channels' order), else
 * the one assigned to its organisation's kind, else the campaign's default.
 */
function templateChooser(campaign: {
  template: TemplateRow;
  templateAssignments: {
    channel: string | null;
    kind: string | null;
    template: TemplateRow;
  }[];
}) {
  const all = [campaign.template, ...campaign.templateAssignments.map((a) => a.template)];
  const byChannel = new Map(
    campaign.templateAssignments.filter((a) => a.channel).map((a) => [a.channel!, a.template]),
  );
  const byKind = new Map(
    campaign.templateAssignments.filter((a) => a.kind).map((a) => [a.kind!, a.template]),
  );
  return (due: DueOrganisation & { existingTemplateId?: string | null }): TemplateRow => {
    if (due.existingTemplateId) {
      const kept = all.find((t) => t.id === due.existingTemplateId);
      if (kept) return kept;
    }
    const channels = [...new Set(due.fundings.map((f) => f.channel))].sort(
      (a, b) => CHANNEL_ORDER.indexOf(a) - CHANNEL_ORDER.indexOf(b),
    );
    for (const channel of channels) {
      const assigned = byChannel.get(channel);
      if (assigned) return assigned;
    }
    return byKind.get(due.organisation.kind) ?? campaign.template;
  };
}

const CHANNEL_ORDER: FundingChannel[] = [
  "FSE",
  "PBPP",
  "LISA",
  "REGIONAL",
  "ASBL_CALL",
  "ASBL_OUTSIDE_CALL",
];

/** Organisations with a funding running in the campaign year, with those fundings. */
async function organisationsDue(
  db: Tx | typeof prisma,
  campaign: { id: string; year: number; planId: string },
): Promise<(DueOrganisation & { existingTemplateId: string | null })[]> {
  const runningInYear = { startYear: { lte: campaign.year }, endYear: { gte: campaign.year } };
  const organisations = await db.organisation.findMany({
    // An organisation that left the directory keeps its returns but gets no new one.
    where: {
      fundings: { some: runningInYear },
      OR: [{ archivedAt: null }, { returns: { some: { campaignId: campaign.id } } }],
    },
    orderBy: [{ kind: "asc" }, { nameFr: "asc" }],
    include: {
      _count: { select: { memberships: true } },
      fundings: {
        where: runningInYear,
        orderBy: [{ channel: "asc" }, { startYear: "asc" }, { title: "asc" }],
        include: {
          measures: { where: { measure: { planId: campaign.planId } } },
          transversalMissions: { include: { mission: true } },
        },
      },
      returns: {
        where: { campaignId: campaign.id },
        select: { id: true, templateId: true, sections: { select: { slotKey: true } } },
      },
    },
  });
  return organisations.map((org) => {
    const existing = org.returns[0];
    return {
      organisation: {
        id: org.id,
        nameFr: org.nameFr,
        nameNl: org.nameNl,
        kind: org.kind,
        preferredLanguage: org.preferredLanguage,
      },
      contactCount: org._count.memberships,
      fundings: org.fundings.map((funding) => ({
        id: funding.id,
        title: funding.title,
        channel: funding.channel,
        measures: funding.measures,
        missions: funding.transversalMissions.map(({ mission }) => mission),
      })),
      existingReturn: existing
        ? { id: existing.id, slotKeys: existing.sections.map((s) => s.slotKey) }
        : null,
      existingTemplateId: existing?.templateId ?? null,
    };
  });
}

/** Creates what is missing, in one transaction. Returns what was added. */
export async function generateReturns(campaignId: string, actorUserId: string | null) {
  return prisma.$transaction((tx) => generateReturnsIn(tx, campaignId, actorUserId), {
    timeout: 120_000,
    maxWait: 30_000,
  });
}

/** The generation inside the caller's transaction (opening a campaign generates its returns). */
export async function generateReturnsIn(tx: Tx, campaignId: string, actorUserId: string | null) {
  const plan = await planGeneration(campaignId, tx);
  const templates = new Map(
    [plan.campaign.template, ...plan.campaign.templateAssignments.map((a) => a.template)].map(
      (t) => [t.id, t],
    ),
  );
  let createdReturns = 0;
  let createdSections = 0;
  for (const planned of plan.returns) {
    if (planned.missingSlotKeys.length === 0) continue;
    const { returnId, returnCreated } = await returnFor(tx, campaignId, planned);
    const definition = readDefinition(templates.get(planned.template.id)!);
    if (returnCreated) createdReturns += 1;
    else await keepPlannedOrder(tx, returnId, planned);
    const rows = await newSections(tx, {
      returnId,
      planned,
      definition,
      year: plan.campaign.year,
    });
    const result = await tx.returnSection.createMany({ data: rows, skipDuplicates: true });
    createdSections += result.count;
    // Each return's own history says when it was created or given new blocks.
    await recordReturnAudit(tx, {
      action: "return.generated",
      actorUserId,
      organisationId: planned.organisation.id,
      returnId,
      details: { campaignId, returnCreated, createdSections: result.count },
    });
  }
  await recordAudit(tx, {
    action: "campaign.generated",
    actorUserId,
    targetType: "Campaign",
    targetId: campaignId,
    details: {
      year: plan.campaign.year,
      returns: plan.returns.length,
      createdReturns,
      createdSections,
    },
  });
  return { createdReturns, createdSections };
}

/** The organisation's return for the campaign, created in the partner's language if new. */
async function returnFor(
  tx: Tx,
  campaignId: string,
  planned: PlannedReturn & { template: { id: string } },
) {
  if (planned.existingReturnId) return { returnId: planned.existingReturnId, returnCreated: false };
  const created = await tx.annualReturn.upsert({
    where: { campaignId_organisationId: { campaignId, organisationId: planned.organisation.id } },
    update: {},
    create: {
      campaignId,
      organisationId: planned.organisation.id,
      language: planned.organisation.preferredLanguage,
      templateId: planned.template.id,
    },
  });
  return { returnId: created.id, returnCreated: true };
}

/** Keeps the planned order: a funding that sorts first moves the existing blocks on. */
async function keepPlannedOrder(tx: Tx, returnId: string, planned: PlannedReturn) {
  const missing = new Set(planned.missingSlotKeys);
  for (const block of planned.blocks) {
    if (missing.has(block.slotKey)) continue;
    await tx.returnSection.updateMany({
      where: { returnId, slotKey: block.slotKey, NOT: { position: block.position } },
      data: { position: block.position },
    });
  }
}

/** The rows of the blocks a return lacks, each with its prefilled answers. */
async function newSections(
  tx: Tx,
  input: { returnId: string; planned: PlannedReturn; definition: TemplateDefinition; year: number },
): Promise<Prisma.ReturnSectionCreateManyInput[]> {
  const { returnId, planned, definition } = input;
  const missing = new Set(planned.missingSlotKeys);
  const rows: Prisma.ReturnSectionCreateManyInput[] = [];
  for (const block of planned.blocks.filter((b) => missing.has(b.slotKey))) {
    const prefill = await prefillOf(tx, block, {
      ...input,
      organisationId: planned.organisation.id,
    });
    rows.push({
      returnId,
      slotKey: block.slotKey,
      kind: block.kind,
      templateSection: block.templateSection,
      position: block.position,
      origin: block.origin,
      fundingId: block.fundingId,
      measureId: block.measureId,
      measureLink: block.measureLink,
      missionId: block.missionId,
      answers: withoutAttachments(
        definition,
        block.templateSection,
        prefill?.answers ?? {},
      ) as Prisma.InputJsonValue,
      prefilledFromId: prefill?.prefilledFromId ?? null,
    });
  }
  return rows;
}

/** Section A starts from the organisation record; a funded measure from last year's answers. */
async function prefillOf(
  tx: Tx,
  block: PlannedBlock,
  context: { definition: TemplateDefinition; organisationId: string; year: number },
) {
  const section = context.definition.sections.find((s) => s.id === block.templateSection);
  if (section?.prefill === "organisation")
    return {
      answers: await organisationPrefill(tx, context.organisationId),
      prefilledFromId: null,
    };
  if (block.kind === "FUNDED_MEASURE")
    return previousYearAnswers(tx, {
      organisationId: context.organisationId,
      year: context.year,
      fundingId: block.fundingId!,
      measureId: block.measureId!,
    });
  return null;
}

/** Files belong to their year: never copied from last year's answers. */
function withoutAttachments(
  definition: TemplateDefinition,
  sectionId: string,
  answers: Record<string, unknown>,
) {
  const section = definition.sections.find((s) => s.id === sectionId);
  const copy = { ...answers };
  for (const q of section?.questions ?? []) if (q.kind === "attachments") delete copy[q.id];
  return copy;
}
