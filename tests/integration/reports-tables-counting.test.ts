// The report tables that count in the database (reports/tables/projects.server.ts,
// tables/campaigns.server.ts) against the counting rules in JavaScript, on a small dataset where
// the rules matter: a project (organisation + funding) in two measures of a theme, one
// organisation with two fundings, an entry without a funding, superseded entries, a year outside
// the period, another channel, another plan; returns in every state, late or on time, with and
// without an extension, entries current and superseded. The figures are written out by hand and
// must also be what counting-projects.ts and completenessFigures say. PGlite and PostgreSQL.
// Years 2061+ keep the file's entries to themselves.
import { beforeAll, describe, expect, it } from "vitest";
import { seededPlan } from "../fixtures/dataset-entries";
import { createOrganisation } from "../fixtures/factories";
import { createCampaign } from "../fixtures/returns";
import { seedReferenceData } from "../../prisma/seed/load";
import { seedDefaultTemplate } from "../../prisma/seed/returns";
import type { FundingChannel, Prisma, ReturnStatus } from "~/generated/prisma/client";
import { completenessFigures } from "~/modules/completeness/completeness.server";
import { measuresByThemeAndChannel } from "~/modules/reports/counting";
import {
  communeProjectsPerMeasure,
  projectsPerThemeAndYear,
} from "~/modules/reports/counting-projects";
import type { ReportTable } from "~/modules/reports/table-model";
import { loadReportTable } from "~/modules/reports/tables.server";
import { prisma } from "~/utils/db.server";

beforeAll(async () => {
  await seedReferenceData(prisma);
  await seedDefaultTemplate();
}, 120_000);

const display = (table: ReportTable) =>
  Object.fromEntries(
    [...table.rows, ...(table.total ? [table.total] : [])].map((row) => [
      row.key,
      Object.fromEntries(Object.entries(row.cells).map(([key, cell]) => [key, cell.value])),
    ]),
  );

type Organisation = Awaited<ReturnType<typeof createOrganisation>>;

interface Entry {
  organisation: Organisation;
  year: number;
  measureCode: string;
  fundingId: string | null;
  channel?: FundingChannel;
  link?: "PRIMARY" | "SECONDARY" | "OTHER";
  superseded?: boolean;
  returnId?: string;
  /** The other plan's measure instead of the seeded plan's. */
  otherPlan?: { planId: string; measureId: string; themeId: string };
}

/** Entries written straight into the dataset, with their funding and plan. */
async function addEntries(entries: readonly Entry[]) {
  const plan = await seededPlan();
  await prisma.datasetEntry.createMany({
    data: entries.map((entry): Prisma.DatasetEntryCreateManyInput => {
      const measure = plan.measures.find((m) => m.code === entry.measureCode)!;
      return {
        year: entry.year,
        planId: entry.otherPlan?.planId ?? plan.id,
        organisationId: entry.organisation.id,
        organisationKind: entry.organisation.kind,
        channel: entry.channel ?? "ASBL_CALL",
        fundingId: entry.fundingId,
        fundingTitle: "Subvention de test",
        measureId: entry.otherPlan?.measureId ?? measure.id,
        measureCode: entry.measureCode,
        themeId: entry.otherPlan?.themeId ?? measure.themeId,
        link: entry.link ?? "PRIMARY",
        missionCodes: [],
        narrative: "Un récit de test.",
        narrativeLanguage: "fr",
        figures: [],
        attachments: [],
        approvedAt: new Date("2062-04-01T10:00:00Z"),
        supersededAt: entry.superseded ? new Date("2062-05-01T10:00:00Z") : null,
        returnId: entry.returnId ?? null,
      };
    }),
  });
}

async function createOtherPlan(code: string) {
  const plan = await prisma.plan.create({
    data: {
      code,
      titleFr: "Un autre plan",
      titleNl: "Een ander plan",
      startYear: 2060,
      endYear: 2065,
      themes: { create: [{ code: "1", position: 1, titleFr: "Thème", titleNl: "Thema" }] },
    },
    include: { themes: true },
  });
  const measure = await prisma.measure.create({
    data: {
      planId: plan.id,
      themeId: plan.themes[0]!.id,
      code: "1.1",
      position: 1,
      titleFr: "Mesure",
      titleNl: "Maatregel",
    },
  });
  return { planId: plan.id, measureId: measure.id, themeId: measure.themeId };
}

