// The order of the dataset's downloads (CSV and XLSX): the order the entries entered the
// dataset, by "createdAt" then id (index "DatasetEntry_createdAt_id_idx"). It is also about the
// order they lie in on disk (entries are only ever appended), so a download read batch by batch
// reads the table from front to back. Batches are keyset on that pair.
import { Prisma } from "~/generated/prisma/client";

/** Where a download stands: an entry's "createdAt" (as PostgreSQL writes it) and id. */
export interface ExportPosition {
  createdAt: string;
  id: string;
}

/** ORDER BY of the downloads, on the entry aliased e. */
export const EXPORT_ORDER = Prisma.sql`e."createdAt", e."id"`;

/** The columns that give an entry's position (read as an ExportPosition). */
export const POSITION_COLUMNS = Prisma.sql`e."createdAt"::text AS "createdAt", e."id"`;

/** The entries after `position` in the downloads' order. */
export const afterPosition = (position: ExportPosition) =>
  Prisma.sql`(e."createdAt", e."id") > (${position.createdAt}::timestamp, ${position.id})`;

/** The entries up to `position` included. */
export const upToPosition = (position: ExportPosition) =>
  Prisma.sql`(e."createdAt", e."id") <= (${position.createdAt}::timestamp, ${position.id})`;
