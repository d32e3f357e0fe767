// Directory import, the use case: a dry run says what a file would create or change and every
// problem with its line and column; the import itself runs only on a file without a single
// problem, in one transaction, planned again inside it (the directory may have changed since
// the dry run) and written all or nothing. Importing the same file again changes nothing.
//
// Audit: one "directory.imported" event per import, with the file's SHA-256 and the counts,
// even when nothing changed (someone ran it). No event per organisation, contact or funding:
// 10,000 rows would bury the trail, and the file's hash with the counts says what was done.
import { createHash } from "node:crypto";
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { readSheet, type ReadSheet } from "./cells";
import type { ImportSheet } from "./columns";
import type { RowError } from "./errors";
import { writeImport } from "./apply.server";
import { planImport, type ImportPlan, type PlannedRow } from "./plan";
import { readImportFile } from "./read-file.server";
import { loadSnapshot } from "./snapshot.server";

export interface ImportResult {
  /** Written to the database (never when there is an error). */
  applied: boolean;
  sha256: string;
  rows: PlannedRow[];
  errors: RowError[];
  totals: ImportPlan["totals"];
}

type Sheets = {
  organisations?: ReadSheet<"organisations">;
  contacts?: ReadSheet<"contacts">;
  fundings?: ReadSheet<"fundings">;
};

const emptyTotals = (): ImportPlan["totals"] => ({
  organisation: { create: 0, update: 0, unchanged: 0 },
  contact: { create: 0, update: 0, unchanged: 0 },
  funding: { create: 0, update: 0, unchanged: 0 },
});

async function readSheets(bytes: Uint8Array, sheet?: ImportSheet) {
  const read = await readImportFile(bytes, { sheet });
  if (!read.ok) return { sheets: null, errors: read.errors };
  const errors: RowError[] = [];
  const sheets: Sheets = {};
  for (const raw of read.sheets) {
    const parsed = readSheet(raw, errors);
    // An unusable header row stops that sheet: its rows cannot be read column by column.
    if (parsed) (sheets as Record<string, ReadSheet>)[raw.sheet] = parsed;
  }
  return { sheets, errors };
}

/** What the file would do, from a snapshot of the directory; writes nothing. */
export async function dryRunImport(
  bytes: Uint8Array,
  options: { sheet?: ImportSheet } = {},
): Promise<ImportResult> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const { sheets, errors } = await readSheets(bytes, options.sheet);
  if (!sheets) return { applied: false, sha256, rows: [], errors, totals: emptyTotals() };
  const snapshot = await loadSnapshot(prisma, sheets);
  const plan = await planImport(sheets, snapshot, errors);
  return { applied: false, sha256, rows: plan.rows, errors: plan.errors, totals: plan.totals };
}

/**
 * Imports the file if it has no problem at all; otherwise writes nothing and reports them
 * (the dry run's answer). Two imports at once cannot both create the same organisation: the
 * second meets a unique index, and runs again on the directory the first one left.
 */
export async function applyImport(
  bytes: Uint8Array,
  options: { sheet?: ImportSheet; actorUserId: string | null; source?: "web" | "cli" },
): Promise<ImportResult> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const { sheets, errors } = await readSheets(bytes, options.sheet);
  if (!sheets) return { applied: false, sha256, rows: [], errors, totals: emptyTotals() };
  if (errors.length > 0) return dryRunImport(bytes, options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(
        async (tx) => {
          const snapshot = await loadSnapshot(tx, sheets);
          const plan = await planImport(sheets, snapshot);
          const result = {
            sha256,
            rows: plan.rows,
            errors: plan.errors,
            totals: plan.totals,
          };
          if (plan.errors.length > 0) return { ...result, applied: false };
          await writeImport(tx, plan.writes, snapshot.plan?.id ?? null);
          await recordAudit(tx, {
            action: "directory.imported",
            actorUserId: options.actorUserId,
            targetType: "Directory",
            details: {
              source: options.source ?? "web",
              sha256,
              sheets: Object.keys(sheets),
              rows: plan.rows.length,
              ...plan.totals,
            },
          });
          return { ...result, applied: true };
        },
        { timeout: 300_000, maxWait: 30_000 },
      );
    } catch (error) {
      if (attempt < 3 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}
