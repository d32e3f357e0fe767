// The completeness dashboard stays set-based at scale: a campaign of 10,000 returns (12
// sections each, two fundings per organisation, a main contact each, reminders for the late
// ones), written with INSERT ... SELECT over generate_series, then the dashboard's reads timed.
// The counts are checked against the generator's own arithmetic, so the test proves the
// figures as well as the time; the bound is generous (a shared 2-core box), far above the
// measured times noted in completeness.server.ts, and far below what a read per return would
// take (10,000 round trips).
import { beforeAll, describe, expect, it } from "vitest";
import { PLAN_CODE } from "../fixtures/returns";
import { seedReferenceData } from "../../prisma/seed/load";
import { seedDefaultTemplate } from "../../prisma/seed/returns";
import {
  completenessFigures,
  findCompletenessCampaign,
  lateReturns,
  type CompletenessCampaign,
} from "~/modules/completeness/completeness.server";
import { lateCsv } from "~/modules/completeness/csv.server";
import { addBrusselsDays, atBrussels, brusselsDay } from "~/modules/returns/deadlines";
import { prisma } from "~/utils/db.server";

const RETURNS = 10_000;
const SECTIONS = 12;
const YEAR = 2050;
const now = new Date();
const dueDay = addBrusselsDays(brusselsDay(now), -10);
const dueAt = atBrussels(dueDay, "23:59");

// Return i's status, by i % 10: 0-2 not started, 3 in progress, 4 submitted on time,
// 5 submitted late, 6 changes requested, 7-8 approved, 9 reopened.
const STATUS = `(ARRAY['NOT_STARTED','NOT_STARTED','NOT_STARTED','IN_PROGRESS','SUBMITTED',
  'SUBMITTED','CHANGES_REQUESTED','APPROVED','APPROVED','REOPENED'])[1 + i % 10]`;

let campaign: CompletenessCampaign;

async function timed<T>(read: () => Promise<T>) {
  const times: number[] = [];
  let result!: T;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    result = await read();
    times.push(performance.now() - started);
  }
  return { result, best: Math.min(...times) };
}

beforeAll(async () => {
  await seedReferenceData(prisma);
  const template = await seedDefaultTemplate();
  const plan = await prisma.plan.findUniqueOrThrow({ where: { code: PLAN_CODE } });
  const created = await prisma.campaign.create({
    data: {
      planId: plan.id,
      year: YEAR,
      templateId: template.id,
      titleFr: "Échelle",
      titleNl: "Schaal",
      opensAt: atBrussels(addBrusselsDays(dueDay, -60)),
      dueAt,
      status: "OPEN",
    },
  });
  campaign = (await findCompletenessCampaign(created.id))!;
  const series = `generate_series(1, ${RETURNS}) AS i`;
  const kinds = `(ARRAY['POLICE_ZONE','COMMUNE','LISA_ANTENNA','REGIONAL_BODY','NON_PROFIT'])`;
  const channels = `(ARRAY['FSE','PBPP','LISA','REGIONAL','ASBL_CALL','ASBL_OUTSIDE_CALL'])`;
  const statements = [
    `INSERT INTO "Organisation" ("id", "slug", "kind", "nameFr", "nameNl", "updatedAt")
     SELECT 'sc-o-' || i, 'sc-' || i, ${kinds}[1 + i % 5]::"OrganisationKind",
            'Organisation ' || i, 'Organisatie ' || i, now() FROM ${series}`,
    // Two channels each (i % 6 and (i + 1) % 6), both running in the campaign's year.
    `INSERT INTO "Funding" ("id", "organisationId", "channel", "startYear", "endYear", "title",
                           "updatedAt")
     SELECT 'sc-f-' || i || '-' || k, 'sc-o-' || i, ${channels}[1 + (i + k) % 6]::"FundingChannel",
            ${YEAR - 1}, ${YEAR + 1}, 'Subvention ' || k, now()
       FROM ${series}, generate_series(0, 1) AS k`,
    `INSERT INTO "User" ("id", "email", "displayName", "updatedAt")
     SELECT 'sc-u-' || i, 'contact-' || i || '@example.org', 'Contact ' || i, now() FROM ${series}`,
    `INSERT INTO "Membership" ("id", "userId", "organisationId", "reportRole")
     SELECT 'sc-m-' || i, 'sc-u-' || i, 'sc-o-' || i, 'MAIN' FROM ${series}`,
    `INSERT INTO "AnnualReturn" ("id", "campaignId", "organisationId", "status", "templateId",
                                "updatedAt")
     SELECT 'sc-r-' || i, '${campaign.id}', 'sc-o-' || i, ${STATUS}::"ReturnStatus",
            '${template.id}', now() FROM ${series}`,
    // Sent once, on time (by 3 days) or late (by 2 days) as the status says.
    `INSERT INTO "Submission" ("id", "returnId", "number", "submittedAt", "late", "language",
                              "snapshot")
     SELECT 'sc-s-' || i, 'sc-r-' || i, 1,
            '${dueAt.toISOString()}'::timestamp + (CASE WHEN i % 10 = 5 THEN 2 ELSE -3 END)
              * interval '1 day',
            i % 10 = 5, 'fr', '{}'
       FROM ${series} WHERE i % 10 >= 4`,
    `INSERT INTO "ReturnSection" ("id", "returnId", "slotKey", "kind", "templateSection",
                                 "position", "origin", "status", "updatedAt")
     SELECT 'sc-x-' || i || '-' || k, 'sc-r-' || i, 'S' || k, 'ORGANISATION', 'A', k, 'TEMPLATE',
            (CASE WHEN k < i % ${SECTIONS} THEN 'COMPLETED' ELSE 'NOT_STARTED' END)::"SectionStatus",
            now()
       FROM ${series}, generate_series(0, ${SECTIONS - 1}) AS k`,
    // Two reminders for each late return (not started, in progress, reopened).
    `INSERT INTO "ReminderDispatch" ("id", "campaignId", "returnId", "ruleKey", "kind",
                                    "recipient", "day", "status", "createdAt")
     SELECT 'sc-d-' || i || '-' || k, '${campaign.id}', 'sc-r-' || i, 'rule:' || k,
            (ARRAY['DUE_DAY','AFTER_DUE'])[k]::"ReminderKind", 'contact-' || i || '@example.org',
            'day-' || k, 'QUEUED',
            '${dueAt.toISOString()}'::timestamp + k * interval '1 day'
       FROM ${series}, generate_series(1, 2) AS k WHERE i % 10 <= 3 OR i % 10 = 9`,
  ];
  for (const statement of statements) await prisma.$executeRawUnsafe(statement);
  await prisma.$executeRawUnsafe("ANALYZE");
}, 300_000);

