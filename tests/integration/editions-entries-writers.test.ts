// An edition's entries are written by the database when they have no screening finding, and by
// JavaScript (publishEntry) when they have one (editions/edition-entries.server.ts). The two
// writers agree: an edition frozen with JavaScript writing every entry holds, entry for entry,
// what the database wrote, on awkward entries (odd figures as the database may hold them,
// texts with quotes, backslashes, control characters and emoji, no narrative language, no
// missions, an organisation without an official identifier, milliseconds in the approval's
// instant, an imported entry, numbers stored as JavaScript would not write them). Entries with a
// finding are masked either way; a superseded one is in neither. PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { addEntries, PLAN_CODE } from "../fixtures/dataset-entries";
import { createOrganisation, createStaffUser } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import { freezeEdition } from "~/modules/editions/freeze.server";
import { readPublishedEntry } from "~/modules/editions/published";
import { MASK } from "~/modules/screening/publish";
import { prisma } from "~/utils/db.server";

const YEAR = 2023;
const texts = [
  "Un récit simple.",
  'Il a dit "oui" \\ puis \\"non\\"',
  "ligne 1\nligne 2\r\n\ttabulée",
  "émoji 🚓, ĳ et \u0001 contrôle",
  "",
  "Écrire à jean@example.org pour le suivi.",
  "</script><b>balise</b>",
  "un texte qui sera remplacé",
];

// Figures as the database may hold them (by index), read leniently by figuresSchema.
const odd: Record<number, unknown> = {
  0: [],
  1: [{ label: "sans valeur" }],
  2: [{ label: "texte", value: "beaucoup", unit: null }],
  3: [{ label: 5, value: 12, unit: 7 }],
  4: [{ value: 3, extra: "ignoré" }],
  5: [{ label: "vrai", value: true, unit: "" }],
  6: [
    { label: "a", value: 2.5, unit: "ETP" },
    { label: "b", value: 1e16 },
    { label: "c", value: -0.1, unit: "h" },
  ],
  7: "pas un tableau",
  8: [1, { label: "x", value: 1 }],
  9: null,
  10: [{ label: 'guillemet " et \\', value: 0, unit: "🚓" }],
};

let supersededId: string;
let withFindingId: string;
let admin: { id: string };

beforeAll(async () => {
  await seedReferenceData(prisma);
  admin = await createStaffUser("ADMIN");
  const official = await prisma.organisation.update({
    where: { id: (await createOrganisation("COMMUNE")).id },
    data: { officialId: "99999", nameFr: 'Commune "test"', nameNl: "Gemeente \\ test" },
  });
  const withoutIdentifier = await createOrganisation("NON_PROFIT");
  const file = await prisma.contributionImport.create({
    data: { fileName: "historique.csv", fileSha256: "1".repeat(64), rowCount: 1, createdCount: 1 },
  });
  const count = 12;
  const created = await addEntries(
    Array.from({ length: count }, (_, i) => ({
      organisation: i % 2 ? official : withoutIdentifier,
      year: YEAR,
      measureCode: ["1.1", "2.1", "4.10"][i % 3],
      channel: (["FSE", "PBPP", "ASBL_CALL", "REGIONAL"] as const)[i % 4],
      link: (["PRIMARY", "SECONDARY", "OTHER"] as const)[i % 3],
      narrative: texts[i % texts.length]!,
      narrativeLanguage: i % 3 === 0 ? null : i % 3 === 1 ? ("fr" as const) : ("nl" as const),
      missionCodes: i % 4 ? ["1.2", "3.4"] : [],
      approvedAt: new Date(Date.UTC(2024, 2, 31, 0, 59, 59, (i * 37) % 1000)),
      supersededAt: i === 11 ? new Date("2024-06-01T12:00:00Z") : null,
      figures: (i in odd
        ? odd[i]
        : [{ label: "Personnes touchées", value: 1234, unit: "personnes" }]) as never,
      ...(i === 4 ? { imported: { importId: file.id, line: 7, key: "cle-4" } } : {}),
    })),
  );
  supersededId = created[11]!.id;
  // Numbers as only another writer than the platform could have stored them: a decimal with a
  // trailing zero, more digits than a double holds, beyond a double's range either way.
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(
      `ALTER TABLE "DatasetEntry" DISABLE TRIGGER "DatasetEntry_history_only"`,
    );
    await tx.$executeRawUnsafe(
      `UPDATE "DatasetEntry" SET "figures" = $1::jsonb WHERE "id" = $2`,
      '[{"label": "a", "value": 1.50}, {"label": "b", "value": 12345678901234567890}, {"label": "c", "value": 0.1000000000000000055511151231257827}]',
      created[0]!.id,
    );
    await tx.$executeRawUnsafe(
      `UPDATE "DatasetEntry" SET "figures" = $1::jsonb WHERE "id" = $2`,
      '[{"label": "grand", "value": 1e400}, {"label": "petit", "value": 1e-400}, {"label": "entier", "value": 1234}]',
      created[1]!.id,
    );
    await tx.$executeRawUnsafe(
      `ALTER TABLE "DatasetEntry" ENABLE TRIGGER "DatasetEntry_history_only"`,
    );
  });
  withFindingId = created[5]!.id;
  await prisma.personalDataFinding.create({
    data: { entryId: withFindingId, field: "narrative", kind: "EMAIL", start: 9, end: 25 },
  });
  // A finding in a figure's unit, decided: its replacement is published.
  await prisma.personalDataFinding.create({
    data: {
      entryId: created[10]!.id,
      field: "figure-unit:0",
      kind: "EMAIL",
      start: 0,
      end: 2,
      status: "REDACTED",
      replacement: "(unité)",
      resolvedAt: new Date("2024-05-01T08:00:00Z"),
    },
  });
}, 120_000);

