// The report's project counts, pure (the caller reads the entries): the communes' number of
// projects per measure, primary vs secondary link, and the call for projects' funded projects
// per theme and year. Counting rules beside counting.ts (measures), same entry rules: only
// current entries (not superseded) of the period count.
//
// A project is one funding of one partner: the distinct (organisation, funding); an entry
// without a funding (a historical import that named none) is its organisation's one project.
// Several entries of one project (years, sections, rows) count once.
import { counts, type Period } from "./counting";
import type { DatasetLink, FundingChannel } from "~/generated/prisma/enums";

export interface ProjectEntry {
  year: number;
  channel: FundingChannel;
  measureId: string;
  themeId: string;
  organisationId: string;
  fundingId: string | null;
  link: DatasetLink;
  supersededAt: Date | null;
}

/** The communes' column of the report: PBPP and LISA antennas together. */
export const COMMUNE_CHANNELS: readonly FundingChannel[] = ["PBPP", "LISA"];
export const LINKS = ["PRIMARY", "SECONDARY", "OTHER"] as const satisfies readonly DatasetLink[];

export function projectKey(entry: Pick<ProjectEntry, "organisationId" | "fundingId">) {
  return `${entry.organisationId}|${entry.fundingId ?? ""}`;
}

export interface MeasureProjects {
  measureId: string;
  byLink: Record<DatasetLink, number>;
  /** Distinct projects whatever the link (a project linked twice counts once). */
  total: number;
}

/**
 * The communes' projects per measure (in the order of `measureIds`, the plan's), split by the
 * link the entry gives the measure; only measures with at least one project.
 */
export function communeProjectsPerMeasure(
  entries: Iterable<ProjectEntry>,
  measureIds: readonly string[],
  period: Period,
): MeasureProjects[] {
  const found = new Map<string, { byLink: Map<DatasetLink, Set<string>>; all: Set<string> }>();
  for (const entry of entries) {
    if (!counts(entry, period) || !COMMUNE_CHANNELS.includes(entry.channel)) continue;
    let measure = found.get(entry.measureId);
    if (!measure) found.set(entry.measureId, (measure = { byLink: new Map(), all: new Set() }));
    let projects = measure.byLink.get(entry.link);
    if (!projects) measure.byLink.set(entry.link, (projects = new Set()));
    const key = projectKey(entry);
    projects.add(key);
    measure.all.add(key);
  }
  return measureIds.flatMap((measureId) => {
    const measure = found.get(measureId);
    if (!measure) return [];
    const byLink = Object.fromEntries(
      LINKS.map((link) => [link, measure.byLink.get(link)?.size ?? 0]),
    ) as Record<DatasetLink, number>;
    return [{ measureId, byLink, total: measure.all.size }];
  });
}

/** The years of a period, in order. */
export function yearsOf(period: Period): number[] {
  const years: number[] = [];
  for (let year = period.from; year <= period.to; year++) years.push(year);
  return years;
}

export interface ThemeProjects {
  themeId: string;
  byYear: Record<number, number>;
}

/**
 * Funded projects of one channel (the call for projects) per theme and year: the distinct
 * projects with an entry on a measure of the theme that year. A project touching two themes
 * counts in both; the total row counts each project once a year.
 */
export function projectsPerThemeAndYear(
  entries: Iterable<ProjectEntry>,
  themeIds: readonly string[],
  period: Period,
  channel: FundingChannel,
): { rows: ThemeProjects[]; total: Record<number, number> } {
  const byThemeYear = new Map<string, Set<string>>();
  const byYear = new Map<number, Set<string>>();
  const add = <K>(map: Map<K, Set<string>>, key: K, project: string) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(project);
  };
  for (const entry of entries) {
    if (!counts(entry, period) || entry.channel !== channel) continue;
    const project = projectKey(entry);
    add(byThemeYear, `${entry.themeId}|${entry.year}`, project);
    add(byYear, entry.year, project);
  }
  const years = yearsOf(period);
  return {
    rows: themeIds.map((themeId) => ({
      themeId,
      byYear: Object.fromEntries(
        years.map((year) => [year, byThemeYear.get(`${themeId}|${year}`)?.size ?? 0]),
      ),
    })),
    total: Object.fromEntries(years.map((year) => [year, byYear.get(year)?.size ?? 0])),
  };
}

/**
 * Each key's mark in a set of keys (themes, links): a string of '0' with a '1' at the key's
 * place in `keys` (for themes, the plan's order). The database ORs the marks of one project's
 * entries (bit_or over varbit) to get the set of themes, or links, it touched.
 */
export function setMarks(keys: readonly string[]): string[] {
  return keys.map((_, index) => keys.map((__, other) => (other === index ? "1" : "0")).join(""));
}

/** How many projects of a year touched exactly one set of themes (marks ORed; null: none). */
export interface ThemeSetCount {
  year: number;
  themes: string | null;
  projects: number;
}

/**
 * projectsPerThemeAndYear's figures from counts the database made: the distinct projects of
 * each year grouped by the set of themes their entries touched that year (each project in
 * exactly one group a year). A theme's figure is the projects of the groups whose set holds
 * it; the total is every group's projects, each project once a year. Same rules, same result,
 * without reading one row per project and theme.
 */
export function projectsPerThemeAndYearFromSets(
  counts: Iterable<ThemeSetCount>,
  themeIds: readonly string[],
  period: Period,
): { rows: ThemeProjects[]; total: Record<number, number> } {
  const years = yearsOf(period);
  const zeros = () => Object.fromEntries(years.map((year) => [year, 0])) as Record<number, number>;
  const rows = themeIds.map((themeId) => ({ themeId, byYear: zeros() }));
  const total = zeros();
  for (const { year, themes, projects } of counts) {
    if (year < period.from || year > period.to) continue;
    total[year]! += projects;
    if (!themes) continue;
    for (let index = 0; index < rows.length; index++)
      if (themes[index] === "1") rows[index]!.byYear[year]! += projects;
  }
  return { rows, total };
}

/** How many projects of the communes touched a measure with exactly one set of links. */
export interface LinkSetCount {
  measureId: string;
  /** Marks of LINKS ORed (setMarks(LINKS)); null: none of them. */
  links: string | null;
  projects: number;
}

/**
 * communeProjectsPerMeasure's figures from counts the database made: each measure's distinct
 * projects (of the communes' channels, current entries of the period) grouped by the set of
 * links their entries give the measure, each project in exactly one group of a measure. A
 * link's figure is the projects of the groups whose set holds it; the total, every group's.
 */
export function communeProjectsPerMeasureFromSets(
  counts: Iterable<LinkSetCount>,
  measureIds: readonly string[],
): MeasureProjects[] {
  const found = new Map<string, MeasureProjects>();
  for (const { measureId, links, projects } of counts) {
    let measure = found.get(measureId);
    if (!measure) {
      const byLink = Object.fromEntries(LINKS.map((link) => [link, 0])) as Record<
        DatasetLink,
        number
      >;
      found.set(measureId, (measure = { measureId, byLink, total: 0 }));
    }
    measure.total += projects;
    LINKS.forEach((link, index) => {
      if (links?.[index] === "1") measure.byLink[link] += projects;
    });
  }
  return measureIds.flatMap((measureId) => {
    const measure = found.get(measureId);
    return measure ? [measure] : [];
  });
}
