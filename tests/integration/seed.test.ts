import { beforeAll, describe, expect, it } from "vitest";
import { fundings } from "../../prisma/seed/data/fundings";
import { seedDemo, seedReferenceData } from "../../prisma/seed/load";
import { seedDemoCampaigns } from "../../prisma/seed/returns";
import { seedReviewDemo } from "../../prisma/seed/review-demo";
import { reviewStateOf } from "~/modules/review/review-state.server";
import { submissionsOf } from "~/modules/returns/submissions.server";
import { prisma } from "~/utils/db.server";

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
