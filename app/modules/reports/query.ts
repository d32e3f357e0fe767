// The report pages' query string (?plan=&from=&to=&page=&cell=), read the same way by the
// pages, the downloads and the command: a value that does not parse is left out, and the page
// falls back to its default (never a 500). Pure: the browser builds its links with it too.
import { z } from "zod";

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const year = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional().catch(undefined);

export const reportQuerySchema = z.object({
  plan: z
    .string()
    .regex(/^[\w.-]{1,60}$/)
    .optional()
    .catch(undefined),
  from: year,
  to: year,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  cell: z.string().max(130).optional().catch(undefined),
});

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export function parseReportQuery(search: URLSearchParams): ReportQuery {
  return reportQuerySchema.parse(Object.fromEntries(search));
}

/** The period asked, completed: one bound given is the other too; none: the default year. */
export function periodOf(query: Pick<ReportQuery, "from" | "to">, defaultYear: number) {
  const from = query.from ?? query.to ?? defaultYear;
  const to = query.to ?? query.from ?? defaultYear;
  return { from: Math.min(from, to), to: Math.max(from, to) };
}

/** "?plan=…&from=…&to=…" (and more) for the report pages' links. */
export function reportSearch(
  values: { plan?: string; from: number; to: number } & Record<string, string | number | undefined>,
) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== "") search.set(key, String(value));
  return `?${search.toString()}`;
}
