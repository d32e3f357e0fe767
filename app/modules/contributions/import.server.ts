// Historical import of contributions, the use case: a dry run lists every problem of a file
// (line, column, reason) and what importing it would add; the import itself runs only on a
// file without a single problem, in one transaction, checked again inside it (the directory
// may have changed since the dry run), and written all or nothing: the ContributionImport (file name, sha256, who,
// when, counts), its entries (source IMPORT, approved by the importer at the import's time,
// each with its line and import key) and their personal-data findings. Rows already in the
// dataset (same import key) add nothing, so importing a file twice changes nothing.
//
// Audit: one "contributions.imported" event with the import's id, the file's sha256 and the
// counts (never the file name or narratives: they may hold personal data).
import { createHash } from "node:crypto";
import { recordAudit } from "~/modules/audit/audit.server";
import { readTables, type RawTable } from "~/modules/directory/import/read-file.server";
import { recordFindingsFor } from "~/modules/screening/record.server";
import { prisma } from "~/utils/db.server";
import { fromFileError, type ContributionError } from "./errors";
import { MAX_CONTRIBUTION_BYTES, MAX_CONTRIBUTION_ROWS } from "./limits";
import { planContributions, type ContributionPlan } from "./plan";
import { knownImportKeys, loadContributionSnapshot } from "./snapshot.server";
import { writeEntries } from "./write.server";

export interface ContributionImportResult {
  /** Written to the database (never when there is an error). */
  applied: boolean;
  sha256: string;
  /** Data rows of the file. */
  rowCount: number;
  /** Rows that would be (dry run) or were added as entries. */
  newCount: number;
  /** Rows already in the dataset (imported before): nothing added for them. */
  knownCount: number;
  errors: ContributionError[];
  /** The ContributionImport written (applied only). */
  importId: string | null;
  /** Personal-data findings recorded on the new entries (applied only). */
  findingCount: number;
}

export type ImportPhase = "reading" | "checking" | "writing" | "screening";
export type ProgressListener = (phase: ImportPhase, done: number, total: number) => void;

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

type Db = Parameters<typeof loadContributionSnapshot>[0];
type Read = { ok: true; table: RawTable } | { ok: false; plan: ContributionPlan };

async function readFile(bytes: Uint8Array): Promise<Read> {
  const read = await readTables(bytes, {
    maxBytes: MAX_CONTRIBUTION_BYTES,
    maxRows: MAX_CONTRIBUTION_ROWS,
  });
  if (!read.ok)
    return {
      ok: false,
      plan: { rowCount: 0, entries: [], errors: read.errors.map(fromFileError) },
    };
  // A workbook is read from its first tab with a header line; other tabs are left alone.
  return { ok: true, table: read.tables[0]! };
}

async function planOn(db: Db, table: RawTable, progress?: ProgressListener) {
  const snapshot = await loadContributionSnapshot(db);
  return planContributions(table, snapshot, (done, total) => progress?.("checking", done, total));
}

const failed = (sha256: string, plan: ContributionPlan): ContributionImportResult => ({
  applied: false,
  sha256,
  rowCount: plan.rowCount,
  newCount: 0,
  knownCount: 0,
  errors: plan.errors,
  importId: null,
  findingCount: 0,
});

/** What importing the file would do; writes nothing. */
export async function dryRunContributions(bytes: Uint8Array): Promise<ContributionImportResult> {
  const sha256 = sha256Of(bytes);
  const read = await readFile(bytes);
  if (!read.ok) return failed(sha256, read.plan);
  const plan = await planOn(prisma, read.table);
  if (plan.errors.length > 0) return failed(sha256, plan);
  const known = await knownImportKeys(
    prisma,
    plan.entries.map((e) => e.importKey),
  );
  return {
    ...failed(sha256, plan),
    newCount: plan.entries.length - known.size,
    knownCount: known.size,
  };
}

export interface ImportOptions {
  fileName: string;
  actorUserId: string | null;
  source?: "web" | "cli" | "seed";
  now?: Date;
  onProgress?: ProgressListener;
}

/**
 * Imports the file if it has no problem at all; otherwise writes nothing and returns the
 * problems (the dry run's answer).
 */
export async function importContributions(
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ContributionImportResult> {
  const sha256 = sha256Of(bytes);
  const progress = options.onProgress;
  progress?.("reading", 0, 0);
  const read = await readFile(bytes);
  if (!read.ok) return failed(sha256, read.plan);
  const fileName = options.fileName.slice(0, 255) || "import.csv";
  return prisma.$transaction(
    async (tx) => {
      // Checked on what the transaction sees (the directory may have changed since the dry run).
      const plan = await planOn(tx, read.table, progress);
      if (plan.errors.length > 0) return failed(sha256, plan);
      const known = await knownImportKeys(
        tx,
        plan.entries.map((e) => e.importKey),
      );
      const fresh = plan.entries.filter((e) => !known.has(e.importKey));
      const audit = (importId: string | null, created: number, findings: number) =>
        recordAudit(tx, {
          action: "contributions.imported",
          actorUserId: options.actorUserId,
          targetType: "ContributionImport",
          ...(importId ? { targetId: importId } : {}),
          details: {
            source: options.source ?? "web",
            sha256,
            rows: plan.rowCount,
            created,
            known: plan.entries.length - created,
            findings,
          },
        });
      if (fresh.length === 0) {
        // Everything is in the dataset already: no import is recorded, nothing changes.
        await audit(null, 0, 0);
        return { ...failed(sha256, plan), applied: true, knownCount: plan.entries.length };
      }
      const now = options.now ?? new Date();
      const contributionImport = await tx.contributionImport.create({
        data: {
          fileName,
          fileSha256: sha256,
          rowCount: plan.rowCount,
          createdCount: 0,
          importedById: options.actorUserId,
          importedAt: now,
        },
        select: { id: true },
      });
      progress?.("writing", 0, fresh.length);
      const ids = await writeEntries(
        tx,
        fresh,
        { importId: contributionImport.id, approvedById: options.actorUserId, approvedAt: now },
        (done) => progress?.("writing", done, fresh.length),
      );
      progress?.("screening", 0, ids.length);
      const findingCount = await recordFindingsFor(tx, ids);
      await tx.contributionImport.update({
        where: { id: contributionImport.id },
        data: { createdCount: ids.length },
      });
      await audit(contributionImport.id, ids.length, findingCount);
      return {
        applied: true,
        sha256,
        rowCount: plan.rowCount,
        newCount: ids.length,
        knownCount: plan.entries.length - ids.length,
        errors: [],
        importId: contributionImport.id,
        findingCount,
      };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}
