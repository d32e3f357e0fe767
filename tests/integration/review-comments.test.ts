// A return's review conversation (review/comments.server.ts): who may write on which return and
// when, what a comment must say, that it names the submission and keeps its language, that it
// is never changed, and how threads are read. On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import { createFundedPartner, fillReturn, sectionsOf } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { commentThreads, COMMENT_MAX, postComment } from "~/modules/review/comments.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });

async function filledReturn() {
  const partner = await createFundedPartner(world.campaign.id);
  await fillReturn(partner.current, partner.returnId);
  return { ...partner, sections: await sectionsOf(partner.returnId) };
}

async function submittedReturn() {
  const partner = await filledReturn();
  const sent = await submitReturn({
    current: partner.current,
    returnId: partner.returnId,
    submissionKey: `comments-${partner.returnId}`,
    language: "fr",
    baseUrl: "http://127.0.0.1:3000",
  });
  expect(sent.outcome).toBe("submitted");
  return partner;
}

const reviewer = async () => asCurrent((await createStaffUser("REVIEWER")).id);

async function written(returnId: string) {
  return {
    comments: await prisma.reviewComment.count({ where: { returnId } }),
    audits: await prisma.auditEvent.count({
      where: { targetId: returnId, action: "return.comment-posted" },
    }),
  };
}

describe("the review conversation", () => {
  it("staff and the partner write on a section or the whole return; threads keep order, side, language and submission", async () => {
    const sent = await submittedReturn();
    const section = sent.sections[1]!.id;
    const staff = await reviewer();

    const asked = await postComment({
      current: staff,
      returnId: sent.returnId,
      sectionId: section,
      body: "  Combien de jeunes ont participé ?  ",
      language: "fr",
    });
    expect(asked).toMatchObject({ outcome: "posted" });
    const answered = await postComment({
      current: sent.current,
      returnId: sent.returnId,
      sectionId: section,
      // Control characters are dropped; the rest is kept as typed.
      body: "Ongeveer 120 jongeren\u0000, verspreid over het jaar.",
      language: "nl",
    });
    expect(answered).toMatchObject({ outcome: "posted" });
    const general = await postComment({
      current: sent.current,
      returnId: sent.returnId,
      sectionId: null,
      body: "Merci pour votre relecture.",
      language: "fr",
    });
    expect(general).toMatchObject({ outcome: "posted" });

    const threads = await commentThreads(prisma, sent.returnId);
    expect([...threads.keys()].sort()).toEqual([null, section].sort());
    expect(threads.get(section)).toEqual([
      expect.objectContaining({
        side: "STAFF",
        authorName: "Test Staff",
        body: "Combien de jeunes ont participé ?",
        language: "fr",
        submissionNumber: 1,
      }),
      expect.objectContaining({
        side: "PARTNER",
        authorName: "Test Partner",
        body: "Ongeveer 120 jongeren, verspreid over het jaar.",
        language: "nl",
        submissionNumber: 1,
      }),
    ]);
    const [first, second] = threads.get(section)!;
    expect(first!.seq).toBeLessThan(second!.seq);
    expect(threads.get(null)).toEqual([
      expect.objectContaining({ side: "PARTNER", body: "Merci pour votre relecture." }),
    ]);

    // The audit rows say who wrote where, never what.
    const audits = await prisma.auditEvent.findMany({
      where: { targetId: sent.returnId, action: "return.comment-posted" },
      orderBy: { occurredAt: "asc" },
    });
    expect(audits.map((a) => a.actorUserId)).toEqual([
      staff.user.id,
      sent.current.user.id,
      sent.current.user.id,
    ]);
    expect(audits[0]!.details).toMatchObject({ sectionId: section, side: "STAFF", submission: 1 });
    expect(JSON.stringify(audits.map((a) => a.details))).not.toMatch(/jeunes|jongeren|Merci/);
  });

  it("refuses empty, too long and unknown-section comments, other organisations and people without a role, writing nothing", async () => {
    const sent = await submittedReturn();
    const staff = await reviewer();
    const post = (over: Partial<Parameters<typeof postComment>[0]>) =>
      postComment({
        current: sent.current,
        returnId: sent.returnId,
        sectionId: null,
        body: "Une question.",
        language: "fr",
        ...over,
      });
    expect(await post({ body: " \n\t " })).toEqual({
      outcome: "invalid",
      refusal: "body-required",
    });
    expect(await post({ body: "x".repeat(COMMENT_MAX + 1) })).toEqual({
      outcome: "invalid",
      refusal: "body-too-long",
    });
    expect(await post({ sectionId: "not-a-section" })).toEqual({
      outcome: "invalid",
      refusal: "unknown-section",
    });
    expect(await post({ current: staff, sectionId: "not-a-section" })).toEqual({
      outcome: "invalid",
      refusal: "unknown-section",
    });
    // Another organisation's partner: the return does not exist for them.
    const other = await createFundedPartner(world.campaign.id);
    expect(await post({ current: other.current })).toEqual({ outcome: "not-found" });
    expect(await post({ returnId: "no-such-return" })).toEqual({ outcome: "not-found" });
    // Someone with no role at all (no organisation, no staff role).
    const nobody = await asCurrent(
      (
        await prisma.user.create({
          data: { email: `nobody-${sent.returnId}@example.org`, displayName: "Nobody" },
        })
      ).id,
    );
    expect(await post({ current: nobody })).toEqual({ outcome: "not-found" });
    expect(await written(sent.returnId)).toEqual({ comments: 0, audits: 0 });
    // Exactly the longest allowed is taken.
    expect(await post({ body: "x".repeat(COMMENT_MAX) })).toMatchObject({ outcome: "posted" });
  });

  it("a return never sent has nothing to talk about yet, for staff and partner alike", async () => {
    const draft = await filledReturn();
    for (const current of [draft.current, await reviewer()]) {
      expect(
        await postComment({
          current,
          returnId: draft.returnId,
          sectionId: null,
          body: "Bonjour",
          language: "fr",
        }),
      ).toEqual({ outcome: "no-submission" });
    }
    expect(await written(draft.returnId)).toEqual({ comments: 0, audits: 0 });
  });

  it("the database keeps comments as posted: never changed or removed", async () => {
    const sent = await submittedReturn();
    const posted = await postComment({
      current: sent.current,
      returnId: sent.returnId,
      sectionId: null,
      body: "Texte d'origine",
      language: "fr",
    });
    if (posted.outcome !== "posted") throw new Error(posted.outcome);
    await expect(
      prisma.reviewComment.update({ where: { id: posted.id }, data: { body: "Modifié" } }),
    ).rejects.toThrow();
    await expect(prisma.reviewComment.delete({ where: { id: posted.id } })).rejects.toThrow();
    expect((await prisma.reviewComment.findUniqueOrThrow({ where: { id: posted.id } })).body).toBe(
      "Texte d'origine",
    );
  });
});
