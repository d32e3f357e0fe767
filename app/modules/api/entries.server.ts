// The dataset's current entries for other systems, page by page. Pages are keyset on
// ("createdAt", id), read in that order through the index of the same name: a page costs one
// index range scan however deep, and a row written meanwhile never shifts a page (it sorts
// after every row that existed, since it was created later). Entries are immutable, so
// "updatedSince" means created since; an entry leaving the dataset (superseded) is reported by
// removedEntries. Text is published through the screening (publishEntry): open and confirmed
// findings are masked, never sent.
import {
  codeParameter,
  DATASET_LINKS,
  DATASET_SOURCES,
  enumParameter,
  FUNDING_CHANNELS,
  instantParameter,
  limitParameter,
  MAX_PAGE_SIZE,
  readParameters,
  yearParameter,
} from "./query.server";
import { badParameter } from "./problem.server";
import { Prisma } from "~/generated/prisma/client";
import {
  publishEntry,
  type FindingForPublishing,
  type PublishedFigure,
} from "~/modules/screening/publish";
import { databaseEngine, readRows } from "~/utils/db.server";

export const ENTRY_PARAMETERS = [
  "year",
  "from",
  "to",
  "plan",
  "organisation",
  "channel",
  "theme",
  "measure",
  "link",
  "source",
  "updatedSince",
  "cursor",
  "limit",
  "format",
] as const;

export const REMOVED_PARAMETERS = ["since", "cursor", "limit", "format"] as const;

/** Where a page starts: after this row (its creation instant and id). Opaque to clients. */
interface Place {
  at: Date;
  id: string;
}

export function encodePlace(place: Place): string {
  return Buffer.from(JSON.stringify([place.at.toISOString(), place.id])).toString("base64url");
}

function decodePlace(cursor: string | undefined): Place | null {
  if (cursor === undefined) return null;
  const refuse = (): never => badParameter("cursor", "cursor");
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return refuse();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== "string" ||
    typeof parsed[1] !== "string" ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(parsed[0]) ||
    !/^[\w:.-]{1,200}$/.test(parsed[1])
  )
    return refuse();
  const at = new Date(parsed[0] as string);
  if (Number.isNaN(at.getTime())) refuse();
  return { at, id: parsed[1] as string };
}

export interface EntryQuery {
  year?: number;
  from?: number;
  to?: number;
  plan?: string;
  organisation?: string;
  channel?: (typeof FUNDING_CHANNELS)[number];
  theme?: string;
  measure?: string;
  link?: (typeof DATASET_LINKS)[number];
  source?: (typeof DATASET_SOURCES)[number];
  updatedSince?: Date;
  after: Place | null;
  limit: number;
  format?: string;
}

/** The entries endpoint's query string, checked (400 naming the parameter otherwise). */
export function readEntryQuery(url: URL): EntryQuery {
  const p = readParameters(url, ENTRY_PARAMETERS);
  const query: EntryQuery = {
    year: yearParameter("year", p.year),
    from: yearParameter("from", p.from),
    to: yearParameter("to", p.to),
    plan: codeParameter("plan", p.plan),
    organisation: codeParameter("organisation", p.organisation),
    channel: enumParameter("channel", p.channel, FUNDING_CHANNELS),
    theme: codeParameter("theme", p.theme, 20),
    measure: codeParameter("measure", p.measure, 20),
    link: enumParameter("link", p.link, DATASET_LINKS),
    source: enumParameter("source", p.source, DATASET_SOURCES),
    updatedSince: instantParameter("updatedSince", p.updatedSince),
    after: decodePlace(p.cursor),
    limit: limitParameter(p.limit),
    format: p.format,
  };
  if (query.from !== undefined && query.to !== undefined && query.from > query.to)
    badParameter("to", "toBeforeFrom");
  return query;
}

/**
 * A value of one of the few enums a page filters on, written in the statement's text rather
 * than as a parameter: the database can then keep one plan for the statement (a generic plan;
 * with the value as a parameter it planned every run again, a few milliseconds on PGlite). The
 * value is one readEntryQuery checked against the enum's list (and is checked again here).
 */
function enumLiteral(value: string, type: "FundingChannel" | "DatasetLink" | "DatasetSource") {
  if (!/^[A-Z_]{1,40}$/.test(value)) throw new Error(`Not a ${type}: ${value}`);
  return Prisma.raw(`'${value}'::"${type}"`);
}

