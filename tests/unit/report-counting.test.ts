// The counting rules of the report's "Tableau 1" on hand-made datasets: distinct measures,
// periods, superseded entries, several partners and rows on one measure, channels merged in one
// column (communes: PBPP and LISA), the plan's total.
import { describe, expect, it } from "vitest";
import {
  fraction,
  measuresByThemeAndChannel,
  type CountedEntry,
  type PlanTheme,
} from "~/modules/reports/counting";

const themes: PlanTheme[] = [
  { id: "t1", code: "1", measureIds: ["1.1", "1.2", "1.3"] },
  { id: "t2", code: "2", measureIds: ["2.1", "2.2"] },
];

const entry = (overrides: Partial<CountedEntry>): CountedEntry => ({
  year: 2021,
  channel: "FSE",
  measureId: "1.1",
  themeId: "t1",
  supersededAt: null,
  ...overrides,
});

const cells = (table: ReturnType<typeof measuresByThemeAndChannel>) =>
  Object.fromEntries(
    [...table.rows.map((r) => [r.themeCode, r] as const), ["total", table.total] as const].map(
      ([code, row]) => [
        code,
        {
          ...Object.fromEntries(Object.entries(row.cells).map(([k, c]) => [k, fraction(c)])),
          all: fraction(row.all),
        },
      ],
    ),
  );

describe("measures by theme and channel (Tableau 1)", () => {
  it("counts distinct measures: several partners and entries on one measure count once", () => {
    const table = measuresByThemeAndChannel(
      [
        entry({ measureId: "1.1" }),
        entry({ measureId: "1.1" }),
        entry({ measureId: "1.1", year: 2022 }),
        entry({ measureId: "1.2" }),
      ],
      themes,
      { from: 2021, to: 2022 },
    );
    expect(cells(table)["1"]).toMatchObject({ zones: "2/3", communes: "0/3", all: "2/3" });
    expect(table.rows[0]!.cells.zones.measureIds).toEqual(["1.1", "1.2"]);
    expect(cells(table).total).toMatchObject({ zones: "2/5", all: "2/5" });
  });

  it("merges PBPP and LISA in the communes' column, and keeps the other columns apart", () => {
    const table = measuresByThemeAndChannel(
      [
        entry({ channel: "PBPP", measureId: "1.1" }),
        entry({ channel: "LISA", measureId: "1.3" }),
        entry({ channel: "LISA", measureId: "1.1" }),
        entry({ channel: "ASBL_CALL", measureId: "2.1", themeId: "t2" }),
        entry({ channel: "ASBL_OUTSIDE_CALL", measureId: "2.2", themeId: "t2" }),
        entry({ channel: "REGIONAL", measureId: "2.2", themeId: "t2" }),
      ],
      themes,
      { from: 2021, to: 2021 },
    );
    expect(cells(table)).toEqual({
      "1": {
        zones: "0/3",
        communes: "2/3",
        regional: "0/3",
        asblCall: "0/3",
        asblOutsideCall: "0/3",
        all: "2/3",
      },
      "2": {
        zones: "0/2",
        communes: "0/2",
        regional: "1/2",
        asblCall: "1/2",
        asblOutsideCall: "1/2",
        all: "2/2",
      },
      total: {
        zones: "0/5",
        communes: "2/5",
        regional: "1/5",
        asblCall: "1/5",
        asblOutsideCall: "1/5",
        all: "4/5",
      },
    });
  });

  it("leaves out superseded entries, entries outside the period and measures of another plan", () => {
    const table = measuresByThemeAndChannel(
      [
        entry({ measureId: "1.1", supersededAt: new Date("2023-05-01") }),
        entry({ measureId: "1.2", year: 2020 }),
        entry({ measureId: "1.3", year: 2023 }),
        entry({ measureId: "9.9", themeId: "other-plan" }),
        entry({ measureId: "2.1", themeId: "t2", year: 2022 }),
      ],
      themes,
      { from: 2021, to: 2022 },
    );
    expect(cells(table)).toMatchObject({
      "1": { zones: "0/3", all: "0/3" },
      "2": { zones: "1/2", all: "1/2" },
      total: { zones: "1/5", all: "1/5" },
    });
  });

  it("writes an empty dataset as 0/size everywhere", () => {
    const table = measuresByThemeAndChannel([], themes, { from: 2021, to: 2024 });
    expect(cells(table).total).toEqual({
      zones: "0/5",
      communes: "0/5",
      regional: "0/5",
      asblCall: "0/5",
      asblOutsideCall: "0/5",
      all: "0/5",
    });
  });
});
