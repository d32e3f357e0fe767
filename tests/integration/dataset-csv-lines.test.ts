// The dataset CSV's two writers agree: the lines the database writes (csv-lines.server.ts) are,
// character for character, the lines JavaScript writes from the published entry
// (csv.server.ts entryLine), on awkward entries: formula starts (ASCII and full-width),
// quotes, separators and line breaks, empty and odd figures, attachments' names, names that
// need quoting, imports, daylight-saving changes, the history column, both languages. And the
// entries the database must leave to JavaScript (findings, decimal or huge numbers, odd
// shapes) are left to it, and the download carries them as published. PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv, streamText } from "../fixtures/csv-reader";
import { addEntries } from "../fixtures/dataset-entries";
import { createOrganisation, createStaffUser } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import { csvPieceBytes, readCsvBatch } from "~/modules/dataset/csv-lines.server";
import { csvLineOptions, datasetCsvStream, entryLine } from "~/modules/dataset/csv.server";
import { readExportBatch, readExportEntriesById } from "~/modules/dataset/export-rows.server";
import { datasetFiltersSchema } from "~/modules/dataset/filters";
import { MASK } from "~/modules/screening/publish";
import { prisma } from "~/utils/db.server";

const YEAR = 2071;
const texts = [
  "Un récit simple.",
  "=SOMME(A1:A3)",
  "+32 2 123 45 67",
  "-5 personnes",
  "@mention",
  "\tdébut par une tabulation",
  "\rdébut par un retour",
  "＝pleine chasse",
  "＋plein",
  "－moins",
  "＠arobase",
  'Il a dit "oui"',
  "un; deux",
  "un, deux",
  "ligne 1\nligne 2",
  "ligne 1\r\nligne 2",
  '=a;"b"\n,c',
  "",
  " espace devant",
  "émoji 🚓 et ĳ",
  "'déjà une apostrophe",
];

let withFinding: string;
const text = (batch: { pieces: string[] }) =>
  new TextDecoder().decode(Buffer.concat(batch.pieces.map(csvPieceBytes)));
const screenedIds: string[] = [];

beforeAll(async () => {
  await seedReferenceData(prisma);
  const approver = await prisma.user.update({
    where: { id: (await createStaffUser("REVIEWER")).id },
    data: { displayName: 'Agent "A"; relecture' },
  });
  const partner = await prisma.organisation.update({
    where: { id: (await createOrganisation("COMMUNE")).id },
    data: { nameFr: "=Commune; test", nameNl: 'Gemeente "test"' },
  });
  const plain = await createOrganisation("POLICE_ZONE");
  const file = await prisma.contributionImport.create({
    data: {
      fileName: "=import;2019.csv",
      fileSha256: "0".repeat(64),
      rowCount: 1,
      createdCount: 1,
    },
  });
  const stamps = [
    "2024-03-31T00:59:59Z", // 01:59 in Brussels, the minute before summer time
    "2024-03-31T01:00:00Z", // 03:00
    "2024-10-27T00:30:00Z", // 02:30, summer time
    "2024-10-27T01:30:00Z", // 02:30 again, winter time
    "2023-12-31T23:30:00Z", // next year in Brussels
  ];
  // Shapes JavaScript reads leniently, written as the database may hold them (by index).
  const odd: Record<number, unknown> = {
    0: [],
    1: [{ label: "sans valeur" }],
    2: [{ label: "texte", value: "beaucoup", unit: null }],
    3: [{ label: "nul", value: null, unit: "x" }],
    4: [{ label: 5, value: 12, unit: 7 }],
    5: [{ value: 3 }],
    6: [{ label: "vrai", value: true }],
    7: [
      { label: "a", value: 1 },
      { label: "b", value: 22222, unit: "h" },
    ],
    8: "pas un tableau",
    // Left to JavaScript: decimals, huge numbers, a figure that is not an object.
    10: [{ label: "ETP", value: 2.5, unit: "ETP" }],
    11: [{ label: "grand", value: 1e16 }],
    12: [1, { label: "x", value: 1 }],
  };
  const oddAttachments: Record<number, unknown> = {
    9: [{ fileName: "" }, { id: "sans nom" }, "texte", { fileName: "b.pdf" }],
    // Left to JavaScript: a name that is not text.
    13: [{ fileName: 42 }],
  };
  const created = await addEntries(
    texts.map((text, i) => ({
      organisation: i % 2 ? partner : plain,
      year: YEAR,
      narrative: i === 14 ? "Écrire à jean@example.org pour le suivi." : text,
      fundingTitle: i === 2 ? null : i === 4 ? "Titre; avec séparateur" : undefined,
      narrativeLanguage: i % 3 === 0 ? null : i % 3 === 1 ? ("fr" as const) : ("nl" as const),
      missionCodes: i % 4 ? ["1.2", "3.4"] : [],
      approvedById: i % 2 ? approver.id : null,
      approvedAt: new Date(stamps[i % stamps.length]!),
      supersededAt: i === 3 ? new Date("2024-06-01T12:00:00Z") : null,
      figures: (odd[i] ?? [
        {
          label: texts[(i + 1) % texts.length]!,
          value: [0, 7, 1234, -1234567, 999999999999999][i % 5]!,
          unit: i % 2 ? "personnes" : "",
        },
      ]) as never,
      attachments: (oddAttachments[i] ??
        (i % 3
          ? [{ id: `a${i}`, fileName: i % 2 ? "rapport;final.pdf" : "=plan.pdf" }]
          : [])) as never,
      ...(i === 5 ? { imported: { importId: file.id, line: 12, key: `key-${i}` } } : {}),
    })),
  );
  screenedIds.push(created[10]!.id, created[11]!.id, created[12]!.id, created[13]!.id);
  withFinding = created[14]!.id;
  await prisma.personalDataFinding.create({
    data: { entryId: withFinding, field: "narrative", kind: "EMAIL", start: 9, end: 25 },
  });
  screenedIds.push(withFinding);
}, 120_000);

