// The screening queue's filters as the query string carries them (a GET form: the page works
// without JavaScript, a filtered queue is a link). Unknown values are dropped, never an error.
import { z } from "zod";
import type { FindingStatus, PersonalDataKind } from "~/generated/prisma/enums";

export const FINDING_STATUSES = [
  "OPEN",
  "CONFIRMED",
  "REDACTED",
  "OVERRIDDEN",
] as const satisfies readonly FindingStatus[];
export const FINDING_KINDS = [
  "NATIONAL_NUMBER",
  "IBAN",
  "EMAIL",
  "PHONE",
  "BIRTH_DATE",
] as const satisfies readonly PersonalDataKind[];

/** Findings shown per page. */
export const SCREENING_PAGE_SIZE = 20;

export const screeningFiltersSchema = z.object({
  /** One status, or "all"; open ones by default (what waits for a reviewer). */
  status: z
    .enum(["all", ...FINDING_STATUSES])
    .catch("OPEN")
    .default("OPEN"),
  kind: z.enum(FINDING_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type ScreeningFilters = z.infer<typeof screeningFiltersSchema>;

export function parseScreeningFilters(searchParams: URLSearchParams): ScreeningFilters {
  const query: Record<string, string> = {};
  for (const [key, value] of searchParams) if (!(key in query)) query[key] = value;
  return screeningFiltersSchema.parse(query);
}

/** The query string of the filters that differ from the defaults. */
export function screeningQuery(filters: ScreeningFilters, changes: Partial<ScreeningFilters> = {}) {
  const merged = { ...filters, ...changes };
  const query = new URLSearchParams();
  if (merged.status !== "OPEN") query.set("status", merged.status);
  if (merged.kind) query.set("kind", merged.kind);
  if (merged.page > 1) query.set("page", String(merged.page));
  const text = query.toString();
  return text ? `?${text}` : "";
}
