// What a report table's chart draws (the page renders it with the shared SVG bar chart, on
// the server): the bars and their figures, the same text as the table's cells. Pure.
//   - measures by channel: the plan's total per column of partners (n/size of the plan);
//   - the call for projects: the distinct projects of each year (the total row);
//   - the other tables: one bar a row, on the table's main column, against the largest.
import type { ReportTable } from "./table-model";

export interface ChartBar {
  key: string;
  label: string;
  valueLabel: string;
  fraction: number;
}

const MAIN_COLUMN: Partial<Record<ReportTable["name"], string>> = {
  "themes-summary": "all",
  "communes-measures": "total",
  "campaign-progress": "approved",
};

export function chartBars(table: ReportTable): ChartBar[] {
  if (table.name === "measures-by-channel" || table.name === "asbl-call-themes") {
    const total = table.total;
    if (!total) return [];
    const columns = table.columns.filter((c) => c.key !== "size");
    const max = Math.max(1, ...columns.map((c) => Number(total.cells[c.key]?.value ?? 0)));
    return columns.map((column) => {
      const cell = total.cells[column.key];
      const value = typeof cell?.value === "number" ? cell.value : 0;
      return {
        key: column.key,
        label: column.label,
        valueLabel: cell?.display ?? "",
        fraction: cell?.size ? value / cell.size : value / max,
      };
    });
  }
  const key = MAIN_COLUMN[table.name] ?? table.columns[0]?.key;
  if (!key) return [];
  const value = (row: ReportTable["rows"][number]) => {
    const figure = row.cells[key]?.value;
    return typeof figure === "number" ? figure : 0;
  };
  const max = Math.max(1, ...table.rows.map(value));
  return table.rows.map((row) => ({
    key: row.key,
    label: row.label.length > 48 ? `${row.label.slice(0, 47)}…` : row.label,
    valueLabel: row.cells[key]?.display ?? "",
    fraction: value(row) / max,
  }));
}

/** The column the chart shows (its description names it). */
export function chartColumnLabel(table: ReportTable): string | null {
  if (table.name === "measures-by-channel" || table.name === "asbl-call-themes")
    return table.total?.label ?? null;
  const key = MAIN_COLUMN[table.name] ?? table.columns[0]?.key;
  return table.columns.find((c) => c.key === key)?.label ?? null;
}
