// Generates a campaign's returns: one per organisation with fundings in the campaign year.
// First a preview (who gets which blocks, with warnings), then an idempotent generation:
// every block has a stable slot key, so running it again only adds what is missing and
// never duplicates a block nor touches an answer.
import type {
  MeasureLink,
  Prisma,
  ReturnSectionKind,
  SectionOrigin,
} from "~/generated/prisma/client";
import { readDefinition } from "~/modules/questionnaires/templates.server";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit, recordReturnAudit } from "~/modules/audit/audit.server";
import { POSITION } from "~/modules/returns/positions";
import { organisationPrefill, previousYearAnswers } from "./prefill.server";

export interface PlannedBlock {
  slotKey: string;
  kind: ReturnSectionKind;
  templateSection: string;
  position: number;
  origin: SectionOrigin;
  fundingId?: string;
  fundingTitle?: string;
  measureId?: string;
  measureCode?: string;
  measureLink?: MeasureLink;
  missionId?: string;
  missionCode?: string;
}

export type GenerationWarning =
  | { kind: "no-contact" }
  | { kind: "funding-without-measures"; fundingTitle: string }
  | { kind: "rule-measure-unknown"; code: string };

export interface PlannedReturn {
  organisation: {
    id: string;
    nameFr: string;
    nameNl: string;
    kind: string;
    preferredLanguage: "fr" | "nl";
  };
  existingReturnId: string | null;
  blocks: PlannedBlock[];
  missingSlotKeys: string[];
  warnings: GenerationWarning[];
}

/** What generation would create, without writing anything. */
export async function planGeneration(campaignId: string, db: Tx | typeof prisma = prisma) {
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    include: { template: true, plan: { include: { measures: { include: { theme: true } } } } },
  });
  const definition = readDefinition(campaign.template);
  const year = campaign.year;
  const measureByCode = new Map(campaign.plan.measures.map((m) => [m.code, m]));
  const measureOrder = (id: string) => {
    const m = campaign.plan.measures.find((x) => x.id === id);
    return m ? m.theme.position * 100 + m.position : 0;
  };

  const organisations = await db.organisation.findMany({
    where: { fundings: { some: { startYear: { lte: year }, endYear: { gte: year } } } },
    orderBy: [{ kind: "asc" }, { nameFr: "asc" }],
    include: {
      _count: { select: { memberships: true } },
      fundings: {
        where: { startYear: { lte: year }, endYear: { gte: year } },
        orderBy: [{ channel: "asc" }, { startYear: "asc" }, { title: "asc" }],
        include: {
          measures: { where: { measure: { planId: campaign.planId } } },
          transversalMissions: { include: { mission: true } },
        },
      },
      returns: {
        where: { campaignId },
        select: { id: true, sections: { select: { slotKey: true } } },
      },
    },
  });

  const fundedSection = definition.sections.find((s) => s.repeat === "fundedMeasure");
  const missionSection = definition.sections.find((s) => s.repeat === "transversalMission");

  const planned: PlannedReturn[] = organisations.map((org) => {
    const warnings: GenerationWarning[] = [];
    if (org._count.memberships === 0) warnings.push({ kind: "no-contact" });
    const blocks: PlannedBlock[] = [];
    // "once" sections listed before the repeated ones open the return (A), those after close it (E).
    const firstRepeated = definition.sections.findIndex((s) => s.repeat !== "once");
    definition.sections.forEach((section, index) => {
      if (section.repeat !== "once") return;
      const opening = firstRepeated === -1 || index < firstRepeated;
      blocks.push({
        slotKey: `S:${section.id}`,
        kind: opening ? "ORGANISATION" : "DECLARATION",
        templateSection: section.id,
        position: opening
          ? POSITION.organisation + index
          : POSITION.declaration - (definition.sections.length - index),
        origin: "TEMPLATE",
      });
    });

    let position = POSITION.fundedMeasure;
    const missions = new Map<string, { id: string; code: string }>();
    for (const funding of org.fundings) {
      if (funding.measures.length === 0)
        warnings.push({ kind: "funding-without-measures", fundingTitle: funding.title });
      const links = [...funding.measures].sort(
        (a, b) =>
          Number(a.link !== "PRIMARY") - Number(b.link !== "PRIMARY") ||
          measureOrder(a.measureId) - measureOrder(b.measureId),
      );
      const linked = new Set(links.map((l) => l.measureId));
      const ruleMeasures = definition.channelRules
        .filter((rule) => rule.channel === funding.channel && year >= rule.fromYear)
        .flatMap((rule) => rule.requiredMeasures)
        .flatMap((code) => {
          const measure = measureByCode.get(code);
          if (!measure) {
            warnings.push({ kind: "rule-measure-unknown", code });
            return [];
          }
          return linked.has(measure.id) ? [] : [measure];
        });
      if (fundedSection) {
        for (const link of links) {
          const measure = campaign.plan.measures.find((m) => m.id === link.measureId)!;
          blocks.push({
            slotKey: `B:${funding.id}:${measure.id}`,
            kind: "FUNDED_MEASURE",
            templateSection: fundedSection.id,
            position: position++,
            origin: "FUNDING",
            fundingId: funding.id,
            fundingTitle: funding.title,
            measureId: measure.id,
            measureCode: measure.code,
            measureLink: link.link,
          });
        }
        for (const measure of ruleMeasures) {
          blocks.push({
            slotKey: `B:${funding.id}:${measure.id}`,
            kind: "FUNDED_MEASURE",
            templateSection: fundedSection.id,
            position: position++,
            origin: "CHANNEL_RULE",
            fundingId: funding.id,
            fundingTitle: funding.title,
            measureId: measure.id,
            measureCode: measure.code,
            measureLink: "PRIMARY",
          });
        }
      }
      for (const { mission } of funding.transversalMissions) missions.set(mission.id, mission);
    }
    if (missionSection) {
      [...missions.values()]
        .sort((a, b) => a.code.localeCompare(b.code))
        .forEach((mission, i) =>
          blocks.push({
            slotKey: `D:${mission.id}`,
            kind: "TRANSVERSAL_MISSION",
            templateSection: missionSection.id,
            position: POSITION.transversalMission + i,
            origin: "FUNDING",
            missionId: mission.id,
            missionCode: mission.code,
          }),
        );
    }
    blocks.sort((a, b) => a.position - b.position);
    const existing = org.returns[0];
    const have = new Set(existing?.sections.map((s) => s.slotKey) ?? []);
    return {
      organisation: {
        id: org.id,
        nameFr: org.nameFr,
        nameNl: org.nameNl,
        kind: org.kind,
        preferredLanguage: org.preferredLanguage,
      },
      existingReturnId: existing?.id ?? null,
      blocks,
      missingSlotKeys: blocks.filter((b) => !have.has(b.slotKey)).map((b) => b.slotKey),
      warnings,
    };
  });

  return {
    campaign,
    returns: planned,
    totals: {
      returns: planned.length,
      newReturns: planned.filter((r) => !r.existingReturnId).length,
      newBlocks: planned.reduce((n, r) => n + r.missingSlotKeys.length, 0),
      warnings: planned.reduce((n, r) => n + r.warnings.length, 0),
    },
  };
}

