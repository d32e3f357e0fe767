import { z } from "zod";
import type { Key } from "~/modules/i18n/keys";

/** Messages are keys of the returns strings, checked by tsc. */
const error = (key: Key<"returns">) => ({ error: key });

/** C. Adding a contribution to a measure outside the partner's fundings. */
export const addContributionSchema = z.object({
  measure: z
    .string(error("errors.measureRequired"))
    .trim()
    .min(1, error("errors.measureRequired"))
    .regex(/^\d{1,2}\.\d{1,2}$/, error("errors.measureInvalid")),
});

/** Submission: the key makes a double click or a retry one submission. */
export const submitReturnSchema = z.object({
  submissionKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
