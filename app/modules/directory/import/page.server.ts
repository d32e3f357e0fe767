// The import page's two steps, for a thin route: a dry run of an uploaded file (kept for an
// hour when it can be imported), then the import of that kept file. The page gets at most 500
// errors and 500 changes (a 10,000-row file would make a page no one reads; the command line
// prints them all), with the full counts.
import type { ImportSheet } from "./columns";
import type { RowError } from "./errors";
import { applyImport, dryRunImport, type ImportResult } from "./import.server";
import { dropPendingImport, keepPendingImport, readPendingImport } from "./pending.server";
import type { PlannedRow } from "./plan";

export const PAGE_ROWS = 500;

export type ImportPageResult =
  | { outcome: "missing" | "tooLarge" | "expired" }
  | {
      outcome: "dryRun" | "applied";
      sha256: string;
      sheet: ImportSheet | null;
      totals: ImportResult["totals"];
      errors: RowError[];
      errorCount: number;
      changes: PlannedRow[];
      changeCount: number;
    };

function forPage(result: ImportResult, sheet: ImportSheet | undefined): ImportPageResult {
  const changes = result.rows.filter((row) => row.action !== "unchanged");
  return {
    outcome: result.applied ? "applied" : "dryRun",
    sha256: result.sha256,
    sheet: sheet ?? null,
    totals: result.totals,
    errors: result.errors.slice(0, PAGE_ROWS),
    errorCount: result.errors.length,
    changes: changes.slice(0, PAGE_ROWS),
    changeCount: changes.length,
  };
}

export async function dryRunUpload(bytes: Uint8Array, sheet?: ImportSheet) {
  const result = await dryRunImport(bytes, { sheet });
  const page = forPage(result, sheet);
  if (page.outcome === "dryRun" && page.errorCount === 0 && page.changeCount > 0)
    await keepPendingImport(result.sha256, bytes);
  return page;
}

/** Imports the kept file; if it now has errors (the directory changed), the new dry run. */
export async function applyPendingUpload(
  sha256: string,
  sheet: ImportSheet | undefined,
  actorUserId: string,
): Promise<ImportPageResult> {
  const bytes = await readPendingImport(sha256);
  if (!bytes) return { outcome: "expired" };
  const result = await applyImport(bytes, { sheet, actorUserId, source: "web" });
  if (result.applied) await dropPendingImport(sha256);
  return forPage(result, sheet);
}
