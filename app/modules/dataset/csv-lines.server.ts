// The dataset CSV's lines written by the database. Reading 22 columns per entry and formatting
// them in JavaScript cost more than the rest of the download (about 40 µs a row: the driver's
// parsing, the cells, the dates, the garbage). Here a batch of entries comes back as one text,
// its lines already written, the same rules as csv.ts applied in SQL (formula neutralisation,
// quoting, Brussels wall-clock times, the figures as "label: value unit | …").
//
// Only the entries whose line the database writes exactly as JavaScript would are written here:
// an entry with a screening finding (its text is published by publishEntry, the one rule for
// what may leave the platform), a figure value that is not a whole number of at most 15 digits
// (JavaScript's number formatting and rounding), or a stored shape JavaScript reads leniently
// (figures that are not all objects, an attachment whose name is not text) is named in
// `screened` instead, and written by csv.server.ts from the published entry. The integration
// test (dataset-csv-lines.test.ts) compares both writers line by line on awkward entries.
import { filterConditions, where } from "./browse.server";
import type { DatasetFilters } from "./filters";
import { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { timeZone } from "~/modules/i18n/languages";
import { readRows } from "~/utils/db.server";

// csv.ts's FORMULA_START, as the code points of a text's first character (ascii() reads it:
// cheaper than a regular expression, which PostgreSQL runs on a wide copy of the text), and
// its "needs quotes" test as five searches of one byte each.
const FORMULA_START = Prisma.raw(
  ["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]
    .map((c) => c.codePointAt(0))
    .join(", "),
);
const needsQuotes = (x: Prisma.Sql) =>
  Prisma.sql`(strpos(${x}, '"') > 0 OR strpos(${x}, ';') > 0 OR strpos(${x}, ',') > 0
      OR strpos(${x}, E'\\n') > 0 OR strpos(${x}, E'\\r') > 0)`;

/**
 * csvCell (csv.ts) of a text expression, in SQL: '' for NULL, an apostrophe before a formula's
 * first character, quotes (doubled inside) around a cell holding ; " , or a line break. The
 * expression is repeated: give it a column, not a computation.
 */
export function csvCellSql(x: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE
      WHEN ${x} IS NULL THEN ''
      WHEN ascii(${x}) IN (${FORMULA_START}) THEN
        CASE WHEN ${needsQuotes(x)} THEN '"''' || replace(${x}, '"', '""') || '"'
             ELSE '''' || ${x} END
      WHEN ${needsQuotes(x)} THEN '"' || replace(${x}, '"', '""') || '"'
      ELSE ${x} END`;
}

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

const CELL_NAMES = [
  "kind",
  "channel",
  "link",
  "source",
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
   * in Dutch), or null when the runtime formats them otherwise: every number is then written
   * by JavaScript.
   */
  groupSeparator: string | null;
}

// An entry is left to JavaScript (see the file's head) when one of its figures is not an
// object, or holds a number that is not whole or has more than 15 digits, or when one of its
// attachments has a name that is not text. Strict paths: a figure without a value is not
// selected (both writers leave its value empty).
const FIGURES_LEFT_TO_JAVASCRIPT = `strict $[*] ? (@.type() != "object" || (@.value.type() == "number" && (@.value.floor() != @.value || @.value.abs() > 999999999999999)))`;
const FIGURES_WITH_NUMBERS = `strict $[*] ? (@.type() == "object" && @.value.type() == "number")`;
const ATTACHMENTS_LEFT_TO_JAVASCRIPT = `strict $[*] ? (@.type() == "object" && exists(@.fileName) && @.fileName.type() != "string")`;

function leftToJavaScript(options: CsvLineOptions) {
  const numbers =
    options.groupSeparator === null
      ? Prisma.sql`OR jsonb_path_exists(b."figures", ${FIGURES_WITH_NUMBERS}::jsonpath, '{}', true)`
      : Prisma.empty;
  return Prisma.sql`
       b."id" IN (SELECT p."entryId" FROM "PersonalDataFinding" p
                   WHERE p."entryId" IN (SELECT "id" FROM batch))
    OR (jsonb_typeof(b."figures") = 'array' AND b."figures" <> '[]'::jsonb
        AND (jsonb_path_exists(b."figures", ${FIGURES_LEFT_TO_JAVASCRIPT}::jsonpath, '{}', true)
             ${numbers}))
    OR (jsonb_typeof(b."attachments") = 'array' AND b."attachments" <> '[]'::jsonb
        AND jsonb_path_exists(b."attachments", ${ATTACHMENTS_LEFT_TO_JAVASCRIPT}::jsonpath, '{}', true))`;
}

/** formatNumber of a whole number (numeric), in SQL: the sign, then groups of three digits. */
function wholeNumberSql(value: Prisma.Sql, separator: string | null) {
  return Prisma.sql`(CASE WHEN ${value} < 0 THEN '-' ELSE '' END
    || regexp_replace(abs(${value})::text, '([0-9])(?=([0-9]{3})+$)', '\\1' || ${separator ?? ""}::text, 'g'))`;
}

/** The figures' cell, as csv.server.ts writes published figures: "label: value unit | …" */
function figuresCellSql(options: CsvLineOptions) {
  const value = Prisma.sql`CASE jsonb_typeof(x -> 'value')
      WHEN 'string' THEN x ->> 'value'
      WHEN 'number' THEN ${wholeNumberSql(Prisma.sql`trunc((x -> 'value')::numeric)`, options.groupSeparator)}
      ELSE '' END`;
  return Prisma.sql`CASE WHEN jsonb_typeof(b."figures") <> 'array' OR b."figures" = '[]'::jsonb THEN ''
    ELSE (SELECT ${csvCellSql(Prisma.raw("t"))} FROM (
      SELECT string_agg(
          (CASE WHEN jsonb_typeof(x -> 'label') = 'string' THEN x ->> 'label' ELSE '' END) || ': '
          || ${value}
          || (CASE WHEN jsonb_typeof(x -> 'unit') = 'string' AND x ->> 'unit' <> ''
                   THEN ' ' || (x ->> 'unit') ELSE '' END),
          ' | ' ORDER BY n) AS t
        FROM jsonb_array_elements(b."figures") WITH ORDINALITY AS y(x, n)) f) END`;
}

/** The attachments' cell: their names, as attachmentNames (export-rows.server.ts) joins them. */
const attachmentsCellSql = Prisma.sql`CASE
    WHEN jsonb_typeof(b."attachments") <> 'array' OR b."attachments" = '[]'::jsonb THEN ''
    ELSE (SELECT ${csvCellSql(Prisma.raw("t"))} FROM (
      SELECT string_agg(x ->> 'fileName', ', ' ORDER BY n) AS t
        FROM jsonb_array_elements(b."attachments") WITH ORDINALITY AS y(x, n)
       WHERE jsonb_typeof(x) = 'object' AND jsonb_typeof(x -> 'fileName') = 'string'
         AND x ->> 'fileName' <> '') a) END`;

/** One entry's line (b: the entry). Same cells, same order as csv.server.ts's entryLine. */
function lineSql(options: CsvLineOptions) {
  // k: the cells of csvBatchQuery's "known" (one row, read once per statement).
  const known = (name: keyof CsvCells, key: string) =>
    Prisma.raw(`coalesce(k."${name}" ->> ${key}, '')`);
  const cell = (column: string) => csvCellSql(Prisma.raw(column));
  // Ids are ours (cuids, or the bench's made-up ones: letters, digits and dashes inside), so
  // never a formula's start, a separator or a quote: written as they are.
  const id = (column: string) => Prisma.raw(`coalesce(${column}, '')`);
  const cells: Prisma.Sql[] = [
    Prisma.sql`b."year"::text`,
    known("organisations", `b."organisationId"`),
    known("kind", `b."organisationKind"::text`),
    known("channel", `b."channel"::text`),
    cell(`b."fundingTitle"`),
    cell(`b."measureCode"`),
    known("measures", `b."measureId"`),
    known("link", `b."link"::text`),
    cell("b.missions"),
    Prisma.sql`coalesce(b."narrativeLanguage"::text, '')`,
    cell(`b."narrative"`),
    figuresCellSql(options),
    attachmentsCellSql,
    known("source", `b."source"::text`),
    known("imports", `b."importId"`),
    Prisma.sql`coalesce(b."importLine"::text, '')`,
    known("users", `b."approvedById"`),
    stampSql(Prisma.raw(`b."approvedAt"`)),
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
  /** The lines the database wrote, in id order. */
  text: string;
  /** The entries JavaScript writes (findings, or numbers and shapes it formats its own way). */
  screened: string[];
}

/** Where a batch of entries starts and ends, in id order (keyset on the primary key). */
export interface CsvRange {
  /** The entries after this id (null: from the first). */
  after: string | null;
  /** Up to this id included (null: to the last). */
  upTo: string | null;
}

/**
 * The id that ends the batch of `batchSize` entries under `filters` after `after`, or null
 * when fewer are left (the last batch). Cheap (ids only), so the next batches' ranges are known
 * before their lines are read, and PostgreSQL can read several at once.
 */
export async function nextCsvBoundary(
  filters: DatasetFilters,
  after: string | null,
  batchSize: number,
): Promise<string | null> {
  const conditions = filterConditions(filters);
  if (after !== null) conditions.push(Prisma.sql`e."id" > ${after}`);
  const [row] = await readRows<{ id: string }>(Prisma.sql`
    SELECT e."id" FROM "DatasetEntry" e
     ${where(conditions)}
     ORDER BY e."id"
     OFFSET ${batchSize - 1}::int LIMIT 1`);
  return row?.id ?? null;
}

/** The entries of a range under `filters` (at most `batchSize`), as CSV lines. */
export async function readCsvBatch(
  filters: DatasetFilters,
  options: CsvLineOptions,
  range: CsvRange,
  batchSize: number,
): Promise<CsvBatch> {
  const [row] = await readRows<CsvBatch>(csvBatchQuery(filters, options, range, batchSize));
  return row!;
}

/** readCsvBatch's statement. */
export function csvBatchQuery(
  filters: DatasetFilters,
  options: CsvLineOptions,
  range: CsvRange,
  batchSize: number,
) {
  const conditions = filterConditions(filters);
  if (range.after !== null) conditions.push(Prisma.sql`e."id" > ${range.after}`);
  if (range.upTo !== null) conditions.push(Prisma.sql`e."id" <= ${range.upTo}`);
  return Prisma.sql`
    WITH batch AS MATERIALIZED (
      SELECT e."id", e."year", e."organisationId", e."organisationKind", e."channel",
             e."fundingTitle", e."measureId", e."measureCode", e."link",
             array_to_string(e."missionCodes", ', ') AS missions, e."narrativeLanguage",
             e."narrative", e."figures", e."attachments", e."approvedById", e."approvedAt",
             e."supersededAt", e."returnId", e."submissionId", e."source", e."importId",
             e."importLine"
        FROM "DatasetEntry" e
        ${where(conditions)}
       ORDER BY e."id"
       LIMIT ${batchSize}::int),
    screened AS MATERIALIZED (
      SELECT b."id" FROM batch b WHERE ${leftToJavaScript(options)}),
    -- The labels and names, parsed once (a parameter cast on every row would parse it again).
    known AS MATERIALIZED (
      SELECT ${Prisma.join(
        CELL_NAMES.map((name) => Prisma.raw(`c -> '${name}' AS "${name}"`)),
        ", ",
      )}
        FROM (SELECT ${JSON.stringify(options.cells)}::jsonb AS c) given)
    SELECT coalesce((
             SELECT string_agg(${lineSql(options)}, '' ORDER BY b."id")
               FROM batch b CROSS JOIN known k
              WHERE b."id" NOT IN (SELECT "id" FROM screened)), '') AS "text",
           ARRAY(SELECT "id" FROM screened ORDER BY "id") AS "screened"`;
}
