// The reminder rule form's one schema, shared by the page (before sending) and the action.
// Messages are keys of the "reminders" namespace, translated where shown.
import { z } from "zod";
import type { Key } from "~/modules/i18n/keys";

export const REMINDER_KINDS = [
  "INVITATION",
  "BEFORE_DUE",
  "DUE_DAY",
  "AFTER_DUE",
  "CHANGES_UNTOUCHED",
  "REVIEW_WAITING",
] as const;

const msg = (key: Key<"reminders">) => ({ message: key });

export const ruleSchema = z.object({
  kind: z.enum(REMINDER_KINDS, msg("errors.kind")),
  days: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, msg("errors.days"))
    .transform(Number)
    .refine((n) => n <= 365, msg("errors.days")),
  // Checkboxes: present ("on") or absent.
  escalate: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  active: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

export type RuleInput = z.output<typeof ruleSchema>;

/** A Brussels calendar day typed in a date field ("what goes out on <date>"). */
export const previewDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("errors.previewDay"))
  .refine((v) => !Number.isNaN(new Date(`${v}T12:00:00Z`).getTime()), msg("errors.previewDay"));
