// The dataset's current entries for other systems, page by page. Pages are keyset on
// ("createdAt", id), read in that order through the index of the same name: a page costs one
// index range scan however deep, and a row written meanwhile never shifts a page (it sorts
// after every row that existed, since it was created later). An entry's own values never
// change, but what is published of it does when staff decide on its personal-data findings:
// its `updatedAt` is the last instant that could change it (its creation, or a finding's
// creation or decision), and "updatedSince" returns the entries created, or whose screening
// changed, since an instant. An entry leaving the dataset (superseded) is reported by
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
  readInstant,
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

/**
 * Where a page starts: after this row (its instant and id). Opaque to clients. An entries
 * page's cursor also carries its walk's instant (`asOf`, see walkInstant).
 */
interface Place {
  at: Date;
  id: string;
  asOf?: Date;
}

export function encodePlace(place: Place): string {
  const values = [place.at.toISOString(), place.id];
  if (place.asOf) values.push(place.asOf.toISOString());
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** An instant as encodePlace writes it, a real one the columns can hold, or null. */
function cursorInstant(value: unknown): Date | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value))
    return null;
  const instant = readInstant(value);
  return instant instanceof Date ? instant : null;
}

/**
 * A cursor back into a Place; a 400 for anything this API did not write. `withAsOf`: the
 * entries' cursors, which carry their walk's instant (those written before it was added have
 * two values, and their walk starts again from the current instant).
 */
function decodePlace(cursor: string | undefined, withAsOf: boolean): Place | null {
  if (cursor === undefined) return null;
  const refuse = (): never => badParameter("cursor", "cursor");
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return refuse();
  }
  if (!Array.isArray(parsed) || !(parsed.length === 2 || (withAsOf && parsed.length === 3)))
    return refuse();
  const [at, id, asOf] = parsed as unknown[];
  const place = {
    at: cursorInstant(at),
    asOf: asOf === undefined ? undefined : cursorInstant(asOf),
  };
  if (!place.at || place.asOf === null || typeof id !== "string" || !/^[\w:.-]{1,200}$/.test(id))
    return refuse();
  return { at: place.at, id, ...(place.asOf ? { asOf: place.asOf } : {}) };
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
    after: decodePlace(p.cursor, true),
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

const timestamp = (instant: Date) => Prisma.sql`${instant.toISOString()}::timestamp(3)`;

/** The walk's instant, as the page's statement names it (its "walk" row, see walkInstant). */
const AS_OF = Prisma.sql`(SELECT "asOf" FROM "walk")`;

/** The conditions every row of a page meets, whatever updatedSince asks. */
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
  if (query.after)
    where.push(
      Prisma.sql`(e."createdAt", e."id") > (${timestamp(query.after.at)}, ${query.after.id})`,
    );
  // Only what had last changed at the walk's instant (see walkInstant).
  where.push(Prisma.sql`e."createdAt" <= ${AS_OF}`);
  where.push(Prisma.sql`NOT EXISTS (SELECT FROM "PersonalDataFinding" f
    WHERE f."entryId" = e."id" AND (f."createdAt" > ${AS_OF} OR f."resolvedAt" > ${AS_OF}))`);
  return where;
}

/**
 * The oldest transaction still open on the database, within the last 10 minutes (now if none),
 * as a UTC timestamp: a transaction writing entries (an approval, a long import), deciding on
 * findings or taking entries out (a reopened return) stamps its rows before it commits, so
 * rows stamped after that instant may still be missing from what a statement reads now.
 * PostgreSQL only: PGlite has one connection, so no transaction is open while a page is read.
 */
const OLDEST_OPEN = Prisma.sql`(
  SELECT greatest(coalesce(min(a."xact_start"), now()), now() - interval '10 minutes')
         AT TIME ZONE 'UTC'
    FROM pg_stat_activity a
   WHERE a."datname" = current_database() AND a."pid" <> pg_backend_pid()
     AND a."xact_start" IS NOT NULL)`;

/**
 * A walk's instant. A walk is a first page and the pages its cursors lead to; its pages hold
 * only entries whose `updatedAt` (creation, a finding created or decided) is at or before this
 * instant, and every change stamped at or before it was visible when the first page was read.
 * It is that first page's: the start of the oldest transaction then open on PostgreSQL
 * (OLDEST_OPEN), the statement's own on PGlite, cut to the millisecond (the columns' precision),
 * then carried by the cursors. Pages are in creation order, but a finding can be decided on an
 * entry the client has already read: were later pages to show what changed after the walk
 * began (a newer entry, another decision), the newest `updatedAt` the client holds, its next
 * `updatedSince`, would pass that decision. Left to the next walk, nothing is missed: its
 * `updatedSince` is at most this instant, and every change it missed is stamped at or after it.
 */
function walkInstant(query: EntryQuery): Prisma.Sql {
  if (query.after?.asOf) return timestamp(query.after.asOf);
  const now = databaseEngine === "postgres" ? OLDEST_OPEN : Prisma.sql`(now() AT TIME ZONE 'UTC')`;
  return Prisma.sql`date_trunc('milliseconds', ${now})`;
}

/**
 * On PostgreSQL, only removals stamped before the oldest transaction still open (OLDEST_OPEN):
 * a client going on from the newest removal it read then never misses one committed later.
 * Removals are paged in the order of their instant, so each page's own bound is enough.
 */
