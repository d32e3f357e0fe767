// Freezing an edition: one schema for the browser and the action. Messages are keys of the
// editions strings, checked by tsc; the action adds what only the database knows (the plan).
import { z } from "zod";
import type { Key } from "~/modules/i18n/keys";

const error = (key: Key<"editions">) => ({ error: key });

const year = (key: Key<"editions">) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}$/, error(key))
    .transform(Number)
    .refine((value) => value >= 2000 && value <= 2100, error(key));

export const freezeEditionSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, error("errors.title"))
      .max(200, error("errors.titleLength"))
      // Control characters (a NUL above all: PostgreSQL refuses it) never reach the database.
      .refine((value) => !/\p{Cc}/u.test(value), error("errors.title")),
    // A plan's code ("PGSP-2021-2024"); anything else names no plan and never reaches the
    // database (PostgreSQL refuses a NUL with an error, not an answer).
    planCode: z
      .string()
      .trim()
      .regex(/^[\w.-]{1,64}$/, error("errors.plan")),
    fromYear: year("errors.fromYear"),
    toYear: year("errors.toYear"),
  })
  .refine((value) => value.fromYear <= value.toYear, {
    ...error("errors.period"),
    path: ["toYear"],
  });

export type FreezeEditionInput = z.infer<typeof freezeEditionSchema>;

export const FREEZE_FIELDS = ["title", "planCode", "fromYear", "toYear"] as const;
