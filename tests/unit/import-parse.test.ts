// Reading directory import files, without a database: separators, BOM, encodings, formulas,
// headers in EN/FR/NL, limits; then the pure plan over a small snapshot (amounts in Belgian and
// English writing, measure lists, missions in Dutch abbreviations).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readSheet } from "~/modules/directory/import/cells";
import { fieldOfHeader, sheetOfHeaders, sheetOfName } from "~/modules/directory/import/columns";
import type { RowError } from "~/modules/directory/import/errors";
import { planImport, type DirectorySnapshot } from "~/modules/directory/import/plan";
import { MAX_IMPORT_ROWS } from "~/modules/directory/import/limits";
import { readImportFile } from "~/modules/directory/import/read-file.server";
import { measureListOf, missionCodeOf } from "~/modules/directory/import/values";

const utf8 = (text: string) => new TextEncoder().encode(text);

async function sheetsOf(bytes: Uint8Array, sheet?: "organisations" | "contacts" | "fundings") {
  const read = await readImportFile(bytes, { sheet });
  if (!read.ok) return { errors: read.errors, sheets: [] };
  const errors: RowError[] = [];
  const sheets = read.sheets.map((raw) => readSheet(raw, errors));
  return { errors, sheets };
}

describe("reading a CSV", () => {
  it("tells ';' from ',' by the header line, with or without a BOM", async () => {
    for (const text of [
      "\ufeffkind;identifier;name_fr;name_nl\nPOLICE_ZONE;5339;Zone, Ixelles;Zone\n",
      'kind,identifier,name_fr,name_nl\r\nPOLICE_ZONE,5339,"Zone, Ixelles",Zone\r\n',
    ]) {
      const { errors, sheets } = await sheetsOf(utf8(text));
      expect(errors).toEqual([]);
      expect(sheets[0]?.sheet).toBe("organisations");
      expect(sheets[0]?.rows).toEqual([
        expect.objectContaining({
          line: 2,
          values: {
            kind: "POLICE_ZONE",
            identifier: "5339",
            nameFr: "Zone, Ixelles",
            nameNl: "Zone",
          },
        }),
      ]);
    }
  });

  it("counts lines as a spreadsheet shows them: empty lines count, the header is line 1", async () => {
    const { sheets } = await sheetsOf(
      utf8("email;organisation;name\n\na@example.org;5339;A\n;;\nb@example.org;5339;B\n"),
    );
    expect(sheets[0]?.rows.map((r) => r.line)).toEqual([3, 5]);
  });

  it("refuses a file that is not UTF-8, naming the first bad line, and never guesses", async () => {
    // "Liège" in Windows-1252 on line 3: é is the single byte 0xE8.
    const bytes = new Uint8Array([
      ...utf8(
        "kind;identifier;name_fr;name_nl\nCOMMUNE;21001;Anderlecht;Anderlecht\nNON_PROFIT;;Li",
      ),
      0xe8,
      ...utf8("ge;Luik\n"),
    ]);
    expect(await readImportFile(bytes)).toEqual({
      ok: false,
      errors: [{ sheet: null, line: 3, column: null, key: "errors.encoding", params: { line: 3 } }],
    });
    const utf16 = new Uint8Array([0xff, 0xfe, ...utf8("k\0i\0")]);
    expect(await readImportFile(utf16)).toMatchObject({
      ok: false,
      errors: [{ key: "errors.utf16" }],
    });
  });

  it("refuses formulas and formula-like text, but not negative numbers", async () => {
    const text = [
      "organisation;email;name;job_title",
      "5339;a@example.org;=1+1;x",
      "5339;b@example.org;\"+cmd|' /C calc'!A0\";x",
      "5339;c@example.org;@SUM(A1);x",
      "5339;d@example.org;Dee;-2+3",
      "5339;e@example.org;Eve;-5",
      "5339;f@example.org;Fay\u0000;x",
    ].join("\n");
    const { errors, sheets } = await sheetsOf(utf8(text));
    expect(errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [2, "name", "errors.formula"],
      [3, "name", "errors.formula"],
      [4, "name", "errors.formula"],
      [5, "job_title", "errors.formula"],
      [7, "name", "errors.controlCharacter"],
    ]);
    expect(sheets[0]?.rows[4]?.values).toMatchObject({ jobTitle: "-5" });
  });

  it("reports unknown, duplicate and missing columns on line 1", async () => {
    const { errors, sheets } = await sheetsOf(
      utf8("organisation;canal;kanaal;titre;notes\n5339;FSE;FSE;x;y\n"),
      "fundings",
    );
    expect(sheets).toEqual([null]);
    expect(errors.map((e) => [e.line, e.key, e.params])).toEqual([
      [1, "errors.duplicateColumn", { column: "kanaal" }],
      [1, "errors.unknownColumn", { column: "notes" }],
      [1, "errors.missingColumn", expect.objectContaining({ fr: "annee_debut", nl: "beginjaar" })],
      [1, "errors.missingColumn", expect.objectContaining({ en: "end_year" })],
      [1, "errors.missingColumn", expect.objectContaining({ en: "measures" })],
    ]);
  });

  it("stops at the row limit while reading", async () => {
    const lines = ["organisation;email;name"];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`5339;p${i}@example.org;P`);
    expect(await readImportFile(utf8(lines.join("\n")))).toMatchObject({
      ok: false,
      errors: [{ key: "errors.tooManyRows", params: { max: MAX_IMPORT_ROWS } }],
    });
    expect(await readImportFile(new Uint8Array(11 * 1024 * 1024))).toMatchObject({
      ok: false,
      errors: [{ key: "errors.tooLarge" }],
    });
  });
});

