// What the review page's forms ask, read with one schema (the `intent` field says which form),
// handed to the review's use case, and its outcome said the way the page shows it: done (the
// page redirects, with a status message), or refused with the field or message to show, the
// HTTP status, and what was typed (never lost).
import { z } from "zod";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { Key } from "~/modules/i18n/keys";
import type { Language } from "~/modules/i18n/languages";
import { approveReturn } from "./approve.server";
import { assignReturn } from "./assign.server";
import { postComment } from "./comments.server";
import { decideSection } from "./decide.server";
import { reopenReturn } from "./reopen.server";
import { requestChanges } from "./send-back.server";
import { reviewFields as fields, type ReviewDone } from "./review-page-fields";

const id = z.string().trim().min(1).max(64);
/** Long enough for any note the use cases accept; they give the translated refusal beyond it. */
const text = z.string().max(20_000).default("");
const number = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const reviewIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("decide"),
    sectionId: id,
    // Missing: the form comes back with "choose a decision", the note kept.
    decision: z.enum(["ACCEPTED", "CHANGES_NEEDED", "NOT_RETAINED"]).optional(),
    note: text,
    // The seq of the decision the reviewer saw; empty when there was none.
    seenSeq: z.union([z.literal("").transform(() => null), number]),
  }),
  z.object({ intent: z.literal("comment"), sectionId: id.optional(), body: text }),
  z.object({ intent: z.literal("send-back"), submissionNumber: number }),
  z.object({ intent: z.literal("approve"), submissionNumber: number }),
  z.object({ intent: z.literal("reopen"), reason: text }),
  // Empty: nobody follows the return.
  z.object({
    intent: z.literal("assign"),
    assigneeId: z.union([z.literal("").transform(() => null), id]),
  }),
]);

export type ReviewIntent = z.infer<typeof reviewIntentSchema>;

type AdminKey = Key<"admin">;

export type ReviewActionResult =
  | { ok: true; done: ReviewDone; sectionId?: string | null }
  | {
      ok: false;
      status: 400 | 403 | 404 | 409;
      intent: ReviewIntent["intent"];
      sectionId?: string | null;
      /** Per field id: the message's key (admin). */
      errors: Record<string, AdminKey>;
      /** What was typed, shown again. */
      values: Record<string, string>;
    };

/** A form the page does not make (unknown intent, malformed number): null, a 400. */
export function parseReviewIntent(form: FormData): ReviewIntent | null {
  const entries: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") return null;
    entries[name] = value;
  }
  const parsed = reviewIntentSchema.safeParse(entries);
  return parsed.success ? parsed.data : null;
}

