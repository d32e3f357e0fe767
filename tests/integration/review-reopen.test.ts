// Reopening an approved return (review/reopen.server.ts): only administrators, only approved
// returns of an open campaign, always with a reason; the dataset entries superseded, never
// deleted, and current again only after a new approval. On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import { createFundedPartner, fillReturn, sectionsOf } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import type { CurrentUser } from "~/modules/auth/session.server";
import { renderEmail } from "~/modules/mail/templates.server";
import { approveReturn } from "~/modules/review/approve.server";
import { decideSection } from "~/modules/review/decide.server";
import { REOPEN_REASON_MAX, reopenReturn } from "~/modules/review/reopen.server";
import { returnHistory } from "~/modules/returns/history.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });
const baseUrl = "http://127.0.0.1:3000";
const REASON = "Les chiffres de la mesure 2.1 doivent être corrigés après l'audit.";

const staff = async (role: "REVIEWER" | "ADMIN") => asCurrent((await createStaffUser(role)).id);

async function submit(current: CurrentUser, returnId: string, key: string) {
  const sent = await submitReturn({
    current,
    returnId,
    submissionKey: key,
    language: "nl",
    baseUrl,
  });
  expect(sent.outcome).toBe("submitted");
}

/** A return with two funded blocks (2.1, 4.3), every section accepted, approved. */
async function approvedReturn() {
  const partner = await createFundedPartner(world.campaign.id, { language: "nl" });
  await fillReturn(partner.current, partner.returnId, { language: "nl" });
  await submit(partner.current, partner.returnId, `reopen-${partner.returnId}`);
  const reviewer = await staff("REVIEWER");
  for (const section of await sectionsOf(partner.returnId)) {
    await decideSection({
      current: reviewer,
      returnId: partner.returnId,
      sectionId: section.id,
      decision: "ACCEPTED",
    });
  }
  const approved = await approveReturn({
    current: reviewer,
    returnId: partner.returnId,
    submissionNumber: 1,
    baseUrl,
  });
  expect(approved).toMatchObject({ outcome: "approved", entries: 2 });
  return { ...partner, reviewer };
}

async function written(returnId: string) {
  const annualReturn = await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } });
  return {
    status: annualReturn.status,
    current: await prisma.datasetEntry.count({ where: { returnId, supersededAt: null } }),
    superseded: await prisma.datasetEntry.count({
      where: { returnId, supersededAt: { not: null } },
    }),
    audits: await prisma.auditEvent.count({
      where: { targetId: returnId, action: "return.reopened" },
    }),
    comments: await prisma.reviewComment.count({ where: { returnId } }),
    emails: await prisma.outboxEmail.count({
      where: { purpose: "return-reopened", dedupeKey: { contains: returnId } },
    }),
  };
}

