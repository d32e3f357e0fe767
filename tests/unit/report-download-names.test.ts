// A report table's downloads are named in the language they are asked in, like the dataset's
// and the editions' files (reports/export.server.ts): "rapport-" then the table's short name
// in French or Dutch as an ASCII slug, then the period; the XLSX's worksheet bears that short
// name, as Excel accepts it (31 characters at most, none of [ ] : * ? / \). Never the table's
// English code ("measures-by-channel").
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { languages } from "~/modules/i18n/languages";
import {
  fileNameSlug,
  reportFileName,
  reportSheetTitle,
  reportTableXlsx,
} from "~/modules/reports/export.server";
import { REPORT_TABLE_NAMES, type ReportTable } from "~/modules/reports/table-model";

const period = { from: 2021, to: 2024 };

describe("a report table's file and sheet names", () => {
  it("are the table's name in French or in Dutch", () => {
    expect(reportFileName("fr", "measures-by-channel", period, "csv")).toBe(
      "rapport-mesures-par-canal-2021-2024.csv",
    );
    expect(reportFileName("nl", "measures-by-channel", period, "xlsx")).toBe(
      "rapport-maatregelen-per-kanaal-2021-2024.xlsx",
    );
    expect(reportFileName("nl", "themes-summary", period, "csv")).toBe(
      "rapport-overzicht-themas-2021-2024.csv",
    );
    expect(reportSheetTitle("fr", "measures-by-channel")).toBe("Mesures par canal");
    expect(reportSheetTitle("nl", "measures-by-channel")).toBe("Maatregelen per kanaal");
  });

  for (const lang of languages) {
    it(`${lang}: every table has a sheet name Excel accepts and an ASCII file name of its own`, () => {
      const files = REPORT_TABLE_NAMES.map((name) => {
        const sheet = reportSheetTitle(lang, name);
        expect(sheet, name).not.toBe(`tables.${name}.sheet`);
        expect(sheet.length, name).toBeLessThanOrEqual(31);
        expect(sheet, name).not.toMatch(/[[\]:*?/\\]|^'|'$/);
        const file = reportFileName(lang, name, period, "csv");
        expect(file).toBe(`rapport-${fileNameSlug(sheet)}-2021-2024.csv`);
        expect(file).toMatch(/^rapport-[a-z0-9]+(-[a-z0-9]+)*-2021-2024\.csv$/);
        expect(file).not.toContain(name);
        return file;
      });
      expect(new Set(files).size).toBe(REPORT_TABLE_NAMES.length);
    });
  }

  it("name the XLSX's worksheet in the table's language", async () => {
    const table: ReportTable = {
      name: "communes-measures",
      title: "Gemeenten: aantal projecten per maatregel (2021-2024)",
      howCounted: "Afzonderlijke projecten.",
      period,
      planCode: "PGSP-2021-2024",
      columns: [{ key: "total", label: "Projecten", numeric: true }],
      rows: [],
      total: null,
    };
    const workbook = new ExcelJS.Workbook();
    const bytes = await reportTableXlsx([table], "nl");
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Gemeenten per maatregel"]);
  });
});

describe("a file-name slug", () => {
  it("keeps ASCII letters and digits, drops accents, joins words with one dash", () => {
    expect(fileNameSlug("Récapitulatif thématiques")).toBe("recapitulatif-thematiques");
    expect(fileNameSlug("Appel ASBL par thématique")).toBe("appel-asbl-par-thematique");
    expect(fileNameSlug("Overzicht thema's")).toBe("overzicht-themas");
    expect(fileNameSlug("  Rapport « 2023 » / édition ")).toBe("rapport-2023-edition");
    expect(fileNameSlug("a".repeat(59) + " bc", 60)).toBe("a".repeat(59));
  });
});
