import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { renderEmail } from "./templates.server";
import { devMailboxTransport, smtpTransport, type EmailTransport } from "./transport.server";

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_CAP_MS = 60 * 60 * 1000;

/** Capped exponential backoff with jitter (between half and all of the step). */
export function backoffMs(attempt: number, random = Math.random()) {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + random * 0.5));
}

interface ClaimedRow {
  id: string;
  template: string;
  language: "fr" | "nl";
  payload: Prisma.JsonValue;
  toEmail: string;
  attempts: number;
}

/** Claims due rows with a lease; rows of a crashed worker come back when their lease ends. */
async function claimDue(limit: number): Promise<ClaimedRow[]> {
  return prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "OutboxEmail"
       SET "status" = 'SENDING'::"OutboxStatus",
           "leaseUntil" = now() + make_interval(secs => ${LEASE_SECONDS}),
           "attempts" = "attempts" + 1
     WHERE "id" IN (
       SELECT "id" FROM "OutboxEmail"
        WHERE ("status" = 'PENDING'::"OutboxStatus" AND "nextAttemptAt" <= now())
           OR ("status" = 'SENDING'::"OutboxStatus" AND "leaseUntil" < now())
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING "id", "template", "language"::text AS "language", "payload", "toEmail", "attempts"`;
}

function isPermanentFailure(error: unknown) {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

function describe(error: unknown) {
  const e = error as { code?: string; responseCode?: number; message?: string };
  // Never the payload: it may contain a login link.
  return [e.code, e.responseCode, e.message?.slice(0, 200)].filter(Boolean).join(" ");
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  dead: number;
}

export async function deliverDueEmails(
  transport: EmailTransport,
  options: { batchSize?: number; maxAttempts?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, dead: 0 };
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const rows = await claimDue(options.batchSize ?? 20);
  for (const row of rows) {
    const payload = (row.payload ?? {}) as Record<string, unknown>;
    const { __secret: containsSecret, ...templatePayload } = payload;
    try {
      const rendered = await renderEmail(row.template, row.language, templatePayload);
      await transport.send({
        from: env.mailFrom,
        to: row.toEmail,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
      });
      const keepCopy = transport.name === "dev-mailbox";
      await prisma.outboxEmail.update({
        where: { id: row.id },
        data: {
          status: "SENT",
          sentAt: new Date(),
          leaseUntil: null,
          lastError: null,
          transport: transport.name,
          subject: rendered.subject,
          bodyHtml: keepCopy ? rendered.html : null,
          bodyText: keepCopy ? rendered.text : null,
          ...(containsSecret && !keepCopy ? { payload: { redacted: true } } : {}),
        },
      });
      report.sent += 1;
    } catch (error) {
      const dead = isPermanentFailure(error) || row.attempts >= maxAttempts || isRenderError(error);
      await prisma.$transaction(async (tx) => {
        await tx.outboxEmail.update({
          where: { id: row.id },
          data: dead
            ? { status: "DEAD", leaseUntil: null, lastError: describe(error) }
            : {
                status: "PENDING",
                leaseUntil: null,
                lastError: describe(error),
                nextAttemptAt: new Date(Date.now() + backoffMs(row.attempts)),
              },
        });
        if (dead) {
          await tx.auditEvent.create({
            data: { action: "outbox.dead", targetType: "OutboxEmail", targetId: row.id },
          });
        }
      });
      if (dead) report.dead += 1;
      else report.retried += 1;
    }
  }
  return report;
}

function isRenderError(error: unknown) {
  return (
    error instanceof Error &&
    (error.name === "ZodError" || error.message.startsWith("Unknown email template"))
  );
}

export function transportFromEnv(): EmailTransport {
  return env.smtpUrl ? smtpTransport(env.smtpUrl) : devMailboxTransport();
}

/** Polls the outbox until stopped; runs never overlap. */
export function startOutboxWorker(transport = transportFromEnv(), intervalMs = env.outboxPollMs) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = deliverDueEmails(transport)
      .catch((error) => console.error("outbox worker:", describe(error)))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 50);
  return async function stop() {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    transport.close();
  };
}
