// A campaign's lifecycle through its use cases (campaigns/campaigns, lifecycle, settings and
// extensions .server.ts) and what partners then may do (returns/status.ts through the save and
// submit use cases): draft → open (returns generated, audited, one of two concurrent openings
// wins) → closed (read-only); the grace period; per-return extensions told only to that
// organisation's contacts; a questionnaire per funding channel.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createOrganisation, createStaffUser } from "../fixtures/factories";
import {
  createFunding,
  fillReturn,
  sectionsOf,
  seedWorld,
  validAnswers,
} from "../fixtures/returns";
import type { ContactRole, FundingChannel, OrganisationKind } from "~/generated/prisma/client";
import type { CurrentUser } from "~/modules/auth/session.server";
import { createCampaign } from "~/modules/campaigns/campaigns.server";
import { grantExtension, withdrawExtension } from "~/modules/campaigns/extensions.server";
import { closeCampaign, openCampaign } from "~/modules/campaigns/lifecycle.server";
import { updateCampaignSettings } from "~/modules/campaigns/settings.server";
import { addBrusselsDays, atBrussels, brusselsDay } from "~/modules/returns/deadlines";
import { saveSection } from "~/modules/returns/sections.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { findReturnById } from "~/modules/returns/access.server";
import { returnHeader } from "~/modules/returns/view.server";
import { action as campaignPageAction } from "~/routes/staff/campaign";
import { formatDate } from "~/modules/i18n/format";
import { renderEmail } from "~/modules/mail/templates.server";
import { prisma } from "~/utils/db.server";
import { writeSession } from "../fixtures/sessions";

let admin: CurrentUser;
let reviewer: CurrentUser;
let defaultTemplateId: string;
let nextYear = 2031;
let uploads: string;

beforeAll(async () => {
  uploads = await mkdtemp(path.join(os.tmpdir(), "lifecycle-test-"));
  process.env.UPLOAD_DIR = uploads;
  defaultTemplateId = (await seedWorld()).id;
  admin = await asCurrent((await createStaffUser("ADMIN")).id);
  reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
}, 120_000);

afterAll(async () => {
  delete process.env.UPLOAD_DIR;
  await rm(uploads, { recursive: true, force: true });
});

const today = () => brusselsDay(new Date());

/** A draft campaign through the use case, opening yesterday and due in 30 days. */
async function draftCampaign(
  options: {
    graceDays?: number | null;
    assignments?: { channel: FundingChannel; templateId: string }[];
  } = {},
) {
  const year = nextYear++;
  const created = await createCampaign(
    {
      year,
      templateId: defaultTemplateId,
      titleFr: `Rapport ${year}`,
      titleNl: `Verslag ${year}`,
      opensAt: addBrusselsDays(today(), -1),
      dueAt: addBrusselsDays(today(), 30),
      graceDays: options.graceDays ?? null,
      assignments: (options.assignments ?? []).map((a) => ({ ...a, kind: null })),
    },
    admin.user.id,
  );
  if (created.outcome !== "created") throw new Error(created.outcome);
  return { id: created.campaignId, year };
}

/** An organisation funded in the campaign year, with contacts in the given roles. */
async function fundedOrganisation(
  year: number,
  options: {
    kind?: OrganisationKind;
    channel?: FundingChannel;
    contacts?: { role: ContactRole; language: "fr" | "nl" }[];
  } = {},
) {
  const organisation = await createOrganisation(options.kind ?? "NON_PROFIT");
  await createFunding(organisation.id, {
    channel: options.channel ?? "ASBL_CALL",
    startYear: year,
    measures: [["2.1", "PRIMARY"]],
  });
  const users = [];
  for (const [i, contact] of (options.contacts ?? [{ role: "MAIN", language: "fr" }]).entries()) {
    users.push(
      await prisma.user.create({
        data: {
          email: `contact-${organisation.slug}-${i}@example.org`,
          displayName: `Contact ${i}`,
          preferredLanguage: contact.language,
          memberships: { create: { organisationId: organisation.id, reportRole: contact.role } },
        },
      }),
    );
  }
  return { organisation, users, current: await asCurrent(users[0]!.id) };
}

const returnOf = (campaignId: string, organisationId: string) =>
  prisma.annualReturn.findUniqueOrThrow({
    where: { campaignId_organisationId: { campaignId, organisationId } },
  });

const submit = (current: CurrentUser, returnId: string) =>
  submitReturn({
    current,
    returnId,
    submissionKey: `key-${returnId}-${Math.random()}`,
    language: "fr",
    baseUrl: "http://127.0.0.1:3000",
  });

