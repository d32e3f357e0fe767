// The query strings of the read API, read strictly: a parameter the endpoint does not know, a
// repeated one or a malformed value is a 400 naming the parameter (a typo in a filter must not
// quietly return everything). The routes and the OpenAPI document share these lists.
import { ApiProblem, badParameter as bad } from "./problem.server";
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

/** The instants the API reads: from 1970 to the end of year 9999 in UTC (what the columns hold). */
const FIRST_INSTANT = Date.UTC(1970, 0, 1);
const END_OF_INSTANTS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2})))?$/;

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/**
 * The instant an ISO 8601 text names ("2024-03-01T00:00:00Z", "…+01:00", or a date: midnight
 * UTC); "malformed" for anything else, a day the month has not ("2024-02-31") or an hour past 23
 * ("T24:00") included, which `new Date` would read as another day; "outOfRange" outside
 * 1970–9999 once in UTC, years the database would refuse (a 500, not a 400). Digits after the
 * milliseconds are dropped: the columns keep milliseconds.
 */
export function readInstant(text: string): Date | "malformed" | "outOfRange" {
  const match = INSTANT.exec(text);
  if (!match) return "malformed";
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const [fraction = "", sign, offsetHours, offsetMinutes] = match.slice(7);
  const days =
    month === 2 && isLeapYear(year!)
      ? 29
      : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month! - 1];
  if (days === undefined || day! < 1 || day! > days) return "malformed";
  if (hour! > 23 || minute! > 59 || second! > 59) return "malformed";
  if (sign && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return "malformed";
  const offset = sign
    ? (sign === "-" ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000
    : 0;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const utc = new Date(0);
  utc.setUTCFullYear(year!, month! - 1, day!);
  utc.setUTCHours(hour!, minute!, second!, Number(fraction.slice(0, 3).padEnd(3, "0")));
  const time = utc.getTime() - offset;
  return time < FIRST_INSTANT || time > END_OF_INSTANTS ? "outOfRange" : new Date(time);
}

/** An instant in ISO 8601 with its offset ("2024-03-01T00:00:00Z"), or a date (midnight UTC). */
export function instantParameter(name: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const instant = readInstant(value);
  if (instant === "malformed") bad(name, "instant");
  if (instant === "outOfRange") bad(name, "instantRange");
  return instant;
}

export function limitParameter(value: string | undefined) {
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > MAX_PAGE_SIZE)
    bad("limit", "limit", { max: MAX_PAGE_SIZE });
  return Number(value);
}

/** What an endpoint can answer in, by the name `format=` gives it, with its media type. */
export const API_FORMATS = { json: "application/json", csv: "text/csv" } as const;
export type ApiFormat = keyof typeof API_FORMATS;

/**
 * The weight Accept's ranges give a media type: that of the most specific range matching it
 * ("text/csv", then "text/*", then any type), 0 if none does; with how specific that range was
 * (2, 1, 0; -1 for none), to break ties. Parameters other than q are not compared.
 */
function acceptWeight(ranges: readonly AcceptRange[], mediaType: string) {
  const [type, subtype] = mediaType.split("/");
  let weight = 0;
  let specificity = -1;
  for (const range of ranges) {
    const rank =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === "*"
          ? 1
          : range.type === "*" && range.subtype === "*"
            ? 0
            : -1;
    if (rank > specificity) [weight, specificity] = [range.q, rank];
    else if (rank === specificity && rank >= 0) weight = Math.max(weight, range.q);
  }
  return { weight, specificity };
}

interface AcceptRange {
  type: string;
  subtype: string;
  q: number;
}

/** The Accept header's media ranges, lower case; a range that cannot be read is left out. */
function acceptRanges(header: string): AcceptRange[] {
  const ranges: AcceptRange[] = [];
  for (const part of header.split(",")) {
    const [mediaRange = "", ...parameters] = part.split(";").map((p) => p.trim().toLowerCase());
    const media = /^([a-z0-9!#$%&'*+.^_`|~-]+)\/([a-z0-9!#$%&'*+.^_`|~-]+)$/.exec(mediaRange);
    if (!media || (media[1] === "*" && media[2] !== "*")) continue;
    const weight = parameters.find((p) => /^q\s*=/.test(p))?.replace(/^q\s*=\s*/, "");
    if (weight !== undefined && !/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(weight)) continue;
    ranges.push({
      type: media[1]!,
      subtype: media[2]!,
      q: weight === undefined ? 1 : Number(weight),
    });
  }
  return ranges;
}

/**
 * The format of the answer: `format=` when the endpoint takes it (json or csv), else the one
 * the Accept header weighs most among `offered` (q-values honoured; q=0 is "not this one"); on a
 * tie the one named most precisely (text/csv beside any type is CSV), then the first offered. No
 * header, or none that can be read, is JSON. A header accepting none of them is a 406.
 */
export function answerFormat(
  request: Request,
  format: string | undefined,
  offered: readonly ApiFormat[] = ["json", "csv"],
): ApiFormat {
  if (format !== undefined) {
    if (!(offered as readonly string[]).includes(format)) bad("format", "format");
    return format as ApiFormat;
  }
  const ranges = acceptRanges(request.headers.get("accept") ?? "");
  if (ranges.length === 0) return offered[0]!;
  let best: { format: ApiFormat; weight: number; specificity: number } | null = null;
  for (const candidate of offered) {
    const { weight, specificity } = acceptWeight(ranges, API_FORMATS[candidate]);
    if (
      weight > 0 &&
      (!best || weight > best.weight || (weight === best.weight && specificity > best.specificity))
    )
      best = { format: candidate, weight, specificity };
  }
  if (best) return best.format;
  throw new ApiProblem(406, "notAcceptable", {
    formats: offered.map((f) => API_FORMATS[f]).join(", "),
  });
}
