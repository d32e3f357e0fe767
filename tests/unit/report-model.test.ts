// The report tables' shared pieces, pure: small-count cells ("< k", zero never hidden), drill
// keys, the query string's fallbacks, the command's arguments, the chart's bars, the CSV.
import { describe, expect, it } from "vitest";
import { chartBars } from "~/modules/reports/chart";
import { formatReportTable, parseReportArgs } from "~/modules/reports/cli";
import { reportTableCsv } from "~/modules/reports/export.server";
import { parseReportQuery, periodOf } from "~/modules/reports/query";
import {
  countCell,
  drillKey,
  parseDrillKey,
  periodLabel,
  type ReportTable,
} from "~/modules/reports/table-model";
import { parseThreshold } from "~/modules/reports/threshold";

const table: ReportTable = {
  name: "measures-by-channel",
  title: "Tableau 1",
  howCounted: "Mesures distinctes.",
  period: { from: 2021, to: 2022 },
  planCode: "PGSP-2021-2024",
  rowHeading: "Thématiques",
  columns: [
    { key: "size", label: "Mesures", numeric: true },
    { key: "zones", label: "Zones de police", numeric: true },
  ],
  rows: [
    {
      key: "1",
      label: "=Thématique 1 ; test",
      cells: {
        size: { display: "9", value: 9 },
        zones: { display: "5/9", value: 5, count: 5, size: 9, drill: "1:zones" },
      },
    },
  ],
  total: {
    key: "total",
    label: "Total",
    cells: {
      size: { display: "77", value: 77 },
      zones: { display: "37/77", value: 37, count: 37, size: 77, drill: "total:zones" },
    },
  },
};

describe("cells and keys", () => {
  it("hides counts from 1 to below the threshold, never zero, never with the threshold off", () => {
    expect(countCell(3, "a:b", 5)).toEqual({ display: "< 5", value: null, suppressed: true });
    expect(countCell(5, "a:b", 5)).toEqual({ display: "5", value: 5, drill: "a:b" });
    expect(countCell(0, "a:b", 5)).toEqual({ display: "0", value: 0 });
    expect(countCell(1, "a:b", 0)).toEqual({ display: "1", value: 1, drill: "a:b" });
    expect(countCell(1, "a:b")).toEqual({ display: "1", value: 1, drill: "a:b" });
  });

  it("reads back its drill keys and refuses anything else", () => {
    expect(parseDrillKey(drillKey("4.10", "primary"))).toEqual({ row: "4.10", column: "primary" });
    expect(parseDrillKey("total:2021")).toEqual({ row: "total", column: "2021" });
    for (const bad of ["", "a", "a:b:c", "a b:c", "x:'; drop", `${"a".repeat(61)}:b`])
      expect(parseDrillKey(bad)).toBeNull();
  });

  it("names a period of one year by the year", () => {
    expect(periodLabel({ from: 2021, to: 2022 })).toBe("2021-2022");
    expect(periodLabel({ from: 2023, to: 2023 })).toBe("2023");
  });
});

describe("the pages' query string", () => {
  it("drops values that do not parse, and completes the period", () => {
    const query = parseReportQuery(
      new URLSearchParams("plan=<x>&from=abc&to=2022&page=-1&cell=1:zones"),
    );
    expect(query).toEqual({ to: 2022, cell: "1:zones" });
    expect(periodOf(query, 2030)).toEqual({ from: 2022, to: 2022 });
    expect(periodOf({}, 2030)).toEqual({ from: 2030, to: 2030 });
    expect(periodOf({ from: 2023, to: 2021 }, 2030)).toEqual({ from: 2021, to: 2023 });
    expect(parseReportQuery(new URLSearchParams("from=1200&to=99999"))).toEqual({});
  });

  it("takes a threshold of 0 to 100, nothing else", () => {
    expect(parseThreshold("0")).toBe(0);
    expect(parseThreshold(" 5 ")).toBe(5);
    expect(parseThreshold("100")).toBe(100);
    for (const bad of ["", "101", "-1", "2.5", "abc", null]) expect(parseThreshold(bad)).toBeNull();
  });
});