const settledBefore = (instant: Prisma.Sql) => Prisma.sql`${instant} < ${OLDEST_OPEN}`;

/**
 * An entry as the page's query gives it. The whole page comes back as one JSON value, built by
 * the database: parsing one value is far cheaper than parsing 17 columns of 101 rows through the
 * driver (on PGlite, on the thread that answers every request). Instants are written as
 * Date#toISOString writes them (timestamp(3) columns hold UTC).
 */
interface EntryRow {
  id: string;
  createdAt: string;
  /** The latest of its creation and its findings' creation and decision. */
  updatedAt: string;
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
  /** The last time what is published of it could change: see EntryRow. */
  updatedAt: string;
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

/** The first rows meeting `where`, oldest first: the columns a page gives of an entry itself. */
const firstRows = (query: EntryQuery, where: readonly Prisma.Sql[]) => Prisma.sql`
        SELECT e."id", e."createdAt", e."year", e."planId", e."organisationId",
               e."organisationKind", e."channel", e."themeId", e."measureCode", e."link",
               e."source", e."missionCodes", e."narrative", e."narrativeLanguage", e."figures",
               e."approvedAt"
          FROM "DatasetEntry" e
         WHERE ${Prisma.join(where, " AND ")}
         ORDER BY e."createdAt", e."id"
         LIMIT ${pageLimit(query.limit)}`;

/**
 * The page's rows. With updatedSince, those created since (a range of the creation index) and
 * those created before whose findings were created or decided since (read by id: findings are
 * few, and name their entries), each in order up to the page's size, then merged. One
 * condition "created since, or a finding changed since" would read the creation index from its
 * start, testing every older entry.
 */
function pageRows(query: EntryQuery): Prisma.Sql {
  const where = conditions(query);
  if (!query.updatedSince) return firstRows(query, where);
  const since = timestamp(query.updatedSince);
  return Prisma.sql`
    SELECT * FROM (
      (${firstRows(query, [...where, Prisma.sql`e."createdAt" >= ${since}`])})
      UNION ALL
      (${firstRows(query, [
        ...where,
        Prisma.sql`e."createdAt" < ${since}`,
        Prisma.sql`e."id" = ANY (ARRAY(SELECT f."entryId" FROM "PersonalDataFinding" f
                     WHERE f."createdAt" >= ${since} OR f."resolvedAt" >= ${since}))`,
      ])})) u
     ORDER BY u."createdAt", u."id"
     LIMIT ${pageLimit(query.limit)}`;
}

/**
 * The statement of one page: the walk's instant (walkInstant) and the page as one JSON array,
 * each entry with its codes, its findings and its `updatedAt`. Its size (a usual one) and its
 * enum filters are in its text, so one plan serves its runs (pageLimit, enumLiteral); the other
 * values are parameters.
 */
export function entriesPageStatement(query: EntryQuery): Prisma.Sql {
  return Prisma.sql`
    WITH "walk" AS (SELECT ${walkInstant(query)} AS "asOf")
    SELECT (SELECT ${isoInstant(Prisma.sql`"asOf"`)} FROM "walk") AS "asOf",
           json_agg(json_build_object(
             'id', x."id", 'createdAt', ${isoInstant(Prisma.sql`x."createdAt"`)},
             'updatedAt', ${isoInstant(Prisma.sql`greatest(x."createdAt", s."changedAt")`)},
             'year', x."year", 'plan', p."code", 'organisation', o."slug",
             'organisationOfficialId', o."officialId",
             'organisationKind', x."organisationKind", 'channel', x."channel",
             'theme', t."code", 'measure', x."measureCode", 'link', x."link",
             'source', x."source", 'missions', x."missionCodes", 'narrative', x."narrative",
             'narrativeLanguage', x."narrativeLanguage", 'figures', x."figures",
             'approvedAt', ${isoInstant(Prisma.sql`x."approvedAt"`)}, 'findings', s."findings")
           ORDER BY x."createdAt", x."id") AS "page"
      FROM (${pageRows(query)}) x
      JOIN "Organisation" o ON o."id" = x."organisationId"
      JOIN "Plan" p ON p."id" = x."planId"
      JOIN "Theme" t ON t."id" = x."themeId"
      CROSS JOIN LATERAL (
        SELECT json_agg(json_build_object(
                 'field', f."field", 'start', f."start", 'end', f."end",
                 'status', f."status", 'replacement', f."replacement")
               ORDER BY f."field", f."start") AS "findings",
               max(greatest(f."createdAt", f."resolvedAt")) AS "changedAt"
          FROM "PersonalDataFinding" f WHERE f."entryId" = x."id") s`;
}

/** One page of current entries, oldest first, and the cursor of the next page (or null). */
export async function entriesPage(query: EntryQuery) {
  const [result] = await readRows<{ asOf: string; page: EntryRow[] | null }>(
    entriesPageStatement(query),
  );
  const rows = result?.page ?? [];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const entries: ApiEntry[] = page.map((row) => {
    const published = publishEntry(row, row.findings ?? []);
    return {
      id: row.id,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
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
      rows.length > query.limit && last && result
        ? encodePlace({ at: new Date(last.createdAt), id: last.id, asOf: new Date(result.asOf) })
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
    after: decodePlace(p.cursor, false),
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
