import type { OutboxStatus } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

/** Staff view: delivery state only, never the payload (it may hold a login link). */
export async function listOutbox(status?: OutboxStatus) {
  const [rows, counts] = await Promise.all([
    prisma.outboxEmail.findMany({
      where: { status },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        purpose: true,
        toEmail: true,
        language: true,
        status: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        sentAt: true,
        createdAt: true,
      },
    }),
    prisma.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return {
    rows,
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<
      Record<OutboxStatus, number>
    >,
  };
}

/** Development mailbox: messages kept instead of sent (no SMTP_URL). */
export async function listDevMailbox() {
  return prisma.outboxEmail.findMany({
    where: { transport: "dev-mailbox" },
    orderBy: { sentAt: "desc" },
    take: 100,
    select: { id: true, toEmail: true, subject: true, sentAt: true, language: true },
  });
}

export async function getDevMailboxEmail(id: string) {
  return prisma.outboxEmail.findFirst({
    where: { id, transport: "dev-mailbox" },
    select: {
      id: true,
      toEmail: true,
      subject: true,
      bodyText: true,
      bodyHtml: true,
      sentAt: true,
    },
  });
}