/** Moves the campaign's due date to `days` from today (negative: in the past). */
const dueIn = (campaignId: string, days: number, graceDays: number | null) =>
  prisma.campaign.update({
    where: { id: campaignId },
    data: { dueAt: atBrussels(addBrusselsDays(today(), days), "23:59"), graceDays },
  });

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

    expect(await openCampaign(campaign.id, reviewer)).toEqual({ outcome: "forbidden" });
    const opened = await openCampaign(campaign.id, admin);
    expect(opened).toMatchObject({ outcome: "opened" });
    if (opened.outcome !== "opened") return;
    expect(opened.createdReturns).toBeGreaterThan(0);
    const after = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(after.status).toBe("OPEN");
    expect(after.openedAt).not.toBeNull();
    expect((await returnOf(campaign.id, organisation.id)).templateId).toBe(defaultTemplateId);
    expect(
      await prisma.auditEvent.findMany({
        where: { action: "campaign.opened", targetId: campaign.id },
      }),
    ).toEqual([
      expect.objectContaining({
        actorUserId: admin.user.id,
        details: expect.objectContaining({ createdReturns: opened.createdReturns }),
      }),
    ]);
    // Opened once: opening again is a conflict, and changes nothing.
    expect(await openCampaign(campaign.id, admin)).toEqual({ outcome: "conflict", status: "OPEN" });
  });

  it("refuses before the opening day and after the due date", async () => {
    const early = await draftCampaign();
    await prisma.campaign.update({
      where: { id: early.id },
      data: { opensAt: atBrussels(addBrusselsDays(today(), 2), "00:00") },
    });
    expect(await openCampaign(early.id, admin)).toMatchObject({ outcome: "not-yet" });
    const late = await draftCampaign();
    await dueIn(late.id, -1, null);
    expect(await openCampaign(late.id, admin)).toEqual({ outcome: "due-passed" });
    expect(
      await prisma.campaign.count({ where: { id: { in: [early.id, late.id] }, status: "DRAFT" } }),
    ).toBe(2);
  });

  it("opened twice at once: one opening wins, the returns are generated once", async () => {
    const campaign = await draftCampaign();
    await fundedOrganisation(campaign.year);
    const outcomes = await Promise.all([
      openCampaign(campaign.id, admin),
      openCampaign(campaign.id, admin),
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
    await openCampaign(campaign.id, admin);
    const { id: returnId } = await returnOf(campaign.id, organisation.id);
    await fillReturn(current, returnId);

    expect(await closeCampaign(campaign.id, reviewer)).toEqual({ outcome: "forbidden" });
    expect(await closeCampaign(campaign.id, admin)).toMatchObject({ outcome: "closed" });
    expect(await closeCampaign(campaign.id, admin)).toEqual({
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
            templateId: defaultTemplateId,
          },
          admin,
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
    await openCampaign(campaign.id, admin);
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

describe("extensions", () => {
  it("need a reason and a later date; only that partner's contacts are told; lateness counts from the new date", async () => {
    const campaign = await draftCampaign({ graceDays: 1 });
    const extended = await fundedOrganisation(campaign.year, {
      contacts: [
        { role: "MAIN", language: "fr" },
        { role: "BACKUP", language: "nl" },
        { role: "NONE", language: "fr" },
      ],
    });
    const other = await fundedOrganisation(campaign.year);
    await openCampaign(campaign.id, admin);
    const extendedReturn = await returnOf(campaign.id, extended.organisation.id);
    const otherReturn = await returnOf(campaign.id, other.organisation.id);
    await fillReturn(extended.current, extendedReturn.id);
    await fillReturn(other.current, otherReturn.id);
    // Due three days ago with one day of grace: both are past it.
    await dueIn(campaign.id, -3, 1);
    const newDay = addBrusselsDays(today(), 10);
    const grant = (dueDay: string, reason: string, actor = admin) =>
      grantExtension({ returnId: extendedReturn.id, dueDay, reason }, actor, {
        baseUrl: "http://127.0.0.1:3000",
      });

    expect(await grant(newDay, "   ")).toEqual({ outcome: "reason-required" });
    expect(await grant(addBrusselsDays(today(), -3), "Absence de la coordinatrice")).toEqual({
      outcome: "date-too-early",
    });
    expect(await grant(newDay, "Absence de la coordinatrice", reviewer)).toEqual({
      outcome: "forbidden",
    });
    const outboxBefore = await prisma.outboxEmail.count();
    expect(await grant(newDay, "Absence de la coordinatrice")).toMatchObject({
      outcome: "granted",
      notified: 2,
    });
    const stored = await returnOf(campaign.id, extended.organisation.id);
    expect(stored.extendedDueAt).toEqual(atBrussels(newDay, "23:59"));
    expect(stored.extensionReason).toBe("Absence de la coordinatrice");
    expect(stored.extensionGrantedById).toBe(admin.user.id);

    // The main and backup contacts of that organisation, each in their language; nobody else.
    const emails = await prisma.outboxEmail.findMany({
      where: { purpose: "extension-granted" },
      orderBy: { toEmail: "asc" },
    });
    expect(await prisma.outboxEmail.count()).toBe(outboxBefore + 2);
    expect(emails.map((e) => [e.toEmail, e.language])).toEqual([
      [extended.users[0]!.email, "fr"],
      [extended.users[1]!.email, "nl"],
    ]);
    expect(emails.every((e) => e.dedupeKey.includes(newDay))).toBe(true);
    // Each in its language, with the new date; the reason stays with staff.
    const nl = await renderEmail("extension-granted", "nl", emails[1]!.payload);
    expect(nl.subject).toContain(extended.organisation.nameNl);
    expect(nl.text).toContain(formatDate(atBrussels(newDay, "23:59"), "nl"));
    expect(nl.text).not.toContain("coordinatrice");
    // Audited without the reason's words.
    const audit = await prisma.auditEvent.findMany({
      where: { action: "return.extension-granted", targetId: extendedReturn.id },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        actorUserId: admin.user.id,
        details: expect.objectContaining({ dueDay: newDay }),
      }),
    ]);
    expect(JSON.stringify(audit[0]!.details)).not.toContain("coordinatrice");

    // The partner's pages show the date that applies to them.
    const header = returnHeader((await findReturnById(extendedReturn.id))!, "nl");
    expect([header.dueAt, header.extended, header.marker]).toEqual([
      atBrussels(newDay, "23:59"),
      true,
      null,
    ]);
    // The extended partner sends on time by its own date; the other is past its grace period.
    expect((await submit(other.current, otherReturn.id)).outcome).toBe("past-grace");
    expect((await submit(extended.current, extendedReturn.id)).outcome).toBe("submitted");
    const submission = await prisma.submission.findFirstOrThrow({
      where: { returnId: extendedReturn.id },
    });
    expect(submission.late).toBe(false);
    // A sent return needs no more time; withdrawing what was never granted is refused.
    expect(await grant(addBrusselsDays(today(), 12), "Encore")).toEqual({
      outcome: "already-sent",
    });
    expect(await withdrawExtension(otherReturn.id, admin)).toEqual({ outcome: "no-extension" });
  });

  it("withdrawn, the campaign's date applies again and only that partner's contacts are told, once", async () => {
    const campaign = await draftCampaign({ graceDays: 1 });
    const partner = await fundedOrganisation(campaign.year, {
      contacts: [
        { role: "MAIN", language: "fr" },
        { role: "BACKUP", language: "nl" },
        { role: "NONE", language: "fr" },
      ],
    });
    const other = await fundedOrganisation(campaign.year);
    const unextended = await fundedOrganisation(campaign.year);
    await openCampaign(campaign.id, admin);
    const { id: returnId } = await returnOf(campaign.id, partner.organisation.id);
    const { id: otherReturnId } = await returnOf(campaign.id, other.organisation.id);
    await fillReturn(partner.current, returnId);
    await dueIn(campaign.id, -3, 1);
    const { dueAt } = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    const extendedDay = addBrusselsDays(today(), 5);
    const grant = (id: string, dueDay = extendedDay) =>
      grantExtension({ returnId: id, dueDay, reason: "Incident informatique" }, admin, {
        baseUrl: "http://127.0.0.1:3000",
      });
    const withdraw = (id: string, actor = admin, campaignId?: string) =>
      withdrawExtension(id, actor, campaignId, { baseUrl: "http://127.0.0.1:3000" });
    const withdrawals = () =>
      prisma.outboxEmail.findMany({
        where: { purpose: "extension-withdrawn", template: "extension-withdrawn" },
        orderBy: { toEmail: "asc" },
      });
    expect((await grant(returnId)).outcome).toBe("granted");
    expect((await grant(otherReturnId)).outcome).toBe("granted");

    // Refused: not staff who manage campaigns, not this page's campaign, nothing to withdraw.
    const outboxBefore = await prisma.outboxEmail.count();
    expect(await withdraw(returnId, reviewer)).toEqual({ outcome: "forbidden" });
    expect(await withdraw(returnId, admin, (await draftCampaign()).id)).toEqual({
      outcome: "not-found",
    });
    const unextendedReturn = await returnOf(campaign.id, unextended.organisation.id);
    expect(await withdraw(unextendedReturn.id)).toEqual({ outcome: "no-extension" });
    expect(await prisma.outboxEmail.count()).toBe(outboxBefore);

    expect(await withdraw(returnId)).toEqual({ outcome: "withdrawn", notified: 2 });
    const stored = await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } });
    expect([stored.extendedDueAt, stored.extensionReason]).toEqual([null, null]);
    expect((await submit(partner.current, returnId)).outcome).toBe("past-grace");
    expect(
      await prisma.auditEvent.count({
        where: { action: "return.extension-withdrawn", targetId: returnId },
      }),
    ).toBe(1);

    // The main and backup contacts of that organisation, each in their language; nobody else.
    const emails = await withdrawals();
    expect(await prisma.outboxEmail.count()).toBe(outboxBefore + 2);
    expect(emails.map((e) => [e.toEmail, e.language])).toEqual([
      [partner.users[0]!.email, "fr"],
      [partner.users[1]!.email, "nl"],
    ]);
    expect(emails.every((e) => e.dedupeKey.includes(`${returnId}:${extendedDay}`))).toBe(true);
    for (const [email, lang] of [
      [emails[0]!, "fr"],
      [emails[1]!, "nl"],
    ] as const) {
      const rendered = await renderEmail("extension-withdrawn", lang, email.payload);
      const names = partner.organisation;
      expect(rendered.subject).toContain(lang === "nl" ? names.nameNl : names.nameFr);
      // The campaign's own date, written as the granted email writes it; past its grace period.
      expect(rendered.text).toContain(formatDate(dueAt, lang));
      expect(rendered.text).not.toContain(formatDate(atBrussels(extendedDay, "23:59"), lang));
      expect(rendered.text).toContain(
        lang === "nl" ? `Verslag ${campaign.year}` : `Rapport ${campaign.year}`,
      );
      expect(rendered.text).toContain(
        lang === "nl" ? "kan niet meer ingediend worden" : "ne peut plus être envoyé",
      );
      expect(rendered.html).toContain(`http://127.0.0.1:3000/${lang}/partner/returns/${returnId}`);
      // The reason stays with staff; every string found.
      expect(rendered.text).not.toContain("Incident");
      expect(rendered.text).not.toMatch(/extensionWithdrawn\.|\{\{/);
    }

    // The same withdrawal is told once: withdrawn again, or granted and withdrawn again.
    expect(await withdraw(returnId)).toEqual({ outcome: "no-extension" });
    expect((await grant(returnId)).outcome).toBe("granted");
    expect(await withdraw(returnId)).toEqual({ outcome: "withdrawn", notified: 2 });
    expect(await withdrawals()).toHaveLength(2);

    // A closed campaign's extensions stay: nothing changes, nobody is told.
    expect(await closeCampaign(campaign.id, admin)).toMatchObject({ outcome: "closed" });
    const beforeClosed = await prisma.outboxEmail.count();
    expect(await withdraw(otherReturnId)).toEqual({ outcome: "not-open" });
    expect(await prisma.outboxEmail.count()).toBe(beforeClosed);
    expect(
      (await prisma.outboxEmail.findMany({ where: { toEmail: other.users[0]!.email } })).map(
        (e) => e.template,
      ),
    ).not.toContain("extension-withdrawn");
  });

  it("withdrawn, tells whether the return is due, late until closing, late within its grace period, or sent", async () => {
    const campaign = await draftCampaign();
    const partner = await fundedOrganisation(campaign.year, {
      contacts: [{ role: "MAIN", language: "nl" }],
    });
    await openCampaign(campaign.id, admin);
    const { id: returnId } = await returnOf(campaign.id, partner.organisation.id);
    await fillReturn(partner.current, returnId);
    const grantAndWithdraw = async (days: number) => {
      const dueDay = addBrusselsDays(today(), days);
      const granted = await grantExtension({ returnId, dueDay, reason: "Motif" }, admin, {
        baseUrl: "http://127.0.0.1:3000",
      });
      expect(granted.outcome).toBe("granted");
      expect(await withdrawExtension(returnId, admin)).toEqual({
        outcome: "withdrawn",
        notified: 1,
      });
      const email = await prisma.outboxEmail.findFirstOrThrow({
        where: {
          template: "extension-withdrawn",
          dedupeKey: { contains: `${returnId}:${dueDay}` },
        },
      });
      return {
        payload: email.payload as { standing: string; dueDate: string },
        text: (await renderEmail("extension-withdrawn", "nl", email.payload)).text,
      };
    };
    const campaignDue = async () =>
      (await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).dueAt;

    // Still due: the campaign's date is ahead.
    const due = await grantAndWithdraw(40);
    expect(due.payload.standing).toBe("due");
    expect(due.text).toContain(
      `U kunt het indienen tot en met ${formatDate(await campaignDue(), "nl")}.`,
    );

    // Past due, no grace period: late, taken until the campaign closes.
    await dueIn(campaign.id, -2, null);
    const late = await grantAndWithdraw(41);
    expect(late.payload.standing).toBe("late");
    expect(late.text).toContain(formatDate(await campaignDue(), "nl"));
    expect(late.text).toContain("tot de campagne wordt afgesloten");

    // Past due, within three days of grace: late, taken until the grace period's last day.
    await dueIn(campaign.id, -1, 3);
    const within = await grantAndWithdraw(42);
    expect(within.payload).toMatchObject({
      standing: "lateUntil",
      acceptedUntil: formatDate(atBrussels(addBrusselsDays(today(), 2), "23:59"), "nl"),
    });
    expect(within.text).toContain(
      `tot en met ${formatDate(atBrussels(addBrusselsDays(today(), 2), "23:59"), "nl")}`,
    );

    // Sent (within its extension): nothing more is asked of the partner.
    await grantExtension(
      { returnId, dueDay: addBrusselsDays(today(), 43), reason: "Motif" },
      admin,
    );
    expect((await submit(partner.current, returnId)).outcome).toBe("submitted");
    expect(await withdrawExtension(returnId, admin)).toMatchObject({ outcome: "withdrawn" });
    const sent = await prisma.outboxEmail.findFirstOrThrow({
      where: {
        template: "extension-withdrawn",
        dedupeKey: { contains: `${returnId}:${addBrusselsDays(today(), 43)}` },
      },
    });
    expect(sent.payload).toMatchObject({ standing: "sent" });
    expect((await renderEmail("extension-withdrawn", "fr", sent.payload)).text).toContain(
      "Le rapport a déjà été envoyé",
    );
  });
});

describe("a questionnaire per funding channel", () => {
  it("gives an ASBL_CALL-funded organisation the assigned template and a commune the default", async () => {
    const base = await prisma.questionnaireTemplate.findUniqueOrThrow({
      where: { id: defaultTemplateId },
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
    await openCampaign(campaign.id, admin);
    expect((await returnOf(campaign.id, asbl.organisation.id)).templateId).toBe(asblTemplate.id);
    expect((await returnOf(campaign.id, commune.organisation.id)).templateId).toBe(
      defaultTemplateId,
    );

    // Generated returns keep their template: ASBL_CALL's assignment is fixed now, another
    // channel's is not.
    const settings = {
      titleFr: `Rapport ${campaign.year}`,
      titleNl: `Verslag ${campaign.year}`,
      opensAt: addBrusselsDays(today(), -1),
      dueAt: addBrusselsDays(today(), 30),
      templateId: defaultTemplateId,
    };
    expect(
      await updateCampaignSettings(campaign.id, { ...settings, assignments: [] }, admin),
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
      admin,
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
    const cookie = `${sessionCookie.name}=${await writeSession(prisma, admin.user.id)}`;
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

  it("withdraws an extension and says how many contacts were told", async () => {
    const campaign = await draftCampaign();
    const partner = await fundedOrganisation(campaign.year, {
      contacts: [
        { role: "MAIN", language: "fr" },
        { role: "BACKUP", language: "fr" },
      ],
    });
    await openCampaign(campaign.id, admin);
    const { id: returnId } = await returnOf(campaign.id, partner.organisation.id);
    const dueDay = addBrusselsDays(today(), 40);
    expect((await grantExtension({ returnId, dueDay, reason: "Motif" }, admin)).outcome).toBe(
      "granted",
    );
    const cookie = `${sessionCookie.name}=${await writeSession(prisma, admin.user.id)}`;
    const body = new FormData();
    body.set("intent", "withdraw-extension");
    body.set("returnId", returnId);
    const request = new Request(`http://127.0.0.1:3000/nl/staff/campaigns/${campaign.id}`, {
      method: "POST",
      body,
      headers: { cookie, origin: "http://127.0.0.1:3000" },
    });
    const answer = (await campaignPageAction({
      request,
      params: { lang: "nl", campaignId: campaign.id },
      context: {},
    } as never).catch((thrown: unknown) => thrown)) as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toContain("done=withdrawn&count=2");
    expect(
      await prisma.outboxEmail.count({
        where: { template: "extension-withdrawn", dedupeKey: { contains: returnId } },
      }),
    ).toBe(2);
  });
});
