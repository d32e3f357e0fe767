// The staff dataset browser: entries of the central dataset under the filters of the query
// string, 50 a page, newest year first, then by channel and measure. Pages are keyset (after/before a row's
// sort key), not offsets, so a page costs the same deep into 200k entries and an approval
// landing meanwhile neither repeats nor skips a row.
import { z } from "zod";
import { DATASET_PAGE_SIZE, type DatasetFilters, datasetCursorSchema } from "./filters";
import { Prisma, type DatasetLink, type FundingChannel } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { fundingChannels } from "~/modules/organisations/schema";
import { entryFigures, type PublishedFigure } from "~/modules/screening/publish";
import { readRows } from "~/utils/db.server";

/** The figures an entry carries, as written at approval: [{ label, value, unit }]. */
export type DatasetFigure = PublishedFigure;

/** Read as the screening reads them, so "figure:<index>" names the same figure everywhere. */
export const storedFigures = (json: unknown): DatasetFigure[] => entryFigures(json);

/**
 * Where a page starts: a row's place in page order. The order is the existing index's
 * ("supersededAt", year, channel, "measureId"), newest first, so a page is an index range scan
 * that stops after 51 rows: sorting by measure code instead read and sorted every entry of the
 * filters first (5 s on PGlite for 200k entries, docs/benchmarks.md).
 */
interface SortKey {
  year: number;
  channel: string;
  measureId: string;
  id: string;
}

// The key travels in the query string as JSON in base64url: opaque, and any id survives.
export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify([key.year, key.channel, key.measureId, key.id])).toString(
    "base64url",
  );
}

// Ids are compared, never interpreted: cuids, or longer made-up ones (the bench's). Nothing
// else gets through to the query: PostgreSQL refuses a NUL in text with an error (a 500).
const cursorId = z.string().regex(/^[\w:.-]{1,200}$/);
const cursorKeySchema = z.tuple([
  z.number().int().min(0).max(9999),
  z.enum(fundingChannels),
  cursorId,
  cursorId,
]);

export function decodeCursor(cursor: string | undefined): SortKey | null {
  if (!cursor) return null;
  try {
    const parsed = cursorKeySchema.safeParse(
      JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")),
    );
    if (!parsed.success) return null;
    const [year, channel, measureId, id] = parsed.data;
    return { year, channel, measureId, id };
  } catch {
    return null;
  }
}

/** The filters as SQL conditions on "DatasetEntry" e (the page's and the CSV's). */
export function filterConditions(
  filters: DatasetFilters,
  options: { ignoreChannel?: boolean } = {},
) {
  const conditions: Prisma.Sql[] = [];
  if (!filters.history) conditions.push(Prisma.sql`e."supersededAt" IS NULL`);
  if (typeof filters.year === "number")
    conditions.push(Prisma.sql`e."year" = ${filters.year}::int`);
  if (filters.kind)
    conditions.push(Prisma.sql`e."organisationKind" = ${filters.kind}::"OrganisationKind"`);
  if (filters.organisation)
    conditions.push(Prisma.sql`e."organisationId" = ${filters.organisation}`);
  if (filters.channel && !options.ignoreChannel)
    conditions.push(Prisma.sql`e."channel" = ${filters.channel}::"FundingChannel"`);
  if (filters.theme) conditions.push(Prisma.sql`e."themeId" = ${filters.theme}`);
  if (filters.measure) conditions.push(Prisma.sql`e."measureId" = ${filters.measure}`);
  if (filters.link) conditions.push(Prisma.sql`e."link" = ${filters.link}::"DatasetLink"`);
  if (filters.source) conditions.push(Prisma.sql`e."source" = ${filters.source}::"DatasetSource"`);
  if (filters.import) conditions.push(Prisma.sql`e."importId" = ${filters.import}`);
  return conditions;
}

export const where = (conditions: Prisma.Sql[]) =>
  conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

interface PageRow {
  id: string;
  year: number;
  channel: FundingChannel;
  measureId: string;
  measureCode: string;
  measureTitle: string;
  organisationName: string;
  link: DatasetLink;
  narrative: string;
  narrativeLanguage: Language | null;
  figures: unknown;
  approvedBy: string | null;
  approvedAt: Date;
  returnId: string | null;
  importFile: string | null;
  importLine: number | null;
  supersededAt: Date | null;
}

/** Characters of a narrative shown in the table; the CSV carries it whole. */
const EXCERPT_LENGTH = 240;

