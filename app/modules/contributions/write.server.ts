// Writes planned contributions as dataset entries, set-based: one INSERT per slice of 2,000
// rows from a JSON array (Prisma's createMany binds one parameter per value, far slower on the
// embedded engine at 50,000 rows). A row whose import key names a current entry already is
// skipped by the partial unique index (ON CONFLICT DO NOTHING): importing twice adds nothing,
// even when two imports of the same file run at once. Runs inside the caller's transaction.
import { newId } from "~/modules/directory/import/apply.server";
import type { Tx } from "~/utils/db.server";
import type { PlannedEntry } from "./plan";

const SLICE = 2000;

export interface EntryProvenance {
  importId: string;
  approvedById: string | null;
  approvedAt: Date;
}

/** Inserts the entries; returns the ids of those written (rows already there give none). */
export async function writeEntries(
  tx: Tx,
  entries: readonly PlannedEntry[],
  provenance: EntryProvenance,
  onProgress?: (written: number) => void,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < entries.length; i += SLICE) {
    const slice = entries.slice(i, i + SLICE).map((e) => ({
      id: newId(),
      year: e.year,
      planId: e.planId,
      organisationId: e.organisationId,
      organisationKind: e.organisationKind,
      channel: e.channel,
      measureId: e.measureId,
      measureCode: e.measureCode,
      themeId: e.themeId,
      link: e.link,
      narrative: e.narrative,
      narrativeLanguage: e.narrativeLanguage,
      figures: e.figures,
      importLine: e.line,
      importKey: e.importKey,
    }));
    const written = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "DatasetEntry" (id, source, year, "planId", "organisationId", "organisationKind",
         channel, "measureId", "measureCode", "themeId", link, "missionCodes", narrative,
         "narrativeLanguage", figures, attachments, "approvedById", "approvedAt", "importId",
         "importLine", "importKey")
       SELECT x.id, 'IMPORT'::"DatasetSource", x.year, x."planId", x."organisationId",
         x."organisationKind"::"OrganisationKind", x.channel::"FundingChannel", x."measureId",
         x."measureCode", x."themeId", x.link::"DatasetLink", '{}'::text[], x.narrative,
         x."narrativeLanguage"::"Language", x.figures, '[]'::jsonb, $2, $3::timestamp, $4,
         x."importLine", x."importKey"
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, year integer, "planId" text,
         "organisationId" text, "organisationKind" text, channel text, "measureId" text,
         "measureCode" text, "themeId" text, link text, narrative text, "narrativeLanguage" text,
         figures jsonb, "importLine" integer, "importKey" text)
       ON CONFLICT ("importKey") WHERE "supersededAt" IS NULL AND "importKey" IS NOT NULL
       DO NOTHING
       RETURNING id`,
      JSON.stringify(slice),
      provenance.approvedById,
      provenance.approvedAt.toISOString(),
      provenance.importId,
    );
    ids.push(...written.map((row) => row.id));
    onProgress?.(Math.min(i + SLICE, entries.length));
  }
  return ids;
}
