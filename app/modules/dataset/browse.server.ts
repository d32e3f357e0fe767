// The staff dataset browser: entries of the central dataset under the filters of the query
// string, 50 a page, newest year first then by measure. Pages are keyset (after/before a row's
// sort key), not offsets, so a page costs the same deep into 200k entries and an approval
// landing meanwhile neither repeats nor skips a row.
import { z } from "zod";
import { DATASET_PAGE_SIZE, type DatasetFilters, datasetCursorSchema } from "./filters";
import type { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";

/** The figures an entry carries, as written at approval: [{ label, value, unit }]. */
const figuresSchema = z
  .array(
    z.object({
      label: z.string().catch(""),
      value: z.union([z.number(), z.string()]).nullable().catch(null),
      unit: z.string().nullable().optional().catch(null),
    }),
  )
  .catch([]);
export type DatasetFigure = z.infer<typeof figuresSchema>[number];

export function storedFigures(json: unknown): DatasetFigure[] {
  return figuresSchema.parse(json);
}

/** The entries the filters select; `channel` aside, so counts per channel can ignore it. */
export function datasetWhere(
  filters: DatasetFilters,
  options: { ignoreChannel?: boolean } = {},
): Prisma.DatasetEntryWhereInput {
  return {
    ...(filters.history ? {} : { supersededAt: null }),
    ...(filters.year !== undefined ? { year: filters.year } : {}),
    ...(filters.kind ? { organisationKind: filters.kind } : {}),
    ...(filters.organisation ? { organisationId: filters.organisation } : {}),
    ...(filters.channel && !options.ignoreChannel ? { channel: filters.channel } : {}),
    ...(filters.theme ? { themeId: filters.theme } : {}),
    ...(filters.measure ? { measureId: filters.measure } : {}),
    ...(filters.link ? { link: filters.link } : {}),
  };
}

interface SortKey {
  year: number;
  measureCode: string;
  id: string;
}

// The key travels in the query string as JSON in base64url: opaque, and any value (a measure
// code with a separator in it) survives the round trip.
export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify([key.year, key.measureCode, key.id])).toString("base64url");
}

const cursorKeySchema = z.tuple([z.number().int(), z.string().max(50), z.string().max(40)]);

export function decodeCursor(cursor: string | undefined): SortKey | null {
  if (!cursor) return null;
  try {
    const parsed = cursorKeySchema.safeParse(
      JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")),
    );
    if (!parsed.success) return null;
    const [year, measureCode, id] = parsed.data;
    return { year, measureCode, id };
  } catch {
    return null;
  }
}

/** Rows after `key` in page order (year desc, measure code, id), or before it. */
function keysetWhere(key: SortKey, direction: "after" | "before"): Prisma.DatasetEntryWhereInput {
  const later = direction === "after";
  return {
    OR: [
      { year: later ? { lt: key.year } : { gt: key.year } },
      { year: key.year, measureCode: later ? { gt: key.measureCode } : { lt: key.measureCode } },
      {
        year: key.year,
        measureCode: key.measureCode,
        id: later ? { gt: key.id } : { lt: key.id },
      },
    ],
  };
}

const entrySelect = {
  id: true,
  year: true,
  organisationId: true,
  organisation: { select: { nameFr: true, nameNl: true } },
  organisationKind: true,
  channel: true,
  fundingTitle: true,
  measureCode: true,
  measure: { select: { titleFr: true, titleNl: true } },
  link: true,
  missionCodes: true,
  narrative: true,
  narrativeLanguage: true,
  figures: true,
  attachments: true,
  approvedBy: { select: { displayName: true } },
  approvedAt: true,
  returnId: true,
  submissionId: true,
  supersededAt: true,
} satisfies Prisma.DatasetEntrySelect;
export type DatasetEntryRow = Prisma.DatasetEntryGetPayload<{ select: typeof entrySelect }>;
export { entrySelect as datasetEntrySelect };

/** Characters of a narrative shown in the table; the CSV carries it whole. */
const EXCERPT_LENGTH = 240;

