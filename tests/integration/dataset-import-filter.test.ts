// The dataset's imported entries with their provenance and by import (dataset/browse.server.ts,
// routes/staff/dataset*.ts): the page lists each imported entry with its file's name and line,
// filters by one import (every year of it when no year is chosen), and the CSV and XLSX
// downloads under the same query hold exactly that import's entries; an unknown import lists
// nothing, a malformed one is dropped, and neither fails. PGlite and PostgreSQL.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../fixtures/csv-reader";
import { seedWorld } from "../fixtures/returns";
import { writeSession } from "../fixtures/sessions";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { importContributions } from "~/modules/contributions/import.server";
import { browseDataset, withDefaultYear } from "~/modules/dataset/browse.server";
import { datasetFiltersSchema } from "~/modules/dataset/filters";
import { loader as pageLoader } from "~/routes/staff/dataset";
import { loader as csvLoader } from "~/routes/staff/dataset-csv";
import { loader as xlsxLoader } from "~/routes/staff/dataset-xlsx";
import { prisma } from "~/utils/db.server";

const csv = (text: string) => new TextEncoder().encode(text);
const header = "year;organisation;channel;measure;narrative\n";

let cookie: string;
const request = async (path: string) =>
  new Request(`http://localhost${path}`, { headers: { cookie } });
const call = async (loader: (args: never) => unknown, path: string) =>
  loader({ request: await request(path), params: { lang: "fr" }, context: {} } as never);

async function csvRows(query: string) {
  const response = (await call(csvLoader, `/fr/staff/dataset.csv${query}`)) as Response;
  expect(response.status).toBe(200);
  const [head, ...rows] = readCsv(await response.text());
  const at = (name: string) => head!.indexOf(name);
  return rows.map((row) => ({
    narrative: row[at("Récit")],
    file: row[at("Fichier importé")],
    line: row[at("Ligne du fichier")],
  }));
}

async function xlsxNarratives(query: string) {
  const response = (await call(xlsxLoader, `/fr/staff/dataset.xlsx${query}`)) as Response;
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const head = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  return (sheet.getRows(2, sheet.rowCount - 1) ?? [])
    .map((row) => (row.values as ExcelJS.CellValue[]).slice(1)[head.indexOf("Récit")])
    .sort();
}

describe("imported entries in the dataset, by import", () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    await seedWorld();
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } });
    cookie = `${sessionCookie.name}=${await writeSession(prisma, admin.id)}`;
    const a = await importContributions(
      csv(header + "2021;5339;FSE;5.1;Import A, 2021.\n2022;5339;FSE;5.2;Import A, 2022.\n"),
      { fileName: "historique-a.csv", actorUserId: admin.id },
    );
    const b = await importContributions(csv(header + "2022;5339;FSE;6.1;Import B.\n"), {
      fileName: "historique-b.csv",
      actorUserId: admin.id,
    });
    expect([a.errors, b.errors]).toEqual([[], []]);
    first = a.importId!;
    second = b.importId!;
  });

  it("the page lists an import's entries, of every year, each with its file and line", async () => {
    const filters = await withDefaultYear(datasetFiltersSchema.parse({ import: first }));
    expect(filters).toMatchObject({ import: first, year: "all" });
    const page = await browseDataset(filters, {}, "fr");
    expect(page.total).toBe(2);
    expect(
      page.entries
        .map((e) => [e.narrative, e.importFile, e.importLine, e.returnId])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    ).toEqual([
      ["Import A, 2021.", "historique-a.csv", 2, null],
      ["Import A, 2022.", "historique-a.csv", 3, null],
    ]);

    const loaded = (await call(pageLoader, `/fr/staff/dataset?import=${second}`)) as {
      filters: { import?: string };
      page: { total: number; entries: { narrative: string; importFile: string | null }[] };
      options: { imports: { id: string; fileName: string }[] };
    };
    expect(loaded.filters.import).toBe(second);
    expect(loaded.page.entries.map((e) => [e.narrative, e.importFile])).toEqual([
      ["Import B.", "historique-b.csv"],
    ]);
    // The filter's list: the imports, newest first.
    expect(loaded.options.imports.map((i) => [i.id, i.fileName])).toEqual([
      [second, "historique-b.csv"],
      [first, "historique-a.csv"],
    ]);
  });

  it("the CSV and XLSX downloads under the same query hold that import's entries", async () => {
    const rows = await csvRows(`?year=all&import=${first}`);
    expect(rows.sort((x, y) => x.line!.localeCompare(y.line!))).toEqual([
      { narrative: "Import A, 2021.", file: "historique-a.csv", line: "2" },
      { narrative: "Import A, 2022.", file: "historique-a.csv", line: "3" },
    ]);
    expect(await csvRows(`?import=${second}`)).toEqual([
      { narrative: "Import B.", file: "historique-b.csv", line: "2" },
    ]);
    expect(await xlsxNarratives(`?year=all&import=${first}`)).toEqual([
      "Import A, 2021.",
      "Import A, 2022.",
    ]);
  });

  it("an unknown import lists nothing and downloads an empty file; a malformed one is dropped", async () => {
    const unknown = (await call(pageLoader, "/fr/staff/dataset?year=all&import=nope")) as {
      filters: { import?: string };
      page: { total: number; entries: unknown[] };
    };
    expect(unknown.filters.import).toBe("nope");
    expect([unknown.page.total, unknown.page.entries]).toEqual([0, []]);
    expect(await csvRows("?year=all&import=nope")).toEqual([]);
    expect(await xlsxNarratives("?year=all&import=nope")).toEqual([]);

    const malformed = (await call(
      pageLoader,
      `/fr/staff/dataset?year=all&source=IMPORT&import=${encodeURIComponent("x'; --")}`,
    )) as { filters: { import?: string }; page: { total: number } };
    expect(malformed.filters.import).toBeUndefined();
    expect(malformed.page.total).toBe(3);
  });
});