describe.each(["fr", "nl"] as const)("the CSV lines in %s", (lang) => {
  it.each([{ year: String(YEAR) }, { year: String(YEAR), history: "1" }])(
    "are the lines JavaScript writes, for %j",
    async (query) => {
      const filters = datasetFiltersSchema.parse(query);
      const { lookups, options } = await csvLineOptions(filters, lang);
      const batch = await readCsvBatch(filters, options, { after: null, upTo: null }, 1000);
      const all = await readExportBatch(filters, lookups, null, 1000);
      expect([...batch.screened].sort()).toEqual(
        screenedIds.filter((id) => all.some((e) => e.id === id)).sort(),
      );
      const written = all.filter((entry) => !batch.screened.includes(entry.id));
      expect(written.length).toBeGreaterThanOrEqual(15);
      expect(text(batch)).toBe(written.map((entry) => entryLine(entry, options)).join(""));
      // And as a spreadsheet reads them: one record per entry, every cell in place.
      const rows = readCsv(text(batch));
      expect(rows).toHaveLength(written.length);
      for (const row of rows) expect(row).toHaveLength(filters.history ? 22 : 21);
    },
  );
});

describe("the stored cells", () => {
  it("leave the entries with a number to JavaScript when the runtime groups digits otherwise", async () => {
    const filters = datasetFiltersSchema.parse({ year: String(YEAR) });
    const { lookups, options } = await csvLineOptions(filters, "nl");
    const regrouped = { ...options, groupSeparator: "'" };
    const batch = await readCsvBatch(filters, regrouped, { after: null, upTo: null }, 1000);
    const all = await readExportBatch(filters, lookups, null, 1000);
    const withNumber = all.filter((entry) =>
      entry.figures.some((f) => typeof f.value === "number"),
    );
    expect(withNumber.length).toBeGreaterThan(5);
    for (const entry of withNumber) expect(batch.screened).toContain(entry.id);
    const written = all.filter((entry) => !batch.screened.includes(entry.id));
    expect(written.length).toBeGreaterThan(3);
    expect(text(batch)).toBe(written.map((entry) => entryLine(entry, options)).join(""));
  });

  it("come back in pieces of a few dozen entries, in order", async () => {
    const organisation = await createOrganisation("POLICE_ZONE");
    await addEntries(
      Array.from({ length: 70 }, (_, i) => ({
        organisation,
        year: YEAR + 3,
        narrative: `Récit n° ${i}, « ${"x".repeat(i)} »`,
        figures: [{ label: "Séances", value: i * 1000, unit: "séances" }],
      })),
    );
    const filters = datasetFiltersSchema.parse({ year: String(YEAR + 3) });
    const { lookups, options } = await csvLineOptions(filters, "fr");
    const batch = await readCsvBatch(filters, options, { after: null, upTo: null }, 1000);
    expect(batch.pieces).toHaveLength(3);
    const all = await readExportBatch(filters, lookups, null, 1000);
    expect(all).toHaveLength(70);
    expect(text(batch)).toBe(all.map((entry) => entryLine(entry, options)).join(""));
  });

  it("are the database's own: neither given at insert nor rewritten later", async () => {
    const [entry] = await addEntries([
      { organisation: await createOrganisation("COMMUNE"), year: YEAR + 1, narrative: "a; b" },
    ]);
    const stored = () =>
      prisma.datasetEntry.findUniqueOrThrow({
        where: { id: entry!.id },
        select: {
          csvFunding: true,
          csvNarrative: true,
          csvFiguresFr: true,
          csvFiguresNl: true,
          csvApprovedAt: true,
        },
      });
    const written = await stored();
    expect(written.csvNarrative).toBe(';fr;"a; b"');
    const copy = await prisma.datasetEntry.findUniqueOrThrow({ where: { id: entry!.id } });
    const forged = await prisma.datasetEntry.create({
      data: {
        ...copy,
        id: undefined,
        figures: copy.figures as never,
        attachments: copy.attachments as never,
        supersededAt: new Date(),
        csvFunding: "=forgé",
        csvNarrative: "forgé",
        csvFiguresFr: "forgé",
        csvFiguresNl: null,
        csvApprovedAt: "2000-01-01 00:00",
      },
    });
    expect(forged).toMatchObject(written);
    await prisma.datasetEntry.update({
      where: { id: entry!.id },
      data: { csvNarrative: "=HYPERLINK()", csvFiguresNl: "x", csvApprovedAt: null },
    });
    expect(await stored()).toEqual(written);
    await expect(
      prisma.datasetEntry.update({ where: { id: entry!.id }, data: { narrative: "autre" } }),
    ).rejects.toThrow();
  });
});

