// Approving a return (review/approve.server.ts): who may, when, four eyes, the dataset entries
// written in the same transaction, the audit row, the partner's emails, and two approvals at
// once. On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createPartnerUser, createStaffUser } from "../fixtures/factories";
import { createFundedPartner, fillReturn, sectionsOf, validAnswers } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { Language } from "~/modules/i18n/languages";
import { renderEmail } from "~/modules/mail/templates.server";
import { approveReturn } from "~/modules/review/approve.server";
import { decideSection } from "~/modules/review/decide.server";
import { requestChanges } from "~/modules/review/send-back.server";
import { addOtherContribution, saveSection } from "~/modules/returns/sections.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });
const baseUrl = "http://127.0.0.1:3000";

const staff = async (role: "REVIEWER" | "ADMIN" = "REVIEWER") =>
  asCurrent((await createStaffUser(role)).id);

/** A sent return: a funding with 2.1 (primary) and 4.3 (secondary), and a contribution to 1.1. */
async function submittedReturn(language: Language = "fr") {
  const partner = await createFundedPartner(world.campaign.id, {
    language,
    funding: {
      channel: "ASBL_CALL",
      measures: [
        ["2.1", "PRIMARY"],
        ["4.3", "SECONDARY"],
      ],
      missions: ["MT2", "MT1"],
    },
  });
  const added = await addOtherContribution({
    current: partner.current,
    returnId: partner.returnId,
    measureCode: "1.1",
  });
  expect(added.outcome).toBe("created");
  await fillReturn(partner.current, partner.returnId, { language });
  const sent = await submitReturn({
    current: partner.current,
    returnId: partner.returnId,
    submissionKey: `approve-${partner.returnId}`,
    language,
    baseUrl,
  });
  expect(sent.outcome).toBe("submitted");
  return { ...partner, sections: await sectionsOf(partner.returnId) };
}

/** Every section accepted, but the 4.3 block, not retained. */
async function decideAll(current: CurrentUser, returnId: string) {
  for (const section of await sectionsOf(returnId)) {
    const notRetained = section.measure?.code === "4.3";
    const done = await decideSection({
      current,
      returnId,
      sectionId: section.id,
      decision: notRetained ? "NOT_RETAINED" : "ACCEPTED",
      note: notRetained ? "Hors du périmètre de la mesure." : null,
    });
    expect(done.outcome).toBe("decided");
  }
}

async function written(returnId: string) {
  return {
    status: (await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } })).status,
    entries: await prisma.datasetEntry.count({ where: { returnId } }),
    audits: await prisma.auditEvent.count({
      where: { targetId: returnId, action: "return.approved" },
    }),
    emails: await prisma.outboxEmail.count({
      where: { purpose: "return-approved", dedupeKey: { contains: returnId } },
    }),
  };
}

