// The editions' pages and workbook (routes/staff/report-edition*.ts(x)), PGlite and
// PostgreSQL: who may see what (reviewers read, administrators also freeze, partners and
// strangers get a 404, anonymous visitors the login), an edition's page in FR and NL with its
// frozen tables and differences, the printable page, and the XLSX opened with exceljs: a sheet
// per frozen table with numbers as numbers, the entries as published, formulas neutralised,
// headers, sheet names and the entries' codes (kind, channel, link, source, personal-data
// check) in the URL's language, the download audited.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { addEntries } from "../fixtures/dataset-entries";
import {
  cookieOf,
  PLAN_CODE,
  settled,
  setUpEditionsWorld,
  statusOf,
} from "../fixtures/editions-world";
import { findEdition } from "~/modules/editions/editions.server";
import { freezeEdition } from "~/modules/editions/freeze.server";
import { editionFileName } from "~/modules/editions/xlsx.server";
import { REPORT_TABLE_NAMES } from "~/modules/reports/table-model";
import { MASK } from "~/modules/screening/publish";
import { loader as editionLoader } from "~/routes/staff/report-edition";
import { loader as printLoader } from "~/routes/staff/report-edition-print";
import { loader as xlsxLoader } from "~/routes/staff/report-edition-xlsx";
import { loader as listLoader } from "~/routes/staff/report-editions";
import { prisma } from "~/utils/db.server";

const w = setUpEditionsWorld();
let editionId: string;
let entryCount: number;

beforeAll(async () => {
  const zone = await prisma.organisation.findFirstOrThrow({ where: { officialId: "5341" } });
  await addEntries([
    {
      organisation: zone,
      year: 2021,
      channel: "FSE",
      measureCode: "7.2",
      narrative: '=HYPERLINK("http://evil.example";"clic")',
      figures: [
        { label: "@Séances", value: 4, unit: "séances" },
        { label: "Personnes", value: 1234.5, unit: "" },
      ],
    },
  ]);
  const frozen = await freezeEdition(
    { title: "Rapport 2021-2022", planCode: PLAN_CODE, fromYear: 2021, toYear: 2022 },
    w.admin.id,
  );
  if (frozen.outcome !== "frozen") throw new Error(frozen.outcome);
  editionId = frozen.editionId;
  entryCount = frozen.entryCount;
}, 120_000);

async function call<T>(
  loader: (args: never) => Promise<T>,
  path: string,
  userId: string | null,
  params: Record<string, string>,
) {
  const headers: Record<string, string> = userId ? { cookie: await cookieOf(userId) } : {};
  const request = new Request(`http://localhost${path}`, { headers });
  return settled(() => loader({ request, params, context: {} } as never));
}

describe("who may see editions", () => {
  it("reviewers read, administrators also freeze, partners get a 404, anonymous visitors the login", async () => {
    const list = "/fr/staff/reports/editions";
    const asReviewer = await call(listLoader, list, w.reviewer.id, { lang: "fr" });
    expect(asReviewer.ok && asReviewer.value).toMatchObject({ canFreeze: false, plans: [] });
    const titles = (asReviewer as { value: { editions: { title: string }[] } }).value.editions;
    expect(titles.map((e) => e.title)).toContain("Rapport 2021-2022");
    const asAdmin = await call(listLoader, list, w.admin.id, { lang: "fr" });
    expect(asAdmin.ok && asAdmin.value).toMatchObject({
      canFreeze: true,
      plans: expect.arrayContaining([expect.objectContaining({ code: PLAN_CODE })]),
    });

    const params = { lang: "fr", editionId };
    for (const [loader, path] of [
      [listLoader, list],
      [editionLoader, `${list}/${editionId}`],
      [printLoader, `${list}/${editionId}/print`],
      [xlsxLoader, `${list}/${editionId}.xlsx`],
    ] as const) {
      const partner = await call(loader as never, path, w.partner.id, params);
      expect(statusOf((partner as { error: unknown }).error)).toBe(404);
      const anonymous = await call(loader as never, path, null, params);
      const login = (anonymous as { error: Response }).error;
      expect(login.status).toBe(302);
      expect(login.headers.get("Location")).toMatch(/^\/fr\/login\?redirectTo=/);
    }
  });

  it("an unknown or malformed edition is a 404", async () => {
    for (const id of ["clunknown000000000000000", "../x", "a".repeat(200)]) {
      const answer = await call(editionLoader, "/fr/staff/reports/editions/x", w.reviewer.id, {
        lang: "fr",
        editionId: id,
      });
      expect(statusOf((answer as { error: unknown }).error)).toBe(404);
    }
  });
});

