// Reading findings for staff: the screening queue (filtered by status and kind, a page at a
// time) and a return's findings for its review page. Only findings of current entries: an
// entry that left the dataset (a reopened return) is no longer published as current, and its
// own findings stay as they were (masked while open). Each finding comes with the words
// around it (excerpt.ts) and where its entry comes from: the return, or the imported file's line.
import { excerptOf } from "./excerpt";
import type { FindingEntry, FindingView } from "./finding-view";
import { entryFigures, findingPlace } from "./publish";
import { FINDING_STATUSES, SCREENING_PAGE_SIZE, type ScreeningFilters } from "./queue-filters";
import type { FindingStatus, Prisma } from "~/generated/prisma/client";
import type { Language } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";

const entrySelect = (lang: Language) =>
  ({
    id: true,
    year: true,
    measureCode: true,
    narrative: true,
    figures: true,
    returnId: true,
    sectionId: true,
    importLine: true,
    contributionImport: { select: { fileName: true } },
    organisation: { select: lang === "nl" ? { nameNl: true } : { nameFr: true } },
  }) satisfies Prisma.DatasetEntrySelect;

const findingSelect = {
  id: true,
  kind: true,
  field: true,
  start: true,
  end: true,
  status: true,
  replacement: true,
  reason: true,
  resolvedAt: true,
  resolvedBy: { select: { displayName: true } },
} satisfies Prisma.PersonalDataFindingSelect;

type EntryRow = Prisma.DatasetEntryGetPayload<{ select: ReturnType<typeof entrySelect> }>;
type FindingRow = Prisma.PersonalDataFindingGetPayload<{ select: typeof findingSelect }>;

function entryView(entry: EntryRow): FindingEntry {
  const organisation = entry.organisation as { nameFr?: string; nameNl?: string };
  return {
    id: entry.id,
    year: entry.year,
    measureCode: entry.measureCode,
    organisationName: organisation.nameNl ?? organisation.nameFr ?? "",
    returnId: entry.returnId,
    sectionId: entry.sectionId,
    import:
      entry.contributionImport && entry.importLine !== null
        ? { fileName: entry.contributionImport.fileName, line: entry.importLine }
        : null,
  };
}

function findingView(finding: FindingRow, entry: EntryRow): FindingView {
  const place = findingPlace(finding.field) ?? { part: "narrative" as const };
  const figure = place.part === "narrative" ? null : entryFigures(entry.figures)[place.index];
  const text =
    place.part === "narrative"
      ? entry.narrative
      : ((place.part === "unit" ? figure?.unit : figure?.label) ?? "");
  return {
    id: finding.id,
    kind: finding.kind,
    figure:
      place.part === "narrative"
        ? null
        : { index: place.index, label: figure?.label ?? "", part: place.part },
    status: finding.status,
    excerpt: excerptOf(text, finding.start, finding.end),
    replacement: finding.replacement,
    reason: finding.reason,
    resolvedBy: finding.resolvedBy?.displayName ?? null,
    resolvedAt: finding.resolvedAt,
  };
}

/** The queue: findings under the filters, newest first, a page at a time, and counts. */
export async function screeningQueue(filters: ScreeningFilters, lang: Language) {
  const current: Prisma.PersonalDataFindingWhereInput = {
    entry: { supersededAt: null },
    ...(filters.kind ? { kind: filters.kind } : {}),
  };
  const where: Prisma.PersonalDataFindingWhereInput = {
    ...current,
    ...(filters.status === "all" ? {} : { status: filters.status }),
  };
  const [grouped, total] = await Promise.all([
    prisma.personalDataFinding.groupBy({ by: ["status"], where: current, _count: true }),
    prisma.personalDataFinding.count({ where }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / SCREENING_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const rows = await prisma.personalDataFinding.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * SCREENING_PAGE_SIZE,
    take: SCREENING_PAGE_SIZE,
    select: { ...findingSelect, entry: { select: entrySelect(lang) } },
  });
  const counts = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Record<
    FindingStatus,
    number
  >;
  for (const group of grouped) counts[group.status] = group._count;
  return {
    rows: rows.map(({ entry, ...finding }) => ({
      ...findingView(finding, entry),
      entry: entryView(entry),
    })),
    total,
    page,
    pageCount,
    counts,
  };
}

export type ScreeningQueue = Awaited<ReturnType<typeof screeningQueue>>;

/** One finding, with its entry: the page a form falls back to when its input is refused. */
export async function findingById(findingId: string, lang: Language) {
  const row = await prisma.personalDataFinding.findUnique({
    where: { id: findingId },
    select: { ...findingSelect, entry: { select: entrySelect(lang) } },
  });
  if (!row) return null;
  const { entry, ...finding } = row;
  return { ...findingView(finding, entry), entry: entryView(entry) };
}

/**
 * A return's current entries that hold findings, each with its findings in text order (the
 * narrative's, then each figure's): what the review page shows once the return is approved.
 */
export async function returnFindings(returnId: string, lang: Language) {
  const entries = await prisma.datasetEntry.findMany({
    where: { returnId, supersededAt: null, findings: { some: {} } },
    orderBy: [{ measureCode: "asc" }, { id: "asc" }],
    select: {
      ...entrySelect(lang),
      findings: { select: findingSelect, orderBy: [{ field: "asc" }, { start: "asc" }] },
    },
  });
  return entries.map(({ findings, ...entry }) => ({
    entry: entryView(entry),
    findings: findings
      .map((finding) => findingView(finding, entry))
      .sort((a, b) => (a.figure?.index ?? -1) - (b.figure?.index ?? -1)),
  }));
}

export type ReturnFindings = Awaited<ReturnType<typeof returnFindings>>;
