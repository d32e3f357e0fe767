// A reminder run against the database (reminders/run.server.ts), on PGlite and PostgreSQL: it
// records each message once with its email in the outbox, in each contact's language; a second
// run, or two runs at once, add nothing; a dry run writes nothing; "send now" reaches the late
// partners once a day and restarts their countdown.
import { beforeAll, describe, expect, it } from "vitest";
import { createPartnerUser, createStaffUser } from "../fixtures/factories";
import { createCampaign, createFundedPartner } from "../fixtures/returns";
import { seedReferenceData } from "../../prisma/seed/load";
import { createDefaultReminderRules } from "~/modules/campaigns/reminder-rules.server";
import { renderEmail } from "~/modules/mail/templates.server";
import { runReminders } from "~/modules/reminders/run.server";
import { sendNow } from "~/modules/reminders/send-now.server";
import { atBrussels } from "~/modules/returns/deadlines";
import { prisma } from "~/utils/db.server";

// createCampaign(2024): opens 15 January 2025, due 31 March 2025 (23:59 Brussels).
let campaignId: string;
let fr: Awaited<ReturnType<typeof createFundedPartner>>;
let nl: Awaited<ReturnType<typeof createFundedPartner>>;
let colleagueNl: { email: string };
let sent: Awaited<ReturnType<typeof createFundedPartner>>;

const counts = async () => ({
  dispatches: await prisma.reminderDispatch.count(),
  outbox: await prisma.outboxEmail.count(),
});

beforeAll(async () => {
  await seedReferenceData(prisma);
  const campaign = await createCampaign(2024);
  campaignId = campaign.id;
  await prisma.campaign.update({
    where: { id: campaignId },
    data: { openedAt: atBrussels("2025-01-15", "10:00") },
  });
  await createDefaultReminderRules(prisma, campaignId);
  fr = await createFundedPartner(campaignId, { language: "fr" });
  // A second main contact of the same organisation, who reads Dutch.
  colleagueNl = await createPartnerUser([fr.organisation.id], "nl");
  nl = await createFundedPartner(campaignId, { language: "nl" });
  sent = await createFundedPartner(campaignId, { language: "fr" });
  await prisma.annualReturn.update({
    where: { id: sent.returnId },
    data: { status: "SUBMITTED", submittedAt: atBrussels("2025-01-20", "11:00") },
  });
  // Generated when the campaign opened.
  await prisma.annualReturn.updateMany({
    where: { campaignId },
    data: { createdAt: atBrussels("2025-01-15", "10:00") },
  });
  // A reviewer, so a waiting review has someone to tell.
  await createStaffUser("REVIEWER");
}, 120_000);