describe("the download", () => {
  it("lists the entries in the order they entered the dataset, batch after batch", async () => {
    const organisation = await createOrganisation("COMMUNE");
    const copy = await prisma.datasetEntry.findFirstOrThrow({ where: { year: YEAR } });
    // Ids against the order they came in: the download follows the order (createdAt), not the ids.
    const ids = ["zz-first", "mm-second", "aa-third"];
    for (const [i, id] of ids.entries()) {
      await prisma.datasetEntry.create({
        data: {
          ...copy,
          id,
          organisationId: organisation.id,
          year: YEAR + 2,
          sectionId: null,
          supersededAt: null,
          figures: copy.figures as never,
          attachments: copy.attachments as never,
          createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
        },
      });
    }
    const filters = datasetFiltersSchema.parse({ year: String(YEAR + 2) });
    const text = await streamText(datasetCsvStream(filters, "nl", { batchSize: 2 }));
    expect(
      readCsv(text.slice(1))
        .slice(1)
        .map((row) => row.at(-1)),
    ).toEqual(ids);
    const { lookups } = await csvLineOptions(filters, "nl");
    const first = await readExportBatch(filters, lookups, null, 2);
    const rest = await readExportBatch(filters, lookups, first.at(-1)!, 2);
    expect([...first, ...rest].map((entry) => entry.id)).toEqual(ids);
  });

  it("carries the entries left to JavaScript as published, once each", async () => {
    const filters = datasetFiltersSchema.parse({ year: String(YEAR) });
    const text = await streamText(datasetCsvStream(filters, "fr", { batchSize: 4 }));
    const rows = readCsv(text.slice(1)).slice(1);
    const ids = rows.map((row) => row.at(-1)!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(texts.length - 1); // one entry is superseded
    const { lookups, options } = await csvLineOptions(filters, "fr");
    const expected = await readExportEntriesById(screenedIds, lookups);
    for (const entry of expected) expect(text).toContain(entryLine(entry, options));
    const finding = rows.find((row) => row.at(-1) === withFinding)!;
    expect(finding).toContain(`Écrire à ${MASK} pour le suivi.`);
    expect(text).not.toContain("jean@example.org");
    // Decimals as JavaScript formats them.
    expect(text).toContain("ETP: 2,5 ETP");
  });
});