function conditions(query: EntryQuery): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`e."supersededAt" IS NULL`];
  if (query.year !== undefined) where.push(Prisma.sql`e."year" = ${query.year}::int`);
  if (query.from !== undefined) where.push(Prisma.sql`e."year" >= ${query.from}::int`);
  if (query.to !== undefined) where.push(Prisma.sql`e."year" <= ${query.to}::int`);
  if (query.plan)
    where.push(Prisma.sql`e."planId" IN (SELECT "id" FROM "Plan" WHERE "code" = ${query.plan})`);
  if (query.organisation)
    where.push(Prisma.sql`e."organisationId" IN (SELECT "id" FROM "Organisation"
      WHERE "slug" = ${query.organisation} OR "officialId" = ${query.organisation})`);
  if (query.channel)
    where.push(Prisma.sql`e."channel" = ${enumLiteral(query.channel, "FundingChannel")}`);
  if (query.theme)
    where.push(Prisma.sql`e."themeId" IN (SELECT "id" FROM "Theme" WHERE "code" = ${query.theme})`);
  if (query.measure) where.push(Prisma.sql`e."measureCode" = ${query.measure}`);
  if (query.link) where.push(Prisma.sql`e."link" = ${enumLiteral(query.link, "DatasetLink")}`);
  if (query.source)
    where.push(Prisma.sql`e."source" = ${enumLiteral(query.source, "DatasetSource")}`);
  if (query.updatedSince)
    where.push(Prisma.sql`e."createdAt" >= ${query.updatedSince.toISOString()}::timestamp(3)`);
  if (query.after)
    where.push(
      Prisma.sql`(e."createdAt", e."id") > (${query.after.at.toISOString()}::timestamp(3), ${query.after.id})`,
    );
  if (databaseEngine === "postgres") where.push(settledBefore(Prisma.sql`e."createdAt"`));
  return where;
}

/**
 * On PostgreSQL, only rows whose instant (an entry's creation, or its removal) is before the
 * oldest transaction still open on the database (within the last 10 minutes): a transaction
 * writing entries (an approval, a long import) or taking them out (a reopened return) stamps
 * them before it commits, so a page read meanwhile could hold later rows, and a client going
 * on from there would never see the earlier ones. They all show once it commits. PGlite has
 * one connection: no transaction is open while a page is read.
 */
const settledBefore = (instant: Prisma.Sql) => Prisma.sql`${instant} < (
  SELECT greatest(coalesce(min(a."xact_start"), now()), now() - interval '10 minutes')
         AT TIME ZONE 'UTC'
    FROM pg_stat_activity a
   WHERE a."datname" = current_database() AND a."pid" <> pg_backend_pid()
     AND a."xact_start" IS NOT NULL)`;

/**
 * An entry as the page's query gives it. The whole page comes back as one JSON value, built by
 * the database: parsing one value is far cheaper than parsing 17 columns of 101 rows through the
 * driver (on PGlite, on the thread that answers every request). Instants are written as
 * Date#toISOString writes them (timestamp(3) columns hold UTC).
 */
interface EntryRow {
  id: string;
  createdAt: string;
  year: number;
  plan: string;
  organisation: string;
  organisationOfficialId: string | null;
  organisationKind: string;
  channel: string;
  theme: string;
  measure: string;
  link: string;
  source: string;
  missions: string[];
  narrative: string;
  narrativeLanguage: string | null;
  figures: unknown;
  approvedAt: string;
  /** Its screening's findings in text order (findingsForEntries' order), or null. */
  findings: FindingForPublishing[] | null;
}

const isoInstant = (column: Prisma.Sql) =>
  Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One entry as the API publishes it: stable codes only, text through the screening. */
export interface ApiEntry {
  id: string;
  createdAt: string;
  year: number;
  plan: string;
  organisation: { identifier: string; officialId: string | null; kind: string };
  channel: string;
  theme: string;
  measure: string;
  link: string;
  source: string;
  missions: string[];
  narrative: string;
  narrativeLanguage: string | null;
  figures: PublishedFigure[];
  screening: "clear" | "pending";
  approvedAt: string;
}

/** Page sizes whose LIMIT is written in the statement's text (pageLimit). */
const PLANNED_ONCE_SIZES: ReadonlySet<number> = new Set([10, 20, 25, 50, 100, 200, 250, 500]);

/**
 * A page's LIMIT (one more row than the page, to know whether a next page exists). As a
 * parameter, the database plans the statement again on every run (a plan for an unknown LIMIT
 * reads a tenth of the table, so the generic plan never wins), and planning on PGlite asks the
 * file system the size of every table and index it considers: the usual sizes (the default
 * among them) are written in the text instead, so one plan serves. Other sizes stay a
 * parameter, so that a client cannot make hundreds of statements the database keeps prepared.
 */
function pageLimit(limit: number): Prisma.Sql {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw new Error(`Not a page size: ${limit}`);
  return PLANNED_ONCE_SIZES.has(limit)
    ? Prisma.raw(String(limit + 1))
    : Prisma.sql`${limit + 1}::int`;
}

/**
 * The statement of one page: the page as one JSON array, with each entry's findings. Its size
 * (a usual one) and its enum filters are in its text, so one plan serves its runs (pageLimit,
 * enumLiteral); the other values are parameters.
 */
