// Screening entries as they enter the dataset (an approval, a historical import): their
// narrative and their figures' labels and units are scanned, and each match is written as an OPEN
// finding. Called inside the transaction that writes the entries, so an entry never exists
// unscreened. The entries themselves never change: publishing applies the findings.
import { entryFigures, figureField, figureUnitField, NARRATIVE_FIELD } from "./publish";
import { scanText } from "./scan";
import type { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";

const CHUNK = 1000;

/** The findings of one entry's texts, as rows to write. Pure. */
export function findingsOfEntry(entry: {
  id: string;
  narrative: string;
  figures: unknown;
}): Prisma.PersonalDataFindingCreateManyInput[] {
  const rows: Prisma.PersonalDataFindingCreateManyInput[] = [];
  const add = (field: string, text: string) => {
    for (const match of scanText(text)) rows.push({ entryId: entry.id, field, ...match });
  };
  add(NARRATIVE_FIELD, entry.narrative);
  entryFigures(entry.figures).forEach((figure, index) => {
    add(figureField(index), figure.label);
    if (figure.unit) add(figureUnitField(index), figure.unit);
  });
  return rows;
}

/**
 * Scans the given dataset entries and writes their findings (status OPEN). Returns how many
 * were written.
 */
export async function recordFindingsFor(tx: Tx, entryIds: readonly string[]): Promise<number> {
  let written = 0;
  const ids = [...new Set(entryIds)];
  for (let offset = 0; offset < ids.length; offset += CHUNK) {
    const entries = await tx.datasetEntry.findMany({
      where: { id: { in: ids.slice(offset, offset + CHUNK) } },
      select: { id: true, narrative: true, figures: true },
      orderBy: { id: "asc" },
    });
    const data = entries.flatMap(findingsOfEntry);
    if (data.length > 0) written += (await tx.personalDataFinding.createMany({ data })).count;
  }
  return written;
}

/** How many possible pieces of personal data an entry's texts hold (before it is written). */
export function countPersonalData(entry: { narrative: string; figures: unknown }): number {
  return findingsOfEntry({ id: "", ...entry }).length;
}
