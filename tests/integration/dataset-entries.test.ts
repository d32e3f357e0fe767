// Writing and superseding dataset entries (dataset/entries.server.ts) on the cases approval's own
// test does not reach: the channel of another contribution for a partner funded through several
// channels, a funding removed since the return was generated, attachments, and superseding that
// touches one return only. On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { createFundedPartner, createFunding, fillReturn, sectionsOf } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { createStaffUser } from "../fixtures/factories";
import { generateReturns } from "~/modules/campaigns/generation.server";
import { supersedeEntriesOf, writeEntriesForApproval } from "~/modules/dataset/entries.server";
import { addOtherContribution } from "~/modules/returns/sections.server";
import { submissionsOf } from "~/modules/returns/submissions.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2023 });

/** A police zone funded through LISA (2.1) and the FSE (5.1, 6.1), with a contribution to 1.1. */
async function sentPoliceZone() {
  const partner = await createFundedPartner(world.campaign.id, {
    kind: "POLICE_ZONE",
    funding: { channel: "LISA", measures: [["2.1", "PRIMARY"]], missions: ["MT3"] },
  });
  await createFunding(partner.organisation.id, {
    channel: "FSE",
    startYear: 2023,
    measures: [
      ["5.1", "PRIMARY"],
      ["6.1", "SECONDARY"],
    ],
    missions: ["MT2"],
  });
  // The FSE funding came after generation: generate again to add its block.
  await generateReturns(world.campaign.id, null);
  const added = await addOtherContribution({
    current: partner.current,
    returnId: partner.returnId,
    measureCode: "1.1",
  });
  expect(added.outcome).toBe("created");
  await fillReturn(partner.current, partner.returnId);
  const sent = await submitReturn({
    current: partner.current,
    returnId: partner.returnId,
    submissionKey: `dataset-${partner.returnId}`,
    language: "fr",
    baseUrl: "http://127.0.0.1:3000",
  });
  expect(sent.outcome).toBe("submitted");
  const [submission] = await submissionsOf(prisma, partner.returnId);
  return { ...partner, submission: submission!, sections: await sectionsOf(partner.returnId) };
}

describe("dataset entries", () => {
  it("count each contribution under the right channel, keep the attachments as sent, and survive a removed funding", async () => {
    const sent = await sentPoliceZone();
    const approver = await createStaffUser("REVIEWER");
    const byCode = (code: string) => sent.sections.find((s) => s.measure?.code === code)!;
    // The LISA funding is removed after the return was sent: its block keeps its title and
    // counts under the organisation's channel, without the funding's missions.
    await prisma.returnSection.update({
      where: { id: byCode("2.1").id },
      data: { fundingId: null },
    });
    // As if the partner had attached a file to the 5.1 block.
    const snapshot = {
      ...sent.submission.snapshot,
      sections: sent.submission.snapshot.sections.map((s) =>
        s.sectionId === byCode("5.1").id
          ? { ...s, attachments: [{ id: "file-1", fileName: "rapport.pdf", sizeBytes: 1200 }] }
          : s,
      ),
    };
    const accepted = new Set(sent.sections.map((s) => s.id));
    const approvedAt = new Date("2024-05-02T10:00:00Z");
    const count = await prisma.$transaction((tx) =>
      writeEntriesForApproval(tx, {
        returnId: sent.returnId,
        submission: { id: sent.submission.id, language: "fr", snapshot },
        acceptedSectionIds: accepted,
        approvedById: approver.id,
        approvedAt,
      }),
    );
    expect(count).toBe(4);
    const entries = await prisma.datasetEntry.findMany({
      where: { returnId: sent.returnId },
      orderBy: { measureCode: "asc" },
    });
    expect(
      entries.map((e) => [e.measureCode, e.channel, e.link, e.fundingId === null, e.missionCodes]),
    ).toEqual([
      // Funded through two channels: another contribution counts under a police zone's own.
      ["1.1", "FSE", "OTHER", true, []],
      ["2.1", "FSE", "PRIMARY", true, []],
      ["5.1", "FSE", "PRIMARY", false, ["MT2"]],
      ["6.1", "FSE", "SECONDARY", false, ["MT2"]],
    ]);
    expect(entries[1]!.fundingTitle).toMatch(/^Subvention de test/);
    expect(entries[2]!.attachments).toEqual([{ id: "file-1", fileName: "rapport.pdf" }]);
    expect(entries.every((e) => e.organisationKind === "POLICE_ZONE" && e.year === 2023)).toBe(
      true,
    );
    expect(entries.every((e) => e.approvedAt.getTime() === approvedAt.getTime())).toBe(true);

    // Nothing accepted: nothing written.
    expect(
      await prisma.$transaction((tx) =>
        writeEntriesForApproval(tx, {
          returnId: sent.returnId,
          submission: { id: sent.submission.id, language: "fr", snapshot },
          acceptedSectionIds: new Set(),
          approvedById: approver.id,
          approvedAt,
        }),
      ),
    ).toBe(0);
  });

  it("are written with a template this process has not read yet (as after a restart)", async () => {
    const sent = await sentPoliceZone();
    const approver = await createStaffUser("REVIEWER");
    // A checksum no page has parsed: the definition is read afresh, through the transaction
    // (a read beside it would wait for it on the embedded engine, for ever).
    await prisma.questionnaireTemplate.update({
      where: { id: world.campaign.templateId },
      data: { checksum: `restart-${sent.returnId}` },
    });
    const count = await prisma.$transaction(
      (tx) =>
        writeEntriesForApproval(tx, {
          returnId: sent.returnId,
          submission: sent.submission,
          acceptedSectionIds: new Set(sent.sections.map((s) => s.id)),
          approvedById: approver.id,
          approvedAt: new Date(),
        }),
      { timeout: 4000 },
    );
    expect(count).toBe(4);
  });

  it("superseding takes one return's current entries out, and only those", async () => {
    const [first, other] = [await sentPoliceZone(), await sentPoliceZone()];
    const approver = await createStaffUser("REVIEWER");
    for (const sent of [first, other]) {
      await prisma.$transaction((tx) =>
        writeEntriesForApproval(tx, {
          returnId: sent.returnId,
          submission: sent.submission,
          acceptedSectionIds: new Set(sent.sections.map((s) => s.id)),
          approvedById: approver.id,
          approvedAt: new Date(),
        }),
      );
    }
    const at = new Date();
    expect(await prisma.$transaction((tx) => supersedeEntriesOf(tx, first.returnId, at))).toBe(4);
    // Already superseded entries stay as they were.
    expect(
      await prisma.$transaction((tx) => supersedeEntriesOf(tx, first.returnId, new Date())),
    ).toBe(0);
    const current = (returnId: string) =>
      prisma.datasetEntry.count({ where: { returnId, supersededAt: null } });
    expect([await current(first.returnId), await current(other.returnId)]).toEqual([0, 4]);
    const superseded = await prisma.datasetEntry.findMany({ where: { returnId: first.returnId } });
    expect(superseded.every((e) => e.supersededAt?.getTime() === at.getTime())).toBe(true);
  });
});