describe("npm run report arguments", () => {
  it("reads a table, a period, a format, a language, a plan and --unsuppressed", () => {
    expect(
      parseReportArgs(["measures-by-channel", "--from", "2021", "--to", "2022", "--format", "csv"]),
    ).toEqual({
      name: "measures-by-channel",
      from: 2021,
      to: 2022,
      format: "csv",
      lang: "fr",
      unsuppressed: false,
    });
    expect(
      parseReportArgs(["themes-summary", "--from=2023", "--lang", "nl", "--plan", "P"]),
    ).toEqual({
      name: "themes-summary",
      from: 2023,
      to: 2023,
      format: "table",
      lang: "nl",
      plan: "P",
      unsuppressed: false,
    });
    expect(
      parseReportArgs(["communes-measures", "--from", "2021", "--unsuppressed"]),
    ).toMatchObject({ unsuppressed: true });
  });

  it("refuses bad arguments with the reason, in the command's language", () => {
    const cases: [string[], string][] = [
      [[], "Indiquez le tableau : measures-by-channel, "],
      [["nope", "--from", "2021"], "Tableau inconnu : « nope ». Les tableaux sont "],
      [["measures-by-channel"], "« --from » est requis"],
      [["measures-by-channel", "--from", "21"], "« --from » doit être une année de 2000 à 2100"],
      [["measures-by-channel", "--from", "2022", "--to", "2021"], "« --to » ne peut pas précéder"],
      [
        ["measures-by-channel", "--from", "2021", "--format", "pdf"],
        "« --format » doit valoir table, csv ou json, pas « pdf ».",
      ],
      [
        ["measures-by-channel", "--from", "2021", "--lang", "de"],
        "« --lang » doit valoir fr ou nl, pas « de ».",
      ],
      [["measures-by-channel", "--from", "2021", "--bogus"], "Option inconnue : « --bogus »."],
      [["measures-by-channel", "--from"], "L’option « --from » attend une valeur."],
      [["measures-by-channel", "extra", "--from", "2021"], "Argument en trop : « extra »."],
      [["measures-by-channel", "--from", "2021", "--unsuppressed=no"], "ne prend pas de valeur"],
      // Repeated, as the API refuses a repeated parameter: never the last one silently.
      [
        ["measures-by-channel", "--from", "2021", "--from", "2022"],
        "L’option « --from » est donnée deux fois.",
      ],
      [
        ["measures-by-channel", "--from", "2021", "--lang", "nl", "--from=2022"],
        "De optie ‘--from’ staat er twee keer.",
      ],
      [["nope", "--lang", "nl"], "Onbekende tabel: ‘nope’. De tabellen zijn "],
    ];
    for (const [args, reason] of cases) {
      const parsed = parseReportArgs(args);
      expect(parsed, args.join(" ")).toHaveProperty("error");
      expect((parsed as { error: string }).error, args.join(" ")).toContain(reason);
    }
  });

  it("prints the table as text, CSV or JSON", () => {
    const text = formatReportTable(table, "table");
    expect(text).toContain("Zones de police");
    expect(text).toMatch(/Total\s+77\s+37\/77/);
    expect(JSON.parse(formatReportTable(table, "json"))).toEqual(table);
    expect(formatReportTable(table, "csv").split("\r\n")[0]).toBe(
      "Thématiques;Mesures;Zones de police",
    );
  });
});

describe("the table's CSV and chart", () => {
  it("writes numbers as numbers, headings and labels neutralised, with BOM and ';'", () => {
    const csv = reportTableCsv(table);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "Thématiques;Mesures;Zones de police",
      `"'=Thématique 1 ; test";9;5`,
      "Total;77;37",
      "",
    ]);
  });

  it("writes a suppressed count as its text", () => {
    const suppressed: ReportTable = {
      ...table,
      rows: [
        {
          key: "1",
          label: "T1",
          cells: { size: { display: "< 5", value: null, suppressed: true } },
        },
      ],
      total: null,
    };
    expect(reportTableCsv(suppressed).slice(1).split("\r\n")[1]).toBe("T1;< 5;");
  });

  it("draws Tableau 1's total per column, n out of the plan's measures", () => {
    expect(chartBars(table)).toEqual([
      { key: "zones", label: "Zones de police", valueLabel: "37/77", fraction: 37 / 77 },
    ]);
  });
});
