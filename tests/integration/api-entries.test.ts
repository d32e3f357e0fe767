// The read API's entries (routes/api/entries.ts, entries-removed.ts; api/entries.server): keyset
// pages on creation that neither repeat nor skip an entry while others are written, updatedSince,
// entries removed after a supersession, every filter by stable code, CSV, published text through
// the screening, and 400 naming the parameter for anything malformed. PGlite and PostgreSQL.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { callApi, newToken } from "../fixtures/api-requests";
import { addEntries, seededPlan, PLAN_CODE } from "../fixtures/dataset-entries";
import { createOrganisation } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import type { ApiEntry } from "~/modules/api/entries.server";
import { MASK } from "~/modules/screening/publish";
import { loader as entriesLoader } from "~/routes/api/entries";
import { loader as removedLoader } from "~/routes/api/entries-removed";
import { databaseEngine, prisma } from "~/utils/db.server";

let token: string;

beforeAll(async () => {
  await seedReferenceData(prisma);
  token = (await newToken(["dataset:read"])).secret;
}, 120_000);

const get = (path: string, headers: Record<string, string> = {}) =>
  callApi(entriesLoader, path, { token, headers });
const removed = (path: string) => callApi(removedLoader, path, { token });
const data = (answer: Awaited<ReturnType<typeof get>>) => answer.body?.data as ApiEntry[];
const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id);

/** Every page from `path`, following `next` (and checking the Link header says the same). */
async function walk(path: string, between?: (page: ApiEntry[]) => Promise<unknown>) {
  const pages: ApiEntry[][] = [];
  let url = path;
  for (;;) {
    const answer = await get(url);
    expect(answer.status).toBe(200);
    pages.push(data(answer));
    const next = answer.body?.next as string | null;
    if (!next) {
      expect(answer.headers.get("link")).toBeNull();
      return pages;
    }
    const link = answer.headers.get("link")!;
    const target = /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
    expect(new URL(target!, "http://localhost").searchParams.get("cursor")).toBe(next);
    url = target!;
    await between?.(pages.at(-1)!);
  }
}

/**
 * On PostgreSQL, another connection's transaction, begun (and its snapshot taken) now and left
 * open for the test to write in and commit; null on PGlite (one connection: no such thing).
 */
