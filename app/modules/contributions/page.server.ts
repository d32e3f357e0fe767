// The import page's steps, for thin routes: a dry run of an uploaded file (kept for an hour,
// like the directory import's, when it can be imported), then the import of that kept file as
// a background job, and the latest imports. The page gets at most 500 errors with their total
// (the command line prints them all).
import {
  dropPendingImport,
  keepPendingImport,
  readPendingImport,
} from "~/modules/directory/import/pending.server";
import { prisma } from "~/utils/db.server";
import type { ContributionError } from "./errors";
import { dryRunContributions } from "./import.server";
import { startImportJob } from "./jobs.server";

export const PAGE_ERRORS = 500;

export type ImportPageResult =
  | { outcome: "missing" | "tooLarge" | "expired" }
  | {
      outcome: "dryRun";
      sha256: string;
      fileName: string;
      rowCount: number;
      newCount: number;
      knownCount: number;
      errors: ContributionError[];
      errorCount: number;
    };

/** A file name as shown and stored: its last part, without control characters, at most 200. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const printable = name.replace(/[\u0000-\u001f\u007f]/g, "");
  const base = printable.split(/[\\/]/).pop() ?? "";
  return base.trim().slice(0, 200) || "import.csv";
}

export async function dryRunUpload(bytes: Uint8Array, fileName: string): Promise<ImportPageResult> {
  const result = await dryRunContributions(bytes);
  if (result.errors.length === 0 && result.newCount > 0)
    await keepPendingImport(result.sha256, bytes);
  return {
    outcome: "dryRun",
    sha256: result.sha256,
    fileName: cleanFileName(fileName),
    rowCount: result.rowCount,
    newCount: result.newCount,
    knownCount: result.knownCount,
    errors: result.errors.slice(0, PAGE_ERRORS),
    errorCount: result.errors.length,
  };
}

/** Starts importing the kept file; null when it is no longer kept. */
export async function importPendingUpload(
  sha256: string,
  fileName: string,
  actorUserId: string,
): Promise<string | null> {
  const bytes = await readPendingImport(sha256);
  if (!bytes) return null;
  const job = await startImportJob(bytes, { fileName: cleanFileName(fileName), actorUserId });
  await dropPendingImport(sha256);
  return job;
}

/** The latest imports, newest first. */
export function recentImports(take = 10) {
  return prisma.contributionImport.findMany({
    orderBy: { importedAt: "desc" },
    take,
    select: {
      id: true,
      fileName: true,
      importedAt: true,
      rowCount: true,
      createdCount: true,
      importedBy: { select: { displayName: true, email: true } },
    },
  });
}
