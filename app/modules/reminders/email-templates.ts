// The emails the preview page shows (staff), and the reminder's variants: shared by the page
// and the server code that renders the samples.
export const REMINDER_VARIANTS = ["before", "due", "after", "changes-untouched"] as const;
export type ReminderVariant = (typeof REMINDER_VARIANTS)[number];

export const PREVIEW_TEMPLATES = [
  "invitation",
  "reminder",
  "review-waiting",
  "staff-digest",
  "return-receipt",
  "changes-requested",
  "return-approved",
  "return-reopened",
] as const;
export type PreviewTemplate = (typeof PREVIEW_TEMPLATES)[number];

export function isPreviewTemplate(name: string): name is PreviewTemplate {
  return (PREVIEW_TEMPLATES as readonly string[]).includes(name);
}

export function isVariant(value: string | null): value is ReminderVariant {
  return (REMINDER_VARIANTS as readonly (string | null)[]).includes(value);
}
