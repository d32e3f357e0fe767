// The dataset CSV's lines written by the database. Reading 22 columns per entry and formatting
// them in JavaScript cost more than the rest of the download (about 40 µs a row: the driver's
// parsing, the cells, the dates, the garbage), and so did writing every cell in SQL at each
// download (20–30 µs a row). An entry's own cells (its funding, narrative, figures and
// attachments, quoted and neutralised as csv.ts does) are written once, when it is inserted
// (trigger "DatasetEntry_csv_cells", migration 20261201123757): a batch only joins them with
// the names and labels of the download's language, and comes back as a few texts (pieces).
//
// Only the entries whose line the database writes exactly as JavaScript would are written here:
// an entry with a screening finding (its text is published by publishEntry, the one rule for
// what may leave the platform), or whose stored figures are NULL (a figure value that is not a
// whole number of at most 15 digits, which JavaScript formats and rounds its own way, or a
// stored shape JavaScript reads leniently: its line is then NULL) is named in `screened`
// instead, and written by csv.server.ts from the published entry. The integration test
// (dataset-csv-lines.test.ts) compares both writers line by line on awkward entries.
import { filterConditions, where } from "./browse.server";
import {
  afterPosition,
  EXPORT_ORDER,
  type ExportPosition,
  POSITION_COLUMNS,
  upToPosition,
} from "./export-order.server";
import type { DatasetFilters } from "./filters";
import { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { timeZone } from "~/modules/i18n/languages";
import { databaseEngine, readRows } from "~/utils/db.server";

// From PostgreSQL, a batch's lines come as base64: the driver decodes every text it reads from
// UTF-8 into a string, which for these lines (accented, a megabyte a batch) cost more than the
// rest of the download, and the string then had to be encoded back. Base64 is ASCII, which
// decodes fast, and Node decodes base64 to bytes faster still (docs/benchmarks.md). The
// embedded database hands texts over in memory: they are encoded once.
const BASE64 = databaseEngine === "postgres";
const encoder = new TextEncoder();

/**
 * The digit-group separator the stored figures carry, by language (the trigger's): the
 * separator formatNumber wrote when the migration was made.
 */
export const STORED_GROUP_SEPARATORS: Record<Language, string> = { fr: "\u202F", nl: "." };

/** Brussels' wall clock of a stored UTC timestamp, as brusselsStamp writes it: 2026-12-01 14:05 */
function stampSql(x: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char((${x} AT TIME ZONE 'UTC') AT TIME ZONE ${Prisma.raw(`'${timeZone}'`)}, 'YYYY-MM-DD HH24:MI')`;
}

/** The texts the lines carry, each already a CSV cell (csvCell of it), by key. */
export interface CsvCells {
  /** Enum labels in the download's language. */
  kind: Record<string, string>;
  channel: Record<string, string>;
  link: Record<string, string>;
  source: Record<string, string>;
  /** Names by id in the download's language: read and written once per download. */
  organisations: Record<string, string>;
  measures: Record<string, string>;
  users: Record<string, string>;
  imports: Record<string, string>;
}

/** The labels of an enum's values. */
type EnumCells = "kind" | "channel" | "link" | "source";

/** The names, looked up by id in a JSON object. */
const CELL_NAMES = [
  "organisations",
  "measures",
  "users",
  "imports",
] as const satisfies readonly (keyof CsvCells)[];

export interface CsvLineOptions {
  lang: Language;
  cells: CsvCells;
  /** The supersededAt column (the history download). */
  history: boolean;
  /**
   * The digit-group separator formatNumber writes in whole numbers ("1 234" in French, "1.234"
   * in Dutch), or null when the runtime formats them otherwise. When it is not the stored
   * figures' (STORED_GROUP_SEPARATORS), every entry with a number is written by JavaScript.
   */
  groupSeparator: string | null;
}

// With a runtime that groups digits otherwise than the stored figures: the entries holding a
// number. Strict path: a figure without a value is not selected.
const FIGURES_WITH_NUMBERS = `strict $[*] ? (@.type() == "object" && @.value.type() == "number")`;

/** The stored figures' column of a language, on the entry aliased `alias`. */
const storedFigures = (lang: Language, alias = "b") =>
  Prisma.raw(`${alias}."${lang === "nl" ? "csvFiguresNl" : "csvFiguresFr"}"`);

/** Whether the runtime groups digits otherwise than the stored figures. */
const regrouped = (options: CsvLineOptions) =>
  options.groupSeparator !== STORED_GROUP_SEPARATORS[options.lang];

/**
 * Whether an entry (e) is left to JavaScript although its stored cells are all there (an entry
 * missing one has a NULL line, and is left to JavaScript for that).
 */
function leftToJavaScript(options: CsvLineOptions) {
  const numbers = regrouped(options)
    ? Prisma.sql`OR (jsonb_typeof(e."figures") = 'array'
          AND jsonb_path_exists(e."figures", ${FIGURES_WITH_NUMBERS}::jsonpath, '{}', true))`
    : Prisma.empty;
  return Prisma.sql`(
       EXISTS (SELECT FROM "PersonalDataFinding" p WHERE p."entryId" = e."id")
    ${numbers})`;
}

/** An enum's value as a literal: our own identifiers, capitals and underscores only. */
function enumValue(key: string) {
  if (!/^[A-Z_]+$/.test(key)) throw new Error(`Not an enum value: ${key}`);
  return Prisma.raw(`'${key}'`);
}

// The names' JSON parameter, written once per download (its options), not once per batch.
const namesJson = new WeakMap<CsvCells, string>();
function namesOf(cells: CsvCells) {
  let json = namesJson.get(cells);
  if (json === undefined) {
    json = JSON.stringify(Object.fromEntries(CELL_NAMES.map((name) => [name, cells[name]])));
    namesJson.set(cells, json);
  }
  return json;
}

/** One entry's line (b: the entry). Same cells, same order as csv.server.ts's entryLine. */
function lineSql(options: CsvLineOptions) {
  // k: the cells of csvBatchQuery's "known" (one row, read once per statement).
  const known = (name: keyof CsvCells, key: string) =>
    Prisma.raw(`coalesce(k."${name}" ->> ${key}, '')`);
  // An enum's label: a CASE on the value (a lookup in a JSON object costs the database more).
  // The keys are the enum's values, our own identifiers (capitals and underscores).
  const label = (name: EnumCells, column: string) =>
    Prisma.sql`CASE ${Prisma.raw(column)} ${Prisma.join(
      Object.entries(options.cells[name]).map(
        ([key, text]) => Prisma.sql`WHEN ${enumValue(key)} THEN ${text}`,
      ),
      " ",
    )} ELSE '' END`;
  // Ids are ours (cuids, or the bench's made-up ones: letters, digits and dashes inside), so
  // never a formula's start, a separator or a quote: written as they are.
  const id = (column: string) => Prisma.raw(`coalesce(${column}, '')`);
  const cells: Prisma.Sql[] = [
    Prisma.sql`b."year"::text`,
    known("organisations", `b."organisationId"`),
    label("kind", `b."organisationKind"`),
    label("channel", `b."channel"`),
    // The funding's cell and the measure's code.
    Prisma.raw(`b."csvFunding"`),
    known("measures", `b."measureId"`),
    label("link", `b."link"`),
    // The missions, the narrative's language and the narrative.
    Prisma.raw(`b."csvNarrative"`),
    // The figures and the attachments.
    storedFigures(options.lang),
    label("source", `b."source"`),
    known("imports", `b."importId"`),
    Prisma.sql`coalesce(b."importLine"::text, '')`,
    known("users", `b."approvedById"`),
    Prisma.raw(`b."csvApprovedAt"`),
    ...(options.history
      ? [Prisma.sql`coalesce(${stampSql(Prisma.raw(`b."supersededAt"`))}, '')`]
      : []),
    id(`b."returnId"`),
    id(`b."submissionId"`),
    id(`b."id"`),
  ];
  return Prisma.sql`${Prisma.join(cells, ` || ';' || `)} || E'\\r\\n'`;
}

export interface CsvBatch {
  /**
   * The lines the database wrote, in the downloads' order, in pieces as it sent them (base64
   * on PostgreSQL, text on PGlite): each turned into bytes by `csvPieceBytes` only when it is
   * about to be sent.
   */
  pieces: string[];
  /** The entries JavaScript writes (findings, or numbers and shapes it formats its own way). */
  screened: string[];
}

/** Where a batch of entries starts and ends, in the downloads' order (export-order.server.ts). */
export interface CsvRange {
  /** The entries after this position (null: from the first). */
  after: ExportPosition | null;
  /** Up to this position included (null: to the last). */
  upTo: ExportPosition | null;
}

/**
 * The position that ends the batch of `batchSize` entries under `filters` after `after`, or
 * null when fewer are left (the last batch). Cheap (the index alone, and the filters), so the
 * next batches' ranges are known before their lines are read, and PostgreSQL can read several
 * at once.
 */
export async function nextCsvBoundary(
  filters: DatasetFilters,
  after: ExportPosition | null,
  batchSize: number,
): Promise<ExportPosition | null> {
  const conditions = filterConditions(filters);
  if (after !== null) conditions.push(afterPosition(after));
  const [row] = await readRows<ExportPosition>(Prisma.sql`
    SELECT ${POSITION_COLUMNS} FROM "DatasetEntry" e
     ${where(conditions)}
     ORDER BY ${EXPORT_ORDER}
     OFFSET ${batchSize - 1}::int LIMIT 1`);
  return row ?? null;
}

/** The entries of a range under `filters` (at most `batchSize`), as CSV lines. */
export async function readCsvBatch(
  filters: DatasetFilters,
  options: CsvLineOptions,
  range: CsvRange,
  batchSize: number,
): Promise<CsvBatch> {
  const pieces = await readRows<{ text: string; screened: string[] }>(
    csvBatchQuery(filters, options, range, batchSize, BASE64),
  );
  return {
    pieces: pieces.map((piece) => piece.text).filter((text) => text !== ""),
    screened: pieces.flatMap((piece) => piece.screened),
  };
}

/**
 * A piece of a batch as UTF-8, made just before it is written: a batch's bytes never all wait
 * in the download's queue at once, beside the text they were decoded from.
 */
export function csvPieceBytes(piece: string): Uint8Array {
  return BASE64 ? Buffer.from(piece, "base64") : encoder.encode(piece);
}

// A batch comes back in pieces of this many entries, tens of kilobytes each, which fit in one
// read of the socket: one row of a megabyte made the driver grow a buffer by doubling for every
// batch (the export added 45–55 MB to the process, now 33–37 MB; docs/benchmarks.md).
const PIECE = 32;

/** readCsvBatch's statement: the batch's pieces, in order. */
function csvBatchQuery(
  filters: DatasetFilters,
  options: CsvLineOptions,
  range: CsvRange,
  batchSize: number,
  base64 = false,
) {
  const conditions = filterConditions(filters);
  if (range.after !== null) conditions.push(afterPosition(range.after));
  if (range.upTo !== null) conditions.push(upToPosition(range.upTo));
  const lines = Prisma.sql`coalesce(string_agg(l."line", '' ORDER BY l."n"), '')`;
  // One pass over the range's entries, in the downloads' order: each line written, or (a NULL
  // line) the entry's id named for JavaScript.
  return Prisma.sql`
    -- The names, parsed once (a parameter cast on every row would parse it again).
    WITH known AS MATERIALIZED (
      SELECT ${Prisma.join(
        CELL_NAMES.map((name) => Prisma.raw(`c -> '${name}' AS "${name}"`)),
        ", ",
      )}
        FROM (SELECT ${namesOf(options.cells)}::jsonb AS c) given)
    SELECT ${base64 ? Prisma.sql`encode(convert_to(${lines}, 'UTF8'), 'base64')` : lines} AS "text",
           coalesce(array_agg(l."id" ORDER BY l."n") FILTER (WHERE l."line" IS NULL),
                    '{}') AS "screened"
      FROM (
        -- Each line written before the pieces are grouped: the names stay out of the grouping
        -- (OFFSET 0 keeps the planner from merging this query into the grouping one).
        SELECT b."n", b."id",
               CASE WHEN NOT b."leftToJavaScript" THEN ${lineSql(options)} END AS "line"
          FROM (
            SELECT e."id", e."year", e."organisationId", e."organisationKind", e."channel",
                   e."csvFunding", e."measureId", e."link", e."csvNarrative",
                   ${storedFigures(options.lang, "e")}, e."approvedById", e."csvApprovedAt",
                   e."supersededAt", e."returnId", e."submissionId", e."source", e."importId",
                   e."importLine", ${leftToJavaScript(options)} AS "leftToJavaScript",
                   row_number() OVER (ORDER BY ${EXPORT_ORDER}) AS "n"
              FROM "DatasetEntry" e
              ${where(conditions)}
             ORDER BY ${EXPORT_ORDER}
             LIMIT ${batchSize}::int) b
          CROSS JOIN known k
        OFFSET 0) l
     GROUP BY (l."n" - 1) / ${Prisma.raw(String(PIECE))}
     ORDER BY (l."n" - 1) / ${Prisma.raw(String(PIECE))}`;
}
