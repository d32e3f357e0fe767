// A reviewer's decision on a section of a submitted return (review/decide.server.ts): who may
// make one, what it must say, when, on which submission, and that it is kept as made. On
// PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import { createFundedPartner, fillReturn, sectionsOf } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { decideSection } from "~/modules/review/decide.server";
import { submissionsOf } from "~/modules/returns/submissions.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });

async function filledReturn() {
  const partner = await createFundedPartner(world.campaign.id);
  await fillReturn(partner.current, partner.returnId);
  const sections = await sectionsOf(partner.returnId);
  return { ...partner, sections };
}

async function submittedReturn() {
  const partner = await filledReturn();
  const sent = await submitReturn({
    current: partner.current,
    returnId: partner.returnId,
    submissionKey: `decide-${partner.returnId}`,
    language: "fr",
    baseUrl: "http://127.0.0.1:3000",
  });
  expect(sent.outcome).toBe("submitted");
  return partner;
}

const reviewer = async () => asCurrent((await createStaffUser("REVIEWER")).id);

async function written(returnId: string) {
  return {
    decisions: await prisma.sectionDecision.count({ where: { returnId } }),
    audits: await prisma.auditEvent.count({
      where: { targetId: returnId, action: "return.section-decided" },
    }),
  };
}

describe("deciding on a section", () => {
  it("records the decision on the latest submission, with its audit row, and says where the review stands", async () => {
    const { returnId, sections } = await submittedReturn();
    const current = await reviewer();
    const [first, second] = sections;
    const needs = await decideSection({
      current,
      returnId,
      sectionId: second!.id,
      decision: "CHANGES_NEEDED",
      note: "  Merci de préciser le nombre de personnes touchées.  ",
    });
    expect(needs).toMatchObject({
      outcome: "decided",
      standing: { canApprove: false, canRequestChanges: true, changesNeeded: [second!.id] },
    });
    const [submission] = await submissionsOf(prisma, returnId);
    const stored = await prisma.sectionDecision.findMany({ where: { returnId } });
    expect(stored).toEqual([
      expect.objectContaining({
        submissionId: submission!.id,
        sectionId: second!.id,
        decision: "CHANGES_NEEDED",
        note: "Merci de préciser le nombre de personnes touchées.",
        decidedById: current.user.id,
      }),
    ]);
    // The audit row says who decided what, never what they wrote.
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { targetId: returnId, action: "return.section-decided" },
    });
    expect(audit.actorUserId).toBe(current.user.id);
    expect(audit.details).toMatchObject({
      sectionId: second!.id,
      decision: "CHANGES_NEEDED",
      submission: 1,
    });
    expect(JSON.stringify(audit.details)).not.toContain("Merci");

    // Every section accepted, the later decision on the second one superseding the first.
    for (const section of sections) {
      const done = await decideSection({
        current,
        returnId,
        sectionId: section.id,
        decision: section.id === first!.id ? "NOT_RETAINED" : "ACCEPTED",
        note: section.id === first!.id ? "Hors du plan." : null,
      });
      expect(done.outcome).toBe("decided");
    }
    const last = await decideSection({
      current,
      returnId,
      sectionId: second!.id,
      decision: "ACCEPTED",
    });
    expect(last).toMatchObject({
      outcome: "decided",
      standing: { undecided: [], changesNeeded: [], canApprove: true, canRequestChanges: false },
    });
    expect(await written(returnId)).toEqual({
      decisions: sections.length + 2,
      audits: sections.length + 2,
    });
  });

  it("two reviewers deciding on the same section from the same view: the second gets a conflict", async () => {
    const { returnId, sections } = await submittedReturn();
    const [alice, bob] = [await reviewer(), await reviewer()];
    const sectionId = sections[0]!.id;
    // Both looked at the section while it had no decision.
    const [a, b] = await Promise.all([
      decideSection({ current: alice, returnId, sectionId, decision: "ACCEPTED", seenSeq: null }),
      decideSection({
        current: bob,
        returnId,
        sectionId,
        decision: "CHANGES_NEEDED",
        note: "Chiffres manquants.",
        seenSeq: null,
      }),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(["conflict", "decided"]);
    expect(await written(returnId)).toEqual({ decisions: 1, audits: 1 });

    // Deciding again from the decision one now sees is accepted.
    const standing = await prisma.sectionDecision.findFirstOrThrow({ where: { returnId } });
    const again = await decideSection({
      current: bob,
      returnId,
      sectionId,
      decision: "NOT_RETAINED",
      note: "Hors du plan.",
      seenSeq: standing.seq,
    });
    expect(again.outcome).toBe("decided");
  });

  it("refuses partners, other states, unknown sections and missing reasons, writing nothing", async () => {
    const sent = await submittedReturn();
    const section = sent.sections[0]!.id;
    const current = await reviewer();
    // The partner who sent it: no such thing as a decision for them.
    expect(
      await decideSection({
        current: sent.current,
        returnId: sent.returnId,
        sectionId: section,
        decision: "ACCEPTED",
      }),
    ).toEqual({ outcome: "not-found" });
    expect(
      await decideSection({
        current,
        returnId: sent.returnId,
        sectionId: section,
        decision: "NOT_RETAINED",
        note: "   ",
      }),
    ).toEqual({ outcome: "invalid", refusal: "note-required" });
    expect(
      await decideSection({
        current,
        returnId: sent.returnId,
        sectionId: "not-a-section",
        decision: "ACCEPTED",
      }),
    ).toEqual({ outcome: "unknown-section" });
    expect(
      await decideSection({
        current,
        returnId: "no-such-return",
        sectionId: section,
        decision: "ACCEPTED",
      }),
    ).toEqual({ outcome: "not-found" });
    expect(await written(sent.returnId)).toEqual({ decisions: 0, audits: 0 });

    // Not sent yet: nothing to decide.
    const draft = await filledReturn();
    expect(
      await decideSection({
        current,
        returnId: draft.returnId,
        sectionId: draft.sections[0]!.id,
        decision: "ACCEPTED",
      }),
    ).toEqual({ outcome: "not-under-review" });
    expect(await written(draft.returnId)).toEqual({ decisions: 0, audits: 0 });
  });

  it("the database keeps decisions as made: never changed or removed", async () => {
    const { returnId, sections } = await submittedReturn();
    const current = await reviewer();
    await decideSection({ current, returnId, sectionId: sections[0]!.id, decision: "ACCEPTED" });
    const [row] = await prisma.sectionDecision.findMany({ where: { returnId } });
    const refused = /never changed or removed/;
    await expect(
      prisma.$executeRaw`UPDATE "SectionDecision" SET "decision" = 'NOT_RETAINED' WHERE "id" = ${row!.id}`,
    ).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`DELETE FROM "SectionDecision" WHERE "id" = ${row!.id}`,
    ).rejects.toThrow(refused);
    await expect(prisma.$executeRawUnsafe(`TRUNCATE "SectionDecision"`)).rejects.toThrow(refused);
    // Erasing the reviewer keeps the decision, without their name.
    await prisma.user.delete({ where: { id: current.user.id } });
    expect(await prisma.sectionDecision.findUniqueOrThrow({ where: { id: row!.id } })).toEqual({
      ...row,
      decidedById: null,
    });
  });
});