export async function runReviewIntent(
  current: CurrentUser,
  returnId: string,
  lang: Language,
  intent: ReviewIntent,
): Promise<ReviewActionResult> {
  const refuse = (
    status: 400 | 403 | 404 | 409,
    errors: Record<string, AdminKey>,
    extra: { sectionId?: string | null; values?: Record<string, string> } = {},
  ): ReviewActionResult => ({
    ok: false,
    status,
    intent: intent.intent,
    errors,
    values: extra.values ?? {},
    sectionId: extra.sectionId,
  });
  const notFound = () => refuse(404, {});

  switch (intent.intent) {
    case "decide": {
      const { sectionId } = intent;
      const values = { decision: intent.decision ?? "", note: intent.note };
      const at = { sectionId, values };
      if (!intent.decision)
        return refuse(
          400,
          { [fields.decision(sectionId)]: "reviewReturn.errors.decisionRequired" },
          at,
        );
      const result = await decideSection({
        current,
        returnId,
        sectionId,
        decision: intent.decision,
        note: intent.note,
        seenSeq: intent.seenSeq,
      });
      switch (result.outcome) {
        case "decided":
          return { ok: true, done: "decided", sectionId };
        case "invalid":
          return refuse(
            400,
            {
              [fields.note(sectionId)]:
                result.refusal === "note-required"
                  ? "reviewReturn.errors.noteRequired"
                  : "reviewReturn.errors.noteTooLong",
            },
            at,
          );
        case "conflict":
          return refuse(409, { [fields.decision(sectionId)]: "reviewReturn.errors.conflict" }, at);
        case "not-under-review":
          return refuse(
            409,
            { [fields.decision(sectionId)]: "reviewReturn.errors.notUnderReview" },
            at,
          );
        case "unknown-section":
          return refuse(400, { [fields.moves]: "reviewReturn.errors.unknownSection" });
        case "not-found":
          return notFound();
      }
      break;
    }
    case "comment": {
      const sectionId = intent.sectionId ?? null;
      const field = fields.comment(sectionId);
      const at = { sectionId, values: { body: intent.body } };
      const result = await postComment({
        current,
        returnId,
        sectionId,
        body: intent.body,
        language: lang,
      });
      switch (result.outcome) {
        case "posted":
          return { ok: true, done: "commented", sectionId };
        case "invalid":
          return refuse(
            400,
            {
              [field]:
                result.refusal === "body-required"
                  ? "reviewReturn.errors.commentRequired"
                  : result.refusal === "body-too-long"
                    ? "reviewReturn.errors.commentTooLong"
                    : "reviewReturn.errors.unknownSection",
            },
            at,
          );
        case "no-submission":
          return refuse(409, { [field]: "reviewReturn.errors.noSubmission" }, at);
        case "not-found":
          return notFound();
      }
      break;
    }
    case "send-back": {
      const result = await requestChanges({
        current,
        returnId,
        submissionNumber: intent.submissionNumber,
      });
      switch (result.outcome) {
        case "sent-back":
          return { ok: true, done: "sentBack" };
        case "not-ready":
          return refuse(409, { [fields.moves]: "reviewReturn.errors.notReadySendBack" });
        case "not-under-review":
          return refuse(409, { [fields.moves]: "reviewReturn.errors.notUnderReview" });
        case "closed":
          return refuse(409, { [fields.moves]: "reviewReturn.errors.closed" });
        case "conflict":
          return refuse(409, { [fields.moves]: "reviewReturn.errors.newerSubmission" });
        case "not-found":
          return notFound();
      }
      break;
    }
    case "approve": {
      const result = await approveReturn({
        current,
        returnId,
        submissionNumber: intent.submissionNumber,
      });
      switch (result.outcome) {
        case "approved":
          return { ok: true, done: "approved" };
        case "not-ready":
          return refuse(409, { [fields.moves]: "reviewReturn.errors.notReadyApprove" });
        case "four-eyes":
          return refuse(403, { [fields.moves]: "reviewReturn.errors.fourEyes" });
        case "not-under-review":
          return refuse(409, { [fields.moves]: "reviewReturn.errors.notUnderReview" });
        case "conflict":
          return refuse(409, { [fields.moves]: "reviewReturn.errors.newerSubmission" });
        case "not-found":
          return notFound();
      }
      break;
    }
    case "reopen": {
      const values = { reason: intent.reason };
      const result = await reopenReturn({
        current,
        returnId,
        reason: intent.reason,
        language: lang,
      });
      switch (result.outcome) {
        case "reopened":
          return { ok: true, done: "reopened" };
        case "invalid":
          return refuse(
            400,
            {
              [fields.reason]:
                result.refusal === "reason-required"
                  ? "reviewReturn.errors.reasonRequired"
                  : "reviewReturn.errors.reasonTooLong",
            },
            { values },
          );
        case "wrong-state":
          return refuse(409, { [fields.reason]: "reviewReturn.errors.notApproved" }, { values });
        case "closed":
          return refuse(409, { [fields.reason]: "reviewReturn.errors.closed" }, { values });
        case "not-found":
          return notFound();
      }
      break;
    }
    case "assign": {
      const result = await assignReturn({ current, returnId, assigneeId: intent.assigneeId });
      switch (result.outcome) {
        case "assigned":
          return { ok: true, done: "assigned" };
        case "not-a-reviewer":
          return refuse(400, { [fields.assignee]: "reviewReturn.errors.notAReviewer" });
        case "not-found":
          return notFound();
      }
      break;
    }
  }
  // Every outcome is handled above; TypeScript checks the switches are complete.
  return notFound();
}