/** Creates what is missing, in one transaction. Returns what was added. */
export async function generateReturns(campaignId: string, actorUserId: string | null) {
  return prisma.$transaction(
    async (tx) => {
      const plan = await planGeneration(campaignId, tx);
      const definition = readDefinition(plan.campaign.template);
      // Files belong to their year: never copied from last year's answers.
      const withoutAttachments = (answers: Record<string, unknown>, sectionId: string) => {
        const section = definition.sections.find((s) => s.id === sectionId);
        const copy = { ...answers };
        for (const q of section?.questions ?? []) if (q.kind === "attachments") delete copy[q.id];
        return copy;
      };
      const prefillsOrganisation = (sectionId: string) =>
        definition.sections.find((s) => s.id === sectionId)?.prefill === "organisation";
      let createdReturns = 0;
      let createdSections = 0;
      for (const planned of plan.returns) {
        if (planned.missingSlotKeys.length === 0) continue;
        let returnId = planned.existingReturnId;
        const returnCreated = !returnId;
        if (!returnId) {
          const created = await tx.annualReturn.upsert({
            where: {
              campaignId_organisationId: { campaignId, organisationId: planned.organisation.id },
            },
            update: {},
            create: {
              campaignId,
              organisationId: planned.organisation.id,
              language: planned.organisation.preferredLanguage,
            },
          });
          returnId = created.id;
          createdReturns += 1;
        } else {
          // Keep the planned order: a funding that sorts first moves the existing blocks on.
          for (const block of planned.blocks) {
            if (planned.missingSlotKeys.includes(block.slotKey)) continue;
            await tx.returnSection.updateMany({
              where: { returnId, slotKey: block.slotKey, NOT: { position: block.position } },
              data: { position: block.position },
            });
          }
        }
        const missing = new Set(planned.missingSlotKeys);
        const data: Prisma.ReturnSectionCreateManyInput[] = [];
        for (const block of planned.blocks.filter((b) => missing.has(b.slotKey))) {
          const prefill = prefillsOrganisation(block.templateSection)
            ? {
                answers: await organisationPrefill(tx, planned.organisation.id),
                prefilledFromId: null,
              }
            : block.kind === "FUNDED_MEASURE"
              ? await previousYearAnswers(tx, {
                  organisationId: planned.organisation.id,
                  year: plan.campaign.year,
                  fundingId: block.fundingId!,
                  measureId: block.measureId!,
                })
              : null;
          data.push({
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
              prefill?.answers ?? {},
              block.templateSection,
            ) as Prisma.InputJsonValue,
            prefilledFromId: prefill?.prefilledFromId ?? null,
          });
        }
        const result = await tx.returnSection.createMany({ data, skipDuplicates: true });
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
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
