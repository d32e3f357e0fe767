import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contacts } from "../../prisma/seed/data/contacts";
import { fundings } from "../../prisma/seed/data/fundings";
import { seedDemo, seedReferenceData } from "../../prisma/seed/load";
import { DRAFT_OPEN_DAYS, seedDemoCampaigns } from "../../prisma/seed/returns";
import { seedReviewDemo } from "../../prisma/seed/review-demo";
import { openCampaign } from "~/modules/campaigns/lifecycle.server";
import { DEFAULT_REMINDER_RULES } from "~/modules/campaigns/reminder-rules.server";
import { reviewStateOf } from "~/modules/review/review-state.server";
import { addBrusselsDays, atBrussels, brusselsDay } from "~/modules/returns/deadlines";
import { storagePath } from "~/modules/returns/stored-files.server";
import { submissionsOf } from "~/modules/returns/submissions.server";
import { prisma } from "~/utils/db.server";

// The demo's activity reports come with their reports attached: files of a temporary folder.
let uploads = "";
beforeAll(async () => {
  uploads = await mkdtemp(path.join(os.tmpdir(), "seed-test-"));
  process.env.UPLOAD_DIR = uploads;
});
afterAll(async () => {
  delete process.env.UPLOAD_DIR;
  await rm(uploads, { recursive: true, force: true });
});

async function tableCounts() {
  const [
    plans,
    themes,
    measures,
    missions,
    orgs,
    coverage,
    users,
    memberships,
    fundingRows,
    links,
  ] = await Promise.all([
    prisma.plan.count(),
    prisma.theme.count(),
    prisma.measure.count(),
    prisma.transversalMission.count(),
    prisma.organisation.count(),
    prisma.policeZoneCommune.count(),
    prisma.user.count(),
    prisma.membership.count(),
    prisma.funding.count(),
    prisma.fundingMeasure.count(),
  ]);
  return {
    plans,
    themes,
    measures,
    missions,
    orgs,
    coverage,
    users,
    memberships,
    fundingRows,
    links,
  };
}

