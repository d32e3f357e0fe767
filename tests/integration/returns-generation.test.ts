import { beforeAll, describe, expect, it } from "vitest";
import { asCurrentByEmail, createOrganisation, createPartnerUser } from "../fixtures/factories";
import { createCampaign, createFunding, sectionsOf, seedWorld } from "../fixtures/returns";
import { seedCampaign } from "../../prisma/seed/returns";
import type { Campaign, Funding, Organisation } from "~/generated/prisma/client";
import { generateReturns, planGeneration } from "~/modules/campaigns/generation.server";
import { saveSection } from "~/modules/returns/sections.server";
import { prisma } from "~/utils/db.server";

const YEAR = 2023;

const orgBySlug = (slug: string) => prisma.organisation.findUniqueOrThrow({ where: { slug } });
const returnOf = (campaignId: string, organisationId: string) =>
  prisma.annualReturn.findUniqueOrThrow({
    where: { campaignId_organisationId: { campaignId, organisationId } },
  });
const counts = async (campaignId: string) => ({
  returns: await prisma.annualReturn.count({ where: { campaignId } }),
  sections: await prisma.returnSection.count({ where: { annualReturn: { campaignId } } }),
});

/** Zone 5339's 2022 return, answered (with a document) and submitted: 2023's prefill source. */
async function submitLastYear(campaignId: string, organisationId: string) {
  const last = await prisma.annualReturn.findUniqueOrThrow({
    where: { campaignId_organisationId: { campaignId, organisationId } },
    include: { sections: { include: { measure: true } } },
  });
  for (const section of last.sections.filter((s) => s.kind === "FUNDED_MEASURE")) {
    await prisma.returnSection.update({
      where: { id: section.id },
      data: {
        answers: {
          status: "done",
          actions: `En 2022, patrouilles et coordination pour la mesure ${section.measure!.code}.`,
          peopleReached: "1250",
          documents: ["attachment-of-2022"],
        },
        status: "COMPLETED",
        version: 1,
      },
    });
  }
  await prisma.annualReturn.update({
    where: { id: last.id },
    data: { status: "SUBMITTED", submittedAt: new Date(), submissionKey: `test-${last.id}` },
  });
}

