// Screening the dataset again: every entry (superseded ones too: the history download publishes
// them) is scanned with today's rules, and the findings it lacks are written, OPEN, so they are
// masked until a reviewer decides. What was already found is never written twice, nor changed
// (its decision stands). Run after the scanner learns something: figure units (2026-12-01)
// were not scanned before. `npm run screening:rescan`.
import { findingsOfEntry } from "./record.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { prisma } from "~/utils/db.server";

/** Entries scanned per transaction. */
const BATCH = 1000;

/** A finding's place in its entry, what is never written twice. */
const placeOf = (f: { entryId: string; field: string; start: number; end: number; kind: string }) =>
  `${f.entryId}|${f.field}|${f.start}|${f.end}|${f.kind}`;

/** Scans every dataset entry; returns how many were read and how many findings were added. */
export async function rescanDataset(options: { batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? BATCH;
  let afterId = "";
  let entries = 0;
  let added = 0;
  for (;;) {
    const batch = await prisma.datasetEntry.findMany({
      where: { id: { gt: afterId } },
      select: { id: true, narrative: true, figures: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (batch.length === 0) break;
    afterId = batch.at(-1)!.id;
    entries += batch.length;
    const found = batch.flatMap(findingsOfEntry);
    if (found.length === 0) continue;
    added += await prisma.$transaction(async (tx) => {
      const known = await tx.personalDataFinding.findMany({
        where: { entryId: { in: [...new Set(found.map((f) => f.entryId))] } },
        select: { entryId: true, field: true, start: true, end: true, kind: true },
      });
      const seen = new Set(known.map(placeOf));
      const missing = found.filter((f) => !seen.has(placeOf(f)));
      if (missing.length === 0) return 0;
      return (await tx.personalDataFinding.createMany({ data: missing })).count;
    });
  }
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      action: "screening.dataset-rescanned",
      actorUserId: null,
      details: { entries, added },
    }),
  );
  return { entries, added };
}
