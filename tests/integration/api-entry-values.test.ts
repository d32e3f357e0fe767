// The values of a page of /api/v1/entries, as the database builds them (api/entries.server reads
// a page as one JSON value): instants exactly as stored, to the millisecond, in the cursor too
// (with its walk's instant; a cursor written before that was added still reads), and
// updatedAt the latest of the creation and the findings' creation and decision;
// stored figures read as publishing reads them; every finding of an entry applied, in text
// order, to its narrative and its figures' labels. PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { callApi, newToken } from "../fixtures/api-requests";
import { addEntries, seededPlan } from "../fixtures/dataset-entries";
import { createOrganisation } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import { entriesPageStatement, readEntryQuery, type ApiEntry } from "~/modules/api/entries.server";
import { MASK } from "~/modules/screening/publish";
import { loader as entriesLoader } from "~/routes/api/entries";
import { Prisma, type OrganisationKind } from "~/generated/prisma/client";
import { databaseEngine, prisma, readRows } from "~/utils/db.server";

let token: string;

beforeAll(async () => {
  await seedReferenceData(prisma);
  token = (await newToken(["dataset:read"])).secret;
}, 120_000);

const get = (path: string) => callApi(entriesLoader, path, { token });
const data = (answer: Awaited<ReturnType<typeof get>>) => answer.body?.data as ApiEntry[];

/** How often PGlite's prepared statement of this text was planned for its run, or reused. */
const entriesPlansQuery = (text: string) =>
  Prisma.sql`SELECT generic_plans::int AS "generic", custom_plans::int AS "custom"
               FROM pg_prepared_statements WHERE statement = ${text}`;

/** An entry written with the given values (entries are never changed once written). */
async function writeEntry(
  organisation: { id: string; kind: OrganisationKind },
  values: Partial<Prisma.DatasetEntryCreateManyInput>,
) {
  const plan = await seededPlan();
  const measure = plan.measures.find((m) => m.code === "2.1")!;
  return prisma.datasetEntry.create({
    data: {
      year: 2022,
      planId: plan.id,
      organisationId: organisation.id,
      organisationKind: organisation.kind,
      channel: "ASBL_CALL",
      measureId: measure.id,
      measureCode: measure.code,
      themeId: measure.themeId,
      link: "PRIMARY",
      missionCodes: [],
      narrative: "Un récit de test.",
      figures: [],
      attachments: [],
      approvedAt: new Date("2023-04-01T10:00:00Z"),
      ...values,
    },
    select: { id: true },
  });
}