describe("seed", () => {
  beforeAll(async () => {
    await seedReferenceData(prisma);
    await seedDemo(prisma);
  });

  it("loads the 9 themes and 77 measures of the PGSP 2021-2024", async () => {
    const themes = await prisma.theme.findMany({
      where: { plan: { code: "PGSP-2021-2024" } },
      orderBy: { position: "asc" },
      include: { _count: { select: { measures: true } } },
    });
    expect(themes.map((t) => t._count.measures)).toEqual([9, 8, 9, 10, 7, 9, 8, 8, 9]);
    const toVerify = await prisma.measure.findMany({
      where: { textToVerify: true },
      orderBy: { code: "asc" },
    });
    expect(toVerify.map((m) => m.code)).toEqual(["1.3", "8.6", "8.7"]);
  });

  it("loads the partners with their links", async () => {
    expect(await prisma.organisation.count({ where: { kind: "POLICE_ZONE" } })).toBe(6);
    expect(await prisma.organisation.count({ where: { kind: "COMMUNE" } })).toBe(19);
    const zone = await prisma.organisation.findFirstOrThrow({
      where: { kind: "POLICE_ZONE", officialId: "5339" },
      include: { coveredCommunes: { include: { commune: true } } },
    });
    expect(zone.coveredCommunes.map((c) => c.commune.officialId).sort()).toEqual([
      "21004",
      "21009",
    ]);
    const lisa = await prisma.organisation.findMany({ where: { kind: "LISA_ANTENNA" } });
    expect(lisa.length).toBeGreaterThan(0);
    expect(lisa.every((o) => o.parentCommuneId)).toBe(true);
    expect(
      await prisma.organisation.count({ where: { kind: "NON_PROFIT" } }),
    ).toBeGreaterThanOrEqual(20);
  });

  it("loads the demo fundings linked to the report's measures", async () => {
    expect(await prisma.funding.count()).toBe(fundings.length);
    const zp5339in2021 = await prisma.fundingMeasure.findMany({
      where: {
        funding: { startYear: 2021, organisation: { officialId: "5339", kind: "POLICE_ZONE" } },
      },
      include: { measure: true },
    });
    expect(zp5339in2021.map((l) => l.measure.code)).toContain("8.8");
    const zones2022 = await prisma.funding.findMany({
      where: { channel: "FSE", startYear: { lte: 2022 }, endYear: { gte: 2022 } },
      include: { measures: { include: { measure: true } } },
    });
    expect(zones2022).toHaveLength(6);
    for (const funding of zones2022) {
      const primary = funding.measures
        .filter((l) => l.link === "PRIMARY")
        .map((l) => l.measure.code);
      expect(primary).toEqual(expect.arrayContaining(["5.1", "6.1"]));
    }
  });

  it("is idempotent and never reverts what staff edited", async () => {
    const edited = await prisma.measure.update({
      where: { planId_code: { planId: (await prisma.plan.findFirstOrThrow()).id, code: "8.7" } },
      data: { titleFr: "Texte corrigé par le personnel", textToVerify: false },
    });
    const before = await tableCounts();
    await seedReferenceData(prisma);
    await seedDemo(prisma);
    expect(await tableCounts()).toEqual(before);
    const after = await prisma.measure.findUniqueOrThrow({ where: { id: edited.id } });
    expect(after.titleFr).toBe("Texte corrigé par le personnel");
    expect(after.textToVerify).toBe(false);
  });

  it("gives every report contact a role: the first listed main and administrator, the others backup", async () => {
    const memberships = await prisma.membership.findMany({
      include: { user: { select: { email: true } }, organisation: { select: { slug: true } } },
    });
    expect(memberships).toHaveLength(contacts.length);
    const firstOf = new Map<string, string>();
    for (const c of contacts)
      if (!firstOf.has(c.organisationKey)) firstOf.set(c.organisationKey, c.email);
    for (const m of memberships) {
      const main = firstOf.get(m.organisation.slug) === m.user.email;
      expect(m, m.user.email).toMatchObject({
        reportRole: main ? "MAIN" : "BACKUP",
        organisationAdmin: main,
      });
    }
    // Escalations have someone to tell: backup contacts, and the reviewer following the partner.
    expect(memberships.filter((m) => m.reportRole === "BACKUP").length).toBeGreaterThan(5);
    const followers = await prisma.organisation.findMany({
      where: { kind: { in: ["POLICE_ZONE", "COMMUNE", "NON_PROFIT"] } },
      select: { kind: true, followedBy: { select: { email: true } } },
    });
    for (const org of followers) {
      expect(org.followedBy?.email).toBe(
        org.kind === "COMMUNE" ? "second.reviewer@example.org" : "reviewer@example.org",
      );
    }
  });

  it("never gives a follower back once staff removed it", async () => {
    const zone = await prisma.organisation.update({
      where: { slug: "zp-5343" },
      data: { followedById: null },
    });
    await seedDemo(prisma);
    expect(
      (await prisma.organisation.findUniqueOrThrow({ where: { id: zone.id } })).followedById,
    ).toBeNull();
  });

  it("the demo's sent 2022 return has its submission, complete, made once", async () => {
    await seedDemoCampaigns();
    await seedDemoCampaigns();
    const zone = await prisma.organisation.findUniqueOrThrow({ where: { slug: "zp-5339" } });
    const sent = await prisma.annualReturn.findFirstOrThrow({
      where: { organisationId: zone.id, campaign: { year: 2022 } },
      include: { sections: true },
    });
    expect(sent.status).toBe("SUBMITTED");
    const [submission, ...more] = await submissionsOf(prisma, sent.id);
    expect(more).toHaveLength(0);
    expect(submission).toMatchObject({
      number: 1,
      submittedAt: sent.submittedAt,
      submittedById: sent.submittedById,
      late: false,
      language: "fr",
    });
    expect(submission!.snapshot.sections.map((s) => s.sectionId).sort()).toEqual(
      sent.sections.map((s) => s.id).sort(),
    );
  });
});

