// The dataset's CSV download (dataset/csv.server.ts, routes/staff/dataset-csv.ts): exactly the
// entries the page lists under the same filters, Excel-ready (BOM, ";", headers in the page's
// language), formula cells neutralised, streamed batch by batch, audited, staff only. PGlite
// and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../fixtures/csv-reader";
import { addEntries } from "../fixtures/dataset-entries";
import { createOrganisation, createPartnerUser, createStaffUser } from "../fixtures/factories";
import { writeSession } from "../fixtures/sessions";
import { seedReferenceData } from "../../prisma/seed/load";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { browseDataset, latestDatasetYear, withDefaultYear } from "~/modules/dataset/browse.server";
import { datasetCsvStream, datasetFileName } from "~/modules/dataset/csv.server";
import { datasetFiltersSchema, datasetQuery } from "~/modules/dataset/filters";
import { loader } from "~/routes/staff/dataset-csv";
import { prisma } from "~/utils/db.server";

async function download(userId: string | null, lang: "fr" | "nl", query = "") {
  const headers: Record<string, string> = {};
  if (userId) headers.cookie = `${sessionCookie.name}=${await writeSession(prisma, userId)}`;
  const request = new Request(`http://localhost/${lang}/staff/dataset.csv${query}`, { headers });
  return loader({ request, params: { lang }, context: {} } as never);
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

let reviewer: { id: string };
let zone: Awaited<ReturnType<typeof createOrganisation>>;
let asbl: Awaited<ReturnType<typeof createOrganisation>>;

beforeAll(async () => {
  await seedReferenceData(prisma);
  reviewer = await createStaffUser("REVIEWER");
  zone = await createOrganisation("POLICE_ZONE");
  asbl = await createOrganisation("NON_PROFIT");
  await addEntries([
    ...Array.from({ length: 70 }, (_, i) => ({
      organisation: i % 2 ? zone : asbl,
      year: 2060 + (i % 2),
      channel: i % 2 ? ("FSE" as const) : ("ASBL_CALL" as const),
      measureCode: i % 3 ? "2.1" : "4.3",
      link: i % 5 ? ("PRIMARY" as const) : ("SECONDARY" as const),
    })),
    { organisation: asbl, year: 2060, supersededAt: new Date("2024-05-01T10:00:00Z") },
  ]);
}, 120_000);

describe("the CSV download", () => {
  it("is an Excel-ready file named by the day: BOM, ';', the headers in the page's language", async () => {
    const response = await download(reviewer.id, "fr", "?year=2060");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${datasetFileName("fr")}"`,
    );
    expect(datasetFileName("fr", new Date("2026-12-31T23:30:00Z"))).toBe(
      "base-de-donnees-2027-01-01.csv",
    );
    expect(datasetFileName("nl", new Date("2026-06-30T12:00:00Z"))).toBe("databank-2026-06-30.csv");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, first] = readCsv(text);
    expect(header!.slice(0, 4)).toEqual(["Année", "Organisation", "Type d'organisation", "Canal"]);
    expect(first).toHaveLength(header!.length);
    expect(first![0]).toBe("2060");
    expect(first![1]).toBe(asbl.nameFr);
    expect(first![3]).toBe("Appel à projets ASBL");

    const nl = readCsv(await (await download(reviewer.id, "nl", "?year=2060")).text());
    // (Response.text() drops the BOM, as Excel does.)
    expect(nl[0]![0]).toBe("Jaar");
    expect(nl[1]![1]).toBe(asbl.nameNl);
  });

  it.each([
    {},
    { year: "2061" },
    { organisation: "" },
    { kind: "POLICE_ZONE", link: "SECONDARY" },
    { channel: "ASBL_CALL", year: "2060" },
    { year: "2060", history: "1" },
  ])("holds exactly the entries the page lists under %j", async (query) => {
    const q = { ...query, ...("organisation" in query ? { organisation: asbl.id } : {}) };
    const filters = datasetFiltersSchema.parse(q);
    const rows = readCsv(await (await download(reviewer.id, "fr", datasetQuery(filters))).text());
    const ids = rows.slice(1).map((row) => row.at(-1)!);
    expect(ids.sort()).toEqual(await listedIds(q));
    expect(new Set(ids).size).toBe(ids.length);
    // The history's own column says when an entry stopped counting.
    expect(rows[0]!.includes("Remplacée le")).toBe(filters.history);
  });

  it("neutralises cells a spreadsheet would run, and keeps the narrative whole", async () => {
    const organisation = await createOrganisation("COMMUNE");
    const narrative = `=HYPERLINK("http://evil.example";"clic")\n${"suite ".repeat(100)}`;
    await addEntries([
      {
        organisation,
        year: 2062,
        narrative,
        figures: [{ label: "@SOMME(A1)", value: -3, unit: "" }],
        attachments: [{ id: "a1", fileName: "+rapport.pdf" }],
      },
    ]);
    const rows = readCsv(await (await download(reviewer.id, "fr", "?year=2062")).text());
    const header = rows[0]!;
    const row = rows[1]!;
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell("Récit")).toBe(`'${narrative}`);
    expect(cell("Chiffres")).toBe("'@SOMME(A1): -3");
    expect(cell("Pièces jointes")).toBe("'+rapport.pdf");
  });

  it("streams batch by batch: one read per batch, each row once", async () => {
    const filters = datasetFiltersSchema.parse({ year: "2060" });
    const reader = datasetCsvStream(filters, "fr", { batchSize: 7 }).getReader();
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value));
    }
    // 35 current entries of 2060: the header, then 5 batches of 7 (the last read finds none).
    expect(chunks).toHaveLength(6);
    expect(chunks.slice(1).map((chunk) => readCsv(chunk).length)).toEqual([7, 7, 7, 7, 7]);
    const ids = readCsv(chunks.join("").slice(1))
      .slice(1)
      .map((row) => row.at(-1));
    expect(new Set(ids).size).toBe(35);
  });

  it("is audited with the filters (ids and codes), never with the file's text", async () => {
    await download(reviewer.id, "nl", `?kind=POLICE_ZONE&organisation=${zone.id}`);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "dataset.exported", actorUserId: reviewer.id },
      orderBy: { occurredAt: "desc" },
    });
    expect(audit.details).toEqual({
      // Without a year, the file is the latest year's, as the page is.
      filters: { kind: "POLICE_ZONE", organisation: zone.id, year: await latestDatasetYear() },
      language: "nl",
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
