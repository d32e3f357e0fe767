// The demo's 2021-2022 history (prisma/seed/contributions-2021-2022.csv), imported through the
// contributions import as the demo seed does: it imports without a problem, again adds nothing,
// and "Tableau 1" of 2021-2022 then shows the report's counts (37/77, 48/77, 10/77, 17/77,
// 15/77), the imported entries counting like approved ones.
import { beforeAll, describe, expect, it } from "vitest";
import { seedWorld } from "../fixtures/returns";
import { seedDemoHistory } from "../../prisma/seed/history";
import { loadReportTable } from "~/modules/reports/tables.server";
import { prisma } from "~/utils/db.server";

describe("demo history 2021-2022", () => {
  beforeAll(async () => {
    await seedWorld();
  });

  it("imports, adds nothing the second time, and gives the report's Tableau 1", async () => {
    const first = await seedDemoHistory();
    expect(first.applied).toBe(true);
    expect(first.newCount).toBe(first.rowCount);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } });
    expect(
      await prisma.contributionImport.findUniqueOrThrow({ where: { id: first.importId! } }),
    ).toMatchObject({ fileName: "contributions-2021-2022.csv", importedById: admin.id });
    const again = await seedDemoHistory();
    expect([again.newCount, again.knownCount]).toEqual([0, first.rowCount]);

    const table = await loadReportTable("measures-by-channel", { from: 2021, to: 2022 }, "fr");
    const row = (cells: Record<string, { display: string }>) =>
      table.columns
        .filter((c) => c.numeric)
        .slice(-5)
        .map((c) => cells[c.key]?.display);
    expect(table.rows.map((r) => row(r.cells))).toEqual([
      ["5/9", "6/9", "0/9", "4/9", "3/9"],
      ["5/8", "7/8", "0/8", "5/8", "1/8"],
      ["5/9", "5/9", "0/9", "3/9", "9/9"],
      ["5/10", "6/10", "0/10", "2/10", "1/10"],
      ["7/7", "5/7", "0/7", "0/7", "0/7"],
      ["5/9", "6/9", "9/9", "1/9", "0/9"],
      ["3/8", "6/8", "1/8", "1/8", "1/8"],
      ["2/8", "2/8", "0/8", "0/8", "0/8"],
      ["0/9", "5/9", "0/9", "1/9", "0/9"],
    ]);
    expect(row(table.total!.cells)).toEqual(["37/77", "48/77", "10/77", "17/77", "15/77"]);
  });
});
