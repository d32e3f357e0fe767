// The report tables read from the dataset (reports/tables.server.ts): each table's figures
// from entries written into the table, only current entries of the period and of the plan,
// the drill-down keys of the cells, the small-count threshold on project counts. PGlite and
// PostgreSQL. Years far from the seed's (2041+) keep each test's entries to itself.
import { beforeAll, describe, expect, it } from "vitest";
import { addEntries, seededPlan, PLAN_CODE } from "../fixtures/dataset-entries";
import { createOrganisation } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import { loadReportTable } from "~/modules/reports/tables.server";
import type { ReportTable } from "~/modules/reports/table-model";
import { prisma } from "~/utils/db.server";

beforeAll(async () => {
  await seedReferenceData(prisma);
}, 120_000);

const display = (table: ReportTable) =>
  Object.fromEntries(
    [...table.rows, ...(table.total ? [table.total] : [])].map((row) => [
      row.key,
      Object.fromEntries(Object.entries(row.cells).map(([key, cell]) => [key, cell.display])),
    ]),
  );

/** Adds entries with a funding (the fixture writes none): a project is (organisation, funding). */
async function withFunding(entryIds: readonly { id: string }[], fundingId: string) {
  // Entries are immutable but for supersededAt (a trigger): write them with their funding.
  const rows = await prisma.datasetEntry.findMany({
    where: { id: { in: entryIds.map((e) => e.id) } },
  });
  await prisma.datasetEntry.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  return prisma.datasetEntry.createManyAndReturn({
    data: rows.map(({ id: _id, figures, attachments, ...row }) => ({
      ...row,
      figures: figures ?? [],
      attachments: attachments ?? [],
      fundingId,
    })),
    select: { id: true },
  });
}

describe("measures by theme and channel (Tableau 1)", () => {
  it("counts distinct measures of current entries in the period, n/size, with the plan's total", async () => {
    const plan = await seededPlan();
    const zone = await createOrganisation("POLICE_ZONE");
    const otherZone = await createOrganisation("POLICE_ZONE");
    const commune = await createOrganisation("COMMUNE");
    await addEntries([
      { organisation: zone, channel: "FSE", year: 2041, measureCode: "1.1" },
      { organisation: otherZone, channel: "FSE", year: 2042, measureCode: "1.1" },
      { organisation: zone, channel: "FSE", year: 2041, measureCode: "1.2" },
      { organisation: commune, channel: "PBPP", year: 2041, measureCode: "1.1" },
      { organisation: commune, channel: "LISA", year: 2042, measureCode: "2.1" },
      // Outside the period, superseded: not counted.
      { organisation: zone, channel: "FSE", year: 2043, measureCode: "1.3" },
      {
        organisation: zone,
        channel: "FSE",
        year: 2041,
        measureCode: "1.4",
        supersededAt: new Date(),
      },
    ]);
    const table = await loadReportTable(
      "measures-by-channel",
      { planCode: PLAN_CODE, from: 2041, to: 2042 },
      "fr",
    );
    const size = (code: string) =>
      plan.measures.filter((m) => m.themeId === plan.themes.find((t) => t.code === code)!.id)
        .length;
    const cells = display(table);
    expect(table.planCode).toBe(PLAN_CODE);
    expect(table.rows).toHaveLength(plan.themes.length);
    expect(cells["1"]).toMatchObject({
      size: String(size("1")),
      zones: `2/${size("1")}`,
      communes: `1/${size("1")}`,
      regional: `0/${size("1")}`,
    });
    expect(cells["2"]).toMatchObject({ zones: `0/${size("2")}`, communes: `1/${size("2")}` });
    expect(cells.total).toMatchObject({
      zones: `2/${plan.measures.length}`,
      communes: `2/${plan.measures.length}`,
    });
    const zones = table.rows[0]!.cells.zones!;
    expect(zones).toMatchObject({ value: 2, count: 2, size: size("1"), drill: "1:zones" });
    expect(table.rows[0]!.cells.regional!.drill).toBeUndefined();
    expect(table.rows[0]!.label).toMatch(/^Thématique 1 : /);
    const nl = await loadReportTable("measures-by-channel", { from: 2042, to: 2041 }, "nl");
    expect(nl.period).toEqual({ from: 2041, to: 2042 });
    expect(nl.columns.map((c) => c.label)).toContain("Politiezones");
    expect(display(nl)).toEqual(cells);
  });
});
