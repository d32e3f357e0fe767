// The entries of a dataset download (CSV and XLSX), read batch by batch, keyset in the
// downloads' order (export-order.server.ts: every batch is an index range scan), the text as
// published (screening: open and confirmed findings masked, redactions applied). Names and
// titles (partners, measures, staff, imported files: a few thousand rows at most) are read once
// per download into maps instead of joined into every batch, so a batch reads "DatasetEntry"
// alone. No transaction spans a download (a slow client would hold it open, and the embedded
// database has one connection): an entry approved or superseded meanwhile may or may not be in
// it, but no entry appears twice.
import { filterConditions, where, type DatasetFigure } from "./browse.server";
import {
  afterPosition,
  EXPORT_ORDER,
  type ExportPosition,
  POSITION_COLUMNS,
} from "./export-order.server";
import type { DatasetFilters } from "./filters";
import {
  Prisma,
  type DatasetLink,
  type DatasetSource,
  type FundingChannel,
  type Language as NarrativeLanguage,
  type OrganisationKind,
} from "~/generated/prisma/client";
import { type Language, timeZone } from "~/modules/i18n/languages";
import { publishEntry, type FindingForPublishing } from "~/modules/screening/publish";
import { readRows } from "~/utils/db.server";

export const EXPORT_BATCH_SIZE = 1000;

interface StoredRow {
  id: string;
  createdAt: string;
  year: number;
  organisationId: string;
  organisationKind: OrganisationKind;
  channel: FundingChannel;
  fundingTitle: string | null;
  measureId: string;
  measureCode: string;
  link: DatasetLink;
  missions: string;
  narrativeLanguage: NarrativeLanguage | null;
  narrative: string;
  figures: unknown;
  attachments: unknown;
  approvedById: string | null;
  approvedAt: Date;
  supersededAt: Date | null;
  returnId: string | null;
  submissionId: string | null;
  source: DatasetSource;
  importId: string | null;
  importLine: number | null;
}

/** One entry of a download, its text as published. */
export interface ExportEntry {
  id: string;
  /** When it entered the dataset: with its id, where it stands in the downloads' order. */
  createdAt: string;
  year: number;
  organisationName: string;
  organisationKind: OrganisationKind;
  channel: FundingChannel;
  fundingTitle: string | null;
  measureCode: string;
  measureTitle: string;
  link: DatasetLink;
  missions: string;
  narrativeLanguage: NarrativeLanguage | null;
  narrative: string;
  figures: DatasetFigure[];
  attachments: string;
  approvedBy: string | null;
  approvedAt: Date;
  supersededAt: Date | null;
  returnId: string | null;
  submissionId: string | null;
  source: DatasetSource;
  importFile: string | null;
  importLine: number | null;
}

/** Names in the download's language, by id. */
export interface ExportLookups {
  organisations: Map<string, string>;
  measures: Map<string, string>;
  users: Map<string, string>;
  imports: Map<string, string>;
}

export async function exportLookups(lang: Language): Promise<ExportLookups> {
  const suffix = Prisma.raw(lang === "nl" ? "Nl" : "Fr");
  type Named = { id: string; name: string };
  const [organisations, measures, users, imports] = await Promise.all([
    readRows<Named>(Prisma.sql`SELECT "id", "name${suffix}" AS "name" FROM "Organisation"`),
    readRows<Named>(Prisma.sql`SELECT "id", "title${suffix}" AS "name" FROM "Measure"`),
    readRows<Named>(Prisma.sql`SELECT "id", "displayName" AS "name" FROM "User"`),
    readRows<Named>(Prisma.sql`SELECT "id", "fileName" AS "name" FROM "ContributionImport"`),
  ]);
  const map = (rows: Named[]) => new Map(rows.map((row) => [row.id, row.name]));
  return {
    organisations: map(organisations),
    measures: map(measures),
    users: map(users),
    imports: map(imports),
  };
}