describe("a reminder run", () => {
  it("sends the invitations once, in each contact's language, to returns still to send", async () => {
    const now = atBrussels("2025-01-15", "10:05");
    const first = await runReminders({ now });
    expect(first.lines.map((l) => [l.kind, l.recipient, l.language, l.status]).sort()).toEqual(
      [
        ["INVITATION", fr.user.email, "fr", "QUEUED"],
        ["INVITATION", colleagueNl.email, "nl", "QUEUED"],
        ["INVITATION", nl.user.email, "nl", "QUEUED"],
      ].sort(),
    );
    expect(await counts()).toEqual({ dispatches: 3, outbox: 3 });

    const again = await runReminders({ now: atBrussels("2025-01-15", "11:00") });
    expect(again).toEqual({ lines: [], queued: 0, skipped: 0 });
    expect(await counts()).toEqual({ dispatches: 3, outbox: 3 });

    const emails = await prisma.outboxEmail.findMany({ orderBy: { toEmail: "asc" } });
    for (const email of emails) {
      expect(email.purpose).toBe("reminder");
      expect(email.template).toBe("invitation");
      const rendered = await renderEmail(email.template, email.language, email.payload);
      const returnId = email.toEmail === nl.user.email ? nl.returnId : fr.returnId;
      // The return's page, in the recipient's language; never a token that signs in.
      const link = `http://localhost:3000/${email.language}/partner/returns/${returnId}`;
      expect(rendered.text).toContain(link);
      expect(rendered.html).not.toMatch(/token|magic/i);
      expect(rendered.text).toContain(email.language === "nl" ? "31 maart 2025" : "31 mars 2025");
      expect(rendered.text).toMatch(email.language === "nl" ? /van [1-9]\d*\./ : /sur [1-9]\d*\./);
    }
  });

  it("previews with a dry run exactly what the run then sends, writing nothing", async () => {
    const now = atBrussels("2025-03-17", "09:30");
    const before = await counts();
    const preview = await runReminders({ now, dryRun: true });
    expect(await counts()).toEqual(before);
    expect(preview.queued).toBe(3);
    expect(new Set(preview.lines.map((l) => l.kind))).toEqual(new Set(["BEFORE_DUE"]));
    const run = await runReminders({ now });
    expect(run.lines).toEqual(preview.lines);
    expect(await counts()).toEqual({
      dispatches: before.dispatches + 3,
      outbox: before.outbox + 3,
    });
  });

  it("sends each message exactly once when two runners run at the same moment", async () => {
    const now = atBrussels("2025-03-28", "09:01");
    const before = await counts();
    const [a, b, c] = await Promise.all([
      runReminders({ now }),
      runReminders({ now }),
      runReminders({ now }),
    ]);
    expect(a.queued + b.queued + c.queued).toBe(3);
    expect(await counts()).toEqual({
      dispatches: before.dispatches + 3,
      outbox: before.outbox + 3,
    });
    const today = await prisma.reminderDispatch.groupBy({
      by: ["recipient"],
      where: { day: "2025-03-28" },
      _count: true,
    });
    expect(today.every((row) => row._count === 1)).toBe(true);
  });

  it("tells staff about a review waiting, and nothing to the partner who sent it", async () => {
    // Sent on 20 January: 14 days later, 3 February.
    const run = await runReminders({ now: atBrussels("2025-02-03", "09:00"), dryRun: true });
    const aboutSent = run.lines.filter((l) => l.returnId === sent.returnId);
    expect(aboutSent.map((l) => l.kind)).toEqual(["REVIEW_WAITING"]);
    expect(aboutSent[0]!.recipient).toMatch(/^staff-/);
  });

  it("sends now to the late partners once a day, and skips the rule reminder that follows", async () => {
    const staff = await createStaffUser("ADMIN");
    const now = atBrussels("2025-04-04", "15:00");
    const first = await sendNow({ campaignId, returnIds: "late", actorUserId: staff.id, now });
    expect(first.outcome).toBe("sent");
    if (first.outcome !== "sent") return;
    expect(first.lines.map((l) => [l.kind, l.recipient, l.status]).sort()).toEqual(
      [
        ["AFTER_DUE", fr.user.email, "QUEUED"],
        ["AFTER_DUE", colleagueNl.email, "QUEUED"],
        ["AFTER_DUE", nl.user.email, "QUEUED"],
      ].sort(),
    );
    const again = await sendNow({
      campaignId,
      returnIds: [fr.returnId],
      actorUserId: staff.id,
      now: atBrussels("2025-04-04", "16:00"),
    });
    expect(again).toMatchObject({ outcome: "sent", queued: 0 });
    // "7 days after" falls on 7 April, within 3 days: recorded as skipped, not sent.
    const rule = await runReminders({ now: atBrussels("2025-04-07", "09:00") });
    expect(rule.lines.map((l) => [l.kind, l.status, l.skipReason])).toEqual([
      ["AFTER_DUE", "SKIPPED", "recently-reminded"],
      ["AFTER_DUE", "SKIPPED", "recently-reminded"],
      ["AFTER_DUE", "SKIPPED", "recently-reminded"],
    ]);
    const audit = await prisma.auditEvent.findMany({ where: { action: "reminders.sent-now" } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain("@");
  });

  it("refuses a return of another campaign and writes nothing in a closed campaign", async () => {
    const staff = await createStaffUser("ADMIN");
    const now = atBrussels("2025-04-08", "10:00");
    expect(await sendNow({ campaignId, returnIds: ["nope"], actorUserId: staff.id, now })).toEqual({
      outcome: "not-found",
    });
    await prisma.campaign.update({ where: { id: campaignId }, data: { status: "CLOSED" } });
    try {
      const before = await counts();
      expect(await runReminders({ now: atBrussels("2025-04-14", "09:00") })).toMatchObject({
        queued: 0,
      });
      expect(await sendNow({ campaignId, returnIds: "late", actorUserId: staff.id, now })).toEqual({
        outcome: "closed",
      });
      expect(await counts()).toEqual(before);
    } finally {
      await prisma.campaign.update({ where: { id: campaignId }, data: { status: "OPEN" } });
    }
  });
});
