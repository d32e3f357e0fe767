// The report's project counts on hand-made datasets (reports/counting-projects.ts): a project
// is a distinct (organisation, funding); the communes' column merges PBPP and LISA; primary
// and secondary links apart; periods, superseded entries, other channels left out; the call
// for projects per theme and year, its total counting a project once a year.
import { describe, expect, it } from "vitest";
import {
  communeProjectsPerMeasure,
  projectsPerThemeAndYear,
  yearsOf,
  type ProjectEntry,
} from "~/modules/reports/counting-projects";

const entry = (overrides: Partial<ProjectEntry>): ProjectEntry => ({
  year: 2021,
  channel: "PBPP",
  measureId: "m1",
  themeId: "t1",
  organisationId: "anderlecht",
  fundingId: "f1",
  link: "PRIMARY",
  supersededAt: null,
  ...overrides,
});

const period = { from: 2021, to: 2022 };

describe("communes: projects per measure", () => {
  it("counts distinct projects: several entries and years of one funding count once", () => {
    const rows = communeProjectsPerMeasure(
      [
        entry({}),
        entry({ year: 2022 }),
        entry({ fundingId: "f2" }),
        entry({ organisationId: "ixelles", fundingId: "f3", channel: "LISA" }),
      ],
      ["m1", "m2"],
      period,
    );
    expect(rows).toEqual([
      { measureId: "m1", byLink: { PRIMARY: 3, SECONDARY: 0, OTHER: 0 }, total: 3 },
    ]);
  });

  it("splits primary and secondary links; a project linked both ways counts once in the total", () => {
    const rows = communeProjectsPerMeasure(
      [
        entry({ measureId: "m2", link: "SECONDARY" }),
        entry({ measureId: "m2", link: "PRIMARY", year: 2022 }),
        entry({ measureId: "m2", link: "SECONDARY", fundingId: "f2" }),
        entry({ measureId: "m1", link: "OTHER", fundingId: null }),
        entry({ measureId: "m1", link: "OTHER", fundingId: null, year: 2022 }),
      ],
      ["m1", "m2"],
      period,
    );
    expect(rows).toEqual([
      { measureId: "m1", byLink: { PRIMARY: 0, SECONDARY: 0, OTHER: 1 }, total: 1 },
      { measureId: "m2", byLink: { PRIMARY: 1, SECONDARY: 2, OTHER: 0 }, total: 2 },
    ]);
  });

  it("leaves out other channels, other years, superseded entries and measures without a project", () => {
    const rows = communeProjectsPerMeasure(
      [
        entry({ channel: "FSE" }),
        entry({ channel: "ASBL_CALL" }),
        entry({ year: 2020 }),
        entry({ year: 2023 }),
        entry({ supersededAt: new Date() }),
        entry({ measureId: "m2" }),
      ],
      ["m1", "m2", "m3"],
      period,
    );
    expect(rows.map((r) => r.measureId)).toEqual(["m2"]);
  });

  it("an entry without a funding is its organisation's one project", () => {
    const rows = communeProjectsPerMeasure(
      [
        entry({ fundingId: null }),
        entry({ fundingId: null, year: 2022 }),
        entry({ organisationId: "jette", fundingId: null }),
      ],
      ["m1"],
      period,
    );
    expect(rows[0]!.total).toBe(2);
  });
});

describe("call for projects: funded projects per theme and year", () => {
  const asbl = (overrides: Partial<ProjectEntry>) =>
    entry({ channel: "ASBL_CALL", organisationId: "asbl", ...overrides });

  it("counts distinct projects per theme and year; the total counts a project once a year", () => {
    const { rows, total } = projectsPerThemeAndYear(
      [
        asbl({ themeId: "t1", measureId: "m1" }),
        asbl({ themeId: "t1", measureId: "m2" }),
        asbl({ themeId: "t2", measureId: "m9" }),
        asbl({ themeId: "t1", fundingId: "f2" }),
        asbl({ themeId: "t1", year: 2022 }),
        // Not the call's channel, superseded, outside the period: not counted.
        asbl({ channel: "ASBL_OUTSIDE_CALL", fundingId: "f7" }),
        asbl({ supersededAt: new Date(), fundingId: "f8" }),
        asbl({ year: 2023, fundingId: "f9" }),
      ],
      ["t1", "t2", "t3"],
      period,
      "ASBL_CALL",
    );
    expect(rows).toEqual([
      { themeId: "t1", byYear: { 2021: 2, 2022: 1 } },
      { themeId: "t2", byYear: { 2021: 1, 2022: 0 } },
      { themeId: "t3", byYear: { 2021: 0, 2022: 0 } },
    ]);
    // f1 touches two themes in 2021: one project in the total.
    expect(total).toEqual({ 2021: 2, 2022: 1 });
  });

  it("lists every year of the period", () => {
    expect(yearsOf({ from: 2021, to: 2024 })).toEqual([2021, 2022, 2023, 2024]);
    expect(yearsOf({ from: 2023, to: 2023 })).toEqual([2023]);
  });
});
