// Fault test (quality.md 2): the SMTP server goes down in the middle of a sending run and
// comes back later on the same address. Rows that could not go out stay pending (none dead,
// none lost); once the server is back, every message is delivered exactly once. A real SMTP
// server (smtp-server) is stopped and restarted; the worker is the real one.
import { afterAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../fixtures/smtp-sink";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { smtpTransport, type EmailTransport } from "~/modules/mail/transport.server";
import { deliverDueEmails } from "~/modules/mail/worker.server";
import { prisma } from "~/utils/db.server";

const COUNT = 30;
const recipients = Array.from({ length: COUNT }, (_, i) => `fault-${i}@example.org`);
const sinks: SmtpSink[] = [];

afterAll(async () => {
  await Promise.all(sinks.map((s) => s.close().catch(() => undefined)));
});

/** A pause of the clock: rows waiting for their retry time become due now. */
const timePasses = () =>
  prisma.outboxEmail.updateMany({
    where: { status: "PENDING" },
    data: { nextAttemptAt: new Date(Date.now() - 1000) },
  });

const statusCounts = async () => {
  const rows = await prisma.outboxEmail.groupBy({ by: ["status"], _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
};

describe("SMTP down during a sending run", () => {
  it("keeps the unsent rows pending and, once SMTP is back, sends each exactly once", async () => {
    const started = performance.now();
    for (const [i, to] of recipients.entries()) {
      await prisma.$transaction((tx) =>
        enqueueEmail(tx, {
          purpose: "login-link",
          dedupeKey: `fault-smtp:${i}`,
          template: "login-link",
          to,
          language: i % 2 ? "nl" : "fr",
          payload: { displayName: `Contact ${i}`, link: "http://127.0.0.1:3000/x", minutes: 15 },
          containsSecret: false,
        }),
      );
    }
    const first = await startSmtpSink();
    sinks.push(first);
    const port = first.port;
    const real = smtpTransport(first.url);
    // The server stops after the 7th message of the run, while the worker is still sending.
    let delivered = 0;
    const transport: EmailTransport = {
      name: "smtp",
      async send(email) {
        await real.send(email);
        if (++delivered === 7) await first.close();
      },
      close: () => real.close(),
    };
    const run1 = await deliverDueEmails(transport, { batchSize: COUNT });
    expect(run1).toEqual({ sent: 7, retried: COUNT - 7, dead: 0 });
    expect(await statusCounts()).toEqual({ SENT: 7, PENDING: COUNT - 7 });

    // Still down at the next retries: still pending, attempts counted, nothing dead.
    for (let i = 0; i < 2; i++) {
      await timePasses();
      const down = await deliverDueEmails(transport, { batchSize: COUNT });
      expect(down).toEqual({ sent: 0, retried: COUNT - 7, dead: 0 });
    }
    const waiting = await prisma.outboxEmail.findMany({ where: { status: "PENDING" } });
    expect(waiting.every((row) => row.attempts === 3 && row.lastError)).toBe(true);
    transport.close();

    // Back on the same address: everything left goes out, once.
    const second = await startSmtpSink(port);
    sinks.push(second);
    const back = smtpTransport(second.url);
    await timePasses();
    let runs = 0;
    for (;;) {
      const report = await deliverDueEmails(back, { batchSize: 10 });
      expect(report.dead).toBe(0);
      runs++;
      if (report.sent === 0) break;
    }
    back.close();
    expect(await statusCounts()).toEqual({ SENT: COUNT });
    const received = [...first.messages, ...second.messages].map(
      (m) => (m.to as { text: string }).text,
    );
    expect(received.sort()).toEqual([...recipients].sort());
    expect(new Set(received).size).toBe(COUNT);
    console.log(
      `SMTP down: ${COUNT} emails, ${first.messages.length} sent before the stop, ` +
        `${second.messages.length} after the restart in ${runs - 1} runs, 0 dead, 0 twice ` +
        `(${Math.round(performance.now() - started)} ms)`,
    );
  });
});