describe("projects counted in the database", () => {
  it("count each project once per theme and year, as counting-projects.ts does", async () => {
    const one = await createOrganisation("NON_PROFIT");
    const two = await createOrganisation("NON_PROFIT");
    const three = await createOrganisation("NON_PROFIT");
    const commune = await createOrganisation("COMMUNE");
    const otherPlan = await createOtherPlan("TEST-OTHER-PLAN");
    await addEntries([
      // One project in two measures of theme 1 (and twice in one of them): once in theme 1.
      { organisation: one, year: 2061, measureCode: "1.1", fundingId: "p1" },
      { organisation: one, year: 2061, measureCode: "1.2", fundingId: "p1" },
      { organisation: one, year: 2061, measureCode: "1.2", fundingId: "p1", link: "SECONDARY" },
      // The same organisation's second funding: a second project.
      { organisation: one, year: 2061, measureCode: "1.1", fundingId: "p2" },
      // An entry without a funding: its organisation's one project.
      { organisation: one, year: 2061, measureCode: "2.1", fundingId: null },
      { organisation: one, year: 2061, measureCode: "2.2", fundingId: null },
      // A project in two themes: in both rows, once in the total.
      { organisation: two, year: 2061, measureCode: "1.1", fundingId: "p3" },
      { organisation: two, year: 2061, measureCode: "2.2", fundingId: "p3" },
      { organisation: two, year: 2062, measureCode: "1.3", fundingId: "p3" },
      // Not counted: superseded, outside the period, another channel, another plan.
      { organisation: three, year: 2061, measureCode: "1.1", fundingId: "p4", superseded: true },
      { organisation: three, year: 2062, measureCode: "2.1", fundingId: "p4", superseded: true },
      { organisation: three, year: 2063, measureCode: "1.1", fundingId: "p5" },
      { organisation: three, year: 2060, measureCode: "2.1", fundingId: "p5" },
      {
        organisation: three,
        year: 2061,
        measureCode: "1.1",
        fundingId: "p6",
        channel: "ASBL_OUTSIDE_CALL",
      },
      { organisation: three, year: 2062, measureCode: "1.1", fundingId: "p7", otherPlan },
      // The communes: one project twice on 3.1 (two years, two links), another funding.
      { organisation: commune, year: 2061, measureCode: "3.1", fundingId: "c1", channel: "PBPP" },
      {
        organisation: commune,
        year: 2062,
        measureCode: "3.1",
        fundingId: "c1",
        channel: "PBPP",
        link: "SECONDARY",
      },
      { organisation: commune, year: 2062, measureCode: "3.1", fundingId: "c2", channel: "LISA" },
      {
        organisation: commune,
        year: 2062,
        measureCode: "3.2",
        fundingId: "c3",
        channel: "LISA",
        superseded: true,
      },
      { organisation: commune, year: 2063, measureCode: "3.2", fundingId: "c4", channel: "PBPP" },
    ]);
    const period = { from: 2061, to: 2062 };

    const calls = await loadReportTable("asbl-call-themes", period, "fr");
    const figures = display(calls);
    expect(figures["1"]).toEqual({ 2061: 3, 2062: 1 });
    expect(figures["2"]).toEqual({ 2061: 2, 2062: 0 });
    expect(figures.total).toEqual({ 2061: 4, 2062: 1 });
    for (const theme of ["3", "4", "5"]) expect(figures[theme]).toEqual({ 2061: 0, 2062: 0 });

    // The same figures as the counting in JavaScript over the plan's entries.
    const plan = await seededPlan();
    const themes = await prisma.theme.findMany({
      where: { planId: plan.id },
      orderBy: { position: "asc" },
    });
    const entries = await prisma.datasetEntry.findMany({
      where: { planId: plan.id, year: { gte: 2060, lte: 2063 } },
    });
    const counted = projectsPerThemeAndYear(
      entries,
      themes.map((theme) => theme.id),
      period,
      "ASBL_CALL",
    );
    expect(calls.rows.map((row) => row.key)).toEqual(themes.map((theme) => theme.code));
    calls.rows.forEach((row, index) =>
      expect(figures[row.key], row.key).toEqual(counted.rows[index]!.byYear),
    );
    expect(figures.total).toEqual(counted.total);

    // Published: counts from 1 to 2 hidden under a threshold of 3, and 2061's total with them
    // (4 less theme 1's 3 would give theme 2's hidden 2 away).
    const publishedTable = await loadReportTable("asbl-call-themes", period, "fr", {
      suppressBelow: 3,
    });
    const published = display(publishedTable);
    expect(published["1"]).toEqual({ 2061: 3, 2062: null });
    expect(published.total).toEqual({ 2061: null, 2062: null });
    expect(publishedTable.total!.cells["2061"]!.display).toBe("x");

    const communes = await loadReportTable("communes-measures", period, "fr");
    expect(display(communes)).toEqual({
      "3.1": { primary: 2, secondary: 1, other: 0, total: 2 },
    });
    const byMeasure = communeProjectsPerMeasure(
      entries,
      plan.measures.map((m) => m.id),
      period,
    );
    expect(byMeasure.map((row) => [row.byLink, row.total])).toEqual([
      [{ PRIMARY: 2, SECONDARY: 1, OTHER: 0 }, 2],
    ]);
  });
});

