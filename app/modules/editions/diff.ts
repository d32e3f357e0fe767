// The differences between an edition's frozen tables and the same tables counted now (ADR
// 0021: differences are computed, never stored). Pure: rows and columns are matched by their
// keys (a theme's code, a measure's code, a year), so a table that gained a row or a column
// since shows it as cells that were empty at the freeze, and one that lost a row shows cells
// that are empty now. Nothing changes silently: every cell whose value or display differs is
// listed, the total row included.
import { z } from "zod";
import type { ReportCell, ReportRow, ReportTable } from "~/modules/reports/table-model";

/** What an edition stores in `tables`: the tables in both languages, and how they were published. */
export interface EditionTables {
  fr: ReportTable[];
  nl: ReportTable[];
  /** The small-count threshold applied at the freeze (0: none). Counted again with the same. */
  suppressBelow: number;
}

// A light check of the stored JSON: its shape is ours (written by freeze.server.ts), but a
// page must not crash on a row written by an older version.
const tablesJsonSchema = z.object({
  fr: z.array(z.custom<ReportTable>((value) => typeof value === "object" && value !== null)),
  nl: z.array(z.custom<ReportTable>((value) => typeof value === "object" && value !== null)),
  suppressBelow: z.number().int().min(0).catch(0),
});

export function readEditionTables(json: unknown): EditionTables {
  return tablesJsonSchema.parse(json);
}

export interface CellChange {
  rowKey: string;
  rowLabel: string;
  columnKey: string;
  columnLabel: string;
  /** As the edition printed it; null when the edition had no such cell. */
  frozen: string | null;
  /** As counted now; null when the cell is gone. */
  current: string | null;
}

export interface TableDifference {
  name: ReportTable["name"];
  title: string;
  changes: CellChange[];
}

const TOTAL = "\u0000total";

function rowsByKey(table: ReportTable | undefined) {
  const rows = new Map<string, ReportRow>();
  for (const row of table?.rows ?? []) rows.set(row.key, row);
  if (table?.total) rows.set(TOTAL, table.total);
  return rows;
}

function sameCell(a: ReportCell | undefined, b: ReportCell | undefined) {
  if (!a || !b) return a === b;
  return a.display === b.display && a.value === b.value;
}

/** The keys of both lists, in the first list's order, then the new ones in the second's. */
function unionKeys(first: Iterable<string>, second: Iterable<string>) {
  const keys = [...first];
  const seen = new Set(keys);
  for (const key of second) if (!seen.has(key)) keys.push(key);
  return keys;
}

/** The cells of one table that differ between the edition and now. */
export function tableChanges(frozen: ReportTable, current: ReportTable | undefined): CellChange[] {
  const frozenRows = rowsByKey(frozen);
  const currentRows = rowsByKey(current);
  const columns = new Map(
    [...(current?.columns ?? []), ...frozen.columns].map((column) => [column.key, column]),
  );
  const columnKeys = unionKeys(
    frozen.columns.map((column) => column.key),
    (current?.columns ?? []).map((column) => column.key),
  );
  const changes: CellChange[] = [];
  for (const rowKey of unionKeys(frozenRows.keys(), currentRows.keys())) {
    const before = frozenRows.get(rowKey);
    const now = currentRows.get(rowKey);
    for (const columnKey of columnKeys) {
      const a = before?.cells[columnKey];
      const b = now?.cells[columnKey];
      if (sameCell(a, b)) continue;
      changes.push({
        rowKey: rowKey === TOTAL ? "total" : rowKey,
        rowLabel: (before ?? now)!.label,
        columnKey,
        columnLabel: columns.get(columnKey)?.label ?? columnKey,
        frozen: a?.display ?? null,
        current: b?.display ?? null,
      });
    }
  }
  return changes;
}

/**
 * Every frozen table with the cells that differ now (tables without a difference included,
 * with no changes, so a page can say "unchanged" for each). Tables are matched by name.
 */
export function tableDifferences(
  frozen: readonly ReportTable[],
  current: readonly ReportTable[],
): TableDifference[] {
  const now = new Map(current.map((table) => [table.name, table]));
  return frozen.map((table) => ({
    name: table.name,
    title: table.title,
    changes: tableChanges(table, now.get(table.name)),
  }));
}

/** An entry added to the period's dataset since the freeze, or one of the edition's removed since. */
export interface ChangedEntry {
  entryId: string;
  year: number;
  organisationName: string;
  channel: string;
  measureCode: string;
  /** The return it was approved from (its staff page); null for an imported entry. */
  returnId: string | null;
  organisationId: string;
  measureId: string;
  /** When it entered the dataset (added) or left it (removed). */
  at: Date;
}
