// The report tables read from the dataset (reports/tables.server.ts): each table's figures
// from entries written into the table, only current entries of the period and of the plan,
// the drill-down keys of the cells, the small-count threshold on project counts. PGlite and
// PostgreSQL. Years far from the seed's (2041+) keep each test's entries to itself.
import { beforeAll, describe, expect, it } from "vitest";
import { addEntries, seededPlan, PLAN_CODE, type EntryInput } from "../fixtures/dataset-entries";
import { createOrganisation } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import { drillCell } from "~/modules/reports/drill.server";
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

/** Entries of projects: the fixture's rows with a funding each (a project is organisation + funding). */
async function addProjects(inputs: readonly (EntryInput & { fundingId: string | null })[]) {
  const added = await addEntries(inputs);
  // Entries are immutable (a trigger): written again with their funding, the first ones superseded.
  const rows = await prisma.datasetEntry.findMany({
    where: { id: { in: added.map((e) => e.id) } },
  });
  await prisma.datasetEntry.updateMany({
    where: { id: { in: rows.map((r) => r.id) }, supersededAt: null },
    data: { supersededAt: new Date("2020-01-01T00:00:00Z") },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return prisma.datasetEntry.createManyAndReturn({
    data: added.map(({ id }, index) => {
      const { figures, attachments, ...row } = byId.get(id)!;
      return {
        ...row,
        // New rows: their own id and creation time.
        id: undefined,
        createdAt: undefined,
        figures: figures ?? [],
        attachments: attachments ?? [],
        fundingId: inputs[index]!.fundingId,
        supersededAt: inputs[index]!.supersededAt ?? null,
      };
    }),
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

describe("summary of themes", () => {
  it("counts a measure reached by several columns once in 'any column'", async () => {
    const zone = await createOrganisation("POLICE_ZONE");
    const asbl = await createOrganisation("NON_PROFIT");
    await addEntries([
      { organisation: zone, channel: "FSE", year: 2045, measureCode: "3.1" },
      { organisation: asbl, channel: "ASBL_OUTSIDE_CALL", year: 2045, measureCode: "3.1" },
      { organisation: asbl, channel: "ASBL_OUTSIDE_CALL", year: 2045, measureCode: "3.2" },
    ]);
    const table = await loadReportTable("themes-summary", { from: 2045, to: 2045 }, "fr");
    expect(display(table)["3"]).toMatchObject({ all: "2", zones: "1", asblOutsideCall: "2" });
    expect(display(table).total).toMatchObject({ all: "2", zones: "1", communes: "0" });
    expect(table.title).toMatch(/\(2045\)$/);
  });
});

describe("communes: projects per measure", () => {
  it("counts distinct projects per measure, primary vs secondary, communes only", async () => {
    const anderlecht = await createOrganisation("COMMUNE");
    const lisa = await createOrganisation("COMMUNE");
    const asbl = await createOrganisation("NON_PROFIT");
    await addProjects([
      {
        organisation: anderlecht,
        channel: "PBPP",
        year: 2046,
        measureCode: "1.2",
        fundingId: "fa",
      },
      {
        organisation: anderlecht,
        channel: "PBPP",
        year: 2047,
        measureCode: "1.2",
        fundingId: "fa",
      },
      {
        organisation: anderlecht,
        channel: "PBPP",
        year: 2046,
        measureCode: "1.2",
        fundingId: "fb",
        link: "SECONDARY",
      },
      { organisation: lisa, channel: "LISA", year: 2046, measureCode: "1.2", fundingId: "fc" },
      {
        organisation: lisa,
        channel: "LISA",
        year: 2046,
        measureCode: "2.3",
        fundingId: "fc",
        link: "SECONDARY",
      },
      { organisation: asbl, channel: "ASBL_CALL", year: 2046, measureCode: "1.2", fundingId: "fd" },
      {
        organisation: lisa,
        channel: "LISA",
        year: 2046,
        measureCode: "2.4",
        fundingId: "fe",
        supersededAt: new Date(),
      },
    ]);
    const table = await loadReportTable("communes-measures", { from: 2046, to: 2047 }, "nl");
    expect(table.rows.map((r) => r.key)).toEqual(["1.2", "2.3"]);
    expect(display(table)).toEqual({
      "1.2": { primary: "2", secondary: "1", other: "0", total: "3" },
      "2.3": { primary: "0", secondary: "1", other: "0", total: "1" },
    });
    expect(table.rows[0]!.label).toMatch(/^1\.2 /);
    // Published: counts from 1 to 2 hidden under a threshold of 3, zero shown; a total that
    // would give a hidden count away (total less the counts shown) hidden with it ("x").
    const published = await loadReportTable("communes-measures", { from: 2046, to: 2047 }, "nl", {
      suppressBelow: 3,
    });
    expect(display(published)).toEqual({
      "1.2": { primary: "< 3", secondary: "< 3", other: "0", total: "x" },
      "2.3": { primary: "0", secondary: "< 3", other: "0", total: "< 3" },
    });
    expect(published.rows[0]!.cells.total).toMatchObject({ value: null, suppressed: true });
    expect(published.rows[0]!.cells.total!.drill).toBeUndefined();
    // Under a threshold of 2, "1.2"'s secondary (1) is hidden and its primary (2) shown: its
    // total (3) would give the hidden 1 away.
    const two = await loadReportTable("communes-measures", { from: 2046, to: 2047 }, "fr", {
      suppressBelow: 2,
    });
    expect(display(two)["1.2"]).toEqual({ primary: "2", secondary: "< 2", other: "0", total: "x" });
    expect(published.rows[0]!.cells.primary).toMatchObject({ value: null, suppressed: true });
    expect(published.rows[0]!.cells.primary!.drill).toBeUndefined();

    // The drill-down lists exactly the current entries behind a cell.
    const primary = await drillCell(
      "communes-measures",
      { from: 2046, to: 2047 },
      "1.2:primary",
      1,
      "fr",
    );
    expect(primary?.total).toBe(3);
    expect(new Set(primary!.entries.map((e) => e.organisationId))).toEqual(
      new Set([anderlecht.id, lisa.id]),
    );
    expect(primary!.entries.every((e) => e.measureCode === "1.2" && e.link === "PRIMARY")).toBe(
      true,
    );
  });
});

describe("call for projects per theme and year", () => {
  it("counts distinct funded projects per theme each year, and each project once in the total", async () => {
    const one = await createOrganisation("NON_PROFIT");
    const two = await createOrganisation("NON_PROFIT");
    await addProjects([
      { organisation: one, channel: "ASBL_CALL", year: 2048, measureCode: "1.1", fundingId: "p1" },
      { organisation: one, channel: "ASBL_CALL", year: 2048, measureCode: "2.1", fundingId: "p1" },
      { organisation: two, channel: "ASBL_CALL", year: 2048, measureCode: "2.2", fundingId: "p2" },
      { organisation: two, channel: "ASBL_CALL", year: 2049, measureCode: "2.2", fundingId: "p2" },
      {
        organisation: two,
        channel: "ASBL_OUTSIDE_CALL",
        year: 2049,
        measureCode: "2.2",
        fundingId: "p3",
      },
    ]);
    const table = await loadReportTable("asbl-call-themes", { from: 2048, to: 2049 }, "fr");
    expect(table.columns.map((c) => c.key)).toEqual(["2048", "2049"]);
    expect(display(table)["1"]).toEqual({ 2048: "1", 2049: "0" });
    expect(display(table)["2"]).toEqual({ 2048: "2", 2049: "1" });
    expect(display(table).total).toEqual({ 2048: "2", 2049: "1" });
    // Published under a threshold of 2: 2048's total less theme 2's 2 would give theme 1's
    // hidden 1 away, so it is hidden too; 2049's total is a small count itself.
    const published = await loadReportTable("asbl-call-themes", { from: 2048, to: 2049 }, "nl", {
      suppressBelow: 2,
    });
    expect(display(published)["1"]).toEqual({ 2048: "< 2", 2049: "0" });
    expect(display(published)["2"]).toEqual({ 2048: "2", 2049: "< 2" });
    expect(display(published).total).toEqual({ 2048: "x", 2049: "< 2" });
    const drill = await drillCell("asbl-call-themes", { from: 2048, to: 2049 }, "2:2048", 1, "fr");
    expect(drill?.entries.map((e) => e.measureCode).sort()).toEqual(["2.1", "2.2"]);
    expect(
      await drillCell("asbl-call-themes", { from: 2048, to: 2049 }, "2:2050", 1, "fr"),
    ).toBeNull();
  });
});

describe("drill-down", () => {
  it("lists exactly the entries a measures cell counts, page by page, and refuses unknown cells", async () => {
    const zone = await createOrganisation("POLICE_ZONE");
    const commune = await createOrganisation("COMMUNE");
    const inside = await addEntries([
      ...Array.from({ length: 7 }, () => ({
        organisation: zone,
        channel: "FSE" as const,
        year: 2050,
        measureCode: "5.1",
      })),
      { organisation: zone, channel: "FSE", year: 2051, measureCode: "5.2" },
    ]);
    await addEntries([
      { organisation: commune, channel: "PBPP", year: 2050, measureCode: "5.1" },
      { organisation: zone, channel: "FSE", year: 2052, measureCode: "5.1" },
      { organisation: zone, channel: "FSE", year: 2050, measureCode: "6.1" },
      {
        organisation: zone,
        channel: "FSE",
        year: 2050,
        measureCode: "5.3",
        supersededAt: new Date(),
      },
    ]);
    const period = { from: 2050, to: 2051 };
    const table = await loadReportTable("measures-by-channel", period, "fr");
    expect(table.rows.find((r) => r.key === "5")!.cells.zones).toMatchObject({
      count: 2,
      drill: "5:zones",
    });
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const drill = await drillCell("measures-by-channel", period, "5:zones", page, "fr", 3);
      expect(drill).toMatchObject({ total: 8, page, pageCount: 3 });
      seen.push(...drill!.entries.map((e) => e.id));
    }
    expect(seen.sort()).toEqual(inside.map((e) => e.id).sort());
    // A page beyond the last is the last.
    expect((await drillCell("measures-by-channel", period, "5:zones", 99, "fr", 3))?.page).toBe(3);
    const total = await drillCell("measures-by-channel", period, "total:zones", 1, "fr");
    expect(total?.total).toBe(9);
    for (const bad of ["5:nope", "99:zones", "5", "5:all", "x;y"])
      expect(await drillCell("measures-by-channel", period, bad, 1, "fr"), bad).toBeNull();
    expect((await drillCell("themes-summary", period, "5:all", 1, "fr"))?.total).toBe(9);
  });
});
