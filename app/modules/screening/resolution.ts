// What a reviewer decides about a finding, as the forms send it and the use case checks it:
// confirm (personal data: masked wherever published), redact (the reviewer's wording published
// instead) or override (not personal data, a reason is required: published as written).
// Shared by the forms and the action, so both say the same thing about the same input.
import { z } from "zod";
import type { FindingStatus } from "~/generated/prisma/enums";
import type { Key } from "~/modules/i18n/keys";

/** The longest wording a redaction publishes. */
export const REPLACEMENT_MAX = 200;
/** The longest reason an override keeps. */
export const REASON_MAX = 1000;

export const RESOLUTIONS = ["confirm", "redact", "override"] as const;
export type ResolutionAction = (typeof RESOLUTIONS)[number];

export type Resolution =
  | { action: "confirm" }
  | { action: "redact"; replacement: string }
  | { action: "override"; reason: string };

/** The status each decision gives the finding. */
export const STATUS_OF: Record<ResolutionAction, Exclude<FindingStatus, "OPEN">> = {
  confirm: "CONFIRMED",
  redact: "REDACTED",
  override: "OVERRIDDEN",
};

/** The form fields, by id on the page (one finding's forms carry its id). */
export const resolutionFields = {
  replacement: (findingId: string) => `replacement-${findingId}`,
  reason: (findingId: string) => `reason-${findingId}`,
};

// Control characters (but line breaks and tabs) are dropped: PostgreSQL refuses a NUL.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const text = z
  .string()
  .max(20_000)
  .default("")
  .transform((value) => value.replace(controls, "").trim());

/** What the forms post: the action and, for a redaction or an override, its text. */
export const resolutionFormSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("confirm") }),
  z.object({ action: z.literal("redact"), replacement: text }),
  z.object({ action: z.literal("override"), reason: text }),
]);
export type ResolutionForm = z.infer<typeof resolutionFormSchema>;

export type ResolutionError = Key<"screening">;

/** Why a decision cannot be recorded as typed (null: it can). */
export function resolutionRefusal(
  form: ResolutionForm,
): { field: "replacement" | "reason"; error: ResolutionError } | null {
  if (form.action === "redact") {
    if (form.replacement === "")
      return { field: "replacement", error: "errors.replacementRequired" };
    if (form.replacement.length > REPLACEMENT_MAX)
      return { field: "replacement", error: "errors.replacementTooLong" };
  }
  if (form.action === "override") {
    if (form.reason === "") return { field: "reason", error: "errors.reasonRequired" };
    if (form.reason.length > REASON_MAX) return { field: "reason", error: "errors.reasonTooLong" };
  }
  return null;
}

/** The status a resolution redirected back with (?screened=CONFIRMED), for the message. */
export function screenedParam(searchParams: URLSearchParams) {
  const value = searchParams.get("screened");
  return (Object.values(STATUS_OF) as string[]).includes(value ?? "")
    ? (value as Exclude<FindingStatus, "OPEN">)
    : null;
}
