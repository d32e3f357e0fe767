// The call for projects' table counted from the database's groups (counting-projects.ts
// projectsPerThemeAndYearFromSets): each year's projects grouped by the set of themes their
// entries touched, as tables/projects.server.ts asks the database, give the same figures as
// projectsPerThemeAndYear over the entries themselves, on hand-made and on random datasets.
import { describe, expect, it } from "vitest";
import {
  COMMUNE_CHANNELS,
  communeProjectsPerMeasure,
  communeProjectsPerMeasureFromSets,
  LINKS,
  projectKey,
  projectsPerThemeAndYear,
  projectsPerThemeAndYearFromSets,
  setMarks,
  type LinkSetCount,
  type ProjectEntry,
  type ThemeSetCount,
} from "~/modules/reports/counting-projects";

/** What the database's statement does, written plainly: current ASBL_CALL entries of the
 *  period, one set of themes per (year, project) with the marks ORed, counted per set. */
function groupLikeTheDatabase(
  entries: readonly ProjectEntry[],
  themeIds: readonly string[],
  period: { from: number; to: number },
): ThemeSetCount[] {
  const marks = new Map(themeIds.map((id, index) => [id, setMarks(themeIds)[index]!]));
  const perProject = new Map<string, { year: number; themes: string | null }>();
  for (const entry of entries) {
    if (entry.supersededAt || entry.channel !== "ASBL_CALL") continue;
    if (entry.year < period.from || entry.year > period.to) continue;
    const key = `${entry.year}|${projectKey(entry)}`;
    const mark = marks.get(entry.themeId) ?? null;
    const found = perProject.get(key) ?? { year: entry.year, themes: null };
    if (mark)
      found.themes = found.themes
        ? [...found.themes].map((bit, i) => (bit === "1" || mark[i] === "1" ? "1" : "0")).join("")
        : mark;
    perProject.set(key, found);
  }
  const counts = new Map<string, ThemeSetCount>();
  for (const { year, themes } of perProject.values()) {
    const key = `${year}|${themes}`;
    const found = counts.get(key) ?? { year, themes, projects: 0 };
    found.projects += 1;
    counts.set(key, found);
  }
  return [...counts.values()];
}

const entry = (overrides: Partial<ProjectEntry>): ProjectEntry => ({
  year: 2021,
  channel: "ASBL_CALL",
  measureId: "m1",
  themeId: "t1",
  organisationId: "o1",
  fundingId: "f1",
  link: "PRIMARY",
  supersededAt: null,
  ...overrides,
});

describe("setMarks", () => {
  it("marks each theme at its place in the plan", () => {
    expect(setMarks(["a", "b", "c"])).toEqual(["100", "010", "001"]);
    expect(setMarks([])).toEqual([]);
  });
});

describe("the call for projects from the database's groups", () => {
  const period = { from: 2021, to: 2022 };
  const themes = ["t1", "t2", "t3"];

  it("counts a project in each theme it touched and once in the year's total", () => {
    const counts: ThemeSetCount[] = [
      { year: 2021, themes: "110", projects: 2 },
      { year: 2021, themes: "010", projects: 1 },
      { year: 2021, themes: null, projects: 1 },
      { year: 2022, themes: "001", projects: 3 },
      // Outside the period: left out.
      { year: 2023, themes: "111", projects: 5 },
    ];
    expect(projectsPerThemeAndYearFromSets(counts, themes, period)).toEqual({
      rows: [
        { themeId: "t1", byYear: { 2021: 2, 2022: 0 } },
        { themeId: "t2", byYear: { 2021: 3, 2022: 0 } },
        { themeId: "t3", byYear: { 2021: 0, 2022: 3 } },
      ],
      total: { 2021: 4, 2022: 3 },
    });
  });

  it("agrees with projectsPerThemeAndYear on hand-made entries", () => {
    const entries = [
      entry({}),
      entry({ measureId: "m2" }),
      entry({ fundingId: "f2" }),
      entry({ fundingId: null, themeId: "t2" }),
      entry({ organisationId: "o2", themeId: "t2" }),
      entry({ organisationId: "o2", themeId: "t3", year: 2022 }),
      entry({ organisationId: "o3", supersededAt: new Date() }),
      entry({ organisationId: "o3", channel: "ASBL_OUTSIDE_CALL" }),
      entry({ organisationId: "o3", year: 2020 }),
      entry({ organisationId: "o4", themeId: "not-in-the-plan" }),
    ];
    const expected = projectsPerThemeAndYear(entries, themes, period, "ASBL_CALL");
    expect(
      projectsPerThemeAndYearFromSets(
        groupLikeTheDatabase(entries, themes, period),
        themes,
        period,
      ),
    ).toEqual(expected);
    expect(expected.total).toEqual({ 2021: 5, 2022: 1 });
  });

  it("agrees with projectsPerThemeAndYear on random entries", () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const many = Array.from({ length: 40 }, (_, i) => `t${i}`);
    for (let round = 0; round < 20; round++) {
      const themeIds = round % 2 ? themes : many;
      const entries = Array.from({ length: 300 }, () =>
        entry({
          year: 2020 + random(4),
          channel: random(5) ? "ASBL_CALL" : "ASBL_OUTSIDE_CALL",
          themeId: themeIds[random(themeIds.length)]!,
          organisationId: `o${random(15)}`,
          fundingId: random(6) ? `f${random(3)}` : null,
          supersededAt: random(8) ? null : new Date(),
        }),
      );
      expect(
        projectsPerThemeAndYearFromSets(
          groupLikeTheDatabase(entries, themeIds, period),
          themeIds,
          period,
        ),
      ).toEqual(projectsPerThemeAndYear(entries, themeIds, period, "ASBL_CALL"));
    }
  });
});