describe("an edition's pages", () => {
  it("shows the frozen tables and the differences in the page's language", async () => {
    const path = `/nl/staff/reports/editions/${editionId}`;
    const fr = await call(editionLoader, path, w.reviewer.id, { lang: "fr", editionId });
    const nl = await call(editionLoader, path, w.reviewer.id, { lang: "nl", editionId });
    type Page = Awaited<ReturnType<typeof editionLoader>>;
    const frPage = (fr as { value: Page }).value;
    const nlPage = (nl as { value: Page }).value;
    expect(frPage.edition).toMatchObject({ title: "Rapport 2021-2022", entryCount });
    expect(frPage.edition.tables.map((t) => t.name)).toEqual([...REPORT_TABLE_NAMES]);
    expect(nlPage.edition.tables[0]!.title).not.toBe(frPage.edition.tables[0]!.title);
    expect(frPage.differences).toMatchObject({
      changedTables: 0,
      added: { count: 0 },
      removed: { count: 0 },
    });
    const print = await call(printLoader, `${path}/print`, w.reviewer.id, {
      lang: "nl",
      editionId,
    });
    expect((print as { value: Page }).value.edition.tables).toEqual(nlPage.edition.tables);
  });
});

/** The entries sheet's columns whose values are codes: kind, channel, link, source, check. */
const codeColumns = {
  nl: ["Soort organisatie", "Kanaal", "Verband", "Herkomst", "Controle op persoonsgegevens"],
  fr: ["Type d'organisation", "Canal", "Lien", "Origine", "Contrôle des données personnelles"],
};
const rawCode = new RegExp(
  `^(${[
    ...["POLICE_ZONE", "COMMUNE", "LISA_ANTENNA", "REGIONAL_BODY", "NON_PROFIT"],
    ...["FSE", "PBPP", "LISA", "REGIONAL", "ASBL_CALL", "ASBL_OUTSIDE_CALL"],
    ...["PRIMARY", "SECONDARY", "OTHER", "APPROVAL", "IMPORT", "clear", "pending"],
  ].join("|")})$`,
);