const campaignFields = (campaign: Awaited<ReturnType<typeof createCampaign>>) => ({
  year: campaign.year,
  templateId: campaign.templateId,
  opensAt: campaign.opensAt,
  dueAt: campaign.dueAt,
  status: campaign.status,
});

describe("measures reached, probed pair by pair", () => {
  it("gives Tableau 1 and the summary the counting rules give, whatever the period", async () => {
    const zone = await createOrganisation("POLICE_ZONE");
    const asbl = await createOrganisation("NON_PROFIT");
    const otherPlan = await createOtherPlan("TEST-OTHER-MEASURES-PLAN");
    await addEntries([
      { organisation: zone, year: 2066, measureCode: "4.3", fundingId: null, channel: "FSE" },
      { organisation: asbl, year: 2067, measureCode: "4.3", fundingId: null },
      // Not counted: superseded, outside the period, another plan's measure.
      {
        organisation: zone,
        year: 2066,
        measureCode: "4.1",
        fundingId: null,
        channel: "FSE",
        superseded: true,
      },
      { organisation: zone, year: 2068, measureCode: "4.2", fundingId: null, channel: "FSE" },
      { organisation: zone, year: 2066, measureCode: "1.1", fundingId: null, otherPlan },
    ]);
    const plan = await seededPlan();
    const size = plan.measures.filter(
      (m) => m.themeId === plan.measures.find((x) => x.code === "4.3")!.themeId,
    ).length;
    const tableau = await loadReportTable("measures-by-channel", { from: 2066, to: 2067 }, "fr");
    expect(tableau.rows.find((row) => row.key === "4")!.cells).toMatchObject({
      zones: { display: `1/${size}` },
      asblCall: { display: `1/${size}` },
      communes: { display: `0/${size}` },
    });
    expect(tableau.total!.cells.zones).toMatchObject({ display: `1/${plan.measures.length}` });
    const summary = display(
      await loadReportTable("themes-summary", { from: 2066, to: 2067 }, "fr"),
    );
    expect(summary["4"]).toMatchObject({ all: 1, zones: 1, asblCall: 1 });
    expect(summary.total).toMatchObject({ all: 1 });

    // Every period, down to the widest one can ask (2000-2100): the figures of counting.ts over
    // all the entries.
    const themes = await prisma.theme.findMany({
      where: { planId: plan.id },
      orderBy: { position: "asc" },
      include: { measures: { orderBy: { position: "asc" } } },
    });
    const entries = await prisma.datasetEntry.findMany({
      select: { year: true, channel: true, measureId: true, themeId: true, supersededAt: true },
    });
    for (const period of [
      { from: 2066, to: 2068 },
      { from: 2060, to: 2070 },
      { from: 2000, to: 2100 },
    ]) {
      const counted = measuresByThemeAndChannel(
        entries,
        themes.map((t) => ({ id: t.id, code: t.code, measureIds: t.measures.map((m) => m.id) })),
        period,
      );
      const table = await loadReportTable("measures-by-channel", period, "fr");
      table.rows.forEach((row, index) => {
        for (const [column, cell] of Object.entries(counted.rows[index]!.cells))
          expect(row.cells[column]!.count, `${period.from} ${row.key} ${column}`).toBe(cell.count);
      });
    }
  });
});

interface ReturnInput {
  status: ReturnStatus;
  /** The first submission's date; none: no submission recorded. */
  firstSentAt?: string;
  /** The return's own date of sending (before submissions were recorded one by one). */
  submittedAt?: string;
  extendedDueAt?: string;
  entries?: { current: number; superseded: number };
}

