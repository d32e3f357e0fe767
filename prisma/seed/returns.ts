// The default questionnaire template (reference data) and the demo campaigns: 2022, closed,
// with police zone 5339's return submitted (so 2023 shows "from last year" prefill), and
// 2023, open, with every partner's return generated.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Prisma } from "../../app/generated/prisma/client";
import { auditSectionRef } from "../../app/modules/audit/audit.server";
import { generateReturns } from "../../app/modules/campaigns/generation.server";
import { parseTemplateFile } from "../../app/modules/questionnaires/template-file.server";
import { saveTemplateVersion } from "../../app/modules/questionnaires/templates.server";
import { brusselsTime as brussels } from "../../app/modules/i18n/format";
import { findReturnById, planMeasureCodes } from "../../app/modules/returns/access.server";
import { checkWholeReturn } from "../../app/modules/returns/snapshot.server";
import { recordSubmission } from "../../app/modules/returns/submissions.server";
import { prisma, type Tx } from "../../app/utils/db.server";

export const DEFAULT_TEMPLATE_FILE = path.resolve(
  import.meta.dirname,
  "templates/pgsp-annual-return.yaml",
);

/** The activity report of non-profits funded by the call for projects (channel ASBL_CALL). */
export const ACTIVITY_REPORT_TEMPLATE_FILE = path.resolve(
  import.meta.dirname,
  "templates/asbl-activity-report.yaml",
);

export function seedDefaultTemplate() {
  return seedTemplateFile(DEFAULT_TEMPLATE_FILE);
}

export function seedActivityReportTemplate() {
  return seedTemplateFile(ACTIVITY_REPORT_TEMPLATE_FILE);
}

/** A template file of the seed, published as version 1 of its key unless its key has one. */
async function seedTemplateFile(file: string) {
  const sourceName = path.basename(file);
  const parsed = parseTemplateFile(readFileSync(file, "utf8"));
  if (!parsed.ok)
    throw new Error(`Template ${sourceName} is invalid:\n${parsed.errors.join("\n")}`);
  const definition = parsed.definition;
  return prisma.$transaction(async (tx) => {
    // Published once; later edits to the file become new versions only when staff load them.
    const existing = await tx.questionnaireTemplate.findFirst({
      where: { key: definition.key },
      orderBy: { version: "asc" },
    });
    if (existing) return existing;
    const { template } = await saveTemplateVersion(tx, definition, { sourceName, publish: true });
    return template;
  });
}

export async function seedCampaign(year: number, status: "OPEN" | "CLOSED") {
  const template = await seedDefaultTemplate();
  const plan = await prisma.plan.findUniqueOrThrow({ where: { code: "PGSP-2021-2024" } });
  const campaign = await prisma.campaign.upsert({
    where: { planId_year: { planId: plan.id, year } },
    update: {},
    create: {
      planId: plan.id,
      year,
      templateId: template.id,
      titleFr: `Rapport annuel PGSP ${year}`,
      titleNl: `GVPP-jaarverslag ${year}`,
      opensAt: brussels(`${year + 1}-01-15`),
      dueAt: brussels(`${year + 1}-03-31`, "23:59"),
      status,
    },
  });
  await generateReturns(campaign.id, null);
  return campaign;
}

/**
 * A partner's return, filled in with the demo answers and sent at `submittedAt`, with the
 * history the app would have written then (demo narratives in our own words). Nothing happens
 * if the return is already started. Returns its id.
 */
export async function submitDemoReturn(
  campaignId: string,
  organisationSlug: string,
  options: { submitterEmail: string; language: "fr" | "nl"; submittedAt: Date },
) {
  const organisation = await prisma.organisation.findUniqueOrThrow({
    where: { slug: organisationSlug },
  });
  const annualReturn = await prisma.annualReturn.findUnique({
    where: { campaignId_organisationId: { campaignId, organisationId: organisation.id } },
    include: {
      campaign: { select: { year: true, dueAt: true } },
      sections: { orderBy: { position: "asc" }, include: { measure: true, mission: true } },
    },
  });
  if (!annualReturn || annualReturn.status !== "NOT_STARTED") return null;
  const submitter = await prisma.user.findUnique({ where: { email: options.submitterEmail } });
  const { year } = annualReturn.campaign;
  await prisma.$transaction((tx) =>
    writeDemoAnswers(tx, annualReturn.sections, submitter?.id ?? null, year, options.language),
  );
  // What it sent, checked as a submission checks it: the demo's answers must be a valid return.
  const loaded = await findReturnById(annualReturn.id);
  if (!loaded) throw new Error(`Return ${annualReturn.id} vanished`);
  const { snapshot, problems } = checkWholeReturn(
    loaded,
    await planMeasureCodes(loaded.campaign.planId),
  );
  if (problems.length > 0) {
    throw new Error(
      `The demo return of ${organisationSlug} is not complete: ${JSON.stringify(problems)}`,
    );
  }
  const { submittedAt, language } = options;
  const late = submittedAt.getTime() > annualReturn.campaign.dueAt.getTime();
  await prisma.$transaction(async (tx) => {
    const minutesBefore = (n: number) => new Date(submittedAt.getTime() - n * 60_000);
    await tx.auditEvent.createMany({
      data: [
        ...annualReturn.sections.map((section, i) => ({
          occurredAt: minutesBefore(annualReturn.sections.length + 1 - i),
          action: "return.section-completed",
          actorUserId: submitter?.id ?? null,
          organisationId: organisation.id,
          targetType: "AnnualReturn",
          targetId: annualReturn.id,
          details: { ...auditSectionRef(section), status: "COMPLETED" },
        })),
        {
          occurredAt: submittedAt,
          action: "return.submitted",
          actorUserId: submitter?.id ?? null,
          organisationId: organisation.id,
          targetType: "AnnualReturn",
          targetId: annualReturn.id,
          details: {
            sections: annualReturn.sections.length,
            attachments: 0,
            late,
            status: "SUBMITTED",
            submission: 1,
          },
        },
      ],
    });
    await tx.annualReturn.update({
      where: { id: annualReturn.id },
      data: {
        status: "SUBMITTED",
        submittedAt,
        submittedById: submitter?.id,
        submissionKey: `demo-${annualReturn.id}`,
        language,
      },
    });
    await recordSubmission(tx, {
      returnId: annualReturn.id,
      snapshot,
      submittedAt,
      submittedById: submitter?.id ?? null,
      late,
      language,
    });
  });
  return annualReturn.id;
}