export function excerpt(text: string, length = EXCERPT_LENGTH) {
  if (text.length <= length) return text;
  // Cut at the last space before the limit, so no word is broken in two.
  const cut = text.slice(0, length);
  const space = cut.lastIndexOf(" ");
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** One page of entries under the filters, with its neighbours' cursors and the counts. */
export async function browseDataset(
  filters: DatasetFilters,
  cursor: z.infer<typeof datasetCursorSchema>,
  lang: Language,
) {
  const after = decodeCursor(cursor.after);
  const before = after ? null : decodeCursor(cursor.before);
  const where = datasetWhere(filters);
  const backwards = before !== null;
  const order: Prisma.DatasetEntryOrderByWithRelationInput[] = backwards
    ? [{ year: "asc" }, { measureCode: "desc" }, { id: "desc" }]
    : [{ year: "desc" }, { measureCode: "asc" }, { id: "asc" }];
  const key = after ?? before;
  const [found, byChannel] = await Promise.all([
    prisma.datasetEntry.findMany({
      where: key ? { AND: [where, keysetWhere(key, backwards ? "before" : "after")] } : where,
      orderBy: order,
      // One more than a page says whether there is a page beyond.
      take: DATASET_PAGE_SIZE + 1,
      select: entrySelect,
    }),
    prisma.datasetEntry.groupBy({
      by: ["channel"],
      where: datasetWhere(filters, { ignoreChannel: true }),
      _count: { _all: true },
    }),
  ]);
  const more = found.length > DATASET_PAGE_SIZE;
  const page = found.slice(0, DATASET_PAGE_SIZE);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const counts = Object.fromEntries(byChannel.map((c) => [c.channel, c._count._all]));
  const total = filters.channel
    ? (counts[filters.channel] ?? 0)
    : byChannel.reduce((sum, c) => sum + c._count._all, 0);
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
      organisationName: lang === "nl" ? entry.organisation.nameNl : entry.organisation.nameFr,
      channel: entry.channel,
      measureCode: entry.measureCode,
      measureTitle: lang === "nl" ? entry.measure.titleNl : entry.measure.titleFr,
      link: entry.link,
      narrative: excerpt(entry.narrative),
      narrativeLanguage: entry.narrativeLanguage,
      figures: storedFigures(entry.figures),
      approvedBy: entry.approvedBy?.displayName ?? null,
      approvedAt: entry.approvedAt,
      returnId: entry.returnId,
      supersededAt: entry.supersededAt,
    })),
  };
}

/** What the filter lists offer: campaign years, organisations, themes and measures. */
export async function datasetFilterOptions(lang: Language) {
  const [campaigns, organisations, themes] = await Promise.all([
    prisma.campaign.findMany({ select: { year: true }, distinct: ["year"] }),
    prisma.organisation.findMany({ select: { id: true, nameFr: true, nameNl: true } }),
    prisma.theme.findMany({
      select: {
        id: true,
        code: true,
        titleFr: true,
        titleNl: true,
        plan: { select: { code: true } },
        measures: {
          select: { id: true, code: true, titleFr: true, titleNl: true },
          orderBy: { position: "asc" },
        },
      },
      orderBy: [{ plan: { startYear: "desc" } }, { position: "asc" }],
    }),
  ]);
  const name = (o: { nameFr: string; nameNl: string }) => (lang === "nl" ? o.nameNl : o.nameFr);
  const title = (o: { titleFr: string; titleNl: string }) =>
    lang === "nl" ? o.titleNl : o.titleFr;
  const plans = new Set(themes.map((t) => t.plan.code));
  // The plan's code is said only when there are several plans (codes repeat across plans).
  const planPrefix = (code: string) => (plans.size > 1 ? `${code} · ` : "");
  return {
    years: campaigns.map((c) => c.year).sort((a, b) => b - a),
    organisations: organisations
      .map((o) => ({ id: o.id, name: name(o) }))
      .sort((a, b) => a.name.localeCompare(b.name, lang)),
    themes: themes.map((t) => ({
      id: t.id,
      label: `${planPrefix(t.plan.code)}${t.code} – ${title(t)}`,
      measures: t.measures.map((m) => ({
        id: m.id,
        label: `${planPrefix(t.plan.code)}${m.code} – ${title(m)}`,
      })),
    })),
  };
}