describe("headers and sheets in English, French and Dutch", () => {
  it("matches headers whatever their case, accents and separators", () => {
    expect(fieldOfHeader("fundings", "Année début")).toBe("startYear");
    expect(fieldOfHeader("fundings", "BEGINJAAR")).toBe("startYear");
    expect(fieldOfHeader("fundings", "start year")).toBe("startYear");
    expect(fieldOfHeader("contacts", "E-mail")).toBe("email");
    expect(fieldOfHeader("organisations", "Commune de rattachement")).toBe("parentCommune");
    expect(fieldOfHeader("organisations", "Moedergemeente")).toBe("parentCommune");
    expect(fieldOfHeader("organisations", "colour")).toBeNull();
    expect(sheetOfName("Financieringen")).toBe("fundings");
    expect(sheetOfName("Contactpersonen")).toBe("contacts");
    expect(sheetOfHeaders(["organisatie", "kanaal"])).toBe("fundings");
    expect(sheetOfHeaders(["naam", "e-mail"])).toBe("contacts");
    expect(sheetOfHeaders(["foo"])).toBeNull();
  });
});

describe("reading an XLSX workbook", () => {
  it("keeps formula cells as formulas (never their cached result) and finds sheets by name", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Contacts").addRows([
      ["organisation", "email", "name"],
      ["5339", "a@example.org", { formula: 'CONCAT("A","B")', result: "AB" }],
    ]);
    workbook
      .addWorksheet("organisaties")
      .addRows([["soort", "identificatie", "naam_fr", "naam_nl"]]);
    const { errors, sheets } = await sheetsOf(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(errors.map((e) => [e.sheet, e.line, e.column, e.key])).toEqual([
      ["contacts", 2, "name", "errors.formula"],
    ]);
    expect(sheets.map((s) => s?.sheet)).toEqual(["contacts", "organisations"]);
  });

  it("refuses a workbook tab it cannot name when there are several", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Contacts").addRows([
      ["organisation", "email", "name"],
      ["5339", "a@example.org", "A"],
    ]);
    workbook.addWorksheet("Notes").addRows([["anything"]]);
    expect(await readImportFile(new Uint8Array(await workbook.xlsx.writeBuffer()))).toMatchObject({
      ok: false,
      errors: [{ key: "errors.unknownSheet", params: { name: "Notes" } }],
    });
  });
});

describe("cell values", () => {
  it("reads measure lists and mission codes", () => {
    expect(measureListOf("4.10:primary| 5.1 : secondaire |2.1")).toEqual([
      { code: "4.10", link: "PRIMARY" },
      { code: "5.1", link: "SECONDARY" },
      { code: "2.1", link: "PRIMARY" },
    ]);
    expect(measureListOf("4.10;5.1")).toBeNull();
    expect(measureListOf("4.10:tertiary")).toBeNull();
    expect(missionCodeOf("TO3")).toBe("MT3");
    expect(missionCodeOf("mt 1")).toBe("MT1");
    expect(missionCodeOf("OS1")).toBeNull();
  });

  it("plans amounts written the Belgian or the English way, and refuses the rest", async () => {
    const snapshot: DirectorySnapshot = {
      plan: { id: "plan", measures: new Map([["1.1", "m11"]]), missions: new Map() },
      organisations: [
        {
          id: "zone",
          slug: "zp-5339",
          kind: "POLICE_ZONE",
          officialId: "5339",
          nameFr: "Zone",
          nameNl: "Zone",
          preferredLanguage: "fr",
          parentCommuneId: null,
          followedById: null,
          coveredCommuneIds: [],
        },
      ],
      staff: new Map(),
      users: new Map(),
      memberships: new Map(),
      fundings: new Map(),
    };
    const amounts = [
      "12.345,67",
      "12345.67",
      "12 345,67 €",
      "12345",
      "12.345",
      "1,5",
      "abc",
      "-5",
      "12,345.6.7",
    ];
    const text = ["organisation;channel;start_year;end_year;title;amount;measures"]
      .concat(amounts.map((amount, i) => `5339;FSE;2024;2024;Titre ${i};${amount};1.1`))
      .join("\n");
    const { sheets } = await sheetsOf(utf8(text));
    const plan = await planImport({ fundings: sheets[0] as never }, snapshot);
    expect(plan.writes.fundingsToCreate.map((f) => [f.title, f.amountCents])).toEqual([
      ["Titre 0", 1_234_567],
      ["Titre 1", 1_234_567],
      ["Titre 2", 1_234_567],
      ["Titre 3", 1_234_500],
      ["Titre 4", 1_234_500],
      ["Titre 5", 150],
    ]);
    expect(plan.errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [8, "amount", "directory:errors.amount"],
      [9, "amount", "directory:errors.amount"],
      [10, "amount", "directory:errors.amount"],
    ]);

    // A workbook's number cells: cents are kept, anything finer is refused, never rounded.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("fundings").addRows([
      ["organisation", "channel", "start_year", "end_year", "title", "amount", "measures"],
      ["5339", "FSE", 2024, 2024, "Cents", 1500.5, "1.1"],
      ["5339", "FSE", 2024, 2024, "Finer", 12.345, "1.1"],
    ]);
    const xlsx = await sheetsOf(new Uint8Array(await workbook.xlsx.writeBuffer()));
    const fromXlsx = await planImport({ fundings: xlsx.sheets[0] as never }, snapshot);
    expect(fromXlsx.writes.fundingsToCreate.map((f) => [f.title, f.amountCents])).toEqual([
      ["Cents", 150_050],
    ]);
    expect(fromXlsx.errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [3, "amount", "directory:errors.amount"],
    ]);
  });
});
