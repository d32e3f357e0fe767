import { z } from "zod";

/** C. Adding a contribution to a measure outside the partner's fundings. */
export const addContributionSchema = z.object({
  measure: z
    .string({ error: "errors.measureRequired" })
    .trim()
    .min(1, { error: "errors.measureRequired" })
    .regex(/^\d{1,2}\.\d{1,2}$/, { error: "errors.measureInvalid" }),
});

/** Submission: the key makes a double click or a retry one submission. */
export const submitReturnSchema = z.object({
  submissionKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