// Excel and the CSV show times as Brussels' wall clock. Formatting each with Intl cost more than
// the rest of a CSV row: Brussels' offset is constant within an hour of UTC (its changes happen
// on the hour), so it is computed once per hour met and added.
const wallClock = new Intl.DateTimeFormat("en-CA", {
  timeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const HOUR = 3_600_000;
const offsets = new Map<number, number>();

function offsetAt(hour: number): number {
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const at = new Date(hour * HOUR);
    const part = Object.fromEntries(wallClock.formatToParts(at).map((p) => [p.type, p.value]));
    const wall = Date.UTC(
      Number(part.year),
      Number(part.month) - 1,
      Number(part.day),
      Number(part.hour),
      Number(part.minute),
      Number(part.second),
    );
    offset = wall - at.getTime();
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** Brussels' wall-clock time of an instant, as the UTC fields of a Date (what Excel stores). */
export function brusselsWallClock(date: Date): Date {
  const ms = date.getTime();
  return new Date(ms + offsetAt(Math.floor(ms / HOUR)));
}

/** "2026-12-01 14:05", Brussels' wall clock: the form Excel reads as a date and time. */
export function brusselsStamp(date: Date): string {
  return brusselsWallClock(date).toISOString().slice(0, 16).replace("T", " ");
}

function attachmentNames(json: unknown): string {
  if (!Array.isArray(json)) return "";
  return json
    .map((a: unknown) => (a && typeof a === "object" && "fileName" in a ? String(a.fileName) : ""))
    .filter(Boolean)
    .join(", ");
}

/** The screening's findings of a batch's entries, by entry (index on "entryId"). */
async function batchFindings(ids: string[]) {
  const rows = await readRows<FindingForPublishing & { entryId: string }>(Prisma.sql`
    SELECT "entryId", "field", "start", "end", "status"::text AS "status", "replacement"
      FROM "PersonalDataFinding"
     WHERE "entryId" = ANY(${ids}::text[])`);
  const byEntry = new Map<string, FindingForPublishing[]>();
  for (const { entryId, ...finding } of rows) {
    const list = byEntry.get(entryId);
    if (list) list.push(finding);
    else byEntry.set(entryId, [finding]);
  }
  return byEntry;
}

/**
 * The next batch of entries under `filters` after the position `after` (null: from the start),
 * in the downloads' order; fewer than `batchSize` means the last one.
 */
export async function readExportBatch(
  filters: DatasetFilters,
  lookups: ExportLookups,
  after: ExportPosition | null,
  batchSize = EXPORT_BATCH_SIZE,
): Promise<ExportEntry[]> {
  const conditions = filterConditions(filters);
  if (after !== null) conditions.push(afterPosition(after));
  return readExportEntries(conditions, lookups, batchSize);
}

/** The entries of these ids (at most a batch of them), in the downloads' order, as published. */
export async function readExportEntriesById(
  ids: readonly string[],
  lookups: ExportLookups,
): Promise<ExportEntry[]> {
  if (ids.length === 0) return [];
  return readExportEntries([Prisma.sql`e."id" = ANY(${[...ids]}::text[])`], lookups, ids.length);
}

async function readExportEntries(
  conditions: Prisma.Sql[],
  lookups: ExportLookups,
  limit: number,
): Promise<ExportEntry[]> {
  const rows = await readRows<StoredRow>(Prisma.sql`
    SELECT ${POSITION_COLUMNS}, e."year", e."organisationId", e."organisationKind"::text AS "organisationKind",
           e."channel"::text AS "channel", e."fundingTitle", e."measureId", e."measureCode",
           e."link"::text AS "link", array_to_string(e."missionCodes", ', ') AS "missions",
           e."narrativeLanguage"::text AS "narrativeLanguage", e."narrative", e."figures",
           e."attachments", e."approvedById", e."approvedAt", e."supersededAt", e."returnId",
           e."submissionId", e."source"::text AS "source", e."importId", e."importLine"
      FROM "DatasetEntry" e
      ${where(conditions)}
     ORDER BY ${EXPORT_ORDER}
     LIMIT ${limit}::int`);
  const findings =
    rows.length > 0 ? await batchFindings(rows.map((row) => row.id)) : new Map<string, never>();
  return rows.map((row) => {
    // Published as everything that leaves the platform is (screening/publish.ts).
    const published = publishEntry(row, findings.get(row.id) ?? []);
    return {
      id: row.id,
      createdAt: row.createdAt,
      year: row.year,
      organisationName: lookups.organisations.get(row.organisationId) ?? "",
      organisationKind: row.organisationKind,
      channel: row.channel,
      fundingTitle: row.fundingTitle,
      measureCode: row.measureCode,
      measureTitle: lookups.measures.get(row.measureId) ?? "",
      link: row.link,
      missions: row.missions,
      narrativeLanguage: row.narrativeLanguage,
      narrative: published.narrative,
      figures: published.figures,
      attachments: attachmentNames(row.attachments),
      approvedBy: row.approvedById ? (lookups.users.get(row.approvedById) ?? null) : null,
      approvedAt: row.approvedAt,
      supersededAt: row.supersededAt,
      returnId: row.returnId,
      submissionId: row.submissionId,
      source: row.source,
      importFile: row.importId ? (lookups.imports.get(row.importId) ?? null) : null,
      importLine: row.importLine,
    };
  });
}
