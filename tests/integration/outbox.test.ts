import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../fixtures/smtp-sink";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { smtpTransport } from "~/modules/mail/transport.server";
import { deliverDueEmails } from "~/modules/mail/worker.server";
import { prisma } from "~/utils/db.server";

const payload = (n: number) => ({
  displayName: `Contact ${n}`,
  link: `http://127.0.0.1:3000/fr/login/confirm?token=${"x".repeat(43)}`,
  minutes: 15,
});

async function enqueue(n: number, language: "fr" | "nl" = "fr", dedupeKey = `test:${n}`) {
  await prisma.$transaction((tx) =>
    enqueueEmail(tx, {
      purpose: "login-link",
      dedupeKey,
      template: "login-link",
      to: `contact${n}@example.org`,
      language,
      payload: payload(n),
      containsSecret: true,
    }),
  );
}

describe("outbox worker against a real SMTP server", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it("delivers in the recipient's language and keeps no secret afterwards", async () => {
    await enqueue(1, "nl");
    const transport = smtpTransport(sink.url);
    const report = await deliverDueEmails(transport);
    transport.close();
    expect(report).toEqual({ sent: 1, retried: 0, dead: 0 });
    const mail = sink.messages.find((m) => m.subject?.includes("aanmeldlink"));
    expect(mail?.text).toContain("Beste Contact 1");
    expect(mail?.html).toContain('lang="nl"');
    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: "test:1" } });
    expect(row.status).toBe("SENT");
    expect(JSON.stringify(row.payload)).not.toContain("token=");
    expect(row.bodyText).toBeNull();
  });

  it("enqueuing the same (purpose, subject, recipient, step) twice keeps one row", async () => {
    await enqueue(2, "fr", "test:dedupe");
    await enqueue(2, "fr", "test:dedupe");
    expect(await prisma.outboxEmail.count({ where: { dedupeKey: "test:dedupe" } })).toBe(1);
  });

  it("SMTP down: nothing lost; once back, each message goes out exactly once", async () => {
    await prisma.outboxEmail.updateMany({ where: { status: "PENDING" }, data: { status: "SENT" } });
    await enqueue(3);
    await enqueue(4);
    const down = await startSmtpSink();
    const downUrl = down.url;
    await down.close(); // the port is now closed: connection refused
    const deadTransport = smtpTransport(downUrl);
    const first = await deliverDueEmails(deadTransport);
    deadTransport.close();
    expect(first).toEqual({ sent: 0, retried: 2, dead: 0 });
    const pending = await prisma.outboxEmail.findMany({
      where: { dedupeKey: { in: ["test:3", "test:4"] } },
    });
    for (const row of pending) {
      expect(row.status).toBe("PENDING");
      expect(row.attempts).toBe(1);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    }
    // Not due yet: a run now sends nothing.
    const transport = smtpTransport(sink.url);
    expect((await deliverDueEmails(transport)).sent).toBe(0);
    await prisma.outboxEmail.updateMany({
      where: { dedupeKey: { in: ["test:3", "test:4"] } },
      data: { nextAttemptAt: new Date(Date.now() - 1000) },
    });
    const before = sink.messages.length;
    expect((await deliverDueEmails(transport)).sent).toBe(2);
    expect((await deliverDueEmails(transport)).sent).toBe(0);
    transport.close();
    const received = sink.messages.slice(before).map((m) => (m.to as { text: string }).text);
    expect(received.sort()).toEqual(["contact3@example.org", "contact4@example.org"]);
  });

  it("a crashed worker's claimed rows come back when their lease ends", async () => {
    await enqueue(5);
    await prisma.outboxEmail.update({
      where: { dedupeKey: "test:5" },
      data: { status: "SENDING", leaseUntil: new Date(Date.now() - 1000), attempts: 1 },
    });
    const transport = smtpTransport(sink.url);
    expect((await deliverDueEmails(transport)).sent).toBe(1);
    transport.close();
  });

  it("a permanent refusal ends as a dead letter, visible and audited", async () => {
    await enqueue(6);
    sink.rejectAll = true;
    const transport = smtpTransport(sink.url);
    const report = await deliverDueEmails(transport);
    transport.close();
    sink.rejectAll = false;
    expect(report.dead).toBe(1);
    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: "test:6" } });
    expect(row.status).toBe("DEAD");
    expect(row.lastError).toContain("550");
    expect(
      await prisma.auditEvent.count({ where: { action: "outbox.dead", targetId: row.id } }),
    ).toBe(1);
  });

  it("gives up after the maximum number of temporary failures", async () => {
    await enqueue(7);
    const down = await startSmtpSink();
    const url = down.url;
    await down.close();
    const transport = smtpTransport(url);
    await prisma.outboxEmail.update({ where: { dedupeKey: "test:7" }, data: { attempts: 7 } });
    const report = await deliverDueEmails(transport, { maxAttempts: 8 });
    transport.close();
    expect(report.dead).toBe(1);
  });
});
