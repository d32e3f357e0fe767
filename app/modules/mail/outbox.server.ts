import type { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import type { TemplateName } from "./templates.server";

export interface OutboxMessage {
  purpose: string;
  /** Unique per (purpose, subject, recipient, step): enqueuing twice keeps one row. */
  dedupeKey: string;
  template: TemplateName;
  to: string;
  language: "fr" | "nl";
  payload: Prisma.InputJsonValue;
  /** The payload holds a secret (a login link): it is cleared once delivered by SMTP. */
  containsSecret?: boolean;
}

/** Writes the email in the caller's transaction; the worker delivers it afterwards. */
export async function enqueueEmail(tx: Tx, message: OutboxMessage) {
  await tx.outboxEmail.upsert({
    where: { dedupeKey: message.dedupeKey },
    update: {},
    create: {
      dedupeKey: message.dedupeKey,
      purpose: message.purpose,
      template: message.template,
      toEmail: message.to,
      language: message.language,
      payload: message.containsSecret
        ? { ...(message.payload as Record<string, unknown>), __secret: true }
        : message.payload,
    },
  });
}
