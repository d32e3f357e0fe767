// A campaign's reminder rules are data (ReminderRule), edited by staff. A new campaign starts
// with these defaults: the invitation when it opens, reminders 14 and 3 days before the due
// date and on the day, then 7 and 14 days after it (the later one escalating to the backup
// contacts and the staff member following the partner), returns sent back and left untouched
// for 10 days, and reviews waiting more than 14 days (to staff).
import type { ReminderKind } from "~/generated/prisma/enums";
import type { Tx } from "~/utils/db.server";

export interface ReminderRuleDraft {
  kind: ReminderKind;
  days: number;
  escalate: boolean;
}

export const DEFAULT_REMINDER_RULES: readonly ReminderRuleDraft[] = [
  { kind: "INVITATION", days: 0, escalate: false },
  { kind: "BEFORE_DUE", days: 14, escalate: false },
  { kind: "BEFORE_DUE", days: 3, escalate: false },
  { kind: "DUE_DAY", days: 0, escalate: false },
  { kind: "AFTER_DUE", days: 7, escalate: false },
  { kind: "AFTER_DUE", days: 14, escalate: true },
  { kind: "CHANGES_UNTOUCHED", days: 10, escalate: false },
  { kind: "REVIEW_WAITING", days: 14, escalate: false },
];

/** Gives a new campaign the default rules; a rule it already has is left as it is. */
export async function createDefaultReminderRules(tx: Pick<Tx, "reminderRule">, campaignId: string) {
  await tx.reminderRule.createMany({
    data: DEFAULT_REMINDER_RULES.map((rule) => ({ campaignId, ...rule })),
    skipDuplicates: true,
  });
}