export function entriesPageStatement(query: EntryQuery): Prisma.Sql {
  return Prisma.sql`
    SELECT json_agg(json_build_object(
             'id', x."id", 'createdAt', ${isoInstant(Prisma.sql`x."createdAt"`)}, 'year', x."year",
             'plan', x."plan", 'organisation', x."organisation",
             'organisationOfficialId', x."organisationOfficialId",
             'organisationKind', x."organisationKind", 'channel', x."channel",
             'theme', x."theme", 'measure', x."measure", 'link', x."link", 'source', x."source",
             'missions', x."missions", 'narrative', x."narrative",
             'narrativeLanguage', x."narrativeLanguage", 'figures', x."figures",
             'approvedAt', ${isoInstant(Prisma.sql`x."approvedAt"`)},
             'findings', (SELECT json_agg(json_build_object(
                                  'field', f."field", 'start', f."start", 'end', f."end",
                                  'status', f."status", 'replacement', f."replacement")
                                ORDER BY f."field", f."start")
                            FROM "PersonalDataFinding" f WHERE f."entryId" = x."id"))
           ORDER BY x."createdAt", x."id") AS "page"
      FROM (
        SELECT e."id", e."createdAt", e."year", p."code" AS "plan", o."slug" AS "organisation",
               o."officialId" AS "organisationOfficialId",
               e."organisationKind", e."channel", t."code" AS "theme",
               e."measureCode" AS "measure", e."link", e."source",
               e."missionCodes" AS "missions", e."narrative", e."narrativeLanguage",
               e."figures", e."approvedAt"
          FROM "DatasetEntry" e
          JOIN "Organisation" o ON o."id" = e."organisationId"
          JOIN "Plan" p ON p."id" = e."planId"
          JOIN "Theme" t ON t."id" = e."themeId"
         WHERE ${Prisma.join(conditions(query), " AND ")}
         ORDER BY e."createdAt", e."id"
         LIMIT ${pageLimit(query.limit)}) x`;
}

/** One page of current entries, oldest first, and the cursor of the next page (or null). */
export async function entriesPage(query: EntryQuery) {
  const [result] = await readRows<{ page: EntryRow[] | null }>(entriesPageStatement(query));
  const rows = result?.page ?? [];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const entries: ApiEntry[] = page.map((row) => {
    const published = publishEntry(row, row.findings ?? []);
    return {
      id: row.id,
      createdAt: row.createdAt,
      year: row.year,
      plan: row.plan,
      organisation: {
        identifier: row.organisation,
        officialId: row.organisationOfficialId,
        kind: row.organisationKind,
      },
      channel: row.channel,
      theme: row.theme,
      measure: row.measure,
      link: row.link,
      source: row.source,
      missions: row.missions,
      narrative: published.narrative,
      narrativeLanguage: row.narrativeLanguage,
      figures: published.figures,
      screening: published.screening,
      approvedAt: row.approvedAt,
    };
  });
  return {
    entries,
    next:
      rows.length > query.limit && last
        ? encodePlace({ at: new Date(last.createdAt), id: last.id })
        : null,
  };
}

export interface RemovedQuery {
  since?: Date;
  after: Place | null;
  limit: number;
  format?: string;
}

export function readRemovedQuery(url: URL): RemovedQuery {
  const p = readParameters(url, REMOVED_PARAMETERS);
  return {
    since: instantParameter("since", p.since),
    after: decodePlace(p.cursor),
    limit: limitParameter(p.limit),
    format: p.format,
  };
}

/**
 * Entries that left the dataset (superseded: their return was reopened, or an import replaced
 * them) since an instant, oldest removal first, keyset on ("supersededAt", id).
 */
export async function removedEntriesPage(query: RemovedQuery) {
  const where: Prisma.Sql[] = [Prisma.sql`"supersededAt" IS NOT NULL`];
  if (query.since)
    where.push(Prisma.sql`"supersededAt" >= ${query.since.toISOString()}::timestamp(3)`);
  if (query.after)
    where.push(
      Prisma.sql`("supersededAt", "id") > (${query.after.at.toISOString()}::timestamp(3), ${query.after.id})`,
    );
  if (databaseEngine === "postgres") where.push(settledBefore(Prisma.sql`"supersededAt"`));
  const rows = await readRows<{ id: string; removedAt: Date }>(Prisma.sql`
    SELECT "id", "supersededAt" AS "removedAt" FROM "DatasetEntry"
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY "supersededAt", "id"
     LIMIT ${pageLimit(query.limit)}`);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    removed: page.map((row) => ({ id: row.id, removedAt: row.removedAt.toISOString() })),
    next:
      rows.length > query.limit && last ? encodePlace({ at: last.removedAt, id: last.id }) : null,
  };
}
