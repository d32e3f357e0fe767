// The staff dataset page (/:lang/staff/dataset) in a browser, FR and NL: axe on the page, a
// filtered state, the empty state and the history; the filters are a plain GET form; the CSV
// and XLSX links carry the filters on screen and give the Excel-ready files (the workbook is
// downloaded by the browser and opened here); reflow at 320 px.
// Filters, pages and the CSV's content are proven in tests/integration/dataset-*.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { checkAxe, storageStates, type Lang } from "../helpers";
import { expectReflow } from "../returns-helpers";

const admin = (lang: Lang) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, "admin.json"), "utf8")) as {
    dataset: {
      title: string;
      tableCaption: string;
      year: string;
      history: string;
      apply: string;
      empty: string;
      sheetName: string;
      sources: { APPROVAL: string; IMPORT: string };
      columns: { year: string; source: string };
    };
  };

test.use({ storageState: storageStates.admin });

for (const lang of ["fr", "nl"] as const) {
  test(`dataset page: axe, filters, history, CSV and XLSX, 320 px (${lang})`, async ({ page }) => {
    const s = admin(lang).dataset;
    const heading = page.getByRole("heading", { level: 1, name: s.title });

    await test.step("every current entry (the demo's approved returns)", async () => {
      await page.goto(`/${lang}/staff/dataset`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(heading).toBeVisible();
      const table = page.getByRole("table", { name: s.tableCaption });
      await expect(table).toBeVisible();
      // A narrative is marked with the language it was written in.
      await expect(table.locator("td span[lang]").first()).toHaveAttribute("lang", /^(fr|nl)$/);
      await checkAxe(page, `${lang} dataset`);
      await expectReflow(page, `${lang} dataset`);
    });

    await test.step("filtered with the form, and its CSV link carries the same filters", async () => {
      // The demo's 2022 returns are approved (prisma/seed/review-demo.ts): that year has entries
      // whatever other campaigns (a draft, one a test creates) the list offers.
      const firstYear = "2022";
      await page.getByLabel(s.year, { exact: true }).selectOption(firstYear);
      await page.getByLabel(s.history).check();
      await page.getByRole("button", { name: s.apply }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]year=${firstYear}(&|$)`));
      await expect(page).toHaveURL(/[?&]history=1(&|$)/);
      await expect(heading).toBeVisible();
      await checkAxe(page, `${lang} dataset filtered, with history`);

      const link = page.getByRole("link", { name: /CSV/ });
      const href = await link.getAttribute("href");
      expect(href).toMatch(
        new RegExp(`^/${lang}/staff/dataset\\.csv\\?year=${firstYear}&history=1$`),
      );
      const response = await page.request.get(href!);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-disposition"]).toMatch(
        /^attachment; filename="(base-de-donnees|databank)-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const body = await response.body();
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(body.subarray(3).toString("utf8").split(";")[0]).toBe(s.columns.year);
    });

    await test.step("the same entries as an Excel workbook, downloaded and opened", async () => {
      const link = page.getByRole("link", { name: /XLSX/ });
      expect(await link.getAttribute("href")).toMatch(
        new RegExp(`^/${lang}/staff/dataset\\.xlsx\\?year=2022&history=1$`),
      );
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(download.suggestedFilename()).toMatch(
        /^(base-de-donnees|databank)-\d{4}-\d{2}-\d{2}\.xlsx$/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe(s.sheetName);
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header[0]).toBe(s.columns.year);
      expect(sheet.rowCount).toBeGreaterThan(1);
      // Numbers as numbers; each entry says where it comes from, in the page's language.
      expect(sheet.getCell(2, 1).value).toBe(2022);
      const source = header.indexOf(s.columns.source) + 1;
      expect([s.sources.APPROVAL, s.sources.IMPORT]).toContain(sheet.getCell(2, source).value);
    });

    await test.step("nothing matches", async () => {
      await page.goto(`/${lang}/staff/dataset?year=2099`);
      await expect(page.getByText(s.empty)).toBeVisible();
      await expect(page.getByRole("link", { name: /CSV/ })).toHaveCount(0);
      await expect(page.getByRole("link", { name: /XLSX/ })).toHaveCount(0);
      await checkAxe(page, `${lang} dataset, empty`);
    });
  });
}