/**
 * Demo answers for every section of a return of the default template (narratives in our own
 * words), each section completed: what a partner would have typed for `year`. Not sent.
 */
export async function writeDemoAnswers(
  tx: Tx,
  sections: readonly {
    id: string;
    kind: string;
    answers: unknown;
    measure: { code: string } | null;
  }[],
  updatedById: string | null,
  year: number,
  language: "fr" | "nl" = "fr",
) {
  const text = DEMO_TEXT[language];
  for (const section of sections) {
    const answers: Record<string, unknown> =
      section.kind === "FUNDED_MEASURE"
        ? {
            status: "done",
            actions: text.actions(year, section.measure?.code ?? ""),
            targetPublics: ["residents", "professionals"],
            targetDetails: text.targetDetails,
            partners: text.partners,
            startDate: `${year}-01-10`,
            peopleReached: "1250",
            staffFte: "2,5",
            figures: text.figures,
            relatedMeasures: ["2.3", "6.4"],
          }
        : section.kind === "ORGANISATION"
          ? { ...(section.answers as object), detailsConfirmed: "yes" }
          : section.kind === "DECLARATION"
            ? { ...text.declarant, confirmation: ["accurate"] }
            : { contribution: text.contribution };
    await tx.returnSection.update({
      where: { id: section.id },
      data: {
        answers: answers as Prisma.InputJsonValue,
        answersLanguage: language,
        status: "COMPLETED",
        version: { increment: 1 },
        updatedById,
      },
    });
  }
}

// What a partner would have typed, in each language (our own words).
const DEMO_TEXT = {
  fr: {
    actions: (year: number, code: string) =>
      `En ${year}, la zone a intégré la mesure ${code} dans son plan d'action : réunions de coordination mensuelles avec la commune, patrouilles ciblées et suivi des signalements.`,
    targetDetails: "Habitants des quartiers concernés et agents de première ligne.",
    partners: "Service de prévention communal, STIB, parquet de Bruxelles.",
    figures: [
      { label: "Réunions de coordination", value: "12", unit: "réunions" },
      { label: "Agents formés", value: "48", unit: "personnes" },
    ],
    declarant: { declarantName: "Camille Demaret", declarantRole: "Coordinatrice prévention" },
    contribution: "La zone a partagé ses analyses de terrain avec les partenaires régionaux.",
  },
  nl: {
    actions: (year: number, code: string) =>
      `In ${year} werkte de organisatie maatregel ${code} uit met maandelijks overleg met de gemeente, gerichte acties in de wijken en een opvolging van elke melding.`,
    targetDetails: "Bewoners van de betrokken wijken en eerstelijnswerkers.",
    partners: "Gemeentelijke preventiedienst, MIVB, parket van Brussel.",
    figures: [
      { label: "Overlegvergaderingen", value: "12", unit: "vergaderingen" },
      { label: "Opgeleide medewerkers", value: "48", unit: "personen" },
    ],
    declarant: { declarantName: "Lotte Janssens", declarantRole: "Projectcoördinator" },
    contribution:
      "De organisatie deelde haar vaststellingen op het terrein met de regionale partners.",
  },
} as const;

/**
 * Fills in a return with the demo answers and leaves it in progress, ready to be checked and
 * sent (the browser tests of the check, confirmation and print pages start from it).
 */
export async function completeWithDemoAnswers(returnId: string, updatedById: string | null) {
  const annualReturn = await prisma.annualReturn.findUniqueOrThrow({
    where: { id: returnId },
    include: {
      campaign: { select: { year: true } },
      sections: { orderBy: { position: "asc" }, include: { measure: true } },
    },
  });
  await prisma.$transaction(async (tx) => {
    await writeDemoAnswers(tx, annualReturn.sections, updatedById, annualReturn.campaign.year);
    await tx.annualReturn.update({ where: { id: returnId }, data: { status: "IN_PROGRESS" } });
  });
}

export async function seedDemoCampaigns() {
  const c2022 = await seedCampaign(2022, "CLOSED");
  // Zone 5339's 2022 return, sent (so 2023 shows "from last year" prefill).
  await submitDemoReturn(c2022.id, "zp-5339", {
    submitterEmail: "demo.partenaire@example.org",
    language: "fr",
    submittedAt: brussels("2023-03-20", "14:30"),
  });
  const c2023 = await seedCampaign(2023, "OPEN");
  return { c2022, c2023 };
}