/** The communes' statement written plainly: one set of links per (measure, project). */
function groupLinksLikeTheDatabase(
  entries: readonly ProjectEntry[],
  period: { from: number; to: number },
): LinkSetCount[] {
  const marks = new Map<string, string>(
    LINKS.map((link, index) => [link, setMarks(LINKS)[index]!]),
  );
  const perProject = new Map<string, { measureId: string; links: string | null }>();
  for (const entry of entries) {
    if (entry.supersededAt || !COMMUNE_CHANNELS.includes(entry.channel)) continue;
    if (entry.year < period.from || entry.year > period.to) continue;
    const key = `${entry.measureId}|${projectKey(entry)}`;
    const mark = marks.get(entry.link)!;
    const found = perProject.get(key) ?? { measureId: entry.measureId, links: null };
    found.links = found.links
      ? [...found.links].map((bit, i) => (bit === "1" || mark[i] === "1" ? "1" : "0")).join("")
      : mark;
    perProject.set(key, found);
  }
  const counts = new Map<string, LinkSetCount>();
  for (const { measureId, links } of perProject.values()) {
    const key = `${measureId}|${links}`;
    const found = counts.get(key) ?? { measureId, links, projects: 0 };
    found.projects += 1;
    counts.set(key, found);
  }
  return [...counts.values()];
}

describe("the communes' projects from the database's groups", () => {
  const period = { from: 2021, to: 2022 };

  it("counts a project under each link it has to a measure and once in its total", () => {
    expect(
      communeProjectsPerMeasureFromSets(
        [
          { measureId: "m2", links: "110", projects: 2 },
          { measureId: "m2", links: "001", projects: 1 },
          { measureId: "m1", links: "100", projects: 4 },
          { measureId: "m9", links: "100", projects: 4 },
        ],
        ["m1", "m2", "m3"],
      ),
    ).toEqual([
      { measureId: "m1", byLink: { PRIMARY: 4, SECONDARY: 0, OTHER: 0 }, total: 4 },
      { measureId: "m2", byLink: { PRIMARY: 2, SECONDARY: 2, OTHER: 1 }, total: 3 },
    ]);
  });

  it("agrees with communeProjectsPerMeasure on random entries", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const channels = ["PBPP", "LISA", "FSE", "ASBL_CALL"] as const;
    const measureIds = ["m0", "m1", "m2", "m3", "m4"];
    for (let round = 0; round < 20; round++) {
      const entries = Array.from({ length: 300 }, () =>
        entry({
          year: 2020 + random(4),
          channel: channels[random(channels.length)]!,
          measureId: `m${random(6)}`,
          link: LINKS[random(LINKS.length)]!,
          organisationId: `o${random(10)}`,
          fundingId: random(6) ? `f${random(3)}` : null,
          supersededAt: random(8) ? null : new Date(),
        }),
      );
      expect(
        communeProjectsPerMeasureFromSets(groupLinksLikeTheDatabase(entries, period), measureIds),
      ).toEqual(communeProjectsPerMeasure(entries, measureIds, period));
    }
  });
});