async function frozenEntries(writer: "database" | "javascript", batchSize: number) {
  const frozen = await freezeEdition(
    { title: `Écrit par ${writer}`, planCode: PLAN_CODE, fromYear: YEAR, toYear: YEAR },
    admin.id,
    { writer, batchSize },
  );
  if (frozen.outcome !== "frozen") throw new Error(frozen.outcome);
  const rows = await prisma.reportEditionEntry.findMany({
    where: { editionId: frozen.editionId },
    orderBy: { entryId: "asc" },
  });
  // The stored JSON as the database writes it out: numbers as stored, not as JavaScript reads.
  const texts = await prisma.$queryRaw<{ entryId: string; text: string }[]>`
    SELECT "entryId", "published"::text AS "text" FROM "ReportEditionEntry"
     WHERE "editionId" = ${frozen.editionId} ORDER BY "entryId"`;
  return { frozen, rows, texts };
}

describe("an edition's entries", () => {
  it("are written by the database as JavaScript writes them, awkward entries included", async () => {
    const byJavaScript = await frozenEntries("javascript", 1000);
    // Batches of 3: the keyset boundaries fall between entries with and without findings.
    const byDatabase = await frozenEntries("database", 3);
    expect(byDatabase.frozen.entryCount).toBe(11);
    expect(byDatabase.rows.map((r) => r.entryId)).toEqual(byJavaScript.rows.map((r) => r.entryId));
    expect(byDatabase.rows.map((r) => r.entryId)).not.toContain(supersededId);
    expect(byDatabase.texts).toEqual(byJavaScript.texts);

    // Every stored entry reads as a published entry, and the finding is masked.
    const published = byDatabase.rows.map((r) => readPublishedEntry(r.published));
    const masked = published.find((p) => p.entryId === withFindingId)!;
    expect(masked.narrative).toBe(`Écrire à ${MASK} pour le suivi.`);
    expect(masked.screening).toBe("pending");
    expect(published.filter((p) => p.screening === "clear")).toHaveLength(10);
    expect(published.some((p) => p.figures.some((f) => f.unit === "(unité)"))).toBe(true);
    // The lenient reading of odd figures, spelled out once.
    const figuresOf = (narrative: string) => published.find((p) => p.narrative === narrative);
    expect(figuresOf(texts[3]!)!.figures).toEqual([{ label: "", value: 12, unit: null }]);
    expect(published.filter((p) => p.organisation.identifier === "99999").length).toBeGreaterThan(
      0,
    );
    expect(published.some((p) => p.organisation.identifier.startsWith("test-"))).toBe(true);
    expect(published.some((p) => p.approvedAt.endsWith(".037Z"))).toBe(true);
  });
});
