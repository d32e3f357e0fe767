// The dataset's Excel download (dataset/xlsx.server.ts, routes/staff/dataset-xlsx.ts), opened
// with exceljs as Excel would: the entries the page lists under the same filters, headers in the
// page's language, numbers as numbers and dates as dates, text cells neutralised against
// formulas, provenance of imported entries, published text (screening), audited, staff only,
// and streamed: the first bytes leave before the whole is read, and no more is read than the
// client takes. PGlite and PostgreSQL.
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { addEntries } from "../fixtures/dataset-entries";
import { createOrganisation, createPartnerUser, createStaffUser } from "../fixtures/factories";
import { writeSession } from "../fixtures/sessions";
import { seedReferenceData } from "../../prisma/seed/load";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { browseDataset, withDefaultYear } from "~/modules/dataset/browse.server";
import { datasetFileName } from "~/modules/dataset/csv.server";
import { datasetFiltersSchema, datasetQuery } from "~/modules/dataset/filters";
import { brusselsWallClock, datasetXlsxStream } from "~/modules/dataset/xlsx.server";
import { MASK } from "~/modules/screening/publish";
import { loader } from "~/routes/staff/dataset-xlsx";
import { prisma } from "~/utils/db.server";

async function download(userId: string | null, lang: "fr" | "nl", query = "") {
  const headers: Record<string, string> = {};
  if (userId) headers.cookie = `${sessionCookie.name}=${await writeSession(prisma, userId)}`;
  const request = new Request(`http://localhost/${lang}/staff/dataset.xlsx${query}`, { headers });
  return loader({ request, params: { lang }, context: {} } as never);
}

async function open(response: Response | ReadableStream<Uint8Array>) {
  const bytes = await new Response(response instanceof Response ? response.body : response)
    .arrayBuffer()
    .then((buffer) => Buffer.from(buffer));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows = sheet.getRows(2, sheet.rowCount - 1) ?? [];
  return {
    sheet,
    header,
    rows: rows.map((row) => {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1);
      return (name: string) => cells[header.indexOf(name)] ?? null;
    }),
  };
}

const thrownStatus = (error: unknown) =>
  error instanceof Response
    ? error.status
    : ((error as { init?: { status?: number } } | null)?.init?.status ?? error);

/** The ids the page lists under a query string, all pages. */
async function listedIds(query: Record<string, string | undefined>) {
  const filters = await withDefaultYear(datasetFiltersSchema.parse(query));
  const found: string[] = [];
  let after: string | undefined;
  do {
    const page = await browseDataset(filters, { after }, "fr");
    found.push(...page.entries.map((e) => e.id));
    after = page.next ?? undefined;
  } while (after);
  return found.sort();
}

let reviewer: { id: string; displayName: string };
let zone: Awaited<ReturnType<typeof createOrganisation>>;
let asbl: Awaited<ReturnType<typeof createOrganisation>>;
let importedId: string;
let maskedId: string;

beforeAll(async () => {
  await seedReferenceData(prisma);
  reviewer = await createStaffUser("REVIEWER");
  zone = await createOrganisation("POLICE_ZONE");
  asbl = await createOrganisation("NON_PROFIT");
  const file = await prisma.contributionImport.create({
    data: {
      fileName: "historique-2021.xlsx",
      fileSha256: "0".repeat(64),
      rowCount: 1,
      createdCount: 1,
      importedById: reviewer.id,
    },
  });
  await addEntries(
    Array.from({ length: 40 }, (_, i) => ({
      organisation: i % 2 ? zone : asbl,
      year: 2080 + (i % 2),
      channel: i % 2 ? ("FSE" as const) : ("ASBL_CALL" as const),
      measureCode: i % 3 ? "2.1" : "4.3",
      link: i % 5 ? ("PRIMARY" as const) : ("SECONDARY" as const),
      approvedById: reviewer.id,
      figures: [
        { label: "Personnes touchées", value: 1000 + i, unit: "personnes" },
        ...(i % 4 === 0 ? [{ label: "Séances", value: 2.5, unit: "" }] : []),
      ],
    })),
  );
  const [imported] = await addEntries([
    {
      organisation: zone,
      year: 2080,
      channel: "FSE",
      imported: { importId: file.id, line: 7, key: `k-${file.id}` },
    },
  ]);
  importedId = imported!.id;
  await addEntries([
    { organisation: asbl, year: 2080, supersededAt: new Date("2024-05-01T10:00:00Z") },
  ]);
  const [masked] = await addEntries([
    {
      organisation: asbl,
      year: 2082,
      narrative: "Contact : jean@example.org, IBAN à remplacer.",
      figures: [{ label: "Appels au 0470 12 34 56", value: 3, unit: "" }],
    },
  ]);
  maskedId = masked!.id;
  const resolved = { resolvedById: reviewer.id, resolvedAt: new Date() };
  await prisma.personalDataFinding.createMany({
    data: [
      { entryId: maskedId, field: "narrative", kind: "EMAIL", start: 10, end: 26 },
      {
        entryId: maskedId,
        field: "narrative",
        kind: "IBAN",
        start: 28,
        end: 32,
        status: "REDACTED",
        replacement: "compte bancaire",
        ...resolved,
      },
      { entryId: maskedId, field: "figure:0", kind: "PHONE", start: 10, end: 23 },
    ],
  });
}, 120_000);