describe("reopening an approved return", () => {
  it("reopens it with its reason, supersedes its entries, audits it and tells the partner; approved again, it has new current entries", async () => {
    const sent = await approvedReturn();
    const admin = await staff("ADMIN");
    const before = await prisma.datasetEntry.findMany({ where: { returnId: sent.returnId } });

    const reopened = await reopenReturn({
      current: admin,
      returnId: sent.returnId,
      reason: `  ${REASON}  `,
      language: "fr",
      baseUrl,
    });
    expect(reopened).toEqual({ outcome: "reopened", superseded: 2 });

    const annualReturn = await prisma.annualReturn.findUniqueOrThrow({
      where: { id: sent.returnId },
    });
    expect(annualReturn).toMatchObject({
      status: "REOPENED",
      approvedAt: null,
      approvedById: null,
    });
    expect(annualReturn.reopenedAt).toBeInstanceOf(Date);
    // The entries stay, each with the time it stopped counting; nothing else of them changed.
    const after = await prisma.datasetEntry.findMany({ where: { returnId: sent.returnId } });
    expect(after.map(({ supersededAt: _, ...rest }) => rest)).toEqual(
      before.map(({ supersededAt: _, ...rest }) => rest),
    );
    expect(
      after.every((e) => e.supersededAt?.getTime() === annualReturn.reopenedAt!.getTime()),
    ).toBe(true);

    // The reason is in the return's conversation, as written, by the administrator.
    const comment = await prisma.reviewComment.findFirstOrThrow({
      where: { returnId: sent.returnId },
    });
    const submission = await prisma.submission.findFirstOrThrow({
      where: { returnId: sent.returnId },
    });
    expect(comment).toMatchObject({
      submissionId: submission.id,
      sectionId: null,
      authorId: admin.user.id,
      side: "STAFF",
      body: REASON,
      language: "fr",
    });
    // The audit row names the reason's comment, never its words.
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { targetId: sent.returnId, action: "return.reopened" },
    });
    expect(audit).toMatchObject({
      actorUserId: admin.user.id,
      details: { submission: 1, superseded: 2, reasonCommentId: comment.id, status: "REOPENED" },
    });
    expect(JSON.stringify(audit.details)).not.toContain("audit");
    // Staff read the approval and the reopening, with its reason, in the return's history.
    const history = (await returnHistory(admin, sent.returnId, "fr"))!;
    expect(history.slice(-2)).toMatchObject([
      { action: "return.approved", entries: 2, actor: { kind: "user" } },
      { action: "return.reopened", reason: { text: REASON, language: "fr" } },
    ]);

    // The partner's contact hears about it in Dutch, with the reason as written.
    const [email, ...others] = await prisma.outboxEmail.findMany({
      where: { purpose: "return-reopened", dedupeKey: { contains: sent.returnId } },
    });
    expect(others).toEqual([]);
    expect(email).toMatchObject({
      toEmail: sent.user.email,
      language: "nl",
      template: "return-reopened",
      payload: {
        reason: REASON,
        reasonLanguage: "fr",
        organisationName: sent.organisation.nameNl,
        link: `${baseUrl}/nl/partner/returns/${sent.returnId}`,
      },
    });
    // Dutch around the reason, which keeps the language it was written in.
    const rendered = await renderEmail(email!.template, "nl", email!.payload);
    expect(rendered.subject).toBe(`Jaarverslag van ${sent.organisation.nameNl} heropend`);
    expect(rendered.html).toMatch(/<p[^>]*lang="fr"[^>]*>Les chiffres de la mesure 2.1/);
    expect(rendered.text).toContain(REASON);

    // Reopened twice? It is no longer approved.
    expect(await reopenReturn({ current: admin, returnId: sent.returnId, reason: REASON })).toEqual(
      { outcome: "wrong-state" },
    );

    // Sent again unchanged: every decision carries over, and a new approval writes new
    // current entries beside the superseded ones.
    await submit(sent.current, sent.returnId, `reopen-again-${sent.returnId}`);
    expect(
      await approveReturn({ current: sent.reviewer, returnId: sent.returnId, submissionNumber: 1 }),
    ).toEqual({ outcome: "conflict" });
    expect(
      await approveReturn({ current: sent.reviewer, returnId: sent.returnId, submissionNumber: 2 }),
    ).toMatchObject({ outcome: "approved", entries: 2, submissionNumber: 2 });
    expect(await written(sent.returnId)).toEqual({
      status: "APPROVED",
      current: 2,
      superseded: 2,
      audits: 1,
      comments: 1,
      emails: 1,
    });
    const second = await prisma.submission.findFirstOrThrow({
      where: { returnId: sent.returnId, number: 2 },
    });
    const current = await prisma.datasetEntry.findMany({
      where: { returnId: sent.returnId, supersededAt: null },
    });
    expect(current.every((e) => e.submissionId === second.id)).toBe(true);
    expect(new Set(current.map((e) => e.sectionId))).toEqual(
      new Set(before.map((e) => e.sectionId)),
    );

    // The database lets a superseded entry count again never, nor its time be changed.
    const refused = /only ever superseded/;
    const old = after[0]!;
    await expect(
      prisma.$executeRaw`UPDATE "DatasetEntry" SET "supersededAt" = NULL WHERE "id" = ${old.id}`,
    ).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`UPDATE "DatasetEntry" SET "supersededAt" = now() WHERE "id" = ${old.id}`,
    ).rejects.toThrow(refused);
  });

  it("refuses reviewers, partners, a missing or too long reason, a return not approved and a closed campaign, changing nothing", async () => {
    const sent = await approvedReturn();
    const admin = await staff("ADMIN");
    const unchanged = {
      status: "APPROVED",
      current: 2,
      superseded: 0,
      audits: 0,
      comments: 0,
      emails: 0,
    };

    // A reviewer approves but does not reopen; the partner does neither.
    for (const current of [sent.reviewer, sent.current]) {
      expect(await reopenReturn({ current, returnId: sent.returnId, reason: REASON })).toEqual({
        outcome: "not-found",
      });
    }
    expect(
      await reopenReturn({ current: admin, returnId: "no-such-return", reason: REASON }),
    ).toEqual({ outcome: "not-found" });
    expect(
      await reopenReturn({ current: admin, returnId: sent.returnId, reason: "  \n " }),
    ).toEqual({ outcome: "invalid", refusal: "reason-required" });
    expect(
      await reopenReturn({
        current: admin,
        returnId: sent.returnId,
        reason: "x".repeat(REOPEN_REASON_MAX + 1),
      }),
    ).toEqual({ outcome: "invalid", refusal: "reason-too-long" });
    expect(await written(sent.returnId)).toEqual(unchanged);

    // Submitted, not approved: nothing to reopen.
    const waiting = await createFundedPartner(world.campaign.id);
    await fillReturn(waiting.current, waiting.returnId);
    await submit(waiting.current, waiting.returnId, `reopen-waiting-${waiting.returnId}`);
    expect(
      await reopenReturn({ current: admin, returnId: waiting.returnId, reason: REASON }),
    ).toEqual({ outcome: "wrong-state" });

    // The campaign is closed: the partner could change nothing.
    await prisma.campaign.update({ where: { id: world.campaign.id }, data: { status: "CLOSED" } });
    try {
      expect(
        await reopenReturn({ current: admin, returnId: sent.returnId, reason: REASON }),
      ).toEqual({ outcome: "closed" });
    } finally {
      await prisma.campaign.update({ where: { id: world.campaign.id }, data: { status: "OPEN" } });
    }
    expect(await written(sent.returnId)).toEqual(unchanged);
  });

  it("two administrators reopening at once: one reopens it, the other finds it no longer approved", async () => {
    const sent = await approvedReturn();
    const [alice, bob] = [await staff("ADMIN"), await staff("ADMIN")];
    const results = await Promise.all([
      reopenReturn({ current: alice, returnId: sent.returnId, reason: REASON }),
      reopenReturn({ current: bob, returnId: sent.returnId, reason: REASON }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["reopened", "wrong-state"]);
    expect(await written(sent.returnId)).toEqual({
      status: "REOPENED",
      current: 0,
      superseded: 2,
      audits: 1,
      comments: 1,
      emails: 1,
    });
  });
});
