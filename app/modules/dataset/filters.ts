import { z } from "zod";
import { fundingChannels, organisationKinds } from "~/modules/organisations/schema";

export const datasetLinks = ["PRIMARY", "SECONDARY", "OTHER"] as const;
/** Where an entry comes from: a return's approval, or the historical import of a file. */
export const datasetSources = ["APPROVAL", "IMPORT"] as const;

/** Rows per page of the dataset browser. */
export const DATASET_PAGE_SIZE = 50;

// Ids are cuids (or the bench's readable ones); anything else is not an id and filters nothing.
const id = z
  .string()
  .regex(/^[a-z0-9_-]{1,60}$/i)
  .optional()
  .catch(undefined);

/**
 * The dataset's filters, as the query string carries them: the page and its CSV download
 * read the same ones, so the file holds exactly what is on screen. Unknown or malformed
 * values are dropped, never an error: a shared link keeps working as far as it can.
 */
export const datasetFiltersSchema = z.object({
  /** One year, or "all" of them; none means the latest (browse.server.ts withDefaultYear). */
  year: z
    .union([z.literal("all"), z.coerce.number().int().min(2000).max(2100)])
    .optional()
    .catch(undefined),
  kind: z.enum(organisationKinds).optional().catch(undefined),
  organisation: id,
  channel: z.enum(fundingChannels).optional().catch(undefined),
  theme: id,
  measure: id,
  link: z.enum(datasetLinks).optional().catch(undefined),
  source: z.enum(datasetSources).optional().catch(undefined),
  /** The entries of one historical import (ContributionImport id); an unknown one lists none. */
  import: id,
  /** Superseded entries too (the history of reopened returns), not only the current ones. */
  history: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
});
export type DatasetFilters = z.infer<typeof datasetFiltersSchema>;

/** Where a page starts: after (next) or before (previous) a row's sort key. */
export const datasetCursorSchema = z.object({
  after: z.string().max(600).optional().catch(undefined),
  before: z.string().max(600).optional().catch(undefined),
});

/** The query string of the filters that are set, in a stable order (links, CSV, pages). */
export function datasetQuery(filters: DatasetFilters, extra: Record<string, string> = {}) {
  const query = new URLSearchParams();
  if (filters.year !== undefined) query.set("year", String(filters.year));
  if (filters.kind) query.set("kind", filters.kind);
  if (filters.organisation) query.set("organisation", filters.organisation);
  if (filters.channel) query.set("channel", filters.channel);
  if (filters.theme) query.set("theme", filters.theme);
  if (filters.measure) query.set("measure", filters.measure);
  if (filters.link) query.set("link", filters.link);
  if (filters.source) query.set("source", filters.source);
  if (filters.import) query.set("import", filters.import);
  if (filters.history) query.set("history", "1");
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : "";
}