describe("the XLSX download", () => {
  it("is a workbook named by the day, headers in the page's language, numbers and dates as such", async () => {
    const response = await download(reviewer.id, "fr", "?year=2080");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${datasetFileName("fr", new Date(), "xlsx")}"`,
    );
    // Streamed: the size is not announced (the browser shows progress as bytes arrive).
    expect(response.headers.get("Content-Length")).toBeNull();
    const { sheet, header, rows } = await open(response);
    expect(sheet.name).toBe("Base de données");
    expect(header.slice(0, 4)).toEqual(["Année", "Organisation", "Type d'organisation", "Canal"]);
    // Two figures at most in 2080: two column triples.
    expect(header.filter((h) => h.startsWith("Chiffre"))).toEqual([
      "Chiffre 1 : libellé",
      "Chiffre 1 : valeur",
      "Chiffre 1 : unité",
      "Chiffre 2 : libellé",
      "Chiffre 2 : valeur",
      "Chiffre 2 : unité",
    ]);
    expect(rows).toHaveLength(21);
    const row = rows.find((r) => r("Chiffre 2 : valeur") !== null)!;
    expect(row("Année")).toBe(2080);
    expect(row("Organisation")).toBe(asbl.nameFr);
    expect(row("Canal")).toBe("Appel à projets ASBL");
    expect(typeof row("Chiffre 1 : valeur")).toBe("number");
    expect(row("Chiffre 2 : valeur")).toBe(2.5);
    expect(row("Approuvé par")).toBe(reviewer.displayName);
    // Excel dates are wall-clock times: Brussels', as the page shows them.
    expect(row("Approuvé le")).toEqual(brusselsWallClock(new Date("2023-04-01T10:00:00Z")));
    expect(brusselsWallClock(new Date("2023-04-01T10:00:00Z")).toISOString()).toBe(
      "2023-04-01T12:00:00.000Z",
    );
    expect(sheet.getCell(2, header.indexOf("Approuvé le") + 1).numFmt).toBe("yyyy-mm-dd hh:mm");

    const nl = await open(await download(reviewer.id, "nl", "?year=2080"));
    expect(nl.sheet.name).toBe("Databank");
    expect(nl.header[0]).toBe("Jaar");
    expect(nl.header).toContain("Cijfer 1: waarde");
    expect(nl.rows.map((r) => r("Organisatie"))).toContain(asbl.nameNl);
  });

  it("has a bold, frozen header row and column widths, and is whole when nothing matches", async () => {
    const { sheet, header } = await open(await download(reviewer.id, "fr", "?year=2080"));
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getCell(1, 1).font?.bold).toBe(true);
    const width = (name: string) => sheet.getColumn(header.indexOf(name) + 1).width;
    expect(width("Année")).toBe(7);
    expect(width("Récit")).toBe(60);
    expect(width("Approuvé le")).toBe(17);
    expect(sheet.getCell(2, header.indexOf("Chiffre 1 : valeur") + 1).numFmt).toBe("#,##0.##");

    const empty = await open(datasetXlsxStream(datasetFiltersSchema.parse({ year: "2099" }), "nl"));
    expect(empty.sheet.name).toBe("Databank");
    expect(empty.header[0]).toBe("Jaar");
    expect(empty.header.some((h) => h.startsWith("Cijfer"))).toBe(false);
    expect(empty.rows).toHaveLength(0);
  });

  it("shows where an entry comes from: an approved return, or a file's line", async () => {
    const { rows } = await open(await download(reviewer.id, "fr", "?year=2080"));
    const imported = rows.find((r) => r("Identifiant de l'entrée") === importedId)!;
    expect(imported("Provenance")).toBe("Import historique");
    expect(imported("Fichier importé")).toBe("historique-2021.xlsx");
    expect(imported("Ligne du fichier")).toBe(7);
    const approved = rows.find((r) => r("Identifiant de l'entrée") !== importedId)!;
    expect(approved("Provenance")).toBe("Rapport approuvé");
    expect(approved("Fichier importé")).toBeNull();
    expect(approved("Ligne du fichier")).toBeNull();

    const onlyImported = await open(await download(reviewer.id, "nl", "?year=2080&source=IMPORT"));
    expect(onlyImported.rows.map((r) => r("Id van het gegeven"))).toEqual([importedId]);
  });

  it.each([
    {},
    { year: "2081" },
    { organisation: "" },
    { kind: "POLICE_ZONE", link: "SECONDARY", year: "2081" },
    { channel: "ASBL_CALL", year: "2080" },
    { year: "2080", history: "1" },
    { year: "2080", source: "APPROVAL" },
  ])("holds exactly the entries the page lists under %j", async (query) => {
    const q = { ...query, ...("organisation" in query ? { organisation: asbl.id } : {}) };
    const filters = datasetFiltersSchema.parse(q);
    const { header, rows } = await open(await download(reviewer.id, "fr", datasetQuery(filters)));
    const ids = rows.map((r) => String(r("Identifiant de l'entrée")));
    expect(ids.sort()).toEqual(await listedIds(q));
    expect(header.includes("Remplacée le")).toBe(filters.history);
  });

  it("neutralises text a spreadsheet would run, and publishes text as screened", async () => {
    const organisation = await createOrganisation("COMMUNE");
    const narrative = `=HYPERLINK("http://evil.example";"clic")`;
    await addEntries([
      {
        organisation,
        year: 2083,
        narrative,
        figures: [{ label: "@SOMME(A1)", value: -3, unit: "+1" }],
        attachments: [{ id: "a1", fileName: "-rapport.pdf" }],
      },
    ]);
    const { sheet, rows } = await open(await download(reviewer.id, "fr", "?year=2083"));
    const row = rows[0]!;
    expect(row("Récit")).toBe(`'${narrative}`);
    expect(row("Chiffre 1 : libellé")).toBe("'@SOMME(A1)");
    expect(row("Chiffre 1 : valeur")).toBe(-3);
    expect(row("Chiffre 1 : unité")).toBe("'+1");
    expect(row("Pièces jointes")).toBe("'-rapport.pdf");
    // No cell of the file is a formula.
    sheet.eachRow((r) =>
      r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)),
    );

    const screened = await open(await download(reviewer.id, "fr", "?year=2082"));
    const published = screened.rows[0]!;
    expect(published("Récit")).toBe(`Contact : ${MASK}, compte bancaire à remplacer.`);
    expect(published("Chiffre 1 : libellé")).toBe(`Appels au ${MASK}`);
  });

  it("is audited with the filters and the format, never with the file's text", async () => {
    await download(reviewer.id, "nl", `?year=2081&kind=POLICE_ZONE&organisation=${zone.id}`);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "dataset.exported", actorUserId: reviewer.id },
      orderBy: { occurredAt: "desc" },
    });
    expect(audit.details).toEqual({
      filters: { year: 2081, kind: "POLICE_ZONE", organisation: zone.id },
      language: "nl",
      format: "xlsx",
    });
  });

  it("is a 404 for a partner, and sends the signed-out to log in", async () => {
    const partner = await createPartnerUser([asbl.id]);
    expect(await download(partner.id, "fr").catch(thrownStatus)).toBe(404);
    expect(
      await prisma.auditEvent.count({
        where: { action: "dataset.exported", actorUserId: partner.id },
      }),
    ).toBe(0);
    const anonymous = await download(null, "fr").catch((e: unknown) => e);
    expect((anonymous as Response).headers.get("Location")).toMatch(/^\/fr\/login\?redirectTo=/);
  });
});

