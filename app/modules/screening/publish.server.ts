// The findings publishing applies, read for many entries at once: one query per chunk of ids
// (the parameters of one statement are limited), ordered so each entry's list is in text order.
import type { FindingForPublishing } from "./publish";
import type { Tx } from "~/utils/db.server";

/** Anything that reads findings: the client or a transaction. */
export type FindingsReader = Pick<Tx, "personalDataFinding">;

const CHUNK = 5000;

/** The findings of each entry (entries without findings are absent from the map). */
export async function findingsForEntries(
  db: FindingsReader,
  entryIds: readonly string[],
): Promise<Map<string, FindingForPublishing[]>> {
  const byEntry = new Map<string, FindingForPublishing[]>();
  const ids = [...new Set(entryIds)];
  for (let offset = 0; offset < ids.length; offset += CHUNK) {
    const rows = await db.personalDataFinding.findMany({
      where: { entryId: { in: ids.slice(offset, offset + CHUNK) } },
      select: {
        entryId: true,
        field: true,
        start: true,
        end: true,
        status: true,
        replacement: true,
      },
      orderBy: [{ entryId: "asc" }, { field: "asc" }, { start: "asc" }],
    });
    for (const { entryId, ...finding } of rows) {
      const list = byEntry.get(entryId);
      if (list) list.push(finding);
      else byEntry.set(entryId, [finding]);
    }
  }
  return byEntry;
}
