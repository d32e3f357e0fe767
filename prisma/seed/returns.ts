// The questionnaire templates (reference data: the default PGSP return and the call for
// projects' activity report) and the demo campaigns, each with the default reminder rules and
// the activity report for the call's non-profits: 2022, closed, with police zone 5339's return
// submitted (so 2023 shows "from last year" prefill); 2023, open, with every partner's return
// generated and a non-profit's activity report in progress; 2024, a draft staff can open.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { FundingChannel, Prisma } from "../../app/generated/prisma/client";
import { auditSectionRef } from "../../app/modules/audit/audit.server";
import { generateReturns } from "../../app/modules/campaigns/generation.server";
import { createDefaultReminderRules } from "../../app/modules/campaigns/reminder-rules.server";
import { parseTemplateFile } from "../../app/modules/questionnaires/template-file.server";
import { saveTemplateVersion } from "../../app/modules/questionnaires/templates.server";
import { brusselsTime as brussels } from "../../app/modules/i18n/format";
import { findReturnById, planMeasureCodes } from "../../app/modules/returns/access.server";
import { addBrusselsDays, atBrussels, brusselsDay } from "../../app/modules/returns/deadlines";
import { checkWholeReturn } from "../../app/modules/returns/snapshot.server";
import { recordSubmission } from "../../app/modules/returns/submissions.server";
import { prisma, type Tx } from "../../app/utils/db.server";
import {
  ACTIVITY_REPORT_KEY,
  attachDemoReports,
  writeActivityReportAnswers,
  type DemoSection,
} from "./activity-report-demo";

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

export interface SeedCampaignOptions {
  /** Late returns are accepted this many days after the due date; null: until closing. */
  graceDays?: number | null;
  /** Questionnaires other than the default, per funding channel (CampaignTemplateAssignment). */
  channelTemplates?: { channel: FundingChannel; templateId: string }[];
  /** Other dates than 15 January and 31 March after the campaign's year. */
  dates?: { opensAt: Date; dueAt: Date };
}

/**
 * A campaign of the demo (by default opens 15 January after its year, due 31 March), with the default
 * reminder rules and its questionnaire per channel; an open or closed one has its returns
 * generated, a draft none (opening it generates them). Left as it is if the year has one.
 */
export async function seedCampaign(
  year: number,
  status: "DRAFT" | "OPEN" | "CLOSED",
  options: SeedCampaignOptions = {},
) {
  const template = await seedDefaultTemplate();
  const plan = await prisma.plan.findUniqueOrThrow({ where: { code: "PGSP-2021-2024" } });
  const opensAt = options.dates?.opensAt ?? brussels(`${year + 1}-01-15`);
  const dueAt = options.dates?.dueAt ?? brussels(`${year + 1}-03-31`, "23:59");
  const campaign = await prisma.$transaction(async (tx) => {
    const existing = await tx.campaign.findUnique({
      where: { planId_year: { planId: plan.id, year } },
    });
    if (existing) return existing;
    const created = await tx.campaign.create({
      data: {
        planId: plan.id,
        year,
        templateId: template.id,
        titleFr: `Rapport annuel PGSP ${year}`,
        titleNl: `GVPP-jaarverslag ${year}`,
        opensAt,
        dueAt,
        graceDays: options.graceDays ?? null,
        status,
        openedAt: status === "DRAFT" ? null : opensAt,
        closedAt: status === "CLOSED" ? brussels(`${year + 1}-09-30`, "17:00") : null,
        templateAssignments: { create: options.channelTemplates ?? [] },
      },
    });
    await createDefaultReminderRules(tx, created.id);
    return created;
  });
  if (campaign.status !== "DRAFT") await generateReturns(campaign.id, null);
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
      template: { select: { key: true } },
      sections: {
        orderBy: { position: "asc" },
        include: { measure: true, mission: true, funding: { select: { title: true } } },
      },
    },
  });
  if (!annualReturn || annualReturn.status !== "NOT_STARTED") return null;
  const submitter = await prisma.user.findUnique({ where: { email: options.submitterEmail } });
  await fillDemoReturn(annualReturn, submitter, options.language);
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
            attachments: snapshot.sections.reduce((n, s) => n + s.attachments.length, 0),
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
 * Fills in every section of a return with the demo answers of its questionnaire (the default
 * one, or the call for projects' activity report with its two reports attached), each section
 * completed, as `editor` would have. Not sent.
 */
async function fillDemoReturn(
  annualReturn: {
    campaign: { year: number };
    template: { key: string };
    sections: readonly (DemoSection & { kind: string })[];
  },
  editor: { id: string; displayName: string } | null,
  language: "fr" | "nl",
) {
  const { year } = annualReturn.campaign;
  const { sections } = annualReturn;
  if (annualReturn.template.key !== ACTIVITY_REPORT_KEY) {
    await prisma.$transaction((tx) =>
      writeDemoAnswers(tx, sections, editor?.id ?? null, year, language),
    );
    return;
  }
  const reports = sections.find((s) => s.templateSection === "documents");
  if (reports)
    await attachDemoReports(reports, { uploadedById: editor?.id ?? null, year, language });
  await prisma.$transaction((tx) =>
    writeActivityReportAnswers(tx, sections, {
      updatedById: editor?.id ?? null,
      declarant: editor?.displayName ?? "",
      year,
      language,
      reportsAttached: true,
    }),
  );
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
      template: { select: { key: true } },
      sections: {
        orderBy: { position: "asc" },
        include: { measure: true, funding: { select: { title: true } } },
      },
    },
  });
  const editor = updatedById
    ? await prisma.user.findUniqueOrThrow({ where: { id: updatedById } })
    : null;
  await fillDemoReturn(annualReturn, editor, "fr");
  await prisma.annualReturn.update({ where: { id: returnId }, data: { status: "IN_PROGRESS" } });
}

