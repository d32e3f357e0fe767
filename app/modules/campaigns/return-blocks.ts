// Which blocks (sections) each return of a campaign gets, from the template and the fundings
// an organisation has in the campaign year. Pure: generation.server.ts loads the data and
// writes the result. Every block has a stable slot key, so generation can be run again.
import type {
  FundingChannel,
  MeasureLink,
  ReturnSectionKind,
  SectionOrigin,
} from "~/generated/prisma/client";
import type { SectionDefinition, TemplateDefinition } from "~/modules/questionnaires/definition";
import { POSITION } from "~/modules/returns/positions";

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

/** A measure of the campaign's plan; `order` sorts measures as the plan lists them. */
export interface PlanMeasure {
  id: string;
  code: string;
  order: number;
}

/** A funding running in the campaign year, with the measures and missions it names. */
export interface DueFunding {
  id: string;
  title: string;
  channel: FundingChannel;
  measures: { measureId: string; link: MeasureLink }[];
  missions: { id: string; code: string }[];
}

/** An organisation with at least one funding in the campaign year, and its return if any. */
export interface DueOrganisation {
  organisation: PlannedReturn["organisation"];
  contactCount: number;
  fundings: DueFunding[];
  existingReturn: { id: string; slotKeys: string[] } | null;
}

export interface CampaignFrame {
  year: number;
  definition: TemplateDefinition;
  measures: readonly PlanMeasure[];
}

/** The blocks one organisation's return should have, and what it lacks so far. */
export function planReturn(due: DueOrganisation, frame: CampaignFrame): PlannedReturn {
  const warnings: GenerationWarning[] = [];
  if (due.contactCount === 0) warnings.push({ kind: "no-contact" });
  const funded = fundedMeasureBlocks(due.fundings, frame);
  warnings.push(...funded.warnings);
  const blocks = [
    ...onceBlocks(frame.definition),
    ...funded.blocks,
    ...missionBlocks(due.fundings, frame.definition),
  ].sort((a, b) => a.position - b.position);
  const have = new Set(due.existingReturn?.slotKeys ?? []);
  return {
    organisation: due.organisation,
    existingReturnId: due.existingReturn?.id ?? null,
    blocks,
    missingSlotKeys: blocks.filter((b) => !have.has(b.slotKey)).map((b) => b.slotKey),
    warnings,
  };
}

/** "once" sections listed before the repeated ones open the return (A), those after close it (E). */
function onceBlocks(definition: TemplateDefinition): PlannedBlock[] {
  const sections = definition.sections;
  const firstRepeated = sections.findIndex((s) => s.repeat !== "once");
  return sections.flatMap((section, index) => {
    if (section.repeat !== "once") return [];
    const opening = firstRepeated === -1 || index < firstRepeated;
    return {
      slotKey: `S:${section.id}`,
      kind: opening ? "ORGANISATION" : "DECLARATION",
      templateSection: section.id,
      position: opening
        ? POSITION.organisation + index
        : POSITION.declaration - (sections.length - index),
      origin: "TEMPLATE",
    } satisfies PlannedBlock;
  });
}

/**
 * One block per funding × measure (B): the measures the funding links, primary ones first in
 * plan order, then those its channel's rules require that it does not link.
 */
function fundedMeasureBlocks(fundings: readonly DueFunding[], frame: CampaignFrame) {
  const section = frame.definition.sections.find((s) => s.repeat === "fundedMeasure");
  const warnings: GenerationWarning[] = [];
  const blocks: PlannedBlock[] = [];
  for (const funding of fundings) {
    if (funding.measures.length === 0)
      warnings.push({ kind: "funding-without-measures", fundingTitle: funding.title });
    const linked = linkedMeasures(funding, frame.measures);
    const required = ruleMeasures(funding, frame, new Set(linked.map((l) => l.measure.id)));
    warnings.push(...required.warnings);
    if (!section) continue;
    const block = (measure: PlanMeasure, origin: SectionOrigin, link: MeasureLink) => ({
      slotKey: `B:${funding.id}:${measure.id}`,
      kind: "FUNDED_MEASURE" as const,
      templateSection: section.id,
      position: POSITION.fundedMeasure + blocks.length,
      origin,
      fundingId: funding.id,
      fundingTitle: funding.title,
      measureId: measure.id,
      measureCode: measure.code,
      measureLink: link,
    });
    for (const { measure, link } of linked) blocks.push(block(measure, "FUNDING", link));
    for (const measure of required.measures) blocks.push(block(measure, "CHANNEL_RULE", "PRIMARY"));
  }
  return { blocks, warnings };
}

function linkedMeasures(funding: DueFunding, measures: readonly PlanMeasure[]) {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const order = (id: string) => byId.get(id)?.order ?? 0;
  return [...funding.measures]
    .sort(
      (a, b) =>
        Number(a.link !== "PRIMARY") - Number(b.link !== "PRIMARY") ||
        order(a.measureId) - order(b.measureId),
    )
    .map((l) => ({ measure: byId.get(l.measureId)!, link: l.link }));
}

/** Measures the channel's rules require of this funding in the campaign year, not yet linked. */
function ruleMeasures(funding: DueFunding, frame: CampaignFrame, linked: ReadonlySet<string>) {
  const byCode = new Map(frame.measures.map((m) => [m.code, m]));
  const warnings: GenerationWarning[] = [];
  const measures = frame.definition.channelRules
    .filter((rule) => rule.channel === funding.channel && frame.year >= rule.fromYear)
    .flatMap((rule) => rule.requiredMeasures)
    .flatMap((code) => {
      const measure = byCode.get(code);
      if (!measure) {
        warnings.push({ kind: "rule-measure-unknown", code });
        return [];
      }
      return linked.has(measure.id) ? [] : [measure];
    });
  return { measures, warnings };
}

/** One block per transversal mission any funding names (D), in code order. */
function missionBlocks(
  fundings: readonly DueFunding[],
  definition: TemplateDefinition,
): PlannedBlock[] {
  const section: SectionDefinition | undefined = definition.sections.find(
    (s) => s.repeat === "transversalMission",
  );
  if (!section) return [];
  const missions = new Map(fundings.flatMap((f) => f.missions).map((m) => [m.id, m]));
  return [...missions.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((mission, i) => ({
      slotKey: `D:${mission.id}`,
      kind: "TRANSVERSAL_MISSION",
      templateSection: section.id,
      position: POSITION.transversalMission + i,
      origin: "FUNDING",
      missionId: mission.id,
      missionCode: mission.code,
    }));
}
