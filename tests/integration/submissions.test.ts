// A return's submissions (returns/submissions.server.ts): each sending is a row of its own,
// numbered from 1, frozen by the database. On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { createFundedPartner, fillReturn } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { submissionsOf } from "~/modules/returns/submissions.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });

/** A partner's return, filled in and submitted once (twice with the same key: one submission). */
async function submittedOnce() {
  const partner = await createFundedPartner(world.campaign.id);
  await fillReturn(partner.current, partner.returnId);
  const input = {
    current: partner.current,
    returnId: partner.returnId,
    submissionKey: `submissions-${partner.returnId}`,
    language: "nl" as const,
    baseUrl: "http://127.0.0.1:3000",
  };
  expect(await submitReturn(input)).toEqual({ outcome: "submitted", returnId: partner.returnId });
  expect(await submitReturn(input)).toEqual({
    outcome: "already-submitted",
    returnId: partner.returnId,
  });
  const [submission, ...more] = await submissionsOf(prisma, partner.returnId);
  expect(more).toHaveLength(0);
  return { ...partner, submission: submission! };
}

describe("submissions", () => {
  it("a submission records what was sent, by whom, when, in which language, and if late", async () => {
    const { returnId, user, submission } = await submittedOnce();
    const row = await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } });
    expect(submission).toMatchObject({
      number: 1,
      submittedById: user.id,
      submittedAt: row.submittedAt,
      language: "nl",
      // The 2022 campaign's due date is long past.
      late: true,
    });
    const sections = await prisma.returnSection.findMany({ where: { returnId } });
    expect(submission.snapshot.sections.map((s) => s.sectionId).sort()).toEqual(
      sections.map((s) => s.id).sort(),
    );
  });

  it("the database refuses to change or remove a submission, or to number two alike", async () => {
    const { returnId, submission } = await submittedOnce();
    const refused = /never changed or removed/;
    await expect(
      prisma.$executeRaw`UPDATE "Submission" SET "snapshot" = '{}'::jsonb WHERE "id" = ${submission.id}`,
    ).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`UPDATE "Submission" SET "late" = NOT "late" WHERE "id" = ${submission.id}`,
    ).rejects.toThrow(refused);
    // Forgetting who sent it while changing anything else is refused too.
    await expect(
      prisma.$executeRaw`UPDATE "Submission" SET "submittedById" = NULL, "number" = 7 WHERE "id" = ${submission.id}`,
    ).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`DELETE FROM "Submission" WHERE "id" = ${submission.id}`,
    ).rejects.toThrow(refused);
    // With CASCADE: a plain TRUNCATE is already refused by PostgreSQL for the decisions'
    // foreign key, before the trigger is asked.
    await expect(prisma.$executeRawUnsafe(`TRUNCATE "Submission" CASCADE`)).rejects.toThrow(
      refused,
    );
    await expect(
      prisma.submission.create({
        data: {
          returnId,
          number: 1,
          submittedAt: new Date(),
          late: false,
          language: "fr",
          snapshot: {},
        },
      }),
    ).rejects.toThrow();
    const [still] = await submissionsOf(prisma, returnId);
    expect(still).toEqual(submission);
  });

  it("erasing the person who sent it keeps the submission, without their name", async () => {
    const { returnId, user, submission } = await submittedOnce();
    await prisma.annualReturn.update({ where: { id: returnId }, data: { submittedById: null } });
    await prisma.membership.deleteMany({ where: { userId: user.id } });
    await prisma.user.delete({ where: { id: user.id } });
    const [kept] = await submissionsOf(prisma, returnId);
    expect(kept).toEqual({ ...submission, submittedById: null });
  });
});