async function workbookOf(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

describe("the edition's workbook", () => {
  it("holds the frozen tables with numbers as numbers and the entries as published, headers and codes in the URL's language", async () => {
    const path = `/nl/staff/reports/editions/${editionId}.xlsx`;
    const answer = await call(xlsxLoader, path, w.reviewer.id, { lang: "nl", editionId });
    const response = (answer as { value: Response }).value;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="editie-rapport-2021-2022-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const workbook = await workbookOf(response);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Editie",
      "Maatregelen per kanaal",
      "Overzicht thema's",
      "Gemeenten per maatregel",
      "Oproep vzw per thema",
      "Campagnes",
      "Gegevens",
    ]);
    const about = workbook.getWorksheet("Editie")!;
    expect(about.getCell("A1").value).toBe("Editie");
    expect(about.getCell("B1").value).toBe("Rapport 2021-2022");
    expect(about.getCell("B3").value).toBe(2021);
    expect(about.getCell("B7").value).toBe(entryCount);
    expect(about.getCell("A1").font?.bold).toBe(true);
    // The freeze's moment as a date (Brussels' wall clock), shown as one.
    expect(about.getCell("B5").value).toBeInstanceOf(Date);
    expect(about.getCell("B5").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(about.getCell("B3").numFmt).toBeFalsy();

    // "Tableau 1": the title, the note, the headers (row 4), then one row per theme.
    const edition = await prisma.reportEdition.findUniqueOrThrow({ where: { id: editionId } });
    const frozen = (edition.tables as { nl: { rows: { label: string; cells: object }[] }[] })
      .nl[0]!;
    const tableOne = workbook.getWorksheet("Maatregelen per kanaal")!;
    expect(tableOne.getCell("A1").value).toMatch(/2021/);
    expect(tableOne.getCell("A5").value).toBe(frozen.rows[0]!.label);
    expect(tableOne.getCell("A1").font).toMatchObject({ bold: true, size: 13 });
    expect(tableOne.getCell("A4").font?.bold).toBe(true);
    expect(tableOne.getCell("A5").font?.bold).toBeFalsy();
    // The total row, last and bold.
    expect(tableOne.getRow(tableOne.rowCount).getCell(1).font?.bold).toBe(true);
    const zones = tableOne.getRow(4).values as unknown[];
    const zonesColumn = zones.findIndex((v) => typeof v === "string" && /zone/i.test(v));
    expect(zonesColumn).toBeGreaterThan(1);
    // Theme 5 (row 9): measure 5.1 reached by a police zone in 2021.
    const cell = tableOne.getRow(9).getCell(zonesColumn);
    expect(cell.type).toBe(ExcelJS.ValueType.Number);
    expect(cell.value).toBeGreaterThanOrEqual(1);

    const entries = workbook.getWorksheet("Gegevens")!;
    expect(entries.rowCount).toBe(entryCount + 1);
    expect(entries.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = entries.getRow(1).values as unknown[];
    expect(header).toContain("Gepubliceerd verhaal");
    const column = (name: string) => header.indexOf(name);
    const rows = Array.from({ length: entryCount }, (_, i) => entries.getRow(i + 2));
    const formula = rows.find((r) =>
      String(r.getCell(column("Gepubliceerd verhaal")).value).includes("HYPERLINK"),
    )!;
    expect(formula.getCell(column("Gepubliceerd verhaal")).value).toBe(
      `'=HYPERLINK("http://evil.example";"clic")`,
    );
    // Numbers written as the workbook's language writes them (Dutch here).
    expect(formula.getCell(column("Cijfers")).value).toBe(
      "'@Séances: 4 séances; Personnes: 1.234,5",
    );
    expect(formula.getCell(column("Jaar")).type).toBe(ExcelJS.ValueType.Number);
    expect(formula.getCell(column("Identificatie van de organisatie")).value).toBe("5341");
    expect(formula.getCell(column("Maatregel")).value).toBe("7.2");
    const masked = rows.find((r) =>
      String(r.getCell(column("Gepubliceerd verhaal")).value).startsWith("Inscriptions"),
    )!;
    expect(masked.getCell(column("Gepubliceerd verhaal")).value).toContain(MASK);
    expect(JSON.stringify(rows.map((r) => r.values))).not.toContain("jean.dupont");

    // The codes in Dutch words, the dataset workbook's labels: never POLICE_ZONE, FSE, PRIMARY,
    // IMPORT or "pending".
    const words = (row: ExcelJS.Row) =>
      codeColumns.nl.map((name) => row.getCell(column(name)).value);
    expect(words(formula)).toEqual([
      "Politiezone",
      "Fonds Europese Toppen",
      "Hoofdmaatregel",
      "Goedgekeurd verslag",
      "Niets na te kijken",
    ]);
    expect(words(masked)).toEqual([
      "Politiezone",
      "Fonds Europese Toppen",
      "Hoofdmaatregel",
      "Historische import",
      "Na te kijken: passage verborgen",
    ]);
    const commune = rows.find((r) =>
      String(r.getCell(column("Gepubliceerd verhaal")).value).startsWith("Médiation"),
    )!;
    expect(words(commune)).toEqual([
      "Gemeente",
      "Brussels Preventie- en Buurtplan (BPBP)",
      "Nevenmaatregel",
      "Historische import",
      "Niets na te kijken",
    ]);
    expect(rows.flatMap(words).filter((value) => rawCode.test(String(value)))).toEqual([]);

    expect(
      await prisma.auditEvent.findFirst({
        where: {
          action: "report-edition.exported",
          targetId: editionId,
          actorUserId: w.reviewer.id,
        },
      }),
    ).toMatchObject({ details: { language: "nl", format: "xlsx" } });
  });

  it("names the workbook by the day it was frozen in Brussels, not in UTC", async () => {
    const edition = (await findEdition(editionId))!;
    // 00:14 on 2 December in Brussels (winter), 00:30 on 2 July (summer).
    const winter = { ...edition, frozenAt: new Date("2026-12-01T23:14:00Z") };
    const summer = { ...edition, frozenAt: new Date("2026-07-01T22:30:00Z") };
    expect(editionFileName(winter, "fr")).toBe("edition-rapport-2021-2022-2026-12-02.xlsx");
    expect(editionFileName(summer, "nl")).toBe("editie-rapport-2021-2022-2026-07-02.xlsx");
  });

  it("has French headers and words from a French URL", async () => {
    const path = `/fr/staff/reports/editions/${editionId}.xlsx`;
    const answer = await call(xlsxLoader, path, w.admin.id, { lang: "fr", editionId });
    const workbook = await workbookOf((answer as { value: Response }).value);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Édition",
      "Mesures par canal",
      "Récapitulatif thématiques",
      "Communes par mesure",
      "Appel ASBL par thématique",
      "Campagnes",
      "Entrées",
    ]);
    const entries = workbook.worksheets.at(-1)!;
    const header = entries.getRow(1).values as unknown[];
    expect(header).toContain("Récit publié");
    const rows = Array.from({ length: entryCount }, (_, i) => entries.getRow(i + 2));
    const words = (row: ExcelJS.Row) =>
      codeColumns.fr.map((name) => row.getCell(header.indexOf(name)).value);
    const masked = rows.find((r) =>
      String(r.getCell(header.indexOf("Récit publié")).value).startsWith("Inscriptions"),
    )!;
    expect(words(masked)).toEqual([
      "Zone de police",
      "Fonds Sommets européens (FSE)",
      "Mesure principale",
      "Import historique",
      "À vérifier : passage masqué",
    ]);
    // The approved return's entry: a non-profit of the call for projects.
    expect(rows.map(words)).toContainEqual([
      "ASBL",
      "Appel à projets ASBL",
      "Mesure principale",
      "Rapport approuvé",
      "Rien à vérifier",
    ]);
    expect(rows.flatMap(words).filter((value) => rawCode.test(String(value)))).toEqual([]);
  });
});
