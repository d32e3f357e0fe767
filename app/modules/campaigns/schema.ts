import { z } from "zod";
import type { Key } from "~/modules/i18n/keys";

/** Messages are keys of the admin strings, checked by tsc. */
const error = (key: Key<"admin">) => ({ error: key });

const isoDate = z.iso.date(error("errors.date"));

/** Creating a campaign: one schema for the browser and the action. Messages are i18n keys. */
export const createCampaignSchema = z
  .object({
    year: z.coerce
      .number(error("errors.year"))
      .int(error("errors.year"))
      .min(2015, error("errors.year"))
      .max(2100, error("errors.year")),
    templateId: z.string().min(1, error("errors.template")),
    titleFr: z.string().trim().min(3, error("errors.title")).max(200, error("errors.title")),
    titleNl: z.string().trim().min(3, error("errors.title")).max(200, error("errors.title")),
    opensAt: isoDate,
    dueAt: isoDate,
  })
  .refine((v) => v.dueAt > v.opensAt, { path: ["dueAt"], ...error("errors.dueBeforeOpen") });

export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;