export function excerpt(text: string, length = EXCERPT_LENGTH) {
  if (text.length <= length) return text;
  // Cut at the last space before the limit, so no word is broken in two.
  const cut = text.slice(0, length);
  const space = cut.lastIndexOf(" ");
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The year a page without a year filter shows: the latest with current entries (an index
 * look-up). Every year at once is "all", asked for explicitly: its counts read every entry.
 */
export async function latestDatasetYear(): Promise<number | null> {
  // Spelled as the index's order (see CURRENT_FIRST): max() would read every current entry.
  const [row] = await readRows<{ year: number }>(
    Prisma.sql`SELECT "year" FROM "DatasetEntry" WHERE "supersededAt" IS NULL
                ORDER BY "supersededAt" DESC NULLS FIRST, "year" DESC LIMIT 1`,
  );
  return row?.year ?? null;
}

/**
 * The filters with the year a page shows when none was chosen (see latestDatasetYear). An
 * import's entries are listed whatever their year: its file may span several.
 */
export async function withDefaultYear(filters: DatasetFilters): Promise<DatasetFilters> {
  if (filters.year !== undefined) return filters;
  if (filters.import) return { ...filters, year: "all" };
  const year = await latestDatasetYear();
  return year === null ? filters : { ...filters, year };
}

/** One page of entries under the filters, with its neighbours' cursors and the counts. */
export async function browseDataset(
  filters: DatasetFilters,
  cursor: z.infer<typeof datasetCursorSchema>,
  lang: Language,
) {
  const after = decodeCursor(cursor.after);
  const before = after ? null : decodeCursor(cursor.before);
  const backwards = before !== null;
  const key = after ?? before;
  const conditions = filterConditions(filters);
  if (key) {
    const place = Prisma.sql`(${key.year}::int, ${key.channel}::"FundingChannel", ${key.measureId}, ${key.id})`;
    conditions.push(
      backwards
        ? Prisma.sql`(e."year", e."channel", e."measureId", e."id") > ${place}`
        : Prisma.sql`(e."year", e."channel", e."measureId", e."id") < ${place}`,
    );
  }
  const direction = Prisma.raw(backwards ? "ASC" : "DESC");
  // PostgreSQL does not take "supersededAt" IS NULL as fixing the index's first column when it
  // orders rows: without that column in the ORDER BY, it sorted every entry of the filters
  // instead of reading the index in order. Every row has it null here, so the order is the same.
  const leading = filters.history
    ? Prisma.empty
    : Prisma.raw(`e."supersededAt" ${backwards ? "ASC NULLS LAST" : "DESC NULLS FIRST"},`);
  // One row more than a page says whether there is a page beyond.
  const suffix = Prisma.raw(lang === "nl" ? "Nl" : "Fr");
  const [found, byChannel] = await Promise.all([
    readRows<PageRow>(Prisma.sql`
      SELECT e."id", e."year", e."channel"::text AS "channel", e."measureId", e."measureCode",
             m."title${suffix}" AS "measureTitle", o."name${suffix}" AS "organisationName",
             e."link"::text AS "link", left(e."narrative", ${EXCERPT_LENGTH + 1}::int) AS "narrative",
             e."narrativeLanguage"::text AS "narrativeLanguage", e."figures",
             u."displayName" AS "approvedBy", e."approvedAt", e."returnId",
             ci."fileName" AS "importFile", e."importLine", e."supersededAt"
        FROM "DatasetEntry" e
        JOIN "Organisation" o ON o."id" = e."organisationId"
        JOIN "Measure" m ON m."id" = e."measureId"
        LEFT JOIN "User" u ON u."id" = e."approvedById"
        LEFT JOIN "ContributionImport" ci ON ci."id" = e."importId"
        ${where(conditions)}
       ORDER BY ${leading} e."year" ${direction}, e."channel" ${direction}, e."measureId" ${direction},
                e."id" ${direction}
       LIMIT ${DATASET_PAGE_SIZE + 1}::int`),
    readRows<{ channel: FundingChannel; n: number }>(Prisma.sql`
      SELECT e."channel"::text AS "channel", count(*)::int AS "n"
        FROM "DatasetEntry" e ${where(filterConditions(filters, { ignoreChannel: true }))}
       GROUP BY e."channel"`),
  ]);
  const more = found.length > DATASET_PAGE_SIZE;
  const page = found.slice(0, DATASET_PAGE_SIZE);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const counts: Partial<Record<FundingChannel, number>> = Object.fromEntries(
    byChannel.map((c) => [c.channel, c.n]),
  );
  const total = filters.channel
    ? (counts[filters.channel] ?? 0)
    : byChannel.reduce((sum, c) => sum + c.n, 0);
  return {
    total,
    counts,
    // Going forward, a previous page exists when we came from one; going back, when more
    // rows lie before this page.
    previous: first && (backwards ? more : key !== null) ? encodeCursor(first) : null,
    next: last && (backwards ? true : more) ? encodeCursor(last) : null,
    entries: page.map((entry) => ({
      id: entry.id,
      year: entry.year,
      organisationName: entry.organisationName,
      channel: entry.channel,
      measureCode: entry.measureCode,
      measureTitle: entry.measureTitle,
      link: entry.link,
      narrative: excerpt(entry.narrative),
      narrativeLanguage: entry.narrativeLanguage,
      figures: storedFigures(entry.figures),
      approvedBy: entry.approvedBy,
      approvedAt: entry.approvedAt,
      returnId: entry.returnId,
      importFile: entry.importFile,
      importLine: entry.importLine,
      supersededAt: entry.supersededAt,
    })),
  };
}

// One collator per language (localeCompare builds one per call: 60 ms for 2,000 names).
const collators = {
  fr: new Intl.Collator("fr-BE"),
  nl: new Intl.Collator("nl-BE"),
} satisfies Record<Language, Intl.Collator>;

type FilterOptions = Awaited<ReturnType<typeof readFilterOptions>>;

// The filter lists, per process and language, kept while what they list is unchanged: reading
// 2,000 partners and the plan's 77 measures cost more than the rest of the page. The version
// is one cheap read (counts and last changes of the few tables involved); any change, an
// organisation renamed or added, a plan's measures edited (the seed touches the plan), a new
// campaign, reads the lists again on the next page.
const optionsCache = new Map<Language, { version: string; options: FilterOptions }>();

async function optionsVersion(): Promise<string> {
  const [row] = await readRows<Record<string, unknown>>(Prisma.sql`
    SELECT (SELECT count(*) FROM "Organisation")::int AS "organisations",
           (SELECT max("updatedAt") FROM "Organisation") AS "organisationsAt",
           (SELECT count(*) FROM "Plan")::int AS "plans",
           (SELECT max("updatedAt") FROM "Plan") AS "plansAt",
           (SELECT string_agg(DISTINCT "year"::text, ',') FROM "Campaign") AS "years",
           (SELECT count(*) FROM "ContributionImport")::int AS "imports"`);
  return JSON.stringify(row);
}

async function readFilterOptions(lang: Language) {
  const suffix = Prisma.raw(lang === "nl" ? "Nl" : "Fr");
  const [campaigns, organisations, measures, imports] = await Promise.all([
    // The campaigns' years and the years current entries hold (an import's may be older than
    // any campaign): the entries' distinct years read by skipping along the index of
    // latestDatasetYear, one probe a year, not a scan of every entry.
    readRows<{ year: number }>(Prisma.sql`
      WITH RECURSIVE "held" AS (
        (SELECT "year" FROM "DatasetEntry" WHERE "supersededAt" IS NULL
          ORDER BY "supersededAt" DESC NULLS FIRST, "year" DESC LIMIT 1)
        UNION ALL
        SELECT (SELECT e."year" FROM "DatasetEntry" e
                 WHERE e."supersededAt" IS NULL AND e."year" < h."year"
                 ORDER BY e."supersededAt" DESC NULLS FIRST, e."year" DESC LIMIT 1)
          FROM "held" h WHERE h."year" IS NOT NULL
      )
      SELECT "year" FROM "held" WHERE "year" IS NOT NULL
      UNION SELECT "year" FROM "Campaign"`),
    readRows<{ id: string; name: string }>(
      Prisma.sql`SELECT "id", "name${suffix}" AS "name" FROM "Organisation"`,
    ),
    readRows<{
      planCode: string;
      themeId: string;
      themeCode: string;
      themeTitle: string;
      id: string | null;
      code: string | null;
      title: string | null;
    }>(Prisma.sql`
      SELECT p."code" AS "planCode", t."id" AS "themeId", t."code" AS "themeCode",
             t."title${suffix}" AS "themeTitle", m."id", m."code", m."title${suffix}" AS "title"
        FROM "Theme" t
        JOIN "Plan" p ON p."id" = t."planId"
        LEFT JOIN "Measure" m ON m."themeId" = t."id"
       ORDER BY p."startYear" DESC, p."code", t."position", m."position"`),
    readRows<{ id: string; fileName: string; importedAt: Date }>(Prisma.sql`
      SELECT "id", "fileName", "importedAt" FROM "ContributionImport"
       ORDER BY "importedAt" DESC, "id"`),
  ]);
  const plans = new Set(measures.map((row) => row.planCode));
  // The plan's code is said only when there are several plans (codes repeat across plans).
  const planPrefix = (code: string) => (plans.size > 1 ? `${code} · ` : "");
  const themes: {
    id: string;
    label: string;
    measures: { id: string; label: string }[];
  }[] = [];
  for (const row of measures) {
    let theme = themes.at(-1);
    if (theme?.id !== row.themeId) {
      theme = {
        id: row.themeId,
        label: `${planPrefix(row.planCode)}${row.themeCode} – ${row.themeTitle}`,
        measures: [],
      };
      themes.push(theme);
    }
    if (row.id) {
      theme.measures.push({
        id: row.id,
        label: `${planPrefix(row.planCode)}${row.code} – ${row.title}`,
      });
    }
  }
  return {
    years: campaigns.map((c) => c.year).sort((a, b) => b - a),
    organisations: organisations.sort((a, b) => collators[lang].compare(a.name, b.name)),
    themes,
    imports,
  };
}

/**
 * What the filter lists offer: the years of campaigns and of current entries, organisations,
 * themes and their measures, the historical imports (newest first).
 */
export async function datasetFilterOptions(lang: Language): Promise<FilterOptions> {
  const version = await optionsVersion();
  let known = optionsCache.get(lang);
  if (known?.version !== version) {
    known = { version, options: await readFilterOptions(lang) };
    optionsCache.set(lang, known);
  }
  return known.options;
}