describe("generating a campaign's returns", () => {
  let campaign: Campaign;
  let campaign2022: Campaign;
  let zone5339: Organisation;
  let noContact: Organisation;
  let bare: { organisation: Organisation; funding: Funding };
  let zone: Organisation;
  let future: Organisation;
  let preview: Awaited<ReturnType<typeof planGeneration>>;
  let writtenByPreview: { returns: number; sections: number };
  let firstRun: { createdReturns: number; createdSections: number };

  beforeAll(async () => {
    await seedWorld();
    campaign2022 = await seedCampaign(2022, "CLOSED");
    zone5339 = await orgBySlug("zp-5339");
    await submitLastYear(campaign2022.id, zone5339.id);
    await prisma.membership.updateMany({
      where: { organisationId: zone5339.id, user: { email: "demo.partenaire@example.org" } },
      data: { jobTitle: "Coordinatrice prévention" },
    });

    // Rows the demo lacks: a partner without contact, a funding without measures, a zone whose
    // FSE funding does not link 6.1 (but names a transversal mission), a funding of 2024 only.
    noContact = await createOrganisation("NON_PROFIT");
    await createFunding(noContact.id, {
      channel: "ASBL_CALL",
      startYear: YEAR,
      measures: [["2.1", "PRIMARY"]],
    });
    const bareOrg = await createOrganisation("NON_PROFIT");
    await createPartnerUser([bareOrg.id]);
    bare = {
      organisation: bareOrg,
      funding: await createFunding(bareOrg.id, { channel: "ASBL_CALL", startYear: YEAR }),
    };
    zone = await createOrganisation("POLICE_ZONE");
    await createPartnerUser([zone.id]);
    await createFunding(zone.id, {
      channel: "FSE",
      startYear: YEAR,
      measures: [
        ["2.3", "SECONDARY"],
        ["5.1", "PRIMARY"],
        ["1.2", "PRIMARY"],
      ],
      missions: ["MT2"],
    });
    future = await createOrganisation("NON_PROFIT");
    await createFunding(future.id, {
      channel: "ASBL_CALL",
      startYear: 2024,
      measures: [["2.1", "PRIMARY"]],
    });

    campaign = await createCampaign(YEAR);
    preview = await planGeneration(campaign.id);
    writtenByPreview = await counts(campaign.id);
    firstRun = await generateReturns(campaign.id, null);
  }, 120_000);

  it("creates one return per organisation with a funding active in the year, none for others", async () => {
    const fundings = await prisma.funding.findMany();
    const active = new Set(
      fundings.filter((f) => f.startYear <= YEAR && f.endYear >= YEAR).map((f) => f.organisationId),
    );
    const returns = await prisma.annualReturn.findMany({
      where: { campaignId: campaign.id },
      include: { organisation: true },
    });
    expect(returns.map((r) => r.organisationId).sort()).toEqual([...active].sort());
    expect(firstRun.createdReturns).toBe(active.size);
    expect(active.size).toBeGreaterThan(25);
    const slugs = returns.map((r) => r.organisation.slug);
    expect(slugs).toEqual(expect.arrayContaining(["zp-5339", "lisa-anderlecht-peterbos"]));
    for (const without of ["stib", "asbl-bale", "lisa-berchem-cite-moderne", future.slug]) {
      expect(slugs).not.toContain(without);
    }
    for (const r of returns) expect(r.language).toBe(r.organisation.preferredLanguage);
    expect(returns.every((r) => r.status === "NOT_STARTED")).toBe(true);
  });

  it("gives a police zone one block per funded measure, PRIMARY before SECONDARY, A first, E last", async () => {
    const sections = await sectionsOf((await returnOf(campaign.id, zone5339.id)).id);
    expect(sections.map((s) => s.kind)).toEqual([
      "ORGANISATION",
      ...Array(6).fill("FUNDED_MEASURE"),
      "DECLARATION",
    ]);
    const blocks = sections.filter((s) => s.kind === "FUNDED_MEASURE");
    expect(blocks.map((s) => s.measure?.code)).toEqual(["5.1", "6.1", "1.1", "1.4", "1.6", "6.9"]);
    expect(blocks.map((s) => s.measureLink)).toEqual([
      "PRIMARY",
      "PRIMARY",
      ...Array(4).fill("SECONDARY"),
    ]);
    expect(blocks.every((s) => s.origin === "FUNDING")).toBe(true);
    // Exactly the funding links of the year, as stored.
    const links = await prisma.fundingMeasure.findMany({
      where: {
        funding: { organisationId: zone5339.id, startYear: { lte: YEAR }, endYear: { gte: YEAR } },
      },
    });
    expect(blocks.map((s) => s.slotKey).sort()).toEqual(
      links.map((l) => `B:${l.fundingId}:${l.measureId}`).sort(),
    );
    expect(sections[0]).toMatchObject({ templateSection: "organisation", origin: "TEMPLATE" });
    expect(sections.at(-1)).toMatchObject({ templateSection: "declaration", origin: "TEMPLATE" });
  });

  it("adds 6.1 from the FSE channel rule when the zone's funding does not link it; D before E", async () => {
    const sections = await sectionsOf((await returnOf(campaign.id, zone.id)).id);
    expect(sections.map((s) => s.kind)).toEqual([
      "ORGANISATION",
      "FUNDED_MEASURE",
      "FUNDED_MEASURE",
      "FUNDED_MEASURE",
      "FUNDED_MEASURE",
      "TRANSVERSAL_MISSION",
      "DECLARATION",
    ]);
    const blocks = sections
      .filter((s) => s.kind === "FUNDED_MEASURE")
      .map((s) => ({ code: s.measure?.code, link: s.measureLink, origin: s.origin }));
    expect(blocks).toEqual([
      { code: "1.2", link: "PRIMARY", origin: "FUNDING" },
      { code: "5.1", link: "PRIMARY", origin: "FUNDING" },
      { code: "2.3", link: "SECONDARY", origin: "FUNDING" },
      { code: "6.1", link: "PRIMARY", origin: "CHANNEL_RULE" },
    ]);
    expect(sections[5]?.mission?.code).toBe("MT2");
    // 5.1 is linked already: the rule does not add it a second time.
    expect(blocks.filter((b) => b.code === "5.1")).toHaveLength(1);
  });

  it("previews warnings (no contact, funding without measures) without writing anything", async () => {
    expect(writtenByPreview).toEqual({ returns: 0, sections: 0 });
    const of = (id: string) => preview.returns.find((r) => r.organisation.id === id)!;
    expect(of(noContact.id).warnings).toEqual([{ kind: "no-contact" }]);
    expect(of(bare.organisation.id).warnings).toEqual([
      { kind: "funding-without-measures", fundingTitle: bare.funding.title },
    ]);
    expect(of(zone5339.id).warnings).toEqual([]);
    expect(preview.returns.map((r) => r.organisation.id)).not.toContain(future.id);
    expect(preview.totals.newReturns).toBe(firstRun.createdReturns);
    expect(preview.totals.newBlocks).toBe(firstRun.createdSections);
    // A funding without measures still gets a return: the organisation and declaration pages.
    const bareSections = await sectionsOf((await returnOf(campaign.id, bare.organisation.id)).id);
    expect(bareSections.map((s) => s.kind)).toEqual(["ORGANISATION", "DECLARATION"]);
  });

  it("prefills zone 5339's blocks from its 2022 answers without documents, A from the organisation", async () => {
    const sections = await sectionsOf((await returnOf(campaign.id, zone5339.id)).id);
    const lastYear = await prisma.returnSection.findMany({
      where: { annualReturn: { campaignId: campaign2022.id, organisationId: zone5339.id } },
    });
    for (const block of sections.filter((s) => s.kind === "FUNDED_MEASURE")) {
      const source = lastYear.find(
        (s) => s.fundingId === block.fundingId && s.measureId === block.measureId,
      );
      expect(source, block.slotKey).toBeDefined();
      expect(block.prefilledFromId).toBe(source!.id);
      const { documents, ...rest } = source!.answers as Record<string, unknown>;
      expect(documents).toEqual(["attachment-of-2022"]);
      expect(block.answers).toEqual(rest);
      expect(block.status).toBe("NOT_STARTED");
    }
    const members = await prisma.membership.findMany({
      where: { organisationId: zone5339.id },
      include: { user: true },
    });
    const [a] = sections;
    const answers = a!.answers as { organisationName: string; contacts: object[] };
    expect(a!.prefilledFromId).toBeNull();
    expect(answers.organisationName).toBe(zone5339.nameFr);
    const byEmail = (x: { email: string }, y: { email: string }) => x.email.localeCompare(y.email);
    expect([...(answers.contacts as { email: string }[])].sort(byEmail)).toEqual(
      members
        .map((m) => ({ name: m.user.displayName, email: m.user.email, role: m.jobTitle ?? "" }))
        .sort(byEmail),
    );
    expect(answers.contacts).toContainEqual(
      expect.objectContaining({ role: "Coordinatrice prévention" }),
    );
    // Without a submitted 2022 return there is nothing to prefill.
    const zone5340 = await orgBySlug("zp-5340");
    const other = await sectionsOf((await returnOf(campaign.id, zone5340.id)).id);
    for (const block of other.filter((s) => s.kind === "FUNDED_MEASURE")) {
      expect(block.prefilledFromId).toBeNull();
      expect(block.answers).toEqual({});
    }
  });

  it("run twice: no duplicate, and answers typed in between are untouched", async () => {
    const current = await asCurrentByEmail("demo.partner@example.org");
    const returnId = (await returnOf(campaign.id, (await orgBySlug("zp-5340")).id)).id;
    const [a, b] = await sectionsOf(returnId);
    for (const [section, answers] of [
      [a!, { organisationName: "Politiezone Brussel-West (gecorrigeerd)", detailsConfirmed: "no" }],
      [b!, { actions: "Wijkpatrouilles", peopleReached: "abc" }],
    ] as const) {
      const saved = await saveSection({
        current,
        returnId,
        sectionId: section.id,
        baseVersion: section.version,
        answers,
        mode: "draft",
        language: "nl",
      });
      expect(saved.outcome).toBe("saved");
    }
    const before = await counts(campaign.id);
    const typed = await sectionsOf(returnId);

    expect(await generateReturns(campaign.id, null)).toEqual({
      createdReturns: 0,
      createdSections: 0,
    });
    expect(await counts(campaign.id)).toEqual(before);
    const after = await sectionsOf(returnId);
    expect(after).toEqual(typed);
    expect(after[0]!.answers).toMatchObject({ detailsConfirmed: "no" });
    expect(after[1]!.answers).toMatchObject({ peopleReached: "abc" });
    expect(after[1]!.version).toBe(1);
  });

  it("a funding added afterwards: re-generation adds exactly its blocks", async () => {
    const zone5341 = await orgBySlug("zp-5341");
    const returnId = (await returnOf(campaign.id, zone5341.id)).id;
    const before = await sectionsOf(returnId);
    const totals = await counts(campaign.id);
    const funding = await createFunding(zone5341.id, {
      channel: "REGIONAL",
      startYear: 2023,
      measures: [
        ["7.2", "SECONDARY"],
        ["2.2", "PRIMARY"],
      ],
      missions: ["MT1"],
    });

    const plan = await planGeneration(campaign.id);
    const planned = plan.returns.find((r) => r.organisation.id === zone5341.id)!;
    const mt1 = await prisma.transversalMission.findFirstOrThrow({ where: { code: "MT1" } });
    const measures = await prisma.measure.findMany({ where: { code: { in: ["2.2", "7.2"] } } });
    const id = (code: string) => measures.find((m) => m.code === code)!.id;
    const expected = [
      `B:${funding.id}:${id("2.2")}`,
      `B:${funding.id}:${id("7.2")}`,
      `D:${mt1.id}`,
    ];
    expect(planned.missingSlotKeys).toEqual(expected);
    expect(plan.totals.newBlocks).toBe(3);

    expect(await generateReturns(campaign.id, null)).toEqual({
      createdReturns: 0,
      createdSections: 3,
    });
    expect(await counts(campaign.id)).toEqual({ ...totals, sections: totals.sections + 3 });
    const after = await sectionsOf(returnId);
    const added = after.filter((s) => !before.some((b) => b.id === s.id));
    expect(added.map((s) => s.slotKey)).toEqual(expected);
    expect(after.filter((s) => before.some((b) => b.id === s.id))).toEqual(before);
    // Still A first, the new B blocks among the B blocks, D then E last.
    expect(after.map((s) => s.kind)).toEqual([
      "ORGANISATION",
      ...Array(6).fill("FUNDED_MEASURE"),
      "TRANSVERSAL_MISSION",
      "DECLARATION",
    ]);
    expect(new Set(after.map((s) => s.position)).size).toBe(after.length);
  });
  it("a funding that sorts before the existing ones gets positions of its own (no ties)", async () => {
    const zone5342 = await orgBySlug("zp-5342");
    const returnId = (await returnOf(campaign.id, zone5342.id)).id;
    // FSE, started earlier: planned before the zone's FSE 2022-2024 funding. Not linking 5.1
    // and 6.1, it also gets their channel-rule blocks.
    const funding = await createFunding(zone5342.id, {
      channel: "FSE",
      startYear: 2021,
      endYear: 2023,
      title: "FSE 2021-2023 – avenant",
      measures: [["3.3", "PRIMARY"]],
    });
    expect(await generateReturns(campaign.id, null)).toEqual({
      createdReturns: 0,
      createdSections: 3,
    });
    const after = await sectionsOf(returnId);
    const added = after.filter((s) => s.fundingId === funding.id);
    expect(added.map((s) => [s.measure?.code, s.origin])).toEqual([
      ["3.3", "FUNDING"],
      ["5.1", "CHANNEL_RULE"],
      ["6.1", "CHANNEL_RULE"],
    ]);
    // Sections are ordered by position alone: a tie makes the order of pages arbitrary.
    expect(new Set(after.map((s) => s.position)).size).toBe(after.length);
    // Each funding's blocks stay together.
    const fundingOrder = after.filter((s) => s.fundingId).map((s) => s.fundingId);
    expect(fundingOrder.filter((f, i) => f !== fundingOrder[i - 1])).toHaveLength(2);
  });
});