describe("approving a return", () => {
  it("approves it, writes one dataset entry per accepted contribution, audits it and tells every contact in their language", async () => {
    const sent = await submittedReturn("nl");
    // A second contact of the organisation, who reads French.
    const colleague = await createPartnerUser([sent.organisation.id], "fr");
    // A member with no role for reports only signs in: not told.
    const signsInOnly = await createPartnerUser([sent.organisation.id], "fr");
    await prisma.membership.updateMany({
      where: { userId: signsInOnly.id },
      data: { reportRole: "NONE" },
    });
    const current = await staff();
    await decideAll(current, sent.returnId);

    const approved = await approveReturn({
      current,
      returnId: sent.returnId,
      submissionNumber: 1,
      baseUrl,
    });
    expect(approved).toEqual({ outcome: "approved", entries: 2, submissionNumber: 1 });

    const annualReturn = await prisma.annualReturn.findUniqueOrThrow({
      where: { id: sent.returnId },
    });
    expect(annualReturn).toMatchObject({ status: "APPROVED", approvedById: current.user.id });
    expect(annualReturn.approvedAt).toBeInstanceOf(Date);

    const submission = await prisma.submission.findFirstOrThrow({
      where: { returnId: sent.returnId },
    });
    const funded = sent.sections.find((s) => s.measure?.code === "2.1")!;
    const other = sent.sections.find((s) => s.kind === "OTHER_CONTRIBUTION")!;
    const funding = await prisma.funding.findFirstOrThrow({
      where: { organisationId: sent.organisation.id },
    });
    const entries = await prisma.datasetEntry.findMany({
      where: { returnId: sent.returnId },
      orderBy: { measureCode: "asc" },
    });
    // Not retained (4.3), the organisation, the missions and the declaration give none.
    expect(entries.map((e) => e.sectionId)).toEqual([other.id, funded.id]);
    const common = {
      source: "APPROVAL",
      returnId: sent.returnId,
      submissionId: submission.id,
      year: 2022,
      planId: world.campaign.planId,
      organisationId: sent.organisation.id,
      organisationKind: "NON_PROFIT",
      narrativeLanguage: "nl",
      approvedById: current.user.id,
      approvedAt: annualReturn.approvedAt,
      supersededAt: null,
    };
    expect(entries[1]).toMatchObject({
      ...common,
      fundingId: funding.id,
      fundingTitle: funding.title,
      channel: "ASBL_CALL",
      measureId: funded.measureId,
      measureCode: "2.1",
      themeId: funded.measure!.themeId,
      link: "PRIMARY",
      missionCodes: ["MT1", "MT2"],
      attachments: [],
    });
    // Another contribution counts under the organisation's one funding channel, with no
    // funding and no mission of its own.
    expect(entries[0]).toMatchObject({
      ...common,
      fundingId: null,
      fundingTitle: null,
      channel: "ASBL_CALL",
      measureCode: "1.1",
      link: "OTHER",
      missionCodes: [],
    });
    // The narrative: the section's texts in the template's order; the figures: number answers
    // labelled in the answers' language, then the figures table's rows.
    const answers = funded.answers as Record<string, unknown>;
    expect(entries[1]!.narrative).toBe(
      [answers.actions, answers.targetDetails, answers.partners].join("\n\n"),
    );
    expect(entries[1]!.figures).toEqual([
      { label: "Aantal bereikte personen", value: 1250, unit: "personen" },
      { label: "Ingezet personeel", value: 12.5, unit: "VTE" },
      { label: "Réunions de coordination", value: 12.5, unit: "réunions" },
    ]);

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { targetId: sent.returnId, action: "return.approved" },
    });
    expect(audit).toMatchObject({
      actorUserId: current.user.id,
      organisationId: sent.organisation.id,
      details: { submission: 1, entries: 2, notRetained: 1, fourEyes: false },
    });

    const emails = await prisma.outboxEmail.findMany({
      where: { purpose: "return-approved", dedupeKey: { contains: sent.returnId } },
      orderBy: { toEmail: "asc" },
    });
    expect(
      emails
        .map((e) => [e.toEmail, e.language, e.template])
        .sort(([a], [b]) => a!.localeCompare(b!)),
    ).toEqual(
      [
        [sent.user.email, "nl", "return-approved"],
        [colleague.email, "fr", "return-approved"],
      ].sort(([a], [b]) => a!.localeCompare(b!)),
    );
    const nl = emails.find((e) => e.language === "nl")!;
    expect(nl.payload).toMatchObject({
      organisationName: sent.organisation.nameNl,
      campaignTitle: world.campaign.titleNl,
      link: `${baseUrl}/nl/partner/returns/${sent.returnId}/print`,
    });
    const rendered = await renderEmail(nl.template, "nl", nl.payload);
    expect(rendered.subject).toBe(`Jaarverslag van ${sent.organisation.nameNl} goedgekeurd`);
    expect(rendered.html).toContain('lang="nl"');
    expect(rendered.text).toContain(`${baseUrl}/nl/partner/returns/${sent.returnId}/print`);
    const fr = emails.find((e) => e.language === "fr")!;
    expect((await renderEmail(fr.template, "fr", fr.payload)).subject).toBe(
      `Rapport annuel de ${sent.organisation.nameFr} approuvé`,
    );

    // Approved is locked: a second approval changes nothing and writes nothing.
    expect(
      await approveReturn({ current, returnId: sent.returnId, submissionNumber: 1, baseUrl }),
    ).toEqual({ outcome: "not-under-review" });
    expect(await written(sent.returnId)).toEqual({
      status: "APPROVED",
      entries: 2,
      audits: 1,
      emails: 2,
    });
  });

  it("refuses a partner, an undecided or sent-back review, an old submission and an unsent return, writing nothing", async () => {
    const sent = await submittedReturn();
    const current = await staff();
    const nothing = { status: "SUBMITTED", entries: 0, audits: 0, emails: 0 };

    // The partner who sent it: there is no such thing for them, nor for another partner.
    expect(
      await approveReturn({ current: sent.current, returnId: sent.returnId, submissionNumber: 1 }),
    ).toEqual({ outcome: "not-found" });
    expect(
      await approveReturn({ current, returnId: "no-such-return", submissionNumber: 1 }),
    ).toEqual({ outcome: "not-found" });

    // Nothing decided yet.
    const undecided = await approveReturn({
      current,
      returnId: sent.returnId,
      submissionNumber: 1,
    });
    expect(undecided).toMatchObject({
      outcome: "not-ready",
      standing: { canApprove: false, undecided: sent.sections.map((s) => s.id) },
    });

    // Everything decided, but one section needs changes.
    await decideAll(current, sent.returnId);
    await decideSection({
      current,
      returnId: sent.returnId,
      sectionId: sent.sections[0]!.id,
      decision: "CHANGES_NEEDED",
      note: "Merci de compléter les coordonnées.",
    });
    expect(
      await approveReturn({ current, returnId: sent.returnId, submissionNumber: 1 }),
    ).toMatchObject({ outcome: "not-ready", standing: { changesNeeded: [sent.sections[0]!.id] } });

    // The reviewer looked at a submission that is not the latest.
    expect(await approveReturn({ current, returnId: sent.returnId, submissionNumber: 2 })).toEqual({
      outcome: "conflict",
    });
    expect(await written(sent.returnId)).toEqual(nothing);

    // Not sent.
    const draft = await createFundedPartner(world.campaign.id);
    expect(await approveReturn({ current, returnId: draft.returnId, submissionNumber: 1 })).toEqual(
      { outcome: "not-under-review" },
    );
  });

  it("goes on after the deadline: a closed campaign's returns are still approved", async () => {
    const sent = await submittedReturn();
    const current = await staff("ADMIN");
    await decideAll(current, sent.returnId);
    await prisma.campaign.update({ where: { id: world.campaign.id }, data: { status: "CLOSED" } });
    try {
      expect(
        await approveReturn({ current, returnId: sent.returnId, submissionNumber: 1 }),
      ).toMatchObject({ outcome: "approved", entries: 2 });
    } finally {
      await prisma.campaign.update({ where: { id: world.campaign.id }, data: { status: "OPEN" } });
    }
  });

  it("under four eyes, whoever decided on the submission may not approve it; someone else may", async () => {
    const sent = await submittedReturn();
    const [reviewer, validator] = [await staff(), await staff()];
    await decideAll(reviewer, sent.returnId);
    await prisma.campaign.update({ where: { id: world.campaign.id }, data: { fourEyes: true } });
    try {
      expect(
        await approveReturn({ current: reviewer, returnId: sent.returnId, submissionNumber: 1 }),
      ).toEqual({ outcome: "four-eyes" });
      expect(await written(sent.returnId)).toMatchObject({ status: "SUBMITTED", entries: 0 });

      // One decision is enough to be a reviewer of it.
      await decideSection({
        current: validator,
        returnId: sent.returnId,
        sectionId: sent.sections[0]!.id,
        decision: "ACCEPTED",
      });
      expect(
        await approveReturn({ current: validator, returnId: sent.returnId, submissionNumber: 1 }),
      ).toEqual({ outcome: "four-eyes" });

      const third = await staff("ADMIN");
      const approved = await approveReturn({
        current: third,
        returnId: sent.returnId,
        submissionNumber: 1,
      });
      expect(approved).toMatchObject({ outcome: "approved", entries: 2 });
      const audit = await prisma.auditEvent.findFirstOrThrow({
        where: { targetId: sent.returnId, action: "return.approved" },
      });
      expect(audit.details).toMatchObject({ fourEyes: true });
    } finally {
      await prisma.campaign.update({ where: { id: world.campaign.id }, data: { fourEyes: false } });
    }
  });

  it("under four eyes, a reviewer whose decision carried over an unchanged section may not approve the resubmission", async () => {
    const sent = await submittedReturn();
    const [alice, bob, carol] = [await staff(), await staff(), await staff()];
    const block = sent.sections.find((s) => s.measure?.code === "2.1")!;
    await decideAll(alice, sent.returnId);
    await decideSection({
      current: alice,
      returnId: sent.returnId,
      sectionId: block.id,
      decision: "CHANGES_NEEDED",
      note: "Merci de détailler les actions menées.",
    });
    expect(
      await requestChanges({ current: alice, returnId: sent.returnId, submissionNumber: 1 }),
    ).toMatchObject({ outcome: "sent-back" });
    // The partner changes the block sent back, and only it, then sends the return again.
    const saved = await saveSection({
      current: sent.current,
      returnId: sent.returnId,
      sectionId: block.id,
      baseVersion: (await prisma.returnSection.findUniqueOrThrow({ where: { id: block.id } }))
        .version,
      answers: {
        ...validAnswers(block.definition.questions),
        actions: "Six ateliers de prévention de plus, avec les éducateurs de rue du quartier.",
      },
      mode: "complete",
      language: "fr",
    });
    expect(saved).toMatchObject({ outcome: "saved", status: "COMPLETED" });
    const again = await submitReturn({
      current: sent.current,
      returnId: sent.returnId,
      submissionKey: `approve-again-${sent.returnId}`,
      language: "fr",
      baseUrl,
    });
    expect(again.outcome).toBe("submitted");
    await decideSection({
      current: bob,
      returnId: sent.returnId,
      sectionId: block.id,
      decision: "ACCEPTED",
    });

    await prisma.campaign.update({ where: { id: world.campaign.id }, data: { fourEyes: true } });
    try {
      // Alice decided nothing on submission 2, but her decisions stand on its other sections.
      for (const current of [alice, bob]) {
        expect(
          await approveReturn({ current, returnId: sent.returnId, submissionNumber: 2 }),
        ).toEqual({ outcome: "four-eyes" });
      }
      expect(
        await approveReturn({ current: carol, returnId: sent.returnId, submissionNumber: 2 }),
      ).toMatchObject({ outcome: "approved", entries: 2, submissionNumber: 2 });
    } finally {
      await prisma.campaign.update({ where: { id: world.campaign.id }, data: { fourEyes: false } });
    }
    // The entry holds the text as sent the second time.
    const entry = await prisma.datasetEntry.findFirstOrThrow({ where: { sectionId: block.id } });
    expect(entry.narrative).toContain("Six ateliers de prévention de plus");
  });

  it("two approvals of the same return at once: one wins, the other is told it is no longer under review", async () => {
    const sent = await submittedReturn();
    const [alice, bob] = [await staff(), await staff()];
    await decideAll(alice, sent.returnId);
    const results = await Promise.all([
      approveReturn({ current: alice, returnId: sent.returnId, submissionNumber: 1, baseUrl }),
      approveReturn({ current: bob, returnId: sent.returnId, submissionNumber: 1, baseUrl }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["approved", "not-under-review"]);
    expect(await written(sent.returnId)).toEqual({
      status: "APPROVED",
      entries: 2,
      audits: 1,
      emails: 1,
    });
  });

  it("the database never holds two current entries for one section", async () => {
    const sent = await submittedReturn();
    const current = await staff();
    await decideAll(current, sent.returnId);
    await approveReturn({ current, returnId: sent.returnId, submissionNumber: 1 });
    const entry = await prisma.datasetEntry.findFirstOrThrow({
      where: { returnId: sent.returnId },
    });
    await expect(
      prisma.datasetEntry.create({
        data: {
          ...entry,
          id: undefined,
          createdAt: undefined,
          figures: entry.figures ?? [],
          attachments: entry.attachments ?? [],
        },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    // Entries are history: not changed, not removed.
    const refused = /only ever superseded/;
    await expect(
      prisma.$executeRaw`UPDATE "DatasetEntry" SET "narrative" = 'autre' WHERE "id" = ${entry.id}`,
    ).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`DELETE FROM "DatasetEntry" WHERE "id" = ${entry.id}`,
    ).rejects.toThrow(refused);
  });
});
