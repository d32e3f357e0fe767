// The report tables' pages (/:lang/staff/reports…) in a browser, FR and NL: axe and 320 px on
// the index, a table and a drill-down; the plan and period form is a plain GET form; a cell's
// link is reached with the keyboard and opens the entries behind it; the table's chart is SVG
// drawn on the server (no script); the XLSX download opened with exceljs, figures as numbers.
// The demo's 2022 returns are approved (prisma/seed/review-demo.ts): 2022 has entries.
// Figures, drill-down contents and files are proven in tests/integration/reports-*.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { checkAxe, storageStates, type Lang } from "../helpers";
import { expectReflow } from "../returns-helpers";

const reports = (lang: Lang) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, "reports.json"), "utf8")) as {
    columns: { zones: string; theme: string };
    page: { indexTitle: string; from: string; to: string; show: string; downloadXlsx: string };
    tables: Record<string, { short: string; title: string }>;
  };

const YEAR = "2022";

test.use({ storageState: storageStates.admin });

for (const lang of ["fr", "nl"] as const) {
  test(`report tables: index, a table, a cell's entries, XLSX (${lang})`, async ({ page }) => {
    const s = reports(lang);

    await test.step("the index: plan and period, the list of tables", async () => {
      await page.goto(`/${lang}/staff/reports`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1, name: s.page.indexTitle })).toBeVisible();
      await page.getByLabel(s.page.from, { exact: true }).fill(YEAR);
      await page.getByLabel(s.page.to, { exact: true }).fill(YEAR);
      await page.getByRole("button", { name: s.page.show }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]from=${YEAR}&to=${YEAR}(&|$)`));
      await checkAxe(page, `${lang} reports index`);
      await expectReflow(page, `${lang} reports index`);
      await page.getByRole("link", { name: s.tables["measures-by-channel"]!.short }).click();
    });

    await test.step("Tableau 1: table, chart, axe, 320 px", async () => {
      await expect(page).toHaveURL(
        new RegExp(
          `/${lang}/staff/reports/measures-by-channel\\?plan=[^&]+&from=${YEAR}&to=${YEAR}$`,
        ),
      );
      const table = page.getByRole("table");
      await expect(table).toBeVisible();
      await expect(table.getByRole("columnheader", { name: s.columns.zones })).toBeVisible();
      await expect(
        page.locator('svg[role="img"][data-chart="chart-measures-by-channel"]'),
      ).toBeVisible();
      await checkAxe(page, `${lang} report table`);
      await expectReflow(page, `${lang} report table`);
    });

    await test.step("a cell's link is reached with the keyboard and opens its entries", async () => {
      await page.locator("body").focus();
      let reached = false;
      for (let i = 0; i < 80 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(
          () => document.activeElement?.matches("a[data-cell]") ?? false,
        );
      }
      expect(reached, "a cell link reached with Tab").toBe(true);
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(
        new RegExp(`/${lang}/staff/reports/measures-by-channel/cell\\?`),
      );
      const entries = page.getByRole("table");
      await expect(entries.locator("tbody tr").first()).toBeVisible();
      await checkAxe(page, `${lang} report drill-down`);
      await expectReflow(page, `${lang} report drill-down`);
      await page.goBack();
    });

    await test.step("the XLSX download: headings in the language, figures as numbers", async () => {
      const link = page.getByRole("link", { name: s.page.downloadXlsx });
      const href = await link.getAttribute("href");
      expect(href).toMatch(new RegExp(`^/${lang}/staff/reports/measures-by-channel\\.xlsx\\?`));
      const download = page.waitForEvent("download");
      await link.click();
      const file = await (await download).path();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const sheet = workbook.worksheets[0]!;
      expect(String(sheet.getCell("A1").value)).toContain(YEAR);
      expect(sheet.getCell("A2").value).toBe(s.columns.theme);
      expect(sheet.getCell("C2").value).toBe(s.columns.zones);
      const firstRow = sheet.getRow(3);
      expect(typeof firstRow.getCell(2).value).toBe("number");
      expect(typeof firstRow.getCell(3).value).toBe("number");
      const rows = sheet.getSheetValues() as unknown[][];
      const total = rows.find((row) => row?.[1] === (lang === "nl" ? "Totaal" : "Total"));
      expect(typeof total?.[3]).toBe("number");
    });
  });
}