describe("the review demo", () => {
  it("shows every state once sent, in French and Dutch, made by the app's own use cases, once", async () => {
    const campaigns = await seedDemoCampaigns();
    await seedReviewDemo(campaigns);
    await seedReviewDemo(campaigns);
    const returns = await prisma.annualReturn.findMany({
      where: { status: { notIn: ["NOT_STARTED", "IN_PROGRESS"] } },
      include: { organisation: { select: { slug: true } }, campaign: { select: { year: true } } },
    });
    const state = (slug: string, year: number) =>
      returns.find((r) => r.organisation.slug === slug && r.campaign.year === year);
    for (const slug of ["asbl-cclj", "asbl-flcpf", "asbl-pag-asa", "asbl-jes", "asbl-foyer"]) {
      expect(state(slug, 2022)).toMatchObject({ status: "APPROVED" });
    }
    expect(state("asbl-jes", 2022)!.language).toBe("nl");
    expect(state("asbl-diogenes", 2022)).toMatchObject({ status: "SUBMITTED", language: "nl" });
    expect(state("zp-5341", 2023)).toMatchObject({ status: "CHANGES_REQUESTED", language: "fr" });
    expect(state("asbl-jes", 2023)).toMatchObject({ status: "RESUBMITTED", language: "nl" });
    expect(state("asbl-dune", 2023)).toMatchObject({ status: "REOPENED" });
    expect(state("asbl-foyer", 2023)).toMatchObject({ status: "SUBMITTED" });
    expect(state("asbl-cclj", 2023)).toMatchObject({ status: "SUBMITTED" });

    // The central dataset holds the approved 2022 returns' contributions, each written once;
    // the reopened return's entries are superseded, not deleted.
    const current = await prisma.datasetEntry.groupBy({
      by: ["returnId"],
      where: { supersededAt: null },
      _count: true,
    });
    expect(current.map((c) => c.returnId).sort()).toEqual(
      ["asbl-cclj", "asbl-flcpf", "asbl-pag-asa", "asbl-jes", "asbl-foyer"]
        .map((slug) => state(slug, 2022)!.id)
        .sort(),
    );
    const dune = state("asbl-dune", 2023)!;
    expect(await prisma.datasetEntry.count({ where: { returnId: dune.id } })).toBeGreaterThan(0);
    expect(
      await prisma.datasetEntry.count({ where: { returnId: dune.id, supersededAt: null } }),
    ).toBe(0);

    // Sent back with comments; resubmitted with one changed section that waits for a decision
    // while the others keep theirs.
    const zone = state("zp-5341", 2023)!;
    expect(await prisma.reviewComment.count({ where: { returnId: zone.id } })).toBe(2);
    const jes = await reviewStateOf(prisma, state("asbl-jes", 2023)!.id);
    expect(jes.submissions).toHaveLength(2);
    expect(jes.standing.undecided).toHaveLength(1);
    const carried = [...jes.effective.values()];
    expect(carried.length).toBe(jes.latest!.snapshot.sections.length - 1);
    expect(carried.every((d) => d.carriedForward && d.decision === "ACCEPTED")).toBe(true);
  });
});