async function createReturns(
  campaign: { id: string; templateId: string; year: number },
  inputs: ReturnInput[],
) {
  for (const input of inputs) {
    const organisation = await createOrganisation("NON_PROFIT");
    const row = await prisma.annualReturn.create({
      data: {
        campaignId: campaign.id,
        organisationId: organisation.id,
        templateId: campaign.templateId,
        status: input.status,
        submittedAt: input.submittedAt ? new Date(input.submittedAt) : null,
        extendedDueAt: input.extendedDueAt ? new Date(input.extendedDueAt) : null,
        extensionReason: input.extendedDueAt ? "Un retard justifié." : null,
      },
    });
    if (input.firstSentAt)
      await prisma.submission.create({
        data: {
          returnId: row.id,
          number: 1,
          submittedAt: new Date(input.firstSentAt),
          late: false,
          language: "fr",
          snapshot: {},
        },
      });
    const { current = 0, superseded = 0 } = input.entries ?? {};
    await addEntries(
      Array.from({ length: current + superseded }, (_, index) => ({
        organisation,
        year: campaign.year,
        measureCode: "1.1",
        fundingId: null,
        returnId: row.id,
        superseded: index >= current,
      })),
    );
  }
}

describe("campaigns' progress read at once", () => {
  it("gives each campaign of the plan and period the completeness page's figures and its current entries", async () => {
    const template = await seedDefaultTemplate();
    const first = await createCampaign(2061, template.id); // due 2062-03-31 21:59 UTC
    const second = await createCampaign(2062, template.id);
    const outside = await createCampaign(2063, template.id);
    await createReturns(first, [
      { status: "NOT_STARTED" },
      { status: "IN_PROGRESS" },
      { status: "SUBMITTED", firstSentAt: "2062-03-01T10:00:00Z" },
      { status: "SUBMITTED", firstSentAt: "2062-04-10T10:00:00Z" },
      // Late against the campaign, on time against its extension.
      {
        status: "RESUBMITTED",
        firstSentAt: "2062-04-05T10:00:00Z",
        extendedDueAt: "2062-04-30T21:59:00Z",
      },
      { status: "CHANGES_REQUESTED", firstSentAt: "2062-04-02T10:00:00Z" },
      {
        status: "APPROVED",
        firstSentAt: "2062-03-31T21:59:00Z",
        entries: { current: 3, superseded: 1 },
      },
      {
        status: "REOPENED",
        firstSentAt: "2062-02-01T10:00:00Z",
        entries: { current: 1, superseded: 2 },
      },
      // Sent before submissions were recorded: the return's own date decides.
      {
        status: "APPROVED",
        submittedAt: "2062-05-01T10:00:00Z",
        entries: { current: 1, superseded: 0 },
      },
    ]);
    // Approved without any date: received, counted on time.
    await createReturns(second, [{ status: "APPROVED", entries: { current: 2, superseded: 1 } }]);
    await createReturns(outside, [{ status: "APPROVED", entries: { current: 5, superseded: 0 } }]);
    // Another plan's campaign of the same year: not a row of this plan's table.
    const otherPlan = await createOtherPlan("TEST-OTHER-CAMPAIGN-PLAN");
    const other = await prisma.campaign.create({
      data: {
        ...campaignFields(first),
        planId: otherPlan.planId,
        titleFr: "Autre",
        titleNl: "Ander",
      },
    });
    await createReturns(other, [{ status: "APPROVED", entries: { current: 4, superseded: 0 } }]);
    // An imported entry of the year: written by no return.
    await addEntries([
      { organisation: await createOrganisation(), year: 2061, measureCode: "1.1", fundingId: null },
    ]);

    const table = await loadReportTable("campaign-progress", { from: 2061, to: 2062 }, "fr");
    expect(table.rows.map((row) => row.key)).toEqual(["2061", "2062"]);
    expect(display(table)).toEqual({
      2061: {
        expected: 9,
        received: 7,
        onTime: 4,
        late: 3,
        waiting: 3,
        changesRequested: 1,
        approved: 2,
        entries: 5,
      },
      2062: {
        expected: 1,
        received: 1,
        onTime: 1,
        late: 0,
        waiting: 0,
        changesRequested: 0,
        approved: 1,
        entries: 2,
      },
    });
    // The completeness page's own figures of each campaign.
    for (const campaign of [first, second]) {
      const { overall } = await completenessFigures(campaign);
      expect(display(table)[String(campaign.year)]).toMatchObject({
        expected: overall.expected,
        received: overall.received,
        onTime: overall.receivedOnTime,
        late: overall.receivedLate,
        waiting: overall.buckets.submittedOnTime + overall.buckets.submittedLate,
        changesRequested: overall.buckets.changesRequested,
        approved: overall.approved,
      });
    }
  });
});
