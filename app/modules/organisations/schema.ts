import { z } from "zod";

export const organisationKinds = [
  "POLICE_ZONE",
  "COMMUNE",
  "LISA_ANTENNA",
  "REGIONAL_BODY",
  "NON_PROFIT",
] as const;

export const fundingChannels = [
  "FSE",
  "PBPP",
  "LISA",
  "REGIONAL",
  "ASBL_CALL",
  "ASBL_OUTSIDE_CALL",
] as const;

/** Filters of the staff partner list, from the query string. Unknown values are dropped. */
export const partnerFiltersSchema = z.object({
  kind: z.enum(organisationKinds).optional().catch(undefined),
  channel: z.enum(fundingChannels).optional().catch(undefined),
  // NUL (refused by PostgreSQL) and other controls are never part of a search: dropped.
  q: z
    .string()
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .transform((q) => q.replace(/[\u0000-\u001f\u007f]/g, ""))
    .pipe(z.string().trim().max(100))
    .optional()
    .catch(undefined),
});