async function transactionBegunNow() {
  if (databaseEngine !== "postgres") return null;
  const writer = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await writer.connect();
  try {
    await writer.query("BEGIN");
    await writer.query("SELECT 1");
  } catch (error) {
    await writer.end();
    throw error;
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  return writer;
}

describe("pages", () => {
  it("walks every entry that existed at the start once, while entries are added between pages", async () => {
    const organisation = await createOrganisation("COMMUNE");
    const other = await createOrganisation("NON_PROFIT");
    // Written in one statement: many entries share their creation instant (ties go by id).
    const initial = await addEntries(
      Array.from({ length: 230 }, (_, i) => ({
        organisation,
        year: 2021 + (i % 3),
        measureCode: ["1.1", "2.1", "4.3"][i % 3],
      })),
    );
    const added: string[] = [];
    const seen: string[] = [];
    const pages = await walk(
      `/api/v1/entries?organisation=${organisation.slug}&limit=50`,
      async (page) => {
        seen.push(...ids(page));
        const more = await addEntries([
          ...Array.from({ length: 7 }, () => ({ organisation, year: 2020 })),
          { organisation: other },
        ]);
        added.push(...ids(more).slice(0, 7));
        // Two entries already read leave the dataset: offsets would then skip two unread ones.
        await prisma.datasetEntry.updateMany({
          where: { id: { in: seen.splice(0, 2) } },
          data: { supersededAt: new Date() },
        });
      },
    );
    const walked = pages.flat();
    expect(new Set(ids(walked)).size).toBe(walked.length);
    const initialIds = ids(initial);
    expect(
      ids(walked)
        .filter((id) => initialIds.includes(id))
        .sort(),
    ).toEqual([...initialIds].sort());
    // What was written meanwhile comes after everything that existed, never inside a page read.
    const firstAdded = ids(walked).findIndex((id) => added.includes(id));
    expect(firstAdded === -1 || firstAdded >= initialIds.length).toBe(true);
    expect(walked.every((e) => e.organisation.identifier === organisation.slug)).toBe(true);
    // Oldest first: creation instant, then id.
    const order = walked.map((e) => [e.createdAt, e.id].join("|"));
    expect(order).toEqual([...order].sort());
  });

  it("a page holds `limit` entries (100 by default, 500 at most)", async () => {
    const organisation = await createOrganisation("COMMUNE");
    await addEntries(Array.from({ length: 120 }, () => ({ organisation })));
    expect(data(await get(`/api/v1/entries?organisation=${organisation.slug}`))).toHaveLength(100);
    const big = await get(`/api/v1/entries?organisation=${organisation.slug}&limit=500`);
    expect(data(big)).toHaveLength(120);
    expect(big.body?.next).toBeNull();
  });

  it("updatedSince gives the entries created since an instant", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    const before = await addEntries([{ organisation }, { organisation }]);
    const rows = await prisma.datasetEntry.findMany({
      where: { id: { in: ids(before) } },
      select: { createdAt: true },
    });
    const since = new Date(Math.max(...rows.map((r) => r.createdAt.getTime())) + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = await addEntries([{ organisation }, { organisation }, { organisation }]);
    const answer = await get(
      `/api/v1/entries?organisation=${organisation.slug}&updatedSince=${since.toISOString()}`,
    );
    expect(ids(data(answer)).sort()).toEqual(ids(after).sort());
    const offset = new Date(since.getTime()).toISOString().replace("Z", "+00:00");
    expect(
      data(
        await get(
          `/api/v1/entries?organisation=${organisation.slug}&updatedSince=${encodeURIComponent(offset)}`,
        ),
      ),
    ).toHaveLength(3);
  });
});

describe("entries written by a transaction still open", () => {
  // PostgreSQL: a transaction gives its entries their creation instant before it commits. A page
  // read meanwhile holds only what was created before it began, so a client going on from the
  // newest entry it read misses nothing once it commits. PGlite has one connection: a page is
  // never read while a transaction is open, so there is nothing to hold back.
  it("are not lost to a client keeping up with updatedSince", async () => {
    const organisation = await createOrganisation("COMMUNE");
    const [before] = await addEntries([{ organisation }]);
    const path = `/api/v1/entries?organisation=${organisation.slug}`;
    const lateId = `api-late-${organisation.id}`;
    const writer = await transactionBegunNow();
    try {
      const [after] = await addEntries([{ organisation }]);
      const first = data(await get(path));
      expect(ids(first)).toContain(before!.id);
      if (writer) {
        expect(ids(first)).not.toContain(after!.id);
        // The open transaction writes an entry created when it began (before `after`).
        await writer.query(
          `INSERT INTO "DatasetEntry" SELECT (jsonb_populate_record(NULL::"DatasetEntry",
             to_jsonb(e) || jsonb_build_object('id', $2::text,
               'createdAt', now() AT TIME ZONE 'UTC'))).*
             FROM "DatasetEntry" e WHERE e."id" = $1`,
          [before!.id, lateId],
        );
        await writer.query("COMMIT");
      } else expect(ids(first)).toContain(after!.id);
      const newest = first.at(-1)!.createdAt;
      const next = ids(data(await get(`${path}&updatedSince=${newest}`)));
      expect(next).toContain(after!.id);
      if (writer) expect(next).toContain(lateId);
    } finally {
      await writer?.end();
    }
  });
});

describe("removed entries", () => {
  it("an entry superseded leaves /entries and is listed by /entries/removed since then", async () => {
    const organisation = await createOrganisation("POLICE_ZONE");
    const entries = await addEntries(Array.from({ length: 4 }, () => ({ organisation })));
    const start = new Date(Date.now() - 1000);
    const [first, second] = entries;
    const supersededAt = new Date();
    await prisma.datasetEntry.updateMany({
      where: { id: { in: [first!.id, second!.id] } },
      data: { supersededAt },
    });
    const current = data(await get(`/api/v1/entries?organisation=${organisation.slug}`));
    expect(ids(current).sort()).toEqual(ids(entries.slice(2)).sort());

    const answer = await removed(`/api/v1/entries/removed?since=${start.toISOString()}`);
    expect(answer.status).toBe(200);
    const list = answer.body?.data as { id: string; removedAt: string }[];
    expect(list).toEqual(
      expect.arrayContaining([
        { id: first!.id, removedAt: supersededAt.toISOString() },
        { id: second!.id, removedAt: supersededAt.toISOString() },
      ]),
    );
    const later = new Date(supersededAt.getTime() + 1).toISOString();
    expect((await removed(`/api/v1/entries/removed?since=${later}`)).body?.data).toEqual([]);

    // Paged like the entries: one a page, then the next.
    const one = await removed(`/api/v1/entries/removed?since=${start.toISOString()}&limit=1`);
    const next = await removed(
      `/api/v1/entries/removed?since=${start.toISOString()}&limit=1&cursor=${String(one.body?.next)}`,
    );
    const both = [
      ...(one.body?.data as { id: string }[]),
      ...(next.body?.data as { id: string }[]),
    ];
    expect(new Set(ids(both)).size).toBe(2);

    const csv = await removed(`/api/v1/entries/removed?since=${start.toISOString()}&format=csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.text.split("\r\n")[0]).toBe("id,removedAt");
    expect(csv.text).toContain(`${first!.id},${supersededAt.toISOString()}`);
  });
});

describe("entries removed by a transaction still open", () => {
  // The same on /entries/removed: a transaction stamps its removals before it commits, so a
  // client going on from the newest removal it read must still see them once it commits.
  it("are not lost to a client keeping up with since", async () => {
    const organisation = await createOrganisation("COMMUNE");
    const [before, after, late] = await addEntries(
      Array.from({ length: 3 }, () => ({ organisation })),
    );
    const start = new Date(Date.now() - 1000).toISOString();
    await prisma.datasetEntry.update({
      where: { id: before!.id },
      data: { supersededAt: new Date() },
    });
    const writer = await transactionBegunNow();
    try {
      await prisma.datasetEntry.update({
        where: { id: after!.id },
        data: { supersededAt: new Date() },
      });
      const listed = (path: string) =>
        removed(path).then((answer) => answer.body?.data as { id: string; removedAt: string }[]);
      const first = await listed(`/api/v1/entries/removed?since=${start}`);
      expect(ids(first)).toContain(before!.id);
      if (writer) {
        expect(ids(first)).not.toContain(after!.id);
        // The open transaction removes an entry at the instant it began (before `after`).
        await writer.query(
          `UPDATE "DatasetEntry" SET "supersededAt" = now() AT TIME ZONE 'UTC' WHERE "id" = $1`,
          [late!.id],
        );
        await writer.query("COMMIT");
      } else expect(ids(first)).toContain(after!.id);
      const newest = first.at(-1)!.removedAt;
      const next = ids(await listed(`/api/v1/entries/removed?since=${newest}`));
      expect(next).toContain(after!.id);
      if (writer) expect(next).toContain(late!.id);
    } finally {
      await writer?.end();
    }
  });
});

describe("filters and codes", () => {
  it("each filter keeps exactly the entries that match it, by stable codes", async () => {
    const plan = await seededPlan();
    const zone = await createOrganisation("POLICE_ZONE");
    await prisma.organisation.update({
      where: { id: zone.id },
      data: { officialId: "9" + zone.slug.slice(-3) },
    });
    const officialId = "9" + zone.slug.slice(-3);
    const asbl = await createOrganisation("NON_PROFIT");
    const base = { organisation: asbl, year: 2031, measureCode: "2.1" };
    const [plain, ofZone, secondary, otherChannel, later] = await addEntries([
      base,
      { ...base, organisation: zone, channel: "FSE" as const },
      { ...base, measureCode: "4.3", link: "SECONDARY" as const },
      { ...base, channel: "ASBL_OUTSIDE_CALL" as const, link: "OTHER" as const },
      { ...base, year: 2033 },
    ]);
    const importer = await prisma.contributionImport.create({
      data: { fileName: "h.csv", fileSha256: "0".repeat(64), rowCount: 1, createdCount: 1 },
    });
    const measure = plan.measures.find((m) => m.code === "2.1")!;
    const imported = await prisma.datasetEntry.create({
      data: {
        source: "IMPORT",
        importId: importer.id,
        importLine: 1,
        importKey: `key-${asbl.id}`,
        year: 2031,
        planId: plan.id,
        organisationId: asbl.id,
        organisationKind: "NON_PROFIT",
        channel: "ASBL_CALL",
        measureId: measure.id,
        measureCode: "2.1",
        themeId: measure.themeId,
        link: "PRIMARY",
        missionCodes: [],
        narrative: "Importé.",
        figures: [],
        attachments: [],
        approvedAt: new Date("2023-01-01T00:00:00Z"),
      },
    });
    const themeOf = (code: string) =>
      plan.themes.find((t) => t.id === plan.measures.find((m) => m.code === code)!.themeId)!.code;
    const both = `organisation=${asbl.slug}`;
    const cases: [string, string[]][] = [
      [`${both}&year=2031`, [plain!.id, secondary!.id, otherChannel!.id, imported.id]],
      [`${both}&from=2032&to=2033`, [later!.id]],
      [`${both}&from=2033`, [later!.id]],
      [`${both}&to=2031`, [plain!.id, secondary!.id, otherChannel!.id, imported.id]],
      [`organisation=${zone.slug}`, [ofZone!.id]],
      [`organisation=${officialId}`, [ofZone!.id]],
      [`${both}&channel=ASBL_OUTSIDE_CALL`, [otherChannel!.id]],
      [`${both}&measure=4.3`, [secondary!.id]],
      [`${both}&theme=${themeOf("4.3")}`, [secondary!.id]],
      [`${both}&link=OTHER`, [otherChannel!.id]],
      [`${both}&source=IMPORT`, [imported.id]],
      [`${both}&plan=${PLAN_CODE}&year=2033`, [later!.id]],
      [`${both}&plan=NO-SUCH-PLAN`, []],
      [`organisation=nobody-at-all`, []],
    ];
    for (const [query, expected] of cases) {
      const answer = await get(`/api/v1/entries?${query}`);
      expect({ query, status: answer.status, found: ids(data(answer)).sort() }).toEqual({
        query,
        status: 200,
        found: [...expected].sort(),
      });
    }
    const [entry] = data(await get(`/api/v1/entries?organisation=${zone.slug}`));
    expect(entry).toEqual({
      id: ofZone!.id,
      createdAt: expect.stringMatching(/Z$/),
      year: 2031,
      plan: PLAN_CODE,
      organisation: { identifier: zone.slug, officialId, kind: "POLICE_ZONE" },
      channel: "FSE",
      theme: themeOf("2.1"),
      measure: "2.1",
      link: "PRIMARY",
      source: "APPROVAL",
      missions: [],
      narrative: "Un récit de test.",
      narrativeLanguage: "fr",
      figures: [{ label: "Personnes touchées", value: 12, unit: "personnes" }],
      screening: "clear",
      approvedAt: "2023-04-01T10:00:00.000Z",
    });
  });

  it("answers CSV for Accept: text/csv or format=csv, formulas neutralised", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    await addEntries([
      { organisation, narrative: '=HYPERLINK("http://x")', year: 2024 },
      { organisation, narrative: "Deux, trois\nlignes", year: 2024 },
    ]);
    const byHeader = await get(`/api/v1/entries?organisation=${organisation.slug}`, {
      accept: "text/csv",
    });
    const byFormat = await get(`/api/v1/entries?organisation=${organisation.slug}&format=csv`);
    for (const answer of [byHeader, byFormat]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.text.split("\r\n")[0]).toBe(
        "id,createdAt,year,plan,organisation,organisationOfficialId,organisationKind,channel,theme,measure,link,source,missions,narrativeLanguage,narrative,figures,screening,approvedAt",
      );
      expect(answer.text).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(answer.text).toContain(`"Deux, trois\nlignes"`);
    }
    const json = await get(`/api/v1/entries?organisation=${organisation.slug}`, {
      accept: "application/json",
    });
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("publishes text through the screening: open and confirmed findings masked", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    const narrative = "Contact : jean.dupont@example.org pour la suite.";
    const [open, confirmed, overridden] = await addEntries(
      Array.from({ length: 3 }, () => ({ organisation, narrative })),
    );
    const start = narrative.indexOf("jean");
    const end = narrative.indexOf(" pour");
    const finding = (entryId: string, status: "OPEN" | "CONFIRMED" | "OVERRIDDEN") => ({
      entryId,
      field: "narrative",
      kind: "EMAIL" as const,
      start,
      end,
      status,
      reason: status === "OVERRIDDEN" ? "Adresse générique" : null,
      resolvedAt: status === "OPEN" ? null : new Date(),
    });
    await prisma.personalDataFinding.createMany({
      data: [
        finding(open!.id, "OPEN"),
        finding(confirmed!.id, "CONFIRMED"),
        finding(overridden!.id, "OVERRIDDEN"),
      ],
    });
    const entries = data(await get(`/api/v1/entries?organisation=${organisation.slug}`));
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get(open!.id)).toMatchObject({
      narrative: `Contact : ${MASK} pour la suite.`,
      screening: "pending",
    });
    expect(byId.get(confirmed!.id)).toMatchObject({
      narrative: `Contact : ${MASK} pour la suite.`,
      screening: "clear",
    });
    expect(byId.get(overridden!.id)?.narrative).toBe(narrative);
    const csv = await get(`/api/v1/entries?organisation=${organisation.slug}&format=csv`);
    expect(csv.text.split("jean.dupont").length - 1).toBe(1);
  });
});

describe("bad parameters", () => {
  it("are a 400 problem naming the parameter, never a 500", async () => {
    const cases: [string, string][] = [
      ["year=abc", "year"],
      ["year=1999", "year"],
      ["from=2022&to=2021", "to"],
      ["channel=POLICE", "channel"],
      ["link=primary", "link"],
      ["source=MAIL", "source"],
      ["organisation=a%20b", "organisation"],
      ["organisation=%00", "organisation"],
      ["measure=" + "9".repeat(30), "measure"],
      ["updatedSince=yesterday", "updatedSince"],
      ["updatedSince=2024-02-30T00:00:00", "updatedSince"],
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["limit=1e2", "limit"],
      ["cursor=%%%", "cursor"],
      ["cursor=" + Buffer.from('["x","y"]').toString("base64url"), "cursor"],
      ["cursor=" + Buffer.from("[1,2]").toString("base64url"), "cursor"],
      ["format=xml", "format"],
      ["year=2022&year=2023", "year"],
      ["colour=blue", "colour"],
    ];
    for (const [query, parameter] of cases) {
      const answer = await get(`/api/v1/entries?${query}`);
      expect({ query, status: answer.status, parameter: answer.body?.parameter }).toEqual({
        query,
        status: 400,
        parameter,
      });
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
    }
    expect((await removed("/api/v1/entries/removed?since=nope")).body?.parameter).toBe("since");
    expect((await removed("/api/v1/entries/removed?year=2022")).body?.parameter).toBe("year");
  });
});