describe("the dashboard over 10,000 returns", () => {
  it("counts every return, in a few reads", async () => {
    const { result, best } = await timed(() => completenessFigures(campaign));
    console.info(`completeness figures over ${RETURNS} returns: best of 3 ${best.toFixed(0)} ms`);
    const { overall, byChannel, byKind } = result;
    expect(overall.expected).toBe(RETURNS);
    expect(overall.buckets).toEqual({
      notStarted: 3000,
      inProgress: 2000,
      submittedOnTime: 1000,
      submittedLate: 1000,
      changesRequested: 1000,
      approved: 2000,
    });
    expect(overall.received).toBe(6000);
    expect(overall.receivedLate).toBe(1000);
    // Two channels per return.
    expect(byChannel.reduce((sum, g) => sum + g.figures.expected, 0)).toBe(2 * RETURNS);
    expect(byKind.reduce((sum, g) => sum + g.figures.expected, 0)).toBe(RETURNS);
    expect(best).toBeLessThan(3000);
  });

  it("lists the late returns with their contacts and last reminder", async () => {
    const page = await timed(() => lateReturns(campaign, now, "fr", { limit: 100 }));
    const all = await timed(() => lateReturns(campaign, now, "fr"));
    console.info(
      `completeness late list: first 100 of ${all.result.total} in ${page.best.toFixed(0)} ms, ` +
        `all in ${all.best.toFixed(0)} ms (best of 3)`,
    );
    expect(page.result.total).toBe(5000);
    expect(page.result.rows).toHaveLength(100);
    expect(all.result.rows).toHaveLength(5000);
    const first = all.result.rows.find((r) => r.returnId === "sc-r-13")!;
    expect(first).toMatchObject({
      status: "IN_PROGRESS",
      sectionsCompleted: 1,
      sectionsTotal: SECTIONS,
      contacts: [
        { name: "Contact 13", email: "contact-13@example.org", language: "fr", role: "MAIN" },
      ],
      lastReminder: { kind: "AFTER_DUE" },
    });
    const started = performance.now();
    const csv = lateCsv(all.result.rows, "fr");
    const csvMs = performance.now() - started;
    console.info(`completeness late CSV of 5000 rows built in ${csvMs.toFixed(0)} ms`);
    expect(csv.split("\r\n")).toHaveLength(5000 + 2);
    expect(page.best).toBeLessThan(3000);
    expect(all.best).toBeLessThan(6000);
    expect(csvMs).toBeLessThan(3000);
  });
});
