// Writes a run's messages: the dispatch rows and, for each one newly recorded as queued, its
// email in the outbox, set-based in the caller's transaction. The unique keys decide what is
// new: a row another runner wrote first is not written again, and its email not enqueued
// (INSERT ... ON CONFLICT DO NOTHING RETURNING), so a message goes out once however many
// runners run (ADR 0019).
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { env } from "~/utils/env.server";
import type { Tx } from "~/utils/db.server";
import { brusselsDay, brusselsDaysBetween, type BrusselsDay } from "~/modules/returns/deadlines";
import type { Facts, ReturnFacts } from "./facts.server";
import { progressOf } from "./facts.server";
import type { DueMessage } from "./schedule";

/** One line of a run's report (the CLI prints them; the staff page lists them). */
export interface RunLine {
  campaignId: string;
  campaignYear: number;
  returnId: string;
  /** In French (the CLI's lines); the Dutch name beside it for pages. */
  organisationName: string;
  organisationNameNl: string;
  kind: DueMessage["kind"];
  escalate: boolean;
  recipient: string;
  language: "fr" | "nl";
  day: BrusselsDay;
  status: DueMessage["status"];
  skipReason: DueMessage["skipReason"];
}

export function lineOf(facts: Facts, ret: ReturnFacts, message: DueMessage): RunLine {
  return {
    campaignId: facts.campaign.id,
    campaignYear: facts.campaign.year,
    returnId: ret.id,
    organisationName: ret.organisationNameFr,
    organisationNameNl: ret.organisationNameNl,
    kind: message.kind,
    escalate: message.escalate,
    recipient: message.recipient,
    language: message.language,
    day: message.day,
    status: message.status,
    skipReason: message.skipReason,
  };
}

const BATCH = 5_000;

interface InsertedDispatch {
  id: string;
  returnId: string;
  ruleKey: string;
  recipient: string;
}

/** Records the messages; returns those this call recorded (not another runner's). */
export async function writeMessages(
  tx: Tx,
  facts: Facts,
  messages: readonly { ret: ReturnFacts; message: DueMessage }[],
  now: Date,
) {
  const written: { ret: ReturnFacts; message: DueMessage }[] = [];
  for (let start = 0; start < messages.length; start += BATCH) {
    const batch = messages.slice(start, start + BATCH);
    const rows = batch.map(({ ret, message }) => ({
      id: randomUUID(),
      campaignId: facts.campaign.id,
      returnId: ret.id,
      ruleId: message.ruleId,
      ruleKey: message.ruleKey,
      kind: message.kind,
      recipient: message.recipient,
      recipientUserId: message.recipientUserId,
      day: message.day,
      status: message.status,
      skipReason: message.skipReason,
      outboxKey: message.status === "QUEUED" ? outboxKeyOf(facts, ret.id, message) : null,
      createdAt: now.toISOString(),
    }));
    // ON CONFLICT without a target also covers the partial "one a day" index.
    const inserted = await tx.$queryRaw<InsertedDispatch[]>`
      INSERT INTO "ReminderDispatch" ("id", "campaignId", "returnId", "ruleId", "ruleKey", "kind",
             "recipient", "recipientUserId", "day", "status", "skipReason", "outboxKey", "createdAt")
      SELECT x."id", x."campaignId", x."returnId", x."ruleId", x."ruleKey",
             x."kind"::"ReminderKind", x."recipient", x."recipientUserId", x."day",
             x."status"::"DispatchStatus", x."skipReason", x."outboxKey", x."createdAt"::timestamptz
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("id" text, "campaignId" text,
             "returnId" text, "ruleId" text, "ruleKey" text, "kind" text, "recipient" text,
             "recipientUserId" text, "day" text, "status" text, "skipReason" text,
             "outboxKey" text, "createdAt" text)
      ON CONFLICT DO NOTHING
      RETURNING "id", "returnId", "ruleKey", "recipient"`;
    const key = (returnId: string, ruleKey: string, recipient: string) =>
      `${returnId}\u0000${ruleKey}\u0000${recipient}`;
    const fresh = new Set(inserted.map((r) => key(r.returnId, r.ruleKey, r.recipient)));
    const mine = batch.filter(({ ret, message }) =>
      fresh.has(key(ret.id, message.ruleKey, message.recipient)),
    );
    await enqueue(tx, facts, mine, now);
    written.push(...mine);
  }
  return written;
}

function outboxKeyOf(facts: Facts, returnId: string, message: DueMessage) {
  return `reminder:${facts.campaign.id}:${returnId}:${message.ruleKey}:${message.recipient}`;
}

async function enqueue(
  tx: Tx,
  facts: Facts,
  messages: readonly { ret: ReturnFacts; message: DueMessage }[],
  now: Date,
) {
  const queued = messages.filter(({ message }) => message.status === "QUEUED");
  if (queued.length === 0) return;
  const progress = await progressOf(tx, [...new Set(queued.map(({ ret }) => ret.id))]);
  const rows = queued.map(({ ret, message }) => {
    const email = emailOf(facts, ret, message, progress.get(ret.id), now);
    return {
      id: randomUUID(),
      dedupeKey: outboxKeyOf(facts, ret.id, message),
      purpose: "reminder",
      template: email.template,
      toEmail: message.recipient,
      language: message.language,
      payload: email.payload,
    };
  });
  await tx.$executeRaw`
    INSERT INTO "OutboxEmail" ("id", "dedupeKey", "purpose", "template", "toEmail", "language",
           "payload")
    SELECT x."id", x."dedupeKey", x."purpose", x."template", x."toEmail",
           x."language"::"Language", x."payload"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("id" text, "dedupeKey" text,
           "purpose" text, "template" text, "toEmail" text, "language" text, "payload" jsonb)
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

const VARIANTS = {
  BEFORE_DUE: "before",
  DUE_DAY: "due",
  AFTER_DUE: "after",
  CHANGES_UNTOUCHED: "changes-untouched",
} as const;

/** The template and payload of one message, in its recipient's language. */
export function emailOf(
  facts: Facts,
  ret: ReturnFacts,
  message: DueMessage,
  progress: { completed: number; total: number } | undefined,
  now: Date,
): { template: "invitation" | "reminder" | "review-waiting"; payload: Prisma.InputJsonValue } {
  const lang = message.language;
  const common = {
    displayName: facts.names.get(message.recipient) ?? "",
    organisationName: lang === "nl" ? ret.organisationNameNl : ret.organisationNameFr,
    campaignTitle: lang === "nl" ? facts.campaign.titleNl : facts.campaign.titleFr,
  };
  // Staff open the return on their side; partners sign in from the login page (never a link
  // that signs in by itself).
  const area = message.audience === "staff" ? "staff" : "partner";
  const link = `${env.publicUrl}/${lang}/${area}/returns/${ret.id}`;
  if (message.kind === "REVIEW_WAITING") {
    const submittedAt = ret.submittedAt ?? now;
    return {
      template: "review-waiting",
      payload: {
        ...common,
        submittedDay: brusselsDay(submittedAt),
        waitingDays: Math.max(0, brusselsDaysBetween(submittedAt, now)),
        link,
      },
    };
  }
  const howFar = { completed: progress?.completed ?? 0, total: progress?.total ?? 0 };
  if (message.kind === "INVITATION") {
    return {
      template: "invitation",
      payload: { ...common, dueDay: message.dueDay, ...howFar, link },
    };
  }
  return {
    template: "reminder",
    payload: {
      ...common,
      variant: VARIANTS[message.kind],
      escalation: message.escalate,
      audience: message.audience,
      dueDay: message.dueDay,
      ...howFar,
      link,
    },
  };
}
