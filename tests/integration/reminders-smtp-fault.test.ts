// Fault test 2 (quality.md): SMTP goes down in the middle of a reminder run's delivery. The
// reminders stay pending in the outbox (none lost, none dead), the next reminder runs queue
// nothing again, and once the server is back on the same address each partner gets its
// invitation exactly once. Real SMTP server (smtp-server), real outbox worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../fixtures/smtp-sink";
import { createCampaign, createFundedPartner } from "../fixtures/returns";
import { seedReferenceData } from "../../prisma/seed/load";
import { createDefaultReminderRules } from "~/modules/campaigns/reminder-rules.server";
import { smtpTransport, type EmailTransport } from "~/modules/mail/transport.server";
import { deliverDueEmails } from "~/modules/mail/worker.server";
import { runReminders } from "~/modules/reminders/run.server";
import { atBrussels } from "~/modules/returns/deadlines";
import { prisma } from "~/utils/db.server";

const PARTNERS = 8;
const sinks: SmtpSink[] = [];
const recipients: string[] = [];
let campaignId: string;

beforeAll(async () => {
  await seedReferenceData(prisma);
  campaignId = (await createCampaign(2024)).id;
  await createDefaultReminderRules(prisma, campaignId);
  for (let i = 0; i < PARTNERS; i++) {
    const partner = await createFundedPartner(campaignId, { language: i % 2 ? "nl" : "fr" });
    recipients.push(partner.user.email);
  }
  // Generated at the opening, as opening a campaign does.
  await prisma.annualReturn.updateMany({
    where: { campaignId },
    data: { createdAt: atBrussels("2025-01-15", "08:00") },
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(sinks.map((s) => s.close().catch(() => undefined)));
});

/** The retry time comes: rows waiting for their next attempt are due now. */
const timePasses = () =>
  prisma.outboxEmail.updateMany({
    where: { status: "PENDING" },
    data: { nextAttemptAt: new Date(Date.now() - 1000) },
  });

const statusCounts = async () => {
  const rows = await prisma.outboxEmail.groupBy({ by: ["status"], _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
};

describe("SMTP down during a reminder run", () => {
  it("loses nothing and sends nothing twice once SMTP is back", async () => {
    const opening = atBrussels("2025-01-15", "09:00");
    const run = await runReminders({ now: opening });
    expect(run.queued).toBe(PARTNERS);

    const first = await startSmtpSink();
    sinks.push(first);
    const real = smtpTransport(first.url);
    let delivered = 0;
    // The server stops after the third message, while the worker is still sending.
    const flaky: EmailTransport = {
      name: "smtp",
      async send(email) {
        await real.send(email);
        if (++delivered === 3) await first.close();
      },
      close: () => real.close(),
    };
    expect(await deliverDueEmails(flaky, { batchSize: 50 })).toEqual({
      sent: 3,
      retried: PARTNERS - 3,
      dead: 0,
    });

    // Still down: the job runner ticks again (reminders and outbox); nothing new is queued,
    // nothing is lost.
    for (const minutes of [1, 2]) {
      const again = await runReminders({ now: new Date(opening.getTime() + minutes * 60_000) });
      expect(again.queued).toBe(0);
      await timePasses();
      expect(await deliverDueEmails(flaky, { batchSize: 50 })).toEqual({
        sent: 0,
        retried: PARTNERS - 3,
        dead: 0,
      });
    }
    expect(await statusCounts()).toEqual({ SENT: 3, PENDING: PARTNERS - 3 });
    flaky.close();

    const second = await startSmtpSink(first.port);
    sinks.push(second);
    const back = smtpTransport(second.url);
    await timePasses();
    for (;;) {
      const report = await deliverDueEmails(back, { batchSize: 2 });
      expect(report.dead).toBe(0);
      if (report.sent === 0) break;
    }
    back.close();
    expect(await runReminders({ now: new Date(opening.getTime() + 5 * 60_000) })).toMatchObject({
      queued: 0,
    });
    expect(await statusCounts()).toEqual({ SENT: PARTNERS });
    const received = [...first.messages, ...second.messages].map(
      (m) => (m.to as { text: string }).text,
    );
    expect(received.sort()).toEqual([...recipients].sort());
    // Each in its recipient's language.
    const subjects = [...first.messages, ...second.messages].map((m) => m.subject ?? "");
    expect(subjects.filter((s) => s.includes("jaarverslag is geopend"))).toHaveLength(PARTNERS / 2);
    expect(subjects.filter((s) => s.includes("rapport annuel est ouvert"))).toHaveLength(
      PARTNERS / 2,
    );
  });
});