/**
 * A non-profit's activity report half done, in `language`: its association, project and budget
 * sections completed by `editorEmail`, its reports and declaration still to do. Nothing happens
 * if the return is already started. Returns its id.
 */
export async function startDemoActivityReport(
  campaignId: string,
  organisationSlug: string,
  options: { editorEmail: string; language: "fr" | "nl" },
) {
  const annualReturn = await prisma.annualReturn.findFirst({
    where: { campaignId, organisation: { slug: organisationSlug } },
    include: {
      campaign: { select: { year: true } },
      template: { select: { key: true } },
      sections: { include: { measure: true, funding: { select: { title: true } } } },
    },
  });
  // A campaign made before the call had its questionnaire (an older database, a test's own
  // campaign) gave this partner the default return: nothing to start then.
  if (annualReturn?.status !== "NOT_STARTED" || annualReturn.template.key !== ACTIVITY_REPORT_KEY) {
    return null;
  }
  const editor = await prisma.user.findUniqueOrThrow({ where: { email: options.editorEmail } });
  await prisma.$transaction(async (tx) => {
    await writeActivityReportAnswers(tx, annualReturn.sections, {
      updatedById: editor.id,
      declarant: editor.displayName,
      year: annualReturn.campaign.year,
      language: options.language,
      only: ["organisation", "project", "budget"],
    });
    await tx.annualReturn.update({
      where: { id: annualReturn.id },
      data: { status: "IN_PROGRESS", language: options.language },
    });
  });
  return annualReturn.id;
}

/** How long the demo's draft campaign, once opened, gives partners: about three months. */
export const DRAFT_OPEN_DAYS = 90;

export async function seedDemoCampaigns() {
  // The call for projects' non-profits send their activity report (ASBL_CALL), the others the
  // default PGSP return.
  const activityReport = await seedActivityReportTemplate();
  const channelTemplates = [{ channel: "ASBL_CALL" as const, templateId: activityReport.id }];
  const c2022 = await seedCampaign(2022, "CLOSED", { graceDays: 14 });
  // Zone 5339's 2022 return, sent (so 2023 shows "from last year" prefill).
  await submitDemoReturn(c2022.id, "zp-5339", {
    submitterEmail: "demo.partenaire@example.org",
    language: "fr",
    submittedAt: brussels("2023-03-20", "14:30"),
  });
  // No grace period on the open campaign: on any clock today its due date is long past, and a
  // grace period would make every unsent 2023 return read-only.
  const c2023 = await seedCampaign(2023, "OPEN", { channelTemplates });
  // FLCPF's activity report is left untouched; Medimmigrant's is half done, in Dutch.
  await startDemoActivityReport(c2023.id, "asbl-medimmigrant", {
    editorEmail: "sarah.goossens@example.org",
    language: "nl",
  });
  // The draft's dates follow the day the seed runs: a campaign opens from its opening day until
  // its due date, so staff can open this one (and the browser tests do) whatever the clock.
  const today = brusselsDay(new Date());
  const c2024 = await seedCampaign(2024, "DRAFT", {
    channelTemplates,
    dates: {
      opensAt: atBrussels(today),
      dueAt: atBrussels(addBrusselsDays(today, DRAFT_OPEN_DAYS), "23:59"),
    },
  });
  return { c2022, c2023, c2024 };
}
