// A campaign's lifecycle through its use cases (campaigns/campaigns, lifecycle and settings
// .server.ts) and what partners then may do (returns/status.ts through the save and submit use
// cases): draft → open (returns generated, audited, one of two concurrent openings wins) →
// closed (read-only); the grace period; a questionnaire per funding channel; the campaign page
// opening a draft. Extensions: campaign-extensions.test.ts.

import { describe, expect, it } from "vitest";

import { fillReturn, sectionsOf, validAnswers } from "../fixtures/returns";

import { closeCampaign, openCampaign } from "~/modules/campaigns/lifecycle.server";
import { updateCampaignSettings } from "~/modules/campaigns/settings.server";
import { addBrusselsDays, atBrussels } from "~/modules/returns/deadlines";
import { saveSection } from "~/modules/returns/sections.server";

import { sessionCookie } from "~/modules/auth/cookies.server";

import { action as campaignPageAction } from "~/routes/staff/campaign";

import { prisma } from "~/utils/db.server";
import { writeSession } from "../fixtures/sessions";
import { campaignWorld } from "../fixtures/campaign-world";

const { world, today, draftCampaign, fundedOrganisation, returnOf, submit, dueIn } =
  campaignWorld();

describe("creating and opening a campaign", () => {
  it("creates a draft with its reminder rules; opening generates the returns, audited", async () => {
    const campaign = await draftCampaign();
    const { organisation } = await fundedOrganisation(campaign.year);
    const draft = await prisma.campaign.findUniqueOrThrow({
      where: { id: campaign.id },
      include: { reminderRules: true, returns: true },
    });
    expect(draft.status).toBe("DRAFT");
    expect(draft.reminderRules.map((r) => r.kind)).toContain("INVITATION");
    expect(draft.returns).toEqual([]);

    expect(await openCampaign(campaign.id, world.reviewer)).toEqual({ outcome: "forbidden" });
    const opened = await openCampaign(campaign.id, world.admin);
    expect(opened).toMatchObject({ outcome: "opened" });
    if (opened.outcome !== "opened") return;
    expect(opened.createdReturns).toBeGreaterThan(0);
    const after = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(after.status).toBe("OPEN");
    expect(after.openedAt).not.toBeNull();
    expect((await returnOf(campaign.id, organisation.id)).templateId).toBe(world.defaultTemplateId);
    expect(
      await prisma.auditEvent.findMany({
        where: { action: "campaign.opened", targetId: campaign.id },
      }),
    ).toEqual([
      expect.objectContaining({
        actorUserId: world.admin.user.id,
        details: expect.objectContaining({ createdReturns: opened.createdReturns }),
      }),
    ]);
    // Opened once: opening again is a conflict, and changes nothing.
    expect(await openCampaign(campaign.id, world.admin)).toEqual({
      outcome: "conflict",
      status: "OPEN",
    });
  });

  it("refuses before the opening day and after the due date", async () => {
    const early = await draftCampaign();
    await prisma.campaign.update({
      where: { id: early.id },
      data: { opensAt: atBrussels(addBrusselsDays(today(), 2), "00:00") },
    });
    expect(await openCampaign(early.id, world.admin)).toMatchObject({ outcome: "not-yet" });
    const late = await draftCampaign();
    await dueIn(late.id, -1, null);
    expect(await openCampaign(late.id, world.admin)).toEqual({ outcome: "due-passed" });
    expect(
      await prisma.campaign.count({ where: { id: { in: [early.id, late.id] }, status: "DRAFT" } }),
    ).toBe(2);
  });

  it("opened twice at once: one opening wins, the returns are generated once", async () => {
    const campaign = await draftCampaign();
    await fundedOrganisation(campaign.year);
    const outcomes = await Promise.all([
      openCampaign(campaign.id, world.admin),
      openCampaign(campaign.id, world.admin),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["conflict", "opened"]);
    expect(
      await prisma.auditEvent.count({
        where: { action: "campaign.opened", targetId: campaign.id },
      }),
    ).toBe(1);
    expect(
      await prisma.auditEvent.count({
        where: { action: "campaign.generated", targetId: campaign.id },
      }),
    ).toBe(1);
  });
});

describe("closing a campaign", () => {
  it("makes its returns read-only: saves and submission refused", async () => {
    const campaign = await draftCampaign();
    const { organisation, current } = await fundedOrganisation(campaign.year);
    await openCampaign(campaign.id, world.admin);
    const { id: returnId } = await returnOf(campaign.id, organisation.id);
    await fillReturn(current, returnId);

    expect(await closeCampaign(campaign.id, world.reviewer)).toEqual({ outcome: "forbidden" });
    expect(await closeCampaign(campaign.id, world.admin)).toMatchObject({ outcome: "closed" });
    expect(await closeCampaign(campaign.id, world.admin)).toEqual({
      outcome: "conflict",
      status: "CLOSED",
    });
    const [section] = await sectionsOf(returnId);
    const saved = await saveSection({
      current,
      returnId,
      sectionId: section!.id,
      baseVersion: section!.version,
      answers: validAnswers(section!.definition.questions),
      mode: "complete",
      language: "fr",
    });
    expect(saved.outcome).toBe("closed");
    expect((await submit(current, returnId)).outcome).toBe("closed");
    expect((await returnOf(campaign.id, organisation.id)).status).toBe("IN_PROGRESS");
    expect(
      await prisma.auditEvent.count({
        where: { action: "campaign.closed", targetId: campaign.id },
      }),
    ).toBe(1);
    // Its settings are over too.
    expect(
      (
        await updateCampaignSettings(
          campaign.id,
          {
            titleFr: "Rapport modifié",
            titleNl: "Verslag gewijzigd",
            opensAt: addBrusselsDays(today(), -1),
            dueAt: addBrusselsDays(today(), 40),
            templateId: world.defaultTemplateId,
          },
          world.admin,
        )
      ).outcome,
    ).toBe("closed");
  });
});

describe("the grace period", () => {
  it("accepts a late return inside it (marked late) and refuses it after", async () => {
    const campaign = await draftCampaign({ graceDays: 5 });
    const inside = await fundedOrganisation(campaign.year);
    const after = await fundedOrganisation(campaign.year);
    await openCampaign(campaign.id, world.admin);
    const insideReturn = await returnOf(campaign.id, inside.organisation.id);
    const afterReturn = await returnOf(campaign.id, after.organisation.id);
    await fillReturn(inside.current, insideReturn.id);
    await fillReturn(after.current, afterReturn.id);

    // Due two days ago, five days of grace: still accepted, marked late.
    await dueIn(campaign.id, -2, 5);
    expect((await submit(inside.current, insideReturn.id)).outcome).toBe("submitted");
    const submission = await prisma.submission.findFirstOrThrow({
      where: { returnId: insideReturn.id },
    });
    expect(submission.late).toBe(true);

    // Due three days ago, one day of grace: over. Neither saves nor submission are taken.
    await dueIn(campaign.id, -3, 1);
    expect((await submit(after.current, afterReturn.id)).outcome).toBe("past-grace");
    const [section] = await sectionsOf(afterReturn.id);
    const saved = await saveSection({
      current: after.current,
      returnId: afterReturn.id,
      sectionId: section!.id,
      baseVersion: section!.version,
      answers: validAnswers(section!.definition.questions),
      mode: "complete",
      language: "fr",
    });
    expect(saved.outcome).toBe("closed");
    expect((await returnOf(campaign.id, after.organisation.id)).status).toBe("IN_PROGRESS");
  });
});

describe("a questionnaire per funding channel", () => {
  it("gives an ASBL_CALL-funded organisation the assigned template and a commune the default", async () => {
    const base = await prisma.questionnaireTemplate.findUniqueOrThrow({
      where: { id: world.defaultTemplateId },
    });
    const asblTemplate = await prisma.questionnaireTemplate.create({
      data: {
        key: "asbl-lifecycle-test",
        version: 1,
        status: "PUBLISHED",
        titleFr: "Rapport d'activités ASBL",
        titleNl: "Activiteitenverslag vzw",
        definition: base.definition as object,
        checksum: base.checksum,
        publishedAt: new Date(),
      },
    });
    const campaign = await draftCampaign({
      assignments: [{ channel: "ASBL_CALL", templateId: asblTemplate.id }],
    });
    const asbl = await fundedOrganisation(campaign.year, { channel: "ASBL_CALL" });
    const commune = await fundedOrganisation(campaign.year, {
      kind: "COMMUNE",
      channel: "PBPP",
    });
    await openCampaign(campaign.id, world.admin);
    expect((await returnOf(campaign.id, asbl.organisation.id)).templateId).toBe(asblTemplate.id);
    expect((await returnOf(campaign.id, commune.organisation.id)).templateId).toBe(
      world.defaultTemplateId,
    );

    // Generated returns keep their template: ASBL_CALL's assignment is fixed now, another
    // channel's is not.
    const settings = {
      titleFr: `Rapport ${campaign.year}`,
      titleNl: `Verslag ${campaign.year}`,
      opensAt: addBrusselsDays(today(), -1),
      dueAt: addBrusselsDays(today(), 30),
      templateId: world.defaultTemplateId,
    };
    expect(
      await updateCampaignSettings(campaign.id, { ...settings, assignments: [] }, world.admin),
    ).toEqual({ outcome: "assignment-locked", target: "channel:ASBL_CALL" });
    const saved = await updateCampaignSettings(
      campaign.id,
      {
        ...settings,
        graceDays: 10,
        assignments: [
          { channel: "ASBL_CALL", kind: null, templateId: asblTemplate.id },
          { channel: "FSE", kind: null, templateId: asblTemplate.id },
        ],
      },
      world.admin,
    );
    expect(saved).toEqual({
      outcome: "saved",
      changed: ["graceDays", "template:channel:FSE"],
    });
    expect(
      await prisma.campaignTemplateAssignment.count({ where: { campaignId: campaign.id } }),
    ).toBe(2);
    expect(
      await prisma.auditEvent.count({
        where: { action: "campaign.settings-updated", targetId: campaign.id },
      }),
    ).toBe(1);
  });
});

describe("the campaign page", () => {
  it("opens a draft and sends the invitations at once", async () => {
    const campaign = await draftCampaign();
    const { users } = await fundedOrganisation(campaign.year);
    const cookie = `${sessionCookie.name}=${await writeSession(prisma, world.admin.user.id)}`;
    const body = new FormData();
    body.set("intent", "open");
    const request = new Request(`http://127.0.0.1:3000/fr/staff/campaigns/${campaign.id}`, {
      method: "POST",
      body,
      headers: { cookie, origin: "http://127.0.0.1:3000" },
    });
    const answer = (await campaignPageAction({
      request,
      params: { lang: "fr", campaignId: campaign.id },
      context: {},
    } as never).catch((thrown: unknown) => thrown)) as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toContain("done=opened");
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe(
      "OPEN",
    );
    const invitations = await prisma.outboxEmail.findMany({
      where: { toEmail: users[0]!.email.toLowerCase(), template: "invitation" },
    });
    expect(invitations).toHaveLength(1);
  });
});
