// The differences between an edition's frozen tables and the same tables now (editions/diff.ts):
// cells matched by row and column keys, a changed value or display listed with both sides,
// rows and columns that appeared or disappeared, the total row, unchanged tables empty.
import { describe, expect, it } from "vitest";
import { readEditionTables, tableChanges, tableDifferences } from "~/modules/editions/diff";
import type { ReportCell, ReportTable } from "~/modules/reports/table-model";

const n = (count: number, size?: number): ReportCell =>
  size === undefined
    ? { display: String(count), value: count }
    : { display: `${count}/${size}`, value: count, count, size };

function table(overrides: Partial<ReportTable> = {}): ReportTable {
  return {
    name: "measures-by-channel",
    title: "Mesures par thématique",
    howCounted: "…",
    period: { from: 2021, to: 2022 },
    planCode: "PGSP-2021-2024",
    columns: [
      { key: "zones", label: "Zones de police", numeric: true },
      { key: "communes", label: "Communes", numeric: true },
    ],
    rows: [
      { key: "1", label: "1 – Thème un", cells: { zones: n(5, 9), communes: n(2, 9) } },
      { key: "2", label: "2 – Thème deux", cells: { zones: n(0, 8), communes: n(1, 8) } },
    ],
    total: { key: "total", label: "Total", cells: { zones: n(5, 17), communes: n(3, 17) } },
    ...overrides,
  };
}

describe("tableChanges", () => {
  it("finds nothing when the table is counted the same", () => {
    expect(tableChanges(table(), table())).toEqual([]);
    // A drill-down key or other detail that is not printed is no difference.
    const same = table();
    same.rows[0]!.cells.zones = { ...n(5, 9), drill: "1:zones" };
    expect(tableChanges(table(), same)).toEqual([]);
  });

  it("lists a changed cell and the total with the frozen and current values", () => {
    const now = table();
    now.rows[1]!.cells.zones = n(1, 8);
    now.total!.cells.zones = n(6, 17);
    expect(tableChanges(table(), now)).toEqual([
      {
        rowKey: "2",
        rowLabel: "2 – Thème deux",
        columnKey: "zones",
        columnLabel: "Zones de police",
        frozen: "0/8",
        current: "1/8",
      },
      {
        rowKey: "total",
        rowLabel: "Total",
        columnKey: "zones",
        columnLabel: "Zones de police",
        frozen: "5/17",
        current: "6/17",
      },
    ]);
  });

  it("tells a suppressed small count from the figure it hides", () => {
    const frozen = table();
    frozen.rows[0]!.cells.communes = { display: "< 5", value: null, suppressed: true };
    const now = table();
    now.rows[0]!.cells.communes = n(7);
    expect(tableChanges(frozen, now)).toMatchObject([
      { rowKey: "1", columnKey: "communes", frozen: "< 5", current: "7" },
    ]);
  });

  it("shows rows and columns that appeared since as empty at the freeze, and gone ones as empty now", () => {
    const now = table({
      columns: [
        { key: "zones", label: "Zones de police", numeric: true },
        { key: "communes", label: "Communes", numeric: true },
        { key: "regional", label: "Régional", numeric: true },
      ],
      rows: [
        {
          key: "1",
          label: "1 – Thème un",
          cells: { zones: n(5, 9), communes: n(2, 9), regional: n(1, 9) },
        },
        { key: "3", label: "3 – Thème trois", cells: { zones: n(1, 9) } },
      ],
    });
    now.total!.cells.regional = n(1, 17);
    const changes = tableChanges(table(), now);
    expect(changes).toEqual([
      expect.objectContaining({ rowKey: "1", columnKey: "regional", frozen: null, current: "1/9" }),
      expect.objectContaining({ rowKey: "2", columnKey: "zones", frozen: "0/8", current: null }),
      expect.objectContaining({ rowKey: "2", columnKey: "communes", frozen: "1/8", current: null }),
      expect.objectContaining({ rowKey: "total", columnKey: "regional", current: "1/17" }),
      expect.objectContaining({ rowKey: "3", rowLabel: "3 – Thème trois", columnKey: "zones" }),
    ]);
    expect(changes.find((c) => c.columnKey === "regional")!.columnLabel).toBe("Régional");
  });

  it("lists every frozen cell when the table is gone", () => {
    expect(tableChanges(table(), undefined)).toHaveLength(6);
    expect(tableChanges(table(), undefined).every((c) => c.current === null)).toBe(true);
  });
});

describe("tableDifferences", () => {
  it("answers for every frozen table, matched by name, unchanged ones with no changes", () => {
    const other = table({ name: "themes-summary", title: "Récapitulatif" });
    const changedOther = table({ name: "themes-summary", title: "Récapitulatif" });
    changedOther.rows[0]!.cells.zones = n(6, 9);
    const result = tableDifferences([table(), other], [changedOther, table()]);
    expect(result.map((d) => [d.name, d.title, d.changes.length])).toEqual([
      ["measures-by-channel", "Mesures par thématique", 0],
      ["themes-summary", "Récapitulatif", 1],
    ]);
  });
});

describe("readEditionTables", () => {
  it("reads what a freeze stores, the threshold defaulting to none", () => {
    expect(
      readEditionTables({ fr: [table()], nl: [table()], suppressBelow: 5 }).suppressBelow,
    ).toBe(5);
    expect(readEditionTables({ fr: [], nl: [] }).suppressBelow).toBe(0);
    expect(() => readEditionTables({ fr: "x" })).toThrow();
  });
});
