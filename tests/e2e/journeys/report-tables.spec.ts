// From a historical import to the report's tables, in a browser, FR and NL: staff imports a file
// of one contribution (2024, a police zone, a measure of theme 9 in FR and of theme 8 in NL, so
// the two runs never share a cell), "Tableau 1" of 2024 then counts it in the police zones'
// column of its theme, the cell drills down to the imported entry, and the table downloads as
// CSV and as XLSX (opened here with exceljs) with the same figure, a number. axe on each page.
// Other tests share the database: figures are checked against what the page said before the
// import (the measure counts once, whoever else contributed to it).
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { checkAxe, storageStates, type Lang } from "../helpers";

type Contributions = typeof import("../../../locales/fr/contributions.json");
type Reports = typeof import("../../../locales/fr/reports.json");
const load = <T>(lang: Lang, ns: string) =>
  JSON.parse(readFileSync(path.resolve("locales", lang, `${ns}.json`), "utf8")) as T;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));

const cases = {
  fr: {
    theme: "9",
    measure: "9.1",
    zone: "5339",
    header: "année;organisation;canal;mesure;récit;langue",
  },
  nl: {
    theme: "8",
    measure: "8.1",
    zone: "5340",
    header: "jaar;organisatie;kanaal;maatregel;verhaal;taal",
  },
} as const;

const YEAR = 2024;
const tableUrl = (lang: Lang) =>
  `/${lang}/staff/reports/measures-by-channel?from=${YEAR}&to=${YEAR}`;

/** The police zones' cell of the theme's row: its text, and its drill-down link if any. */
async function zonesCell(page: Page, lang: Lang, theme: string) {
  await page.goto(tableUrl(lang));
  const row = page.getByRole("row").filter({
    has: page.getByRole("rowheader", { name: new RegExp(`^(Thématique|Thema) ${theme}\\b`) }),
  });
  const label = (await row.getByRole("rowheader").textContent())!.trim();
  // Cells after the row header: the theme's measures, then the police zones.
  const cell = row.getByRole("cell").nth(1);
  return { label, cell, text: (await cell.textContent())!.trim() };
}

/** The measure codes of the entries behind a drill-down page (column "measure"). */
async function drilledMeasures(page: Page, r: Reports): Promise<string[]> {
  const table = page.getByRole("table");
  const headers = await table.getByRole("columnheader").allTextContents();
  const index = headers.findIndex((h) => h.trim() === r.drill.columns.measure);
  const rows = table.getByRole("row");
  const codes: string[] = [];
  for (let i = 1; i < (await rows.count()); i += 1)
    codes.push((await rows.nth(i).locator("th, td").nth(index).textContent())!.trim());
  return codes;
}

test.use({ storageState: storageStates.admin });

for (const lang of ["fr", "nl"] as const) {
  test(`an imported contribution counts in Tableau 1, drills down, downloads as CSV and XLSX (${lang})`, async ({
    page,
  }) => {
    const t = load<Contributions>(lang, "contributions");
    const r = load<Reports>(lang, "reports");
    const c = cases[lang];

    // Before: the cell's count and the measures behind it.
    const before = await zonesCell(page, lang, c.theme);
    const [counted, size] = before.text.split("/").map(Number) as [number, number];
    let measuresBefore: string[] = [];
    if (counted > 0) {
      await before.cell.getByRole("link").click();
      measuresBefore = await drilledMeasures(page, r);
    }
    const expected = counted + (measuresBefore.includes(c.measure) ? 0 : 1);

    await test.step("staff imports a file of one contribution", async () => {
      await page.goto(`/${lang}/staff/dataset/import`);
      const narrative = `E2E ${lang} ${Date.now()}: ${c.measure}.`;
      const file = `${c.header}\n${YEAR};${c.zone};FSE;${c.measure};${narrative};${lang}\n`;
      await page.locator("#file").setInputFiles({
        name: "rapport.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(file, "utf8"),
      });
      await page.getByRole("button", { name: t.form.submit }).click();
      await page.getByRole("button", { name: fill(t.result.apply_one, { total: 1 }) }).click();
      await expect(page.getByRole("status")).toHaveText(t.job.done);
    });

    const after = await test.step("Tableau 1 counts it", async () => {
      const cell = await zonesCell(page, lang, c.theme);
      expect(cell.text).toBe(`${expected}/${size}`);
      await checkAxe(page, `${lang} report table after the import`);
      return cell;
    });

    await test.step("the cell drills down to the imported entry", async () => {
      await after.cell.getByRole("link").click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        fill(r.drill.title, { row: after.label, column: r.columns.zones }),
      );
      const imported = page
        .getByRole("row")
        .filter({ hasText: r.drill.sources.IMPORT })
        .filter({ hasText: c.measure });
      await expect(imported.first()).toBeVisible();
      expect(await drilledMeasures(page, r)).toContain(c.measure);
      await checkAxe(page, `${lang} report cell drill-down`);
    });

    await test.step("the CSV has the same figure", async () => {
      await page.goto(tableUrl(lang));
      const link = page.getByRole("link", { name: r.page.downloadCsv });
      const response = await page.request.get((await link.getAttribute("href"))!);
      expect(response.status()).toBe(200);
      const lines = (await response.text()).replace(/^\ufeff/, "").split(/\r?\n/);
      const heading = lines[0]!.split(";");
      const line = lines.find((l) => l.startsWith(after.label) || l.startsWith(`"${after.label}`));
      expect(line, "the theme's line").toBeDefined();
      const cells = line!.split(";");
      expect(cells.at(heading.indexOf(r.columns.zones) - heading.length)).toBe(String(expected));
    });

    await test.step("the XLSX has the same figure, as a number", async () => {
      const link = page.getByRole("link", { name: r.page.downloadXlsx });
      const response = await page.request.get((await link.getAttribute("href"))!);
      expect(response.status()).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      let zonesColumn = 0;
      let figure: unknown;
      sheet.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        const zones = values.indexOf(r.columns.zones);
        if (zones !== -1) zonesColumn = zones + 1;
        if (values[0] === after.label) figure = row.getCell(zonesColumn).value;
      });
      expect(zonesColumn).toBeGreaterThan(0);
      expect(figure).toBe(expected);
    });
  });
}