describe("the demo campaigns", () => {
  it("each has the default reminder rules and dates that fit its status: 2022 closed, 2023 open, 2024 a draft", async () => {
    await seedDemoCampaigns();
    const campaigns = await prisma.campaign.findMany({
      orderBy: { year: "asc" },
      include: {
        reminderRules: true,
        template: { select: { key: true } },
        templateAssignments: { include: { template: { select: { key: true, status: true } } } },
        _count: { select: { returns: true } },
      },
    });
    expect(campaigns.map((c) => [c.year, c.status])).toEqual([
      [2022, "CLOSED"],
      [2023, "OPEN"],
      [2024, "DRAFT"],
    ]);
    for (const c of campaigns) {
      expect(c.reminderRules.map((r) => [r.kind, r.days, r.escalate]).sort()).toEqual(
        DEFAULT_REMINDER_RULES.map((r) => [r.kind, r.days, r.escalate]).sort(),
      );
      expect(c.template.key).toBe("pgsp-annual-return");
    }
    const [c2022, c2023, c2024] = campaigns;
    expect(c2022).toMatchObject({ openedAt: c2022!.opensAt, graceDays: 14 });
    expect(c2022!.closedAt!.getTime()).toBeGreaterThan(c2022!.dueAt.getTime());
    expect(c2023).toMatchObject({ openedAt: c2023!.opensAt, closedAt: null, graceDays: null });
    // The draft: its questionnaires chosen, nothing generated, no one invited yet.
    expect(c2024).toMatchObject({ openedAt: null, closedAt: null, _count: { returns: 0 } });
    const today = brusselsDay(new Date());
    expect(c2024!.opensAt).toEqual(atBrussels(today));
    expect(c2024!.dueAt).toEqual(atBrussels(addBrusselsDays(today, DRAFT_OPEN_DAYS), "23:59"));
    for (const c of [c2023!, c2024!]) {
      expect(
        c.templateAssignments.map((a) => [a.channel, a.kind, a.template.key, a.template.status]),
      ).toEqual([["ASBL_CALL", null, "asbl-activity-report", "PUBLISHED"]]);
    }
    // Partners in both languages have a funding in 2024: opening it invites them in each.
    const funded2024 = await prisma.organisation.findMany({
      where: { fundings: { some: { startYear: { lte: 2024 }, endYear: { gte: 2024 } } } },
      select: { preferredLanguage: true, kind: true },
    });
    expect(new Set(funded2024.map((o) => o.preferredLanguage))).toEqual(new Set(["fr", "nl"]));
    expect(funded2024.filter((o) => o.kind === "NON_PROFIT").length).toBeGreaterThanOrEqual(2);
  });

  it("staff can open the 2024 draft today: the call's non-profits get the activity report, in their language", async () => {
    const c2024 = await prisma.campaign.findFirstOrThrow({ where: { year: 2024 } });
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } });
    const opened = await openCampaign(c2024.id, { user: admin, roles: ["STAFF_ADMIN"] });
    expect(opened.outcome).toBe("opened");
    const returns = await prisma.annualReturn.findMany({
      where: { campaignId: c2024.id, organisation: { kind: "NON_PROFIT" } },
      include: { organisation: { select: { slug: true } }, template: { select: { key: true } } },
    });
    expect(returns.map((r) => [r.organisation.slug, r.template.key, r.language]).sort()).toEqual([
      ["asbl-infor-jeunes-bruxelles", "pgsp-annual-return", "fr"],
      ["asbl-medimmigrant", "asbl-activity-report", "nl"],
      ["asbl-pag-asa", "asbl-activity-report", "fr"],
    ]);
  });

  it("the call's non-profits send the activity report in 2023, the others the PGSP return", async () => {
    const campaigns = await seedDemoCampaigns();
    await seedReviewDemo(campaigns);
    const returns = await prisma.annualReturn.findMany({
      where: { campaign: { year: 2023 } },
      include: {
        organisation: {
          select: { slug: true, fundings: { select: { channel: true, startYear: true } } },
        },
        template: { select: { key: true } },
        sections: { orderBy: { position: "asc" }, include: { attachments: true } },
      },
    });
    const byCall = (r: (typeof returns)[number]) =>
      r.organisation.fundings.some((f) => f.channel === "ASBL_CALL" && f.startYear === 2023);
    const call = returns.filter(byCall);
    expect(call.map((r) => r.organisation.slug).sort()).toEqual([
      "asbl-cclj",
      "asbl-dune",
      "asbl-flcpf",
      "asbl-foyer",
      "asbl-jes",
      "asbl-medimmigrant",
    ]);
    for (const r of returns) {
      expect(r.template.key, r.organisation.slug).toBe(
        byCall(r) ? "asbl-activity-report" : "pgsp-annual-return",
      );
    }
    const of = (slug: string) => returns.find((r) => r.organisation.slug === slug)!;
    // One left for the browser tests to fill in; one half done, in Dutch.
    expect(of("asbl-flcpf").status).toBe("NOT_STARTED");
    const started = of("asbl-medimmigrant");
    expect(started).toMatchObject({ status: "IN_PROGRESS", language: "nl" });
    expect(started.sections.map((s) => [s.templateSection, s.status, s.answersLanguage])).toEqual([
      ["organisation", "COMPLETED", "nl"],
      ["project", "COMPLETED", "nl"],
      ["budget", "COMPLETED", "nl"],
      ["documents", "NOT_STARTED", null],
      ["declaration", "NOT_STARTED", null],
    ]);
    // Sent activity reports carry their two reports, stored as uploads are, and in the snapshot.
    const sent = of("asbl-cclj");
    const files = sent.sections.flatMap((s) => s.attachments);
    expect(files.map((a) => [a.questionId, a.mimeType]).sort()).toEqual([
      ["activityReport", "application/pdf"],
      ["financialReport", "application/pdf"],
    ]);
    for (const file of files) {
      const bytes = await readFile(storagePath(file.storageKey));
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
    }
    const [submission] = await submissionsOf(prisma, sent.id);
    expect(submission!.snapshot.templateKey).toBe("asbl-activity-report");
    expect(
      submission!.snapshot.sections.flatMap((s) => s.attachments.map((a) => a.id)).sort(),
    ).toEqual(files.map((f) => f.id).sort());
  });
});