describe("a large export", () => {
  const LARGE = 20_000;
  beforeAll(async () => {
    const organisation = await createOrganisation("COMMUNE");
    for (let done = 0; done < LARGE; done += 5000) {
      await addEntries(
        // Text that does not compress away: the file is megabytes, as a real one is.
        Array.from({ length: 5000 }, () => ({
          organisation,
          year: 2090,
          narrative: randomBytes(200).toString("base64"),
        })),
      );
    }
  }, 300_000);

  it("streams: the first bytes arrive before the entries are read, and reading waits for the client", async () => {
    const filters = datasetFiltersSchema.parse({ year: "2090" });
    let written = 0;
    const stream = datasetXlsxStream(filters, "fr", { onProgress: (n) => (written = n) });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // A zip starts with a local file header ("PK\3\4").
    expect([...first.value!.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(written).toBeLessThan(LARGE);
    // Nobody reads: once the response's queue is full, no more entries are read.
    let stalled = -1;
    while (stalled !== written) {
      stalled = written;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(written).toBeLessThan(LARGE);
    const chunks: Uint8Array[] = [first.value!];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    expect(written).toBe(LARGE);
    const { rows } = await open(new Blob(chunks as BlobPart[]).stream());
    expect(rows).toHaveLength(LARGE);
    expect(new Set(rows.map((r) => r("Identifiant de l'entrée"))).size).toBe(LARGE);
  }, 300_000);

  it("stops reading when the client goes away", async () => {
    const filters = datasetFiltersSchema.parse({ year: "2090" });
    let written = 0;
    const reader = datasetXlsxStream(filters, "nl", {
      batchSize: 500,
      onProgress: (n) => (written = n),
    }).getReader();
    await reader.read();
    await reader.cancel();
    const atCancel = written;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(written).toBeLessThanOrEqual(atCancel + 500);
    expect(written).toBeLessThan(LARGE);
  });
});
