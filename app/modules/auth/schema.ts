import { z } from "zod";

// Shared by the login form and its action. Messages are i18n keys (auth namespace).
export const loginRequestSchema = z.object({
  email: z
    .string({ error: "errors.emailRequired" })
    .trim()
    .min(1, { error: "errors.emailRequired" })
    .max(254, { error: "errors.emailInvalid" })
    .regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, { error: "errors.emailInvalid" })
    .transform((value) => value.toLowerCase()),
  redirectTo: z.string().max(500).optional(),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;
