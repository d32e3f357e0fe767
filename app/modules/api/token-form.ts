// What a read-API token may read, and the staff form that creates one: shared by the page (to
// check before sending) and its action (to check again), so both say the same thing.
import { z } from "zod";
import type { Key } from "~/modules/i18n/keys";

/** Read-only scopes: the dataset's entries, or the report tables (and reference lists: both). */
export const API_SCOPES = ["dataset:read", "reports:read"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The secret's visible start: "sbk_" and 6 characters, enough to tell tokens apart in a list. */
export const TOKEN_PREFIX_LENGTH = 10;

/** The days of use the tokens' list sums (today included). */
export const USAGE_DAYS = 30;

const nameRequired: Key<"api"> = "errors.nameRequired";
const nameTooLong: Key<"api"> = "errors.nameTooLong";
const scopesRequired: Key<"api"> = "errors.scopesRequired";
const expiryInvalid: Key<"api"> = "errors.expiryInvalid";
const expiryPast: Key<"api"> = "errors.expiryPast";

/** Today in Brussels as YYYY-MM-DD (the date field's format). */
function today(now = new Date()) {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Brussels" }).format(now);
}

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, nameRequired).max(100, nameTooLong),
  scopes: z
    .array(z.string())
    .transform((values) => API_SCOPES.filter((scope) => values.includes(scope)))
    .pipe(z.array(z.enum(API_SCOPES)).min(1, scopesRequired)),
  /** Optional last day of validity (the token works until the end of that day, Brussels). */
  expiresOn: z
    .string()
    .trim()
    .refine((value) => value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value), expiryInvalid)
    .refine(
      // A real day: "2030-02-31" would otherwise be read as 3 March.
      (value) => {
        if (value === "") return true;
        const day = new Date(`${value}T00:00:00Z`);
        return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
      },
      expiryInvalid,
    )
    .refine((value) => value === "" || value >= today(), expiryPast),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** The form's fields as the schema reads them, from a FormData (browser or server). */
export function tokenFormValues(form: FormData) {
  return {
    name: String(form.get("name") ?? ""),
    scopes: form.getAll("scopes").map(String),
    expiresOn: String(form.get("expiresOn") ?? ""),
  };
}