describe("an entry's values", () => {
  it("instants are the stored ones to the millisecond, in the entries and in the cursor", async () => {
    const organisation = await createOrganisation("COMMUNE");
    const instants = [
      ["2024-02-29T23:59:59.007Z", "2023-12-31T23:00:00.000Z"],
      ["2024-03-01T00:00:00.120Z", "2024-01-01T00:00:00.999Z"],
    ] as const;
    const written: { id: string }[] = [];
    for (const [createdAt, approvedAt] of instants)
      written.push(
        await writeEntry(organisation, {
          createdAt: new Date(createdAt),
          approvedAt: new Date(approvedAt),
        }),
      );
    const [first, second] = written;
    // The second's finding was written after it, and decided later still.
    await prisma.personalDataFinding.create({
      data: {
        entryId: second!.id,
        field: "narrative",
        kind: "EMAIL",
        start: 0,
        end: 2,
        status: "CONFIRMED",
        createdAt: new Date("2024-03-01T00:00:00.500Z"),
        resolvedAt: new Date("2025-01-01T00:00:00.001Z"),
      },
    });
    const readFrom = Date.now();
    const page = await get(`/api/v1/entries?organisation=${organisation.slug}&limit=1`);
    expect(data(page).map((e) => [e.id, e.createdAt, e.updatedAt, e.approvedAt])).toEqual([
      [first!.id, instants[0][0], instants[0][0], instants[0][1]],
    ]);
    const cursor = page.body?.next as string;
    const [at, id, asOf] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [
      string,
      string,
      string,
    ];
    expect([at, id]).toEqual([instants[0][0], first!.id]);
    // The walk's instant: when its first page was read, to the millisecond below.
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(asOf)).toBeGreaterThanOrEqual(readFrom - 1);
    expect(Date.parse(asOf)).toBeLessThanOrEqual(Date.now());
    const next = await get(
      `/api/v1/entries?organisation=${organisation.slug}&limit=1&cursor=${cursor}`,
    );
    const secondValues = [second!.id, instants[1][0], "2025-01-01T00:00:00.001Z", instants[1][1]];
    expect(data(next).map((e) => [e.id, e.createdAt, e.updatedAt, e.approvedAt])).toEqual([
      secondValues,
    ]);
    expect(next.body?.next).toBeNull();
    // A cursor of two values (before the walk's instant was added) reads on from the current one.
    const older = Buffer.from(JSON.stringify([at, id])).toString("base64url");
    const fromOlder = await get(
      `/api/v1/entries?organisation=${organisation.slug}&limit=1&cursor=${older}`,
    );
    expect(data(fromOlder).map((e) => [e.id, e.createdAt, e.updatedAt, e.approvedAt])).toEqual([
      secondValues,
    ]);
  });

  it("codes, missions and figures as publishing reads them; absent values are null", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    // Figures as an older form may have stored them: a number as text, a label or unit
    // missing, a key publishing does not know.
    const entry = await writeEntry(organisation, {
      missionCodes: ["M2", "M1"],
      narrativeLanguage: null,
      figures: [
        { label: "Séances", value: "12", unit: "séances", note: "interne" },
        { value: 3.5 },
        { label: "Sans valeur", value: null, unit: null },
      ],
    });
    const [published] = data(await get(`/api/v1/entries?organisation=${organisation.slug}`));
    expect(published).toMatchObject({
      id: entry!.id,
      organisation: { identifier: organisation.slug, officialId: null, kind: "NON_PROFIT" },
      channel: "ASBL_CALL",
      link: "PRIMARY",
      source: "APPROVAL",
      missions: ["M2", "M1"],
      narrativeLanguage: null,
      screening: "clear",
    });
    expect(published!.figures).toStrictEqual([
      { label: "Séances", value: "12", unit: "séances" },
      { label: "", value: 3.5 },
      { label: "Sans valeur", value: null, unit: null },
    ]);
  });

  it("every finding of an entry is applied, in text order, to its narrative and figures", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    const narrative = "Appeler Jean Dupont au 0470 12 34 56 ou écrire à jean@example.org.";
    const [masked, clear] = await addEntries([
      {
        organisation,
        narrative,
        figures: [
          { label: "Bénéficiaires", value: 4, unit: "personnes" },
          { label: "Famille Dupont", value: 1, unit: "famille" },
        ],
      },
      { organisation, narrative },
    ]);
    const span = (text: string, part: string) => ({
      start: text.indexOf(part),
      end: text.indexOf(part) + part.length,
    });
    // Written out of text order: the page must still apply them left to right.
    await prisma.personalDataFinding.createMany({
      data: [
        {
          entryId: masked!.id,
          field: "narrative",
          kind: "EMAIL",
          ...span(narrative, "jean@example.org"),
          status: "OPEN",
        },
        {
          entryId: masked!.id,
          field: "narrative",
          kind: "PHONE",
          ...span(narrative, "0470 12 34 56"),
          status: "CONFIRMED",
          resolvedAt: new Date(),
        },
        {
          entryId: masked!.id,
          field: "narrative",
          kind: "BIRTH_DATE",
          ...span(narrative, "Jean Dupont"),
          status: "REDACTED",
          replacement: "la personne de contact",
          resolvedAt: new Date(),
        },
        {
          entryId: masked!.id,
          field: "figure:1",
          kind: "BIRTH_DATE",
          ...span("Famille Dupont", "Dupont"),
          status: "CONFIRMED",
          resolvedAt: new Date(),
        },
      ],
    });
    const entries = data(await get(`/api/v1/entries?organisation=${organisation.slug}`));
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get(masked!.id)).toMatchObject({
      narrative: `Appeler la personne de contact au ${MASK} ou écrire à ${MASK}.`,
      figures: [
        { label: "Bénéficiaires", value: 4, unit: "personnes" },
        { label: `Famille ${MASK}`, value: 1, unit: "famille" },
      ],
      screening: "pending",
    });
    expect(byId.get(clear!.id)).toMatchObject({ narrative, screening: "clear" });
  });

  it("a page's statement holds its size and enum filters in its text: one plan serves every run", async () => {
    const path = "/api/v1/entries?year=2031&channel=FSE&link=PRIMARY&source=APPROVAL&limit=50";
    const query = readEntryQuery(new URL(`http://localhost${path}`));
    const statement = entriesPageStatement(query);
    // The year stays a parameter (a generic plan fits every year); the rest is in the text.
    expect(statement.values).toEqual([2031]);
    expect(statement.text).toContain(`'FSE'::"FundingChannel"`);
    expect(statement.text).toMatch(/LIMIT 51\)/);
    // An unusual size stays a parameter: a client cannot make hundreds of prepared statements.
    const odd = entriesPageStatement(
      readEntryQuery(new URL("http://localhost/api/v1/entries?year=2031&limit=37")),
    );
    expect(odd.values).toEqual([2031, 38]);
    if (databaseEngine === "pglite") {
      // PGlite has one session: its prepared statements show whether the page is planned again.
      const organisation = await createOrganisation("NON_PROFIT");
      await addEntries([{ organisation, year: 2031, channel: "FSE" }]);
      for (let i = 0; i < 8; i += 1) expect((await get(path)).status).toBe(200);
      const [plans] = await readRows<{ generic: number; custom: number }>(
        entriesPlansQuery(statement.text),
      );
      expect(plans).toEqual({ generic: 3, custom: 5 });
    }
  });
});
