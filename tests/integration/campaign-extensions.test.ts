// Per-return extensions (campaigns/extensions.server.ts): granted with a reason and a later
// date, withdrawn; only that organisation's report contacts are told, once, in their language,
// with where the return then stands; lateness counts from the date that applies. Through the use
// cases and the campaign page's action.

import { describe, expect, it } from "vitest";

import { fillReturn } from "../fixtures/returns";

import { grantExtension, withdrawExtension } from "~/modules/campaigns/extensions.server";
import { closeCampaign, openCampaign } from "~/modules/campaigns/lifecycle.server";

import { addBrusselsDays, atBrussels } from "~/modules/returns/deadlines";

import { sessionCookie } from "~/modules/auth/cookies.server";
import { findReturnById } from "~/modules/returns/access.server";
import { returnHeader } from "~/modules/returns/view.server";
import { action as campaignPageAction } from "~/routes/staff/campaign";
import { formatDate } from "~/modules/i18n/format";
import { renderEmail } from "~/modules/mail/templates.server";
import { prisma } from "~/utils/db.server";
import { writeSession } from "../fixtures/sessions";
import { campaignWorld } from "../fixtures/campaign-world";

const { world, today, draftCampaign, fundedOrganisation, returnOf, submit, dueIn } =
  campaignWorld();

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
    await openCampaign(campaign.id, world.admin);
    const extendedReturn = await returnOf(campaign.id, extended.organisation.id);
    const otherReturn = await returnOf(campaign.id, other.organisation.id);
    await fillReturn(extended.current, extendedReturn.id);
    await fillReturn(other.current, otherReturn.id);
    // Due three days ago with one day of grace: both are past it.
    await dueIn(campaign.id, -3, 1);
    const newDay = addBrusselsDays(today(), 10);
    const grant = (dueDay: string, reason: string, actor = world.admin) =>
      grantExtension({ returnId: extendedReturn.id, dueDay, reason }, actor, {
        baseUrl: "http://127.0.0.1:3000",
      });

    expect(await grant(newDay, "   ")).toEqual({ outcome: "reason-required" });
    expect(await grant(addBrusselsDays(today(), -3), "Absence de la coordinatrice")).toEqual({
      outcome: "date-too-early",
    });
    expect(await grant(newDay, "Absence de la coordinatrice", world.reviewer)).toEqual({
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
    expect(stored.extensionGrantedById).toBe(world.admin.user.id);

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
        actorUserId: world.admin.user.id,
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
    expect(await withdrawExtension(otherReturn.id, world.admin)).toEqual({
      outcome: "no-extension",
    });
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
    await openCampaign(campaign.id, world.admin);
    const { id: returnId } = await returnOf(campaign.id, partner.organisation.id);
    const { id: otherReturnId } = await returnOf(campaign.id, other.organisation.id);
    await fillReturn(partner.current, returnId);
    await dueIn(campaign.id, -3, 1);
    const { dueAt } = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    const extendedDay = addBrusselsDays(today(), 5);
    const grant = (id: string, dueDay = extendedDay) =>
      grantExtension({ returnId: id, dueDay, reason: "Incident informatique" }, world.admin, {
        baseUrl: "http://127.0.0.1:3000",
      });
    const withdraw = (id: string, actor = world.admin, campaignId?: string) =>
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
    expect(await withdraw(returnId, world.reviewer)).toEqual({ outcome: "forbidden" });
    expect(await withdraw(returnId, world.admin, (await draftCampaign()).id)).toEqual({
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
    expect(await closeCampaign(campaign.id, world.admin)).toMatchObject({ outcome: "closed" });
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
    await openCampaign(campaign.id, world.admin);
    const { id: returnId } = await returnOf(campaign.id, partner.organisation.id);
    await fillReturn(partner.current, returnId);
    const grantAndWithdraw = async (days: number) => {
      const dueDay = addBrusselsDays(today(), days);
      const granted = await grantExtension({ returnId, dueDay, reason: "Motif" }, world.admin, {
        baseUrl: "http://127.0.0.1:3000",
      });
      expect(granted.outcome).toBe("granted");
      expect(await withdrawExtension(returnId, world.admin)).toEqual({
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
      world.admin,
    );
    expect((await submit(partner.current, returnId)).outcome).toBe("submitted");
    expect(await withdrawExtension(returnId, world.admin)).toMatchObject({ outcome: "withdrawn" });
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

describe("the campaign page", () => {
  it("withdraws an extension and says how many contacts were told", async () => {
    const campaign = await draftCampaign();
    const partner = await fundedOrganisation(campaign.year, {
      contacts: [
        { role: "MAIN", language: "fr" },
        { role: "BACKUP", language: "fr" },
      ],
    });
    await openCampaign(campaign.id, world.admin);
    const { id: returnId } = await returnOf(campaign.id, partner.organisation.id);
    const dueDay = addBrusselsDays(today(), 40);
    expect((await grantExtension({ returnId, dueDay, reason: "Motif" }, world.admin)).outcome).toBe(
      "granted",
    );
    const cookie = `${sessionCookie.name}=${await writeSession(prisma, world.admin.user.id)}`;
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
