// Screening the dataset again (npm run screening:rescan) on the database, PGlite and
// PostgreSQL: entries screened before figure units were scanned (written here without their
// findings, as they were) get the findings they lack, OPEN, superseded entries too; a finding
// already there is neither written twice nor changed (its decision stands); a second run adds
// nothing; the run is audited.
import { beforeAll, describe, expect, it } from "vitest";
import { addEntries } from "../fixtures/dataset-entries";
import { createOrganisation } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import { rescanDataset } from "~/modules/screening/rescan.server";
import { prisma } from "~/utils/db.server";

beforeAll(async () => {
  await seedReferenceData(prisma);
}, 120_000);

describe("screening the dataset again", () => {
  it("adds the findings entries lack, keeps the ones decided, and adds nothing the second time", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    const narrative = "Contact : jan@example.be pour les inscriptions.";
    const [current, superseded] = await addEntries([
      {
        organisation,
        narrative,
        figures: [{ label: "Appels", value: 40, unit: "appels au 0475 12 34 56" }],
      },
      {
        organisation,
        supersededAt: new Date("2025-03-01T10:00:00Z"),
        figures: [{ label: "Courriels", value: 3, unit: "vers marie@example.be" }],
      },
    ]);
    // The narrative's email was found (and decided) when the entry entered the dataset.
    const decided = await prisma.personalDataFinding.create({
      data: {
        entryId: current!.id,
        field: "narrative",
        kind: "EMAIL",
        start: 10,
        end: 24,
        status: "OVERRIDDEN",
        reason: "Adresse générique du service.",
        resolvedAt: new Date("2025-02-01T09:00:00Z"),
      },
    });

    const first = await rescanDataset({ batchSize: 1 });
    expect(first.entries).toBe(await prisma.datasetEntry.count());
    expect(first.added).toBe(2);
    const findings = await prisma.personalDataFinding.findMany({
      where: { entryId: { in: [current!.id, superseded!.id] } },
      orderBy: [{ entryId: "asc" }, { field: "asc" }],
    });
    expect(findings.map((f) => [f.entryId, f.field, f.kind, f.status]).sort()).toEqual(
      [
        [current!.id, "figure-unit:0", "PHONE", "OPEN"],
        [current!.id, "narrative", "EMAIL", "OVERRIDDEN"],
        [superseded!.id, "figure-unit:0", "EMAIL", "OPEN"],
      ].sort(),
    );
    expect(
      await prisma.personalDataFinding.findUniqueOrThrow({ where: { id: decided.id } }),
    ).toEqual(decided);

    expect((await rescanDataset()).added).toBe(0);
    expect(
      await prisma.auditEvent.count({ where: { action: "screening.dataset-rescanned" } }),
    ).toBe(2);
  });
});
