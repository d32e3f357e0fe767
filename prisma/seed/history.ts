// The demo's history: the 2021-2022 contributions of prisma/seed/contributions-2021-2022.csv,
// imported through the contributions import (the use case staff run), approved by the demo
// administrator. The file follows the 2021-2022 PGSP implementation report: for each theme and
// column of partners of its "Tableau 1", as many distinct measures as the report counts, taken
// first from the measures the demo fundings link to the partners of that column (with their
// link), then from the theme's next measures, contributed by a partner of that column outside
// its funding (link "other"). Narratives are our own short wording. The 2022 rows leave out the
// non-profits whose 2022 return the demo approves (their entries come from the approval).
// Idempotent: importing the file again adds nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { importContributions } from "../../app/modules/contributions/import.server";
import { prisma } from "../../app/utils/db.server";

export const DEMO_HISTORY_FILE = path.join(import.meta.dirname, "contributions-2021-2022.csv");

export async function seedDemoHistory() {
  const admin = await prisma.user.findUnique({
    where: { email: "admin@example.org" },
    select: { id: true },
  });
  const result = await importContributions(new Uint8Array(readFileSync(DEMO_HISTORY_FILE)), {
    fileName: path.basename(DEMO_HISTORY_FILE),
    actorUserId: admin?.id ?? null,
    source: "seed",
  });
  if (result.errors.length > 0)
    throw new Error(
      `The demo history does not import: ${JSON.stringify(result.errors.slice(0, 5))}`,
    );
  return result;
}
