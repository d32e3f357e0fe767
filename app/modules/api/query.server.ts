// The query strings of the read API, read strictly: a parameter the endpoint does not know, a
// repeated one or a malformed value is a 400 naming the parameter (a typo in a filter must not
// quietly return everything). The routes and the OpenAPI document share these lists.
import { badParameter as bad } from "./problem.server";
import type { DatasetSource } from "~/generated/prisma/enums";

export { datasetLinks as DATASET_LINKS } from "~/modules/dataset/filters";
export {
  fundingChannels as FUNDING_CHANNELS,
  organisationKinds as ORGANISATION_KINDS,
} from "~/modules/organisations/schema";
export const DATASET_SOURCES = ["APPROVAL", "IMPORT"] as const satisfies readonly DatasetSource[];

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

/** The parameters of one endpoint, each read once; anything else is refused. */
export function readParameters<K extends string>(
  url: URL,
  known: readonly K[],
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [name, value] of url.searchParams) {
    if (!(known as readonly string[]).includes(name)) bad(name, "unknownParameter");
    if (name in out) bad(name, "repeatedParameter");
    out[name as K] = value;
  }
  return out;
}

export function yearParameter(name: string, value: string | undefined) {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) bad(name, "year");
  const year = Number(value);
  if (year < 2000 || year > 2100) bad(name, "yearRange");
  return year;
}

export function enumParameter<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    bad(name, "oneOf", { allowed: allowed.join(", ") });
  return value as T;
}

/** A stable code or identifier: letters, digits and . _ - only. */
export function codeParameter(name: string, value: string | undefined, max = 100) {
  if (value === undefined) return undefined;
  if (!new RegExp(`^[A-Za-z0-9._-]{1,${max}}$`).test(value)) bad(name, "code");
  return value;
}

/** An instant in ISO 8601 with its offset ("2024-03-01T00:00:00Z"), or a date (midnight UTC). */
export function instantParameter(name: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const shaped =
    /^\d{4}-\d{2}-\d{2}$/.test(value) ||
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (!shaped || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970) bad(name, "instant");
  return date;
}

export function limitParameter(value: string | undefined) {
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > MAX_PAGE_SIZE)
    bad("limit", "limit", { max: MAX_PAGE_SIZE });
  return Number(value);
}

/** JSON unless ?format=csv or an Accept header preferring text/csv. */
export function wantsCsv(request: Request, format: string | undefined): boolean {
  if (format !== undefined) {
    if (format !== "json" && format !== "csv") bad("format", "format");
    return format === "csv";
  }
  const accept = request.headers.get("accept") ?? "";
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept) && !/application\/json/i.test(accept);
}
