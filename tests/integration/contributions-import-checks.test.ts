// What the historical import of contributions refuses, against a real database (PGlite, and
// PostgreSQL with TEST_DB_ENGINE), each as a row error with its line and column: the template
// sent back unchanged (the header line only: nothing to import), a figure the return form
// refuses too (below 0, above its maximum: the same rule, figure-value.ts), and a cell far over
// the cell limit, which is too long, not a malformed file. Nothing is written for any of them.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedWorld } from "../fixtures/returns";
import { dryRunContributions, importContributions } from "~/modules/contributions/import.server";
import { contributionTemplateCsv } from "~/modules/contributions/template";
import { MAX_FIGURE_VALUE } from "~/modules/questionnaires/figure-value";
import { prisma } from "~/utils/db.server";

const csv = (text: string) => new TextEncoder().encode(text);
const errorsOf = (result: {
  errors: { line: number | null; column: string | null; key: string }[];
}) => result.errors.map((e) => [e.line, e.column, e.key]);
const imported = () => prisma.datasetEntry.count({ where: { source: "IMPORT" } });

describe("what the contributions import refuses", () => {
  let admin: { id: string };

  beforeAll(async () => {
    await seedWorld();
    admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } });
  });

  it.each(["fr", "nl"] as const)(
    "the template sent back unchanged imports nothing; its header takes rows (%s)",
    async (lang) => {
      const template = contributionTemplateCsv(lang);
      const unchanged = await dryRunContributions(csv(template));
      expect(errorsOf(unchanged)).toEqual([[null, null, "imports:errors.empty"]]);
      expect([unchanged.rowCount, unchanged.newCount]).toEqual([0, 0]);
      const before = await imported();
      const applied = await importContributions(csv(template), {
        fileName: "template.csv",
        actorUserId: admin.id,
      });
      expect([applied.applied, applied.newCount]).toEqual([false, 0]);
      expect(await imported()).toBe(before);

      // Every column of the template is recognised: a row typed under it is importable.
      const filled = await dryRunContributions(
        csv(`${template}2021;5339;FSE;5.1;;Patrouilles ${lang}.;${lang};12\r\n`),
      );
      expect(filled.errors).toEqual([]);
      expect(filled.newCount).toBe(1);
    },
  );

  it("a figure below 0 or above the maximum, as text or as a number cell, is a row error", async () => {
    const figure = "chiffre:Participants [personnes]";
    const text = await dryRunContributions(
      csv(
        `year;organisation;channel;measure;${figure}\n` +
          "2021;5339;FSE;5.1;-5\n" +
          "2021;5339;FSE;5.2;99999999999999999999\n" +
          `2021;5339;FSE;5.3;${MAX_FIGURE_VALUE}\n` + // the maximum itself is a figure
          "2021;5339;FSE;6.1;12,5\n" + // decimals: the return form takes them too
          "2021;5339;FSE;6.2;0\n",
      ),
    );
    expect(errorsOf(text)).toEqual([
      [2, figure, "errors.figureNegative"],
      [3, figure, "errors.figureTooLarge"],
    ]);
    expect(text.errors.map((e) => e.params)).toEqual([
      { value: "-5" },
      { value: "99999999999999999999", max: MAX_FIGURE_VALUE },
    ]);
    expect(text.newCount).toBe(0);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("contributions");
    sheet.addRow(["year", "organisation", "channel", "measure", figure]);
    sheet.addRow([2021, "5339", "FSE", "5.1", -5]);
    sheet.addRow([2021, "5339", "FSE", "5.2", 1e20]);
    sheet.addRow([2021, "5339", "FSE", "5.3", 40]);
    const cells = await dryRunContributions(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(errorsOf(cells)).toEqual([
      [2, figure, "errors.figureNegative"],
      [3, figure, "errors.figureTooLarge"],
    ]);

    const before = await imported();
    const applied = await importContributions(
      csv(`year;organisation;channel;measure;${figure}\n2021;5339;FSE;5.1;-5\n`),
      { fileName: "negative.csv", actorUserId: admin.id },
    );
    expect(applied.applied).toBe(false);
    expect(await imported()).toBe(before);
  });

  it("a cell far over the limit is too long, at its line and column, beside the row's other problems", async () => {
    const header = "year;organisation;channel;measure;narrative\n";
    const result = await dryRunContributions(
      csv(
        header +
          `2021;5339;FSE;5.1;${"a".repeat(200_000)}\n` +
          `2021;5339;FSE;5.2;${"b".repeat(60_000)}\n` +
          "2021;9999;FSE;5.1;\n",
      ),
    );
    expect(errorsOf(result)).toEqual([
      [2, "narrative", "imports:errors.tooLong"],
      [3, "narrative", "imports:errors.tooLong"],
      [4, "organisation", "errors.unknownOrganisation"],
    ]);
    expect(result.errors[0]?.params).toEqual({ max: 1000 });
  });

  it("a record past the reader's size limit names the long cell's line and column", async () => {
    // Line 2 spans two lines of text (a quoted line break): lines count as a spreadsheet shows.
    const result = await dryRunContributions(
      csv(
        "year;organisation;channel;measure;narrative\n" +
          '2021;5339;FSE;5.1;"Deux\nlignes"\n' +
          `2021;5339;FSE;5.2;"${"c".repeat(2 * 1024 * 1024)}"\n`,
      ),
    );
    expect(errorsOf(result)).toEqual([[3, "narrative", "imports:errors.tooLong"]]);
    expect(result.errors[0]?.params).toEqual({ max: 1000 });
  });

  it("a quote left open in a short file is still a malformed file", async () => {
    const result = await dryRunContributions(
      csv(
        "year;organisation;channel;measure;narrative\n" +
          '2021;5339;FSE;5.1;"Patrouilles\n2021;5339;FSE;5.2;Rondes\n',
      ),
    );
    expect(result.errors.map((e) => e.key)).toEqual(["imports:errors.malformedCsv"]);
  });
});
