// The counting rules of the annual report's tables, in one place: pages, exports, the API and
// `npm run report` all count with these functions (issue 10). Pure: the caller reads the
// dataset's entries and the plan; nothing here touches the database.
//
// "Tableau 1" of the implementation report: for each theme of the plan and each column of
// partners, the number of DISTINCT measures of the theme with at least one current entry in
// the period, written n/size ("5/9"), and a total row over the plan ("37/77"). Entries that
// left the dataset (superseded) or fall outside the period do not count; entries that were not
// approved never reach the dataset. Several partners, or several entries of one partner, on
// one measure count once.
import type { FundingChannel } from "~/generated/prisma/enums";

/** The report's columns of partners: communes and LISA antennas share one. */
export const PARTNER_COLUMNS = [
  { key: "zones", channels: ["FSE"] },
  { key: "communes", channels: ["PBPP", "LISA"] },
  { key: "regional", channels: ["REGIONAL"] },
  { key: "asblCall", channels: ["ASBL_CALL"] },
  { key: "asblOutsideCall", channels: ["ASBL_OUTSIDE_CALL"] },
] as const satisfies readonly { key: string; channels: readonly FundingChannel[] }[];

export type ColumnKey = (typeof PARTNER_COLUMNS)[number]["key"];

const columnOfChannel = new Map<FundingChannel, ColumnKey>(
  PARTNER_COLUMNS.flatMap((column) =>
    column.channels.map((channel) => [channel as FundingChannel, column.key] as const),
  ),
);

/** What the counting needs of a dataset entry. */
export interface CountedEntry {
  year: number;
  channel: FundingChannel;
  measureId: string;
  themeId: string;
  /** Taken out of the dataset (a reopened return, a corrected import): not counted. */
  supersededAt: Date | null;
}

export interface PlanTheme {
  id: string;
  code: string;
  measureIds: readonly string[];
}

export interface Period {
  from: number;
  to: number;
}

export interface Cell {
  /** Distinct measures with at least one counted entry. */
  count: number;
  /** How many measures the row has (the theme's, or the plan's for the total). */
  size: number;
  /** The measures behind the figure: the drill-down's filter. */
  measureIds: string[];
}

export interface MeasuresByChannelRow {
  themeId: string;
  themeCode: string;
  cells: Record<ColumnKey, Cell>;
  /** Any column: the summary of themes' figure. */
  all: Cell;
}

export interface MeasuresByChannelTable {
  period: Period;
  rows: MeasuresByChannelRow[];
  total: Omit<MeasuresByChannelRow, "themeId" | "themeCode">;
}

/** Does this entry count in a table of this period? */
export function counts(entry: CountedEntry, period: Period) {
  return entry.supersededAt === null && entry.year >= period.from && entry.year <= period.to;
}

function cellOf(found: ReadonlySet<string> | undefined, measureIds: readonly string[]): Cell {
  const hit = measureIds.filter((id) => found?.has(id));
  return { count: hit.length, size: measureIds.length, measureIds: hit };
}

/** "Tableau 1": distinct measures per theme and column of partners, with the plan's total. */
export function measuresByThemeAndChannel(
  entries: Iterable<CountedEntry>,
  themes: readonly PlanTheme[],
  period: Period,
): MeasuresByChannelTable {
  const planMeasures = new Set(themes.flatMap((theme) => theme.measureIds));
  // Measures reached, per column and for any column (only the plan's own measures).
  const reached = new Map<ColumnKey | "all", Set<string>>();
  const mark = (key: ColumnKey | "all", measureId: string) => {
    let set = reached.get(key);
    if (!set) reached.set(key, (set = new Set()));
    set.add(measureId);
  };
  for (const entry of entries) {
    if (!counts(entry, period) || !planMeasures.has(entry.measureId)) continue;
    const column = columnOfChannel.get(entry.channel);
    if (column) mark(column, entry.measureId);
    mark("all", entry.measureId);
  }
  const row = (measureIds: readonly string[]) => ({
    cells: Object.fromEntries(
      PARTNER_COLUMNS.map(({ key }) => [key, cellOf(reached.get(key), measureIds)]),
    ) as Record<ColumnKey, Cell>,
    all: cellOf(reached.get("all"), measureIds),
  });
  return {
    period,
    rows: themes.map((theme) => ({
      themeId: theme.id,
      themeCode: theme.code,
      ...row(theme.measureIds),
    })),
    total: row([...planMeasures]),
  };
}

/** A cell as the report writes it: "5/9". */
export function fraction(cell: Pick<Cell, "count" | "size">) {
  return `${cell.count}/${cell.size}`;
}
