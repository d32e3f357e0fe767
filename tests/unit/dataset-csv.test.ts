// The dataset CSV's cells (dataset/csv.ts): what people wrote comes back from a CSV reader
// exactly, except that a cell a spreadsheet would run as a formula is shown as text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv } from "../fixtures/csv-reader";
import { csvCell, csvRow } from "~/modules/dataset/csv";

describe("CSV cells", () => {
  it.each([
    '=HYPERLINK("http://x")',
    "+32 2 000 00 00",
    "-5",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    "＝1+1",
  ])("neutralises a cell starting a formula: %j", (text) => {
    const [[cell]] = readCsv(csvRow([text])) as [[string]];
    expect(cell).toBe(`'${text}`);
  });

  it("leaves other text alone, and a formula character inside a cell", () => {
    expect(csvCell("Prévention 2+2=4 @ Bruxelles")).toBe("Prévention 2+2=4 @ Bruxelles");
    expect(csvCell(" =1")).toBe(" =1");
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
  });

  it("quotes separators, quotes and line breaks, and writes numbers as numbers", () => {
    expect(csvCell('a;b "c"\nd')).toBe('"a;b ""c""\nd"');
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell(-12)).toBe("-12");
    expect(csvRow([2022, "x", null])).toBe("2022;x;\r\n");
  });

  it("any text comes back whole from a CSV reader, neutralised only when it starts a formula", () => {
    fc.assert(
      fc.property(
        // Half the cells start with a character that matters here (formula, quote, separator).
        fc.array(
          fc
            .tuple(
              fc.constantFrom("", "", "", "=", "+", "-", "@", "\t", "\r", "\n", '"', ";", "＋"),
              fc.string({ unit: "binary" }),
            )
            .map(([start, rest]) => start + rest),
          { minLength: 1, maxLength: 5 },
        ),
        (cells) => {
          const [read] = readCsv(csvRow(cells));
          expect(read).toEqual(
            cells.map((cell) =>
              /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? `'${cell}` : cell,
            ),
          );
        },
      ),
    );
  });
});
