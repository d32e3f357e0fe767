import { z } from "zod";
import type { Key } from "~/modules/i18n/keys";

/** Messages are keys of the auth strings, checked by tsc. */
const error = (key: Key<"auth">) => ({ error: key });

// Shared by the login form and its action. Messages are i18n keys (auth namespace).
export const loginRequestSchema = z.object({
  email: z
    .string(error("errors.emailRequired"))
    .trim()
    .min(1, error("errors.emailRequired"))
    .max(254, error("errors.emailInvalid"))
    .regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, error("errors.emailInvalid"))
    .transform((value) => value.toLowerCase()),
  redirectTo: z.string().max(500).optional(),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;

// Second factor: a 6-digit code from the authenticator app (spaces allowed, as apps show them).
export const totpCodeSchema = z.object({
  code: z
    .string(error("errors.codeRequired"))
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(
      z
        .string()
        .min(1, error("errors.codeRequired"))
        .regex(/^\d{6}$/, error("errors.codeInvalid")),
    ),
});

// A recovery code as shown ("abcd-efgh-jkmn"); case, spaces and dashes don't matter.
export const recoveryCodeSchema = z.object({
  code: z
    .string(error("errors.recoveryCodeRequired"))
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, error("errors.recoveryCodeRequired"))
        .regex(/^[0-9A-Za-z]{12}$/, error("errors.recoveryCodeInvalid")),
    ),
});
