// The one shape every report table is rendered from: the staff page (HTML table and SVG
// chart), the CSV and XLSX downloads, the API, frozen editions and `npm run report`. Pure: no
// server imports, so the browser bundle and the edition snapshots can use it as they are.

export const REPORT_TABLE_NAMES = [
  "measures-by-channel",
  "themes-summary",
  "communes-measures",
  "asbl-call-themes",
  "campaign-progress",
] as const;

export type ReportTableName = (typeof REPORT_TABLE_NAMES)[number];

export function isReportTableName(value: unknown): value is ReportTableName {
  return typeof value === "string" && (REPORT_TABLE_NAMES as readonly string[]).includes(value);
}

export interface ReportColumn {
  key: string;
  label: string;
  numeric: boolean;
}

export interface ReportCell {
  /** As the report writes it: "5/9", "12", "< 5" when suppressed. */
  display: string;
  /** The figure (a number: exports write it as a number), a text, or null when suppressed. */
  value: number | string | null;
  /** Of an "n/size" cell: n. */
  count?: number;
  /** Of an "n/size" cell: size (the theme's or the plan's measures). */
  size?: number;
  /** A small count hidden in a published output (options.suppressBelow). */
  suppressed?: boolean;
  /** Opaque key of the cell for the drill-down (its entries); absent when nothing is behind it. */
  drill?: string;
}

export interface ReportRow {
  key: string;
  label: string;
  cells: Record<string, ReportCell>;
}

export interface ReportTable {
  name: ReportTableName;
  title: string;
  howCounted: string;
  period: { from: number; to: number };
  planCode: string;
  /** The heading of the rows' labels ("Thématiques du PGSP"); not one of the columns. */
  rowHeading?: string;
  /** The figures' columns (the rows' labels come first, under rowHeading). */
  columns: ReportColumn[];
  rows: ReportRow[];
  total: ReportRow | null;
}

/** The drill-down key of a cell: its row and its column (neither holds a colon). */
export function drillKey(row: string, column: string) {
  return `${row}:${column}`;
}

export function parseDrillKey(key: string): { row: string; column: string } | null {
  const match = /^([\w.-]{1,60}):([\w.-]{1,60})$/.exec(key);
  return match ? { row: match[1]!, column: match[2]! } : null;
}

/** A number cell; small counts hidden below the threshold (zero is never hidden). */
export function countCell(
  count: number,
  drill: string | undefined,
  suppressBelow?: number,
): ReportCell {
  if (suppressBelow && suppressBelow > 0 && count > 0 && count < suppressBelow)
    return { display: `< ${suppressBelow}`, value: null, suppressed: true };
  return { display: String(count), value: count, ...(count > 0 && drill ? { drill } : {}) };
}

/**
 * A published cell hidden because it would give a small count away: a total whose other cells
 * are shown (total − shown = the hidden count). Written "x", as statistical offices write a
 * confidential figure.
 */
export const HIDDEN_TOTAL: ReportCell = { display: "x", value: null, suppressed: true };

/**
 * The totals (of a row, or of a column: `totals`) that must be hidden with their small counts:
 * any total one of whose cells is suppressed. `totals[i]` is true when cell `i` is hidden.
 */
export function totalsToHide(cellsOfEachTotal: readonly (readonly ReportCell[])[]): boolean[] {
  return cellsOfEachTotal.map((cells) => cells.some((cell) => cell.suppressed === true));
}

/** "2021-2022", or "2023" for one year: the period as titles write it. */
export function periodLabel(period: { from: number; to: number }) {
  return period.from === period.to ? String(period.from) : `${period.from}-${period.to}`;
}
