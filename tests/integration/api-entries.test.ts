// The read API's entries (routes/api/entries.ts, entries-removed.ts; api/entries.server): keyset
// pages on creation that neither repeat nor skip an entry while others are written, updatedSince
// (entries created, or whose screening was decided, since an instant: a client syncing from the
// newest updatedAt it holds misses no decision, even one made while it paged), entries removed
// after a supersession, every filter by stable code, CSV, published text through the screening,
// Accept's q-values, and 400 naming the parameter for anything malformed (an instant the
// database cannot hold, a day the calendar has not). PGlite and PostgreSQL.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { callApi, newToken } from "../fixtures/api-requests";
import { addEntries, seededPlan, PLAN_CODE } from "../fixtures/dataset-entries";
import { asCurrent, createOrganisation, createStaffUser } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import type { ApiEntry } from "~/modules/api/entries.server";
import { MASK } from "~/modules/screening/publish";
import { resolveFinding } from "~/modules/screening/resolve.server";
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
/** A cursor as the API writes them (base64url of a JSON array), with any values. */
const cursorOf = (...values: string[]) => Buffer.from(JSON.stringify(values)).toString("base64url");

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

describe("entries whose screening is decided", () => {
  const narrative = "Contact : jean.dupont@example.org pour la suite.";
  const span = { start: narrative.indexOf("jean"), end: narrative.indexOf(" pour") };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

  /** An OPEN email finding on each entry, as screening writes them; their ids in that order. */
  async function openFindings(entries: readonly { id: string }[]) {
    const ids: string[] = [];
    for (const entry of entries) {
      const finding = await prisma.personalDataFinding.create({
        data: { entryId: entry.id, field: "narrative", kind: "EMAIL", ...span },
        select: { id: true },
      });
      ids.push(finding.id);
    }
    return ids;
  }

  async function redact(findingId: string, replacement = "l'adresse du service") {
    const reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
    const outcome = await resolveFinding({
      current: reviewer,
      findingId,
      resolution: { action: "redact", replacement },
    });
    expect(outcome).toMatchObject({ outcome: "resolved" });
    return prisma.personalDataFinding.findUniqueOrThrow({ where: { id: findingId } });
  }

  /** A client's copy: every page of a walk from `path`, an entry coming again replacing its copy. */
  async function sync(copy: Map<string, ApiEntry>, path: string, between?: () => Promise<unknown>) {
    const pages = await walk(path, between);
    for (const entry of pages.flat()) copy.set(entry.id, entry);
    const newest = pages
      .flat()
      .map((e) => e.updatedAt)
      .sort()
      .at(-1);
    return { pages, newest };
  }

  it("updatedSince gives an entry whose finding was decided since, with its new text and updatedAt", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    const [decided, untouched] = await addEntries([
      { organisation, narrative },
      { organisation, narrative },
    ]);
    const [findingId] = await openFindings([decided!, untouched!]);
    await pause();
    const since = new Date().toISOString();
    await pause();
    const path = `/api/v1/entries?organisation=${organisation.slug}&updatedSince=${since}`;
    expect(data(await get(path))).toEqual([]);

    const finding = await redact(findingId!);
    const [entry, ...others] = data(await get(path));
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      id: decided!.id,
      narrative: "Contact : l'adresse du service pour la suite.",
      screening: "clear",
      updatedAt: finding.resolvedAt!.toISOString(),
    });
    expect(entry!.createdAt < since).toBe(true);
    // The entry not decided is still pending, and last changed when its finding was written.
    const all = data(await get(`/api/v1/entries?organisation=${organisation.slug}`));
    const pending = all.find((e) => e.id === untouched!.id)!;
    expect(pending.screening).toBe("pending");
    expect(pending.updatedAt >= pending.createdAt && pending.updatedAt < since).toBe(true);
    // The CSV carries it too, in its last column.
    const csv = await get(`${path}&format=csv`);
    const [header, line] = csv.text.split("\r\n");
    expect(header!.split(",").at(-1)).toBe("updatedAt");
    expect(line!.endsWith(`,${finding.resolvedAt!.toISOString()}`)).toBe(true);
  });

  it("a finding decided while a client pages reaches it with its next updatedSince", async () => {
    const organisation = await createOrganisation("COMMUNE");
    // Six entries, two a page: the first is read before its finding is decided, the last after.
    const entries = await addEntries(
      Array.from({ length: 6 }, () => ({ organisation, narrative })),
    );
    const order = (await walk(`/api/v1/entries?organisation=${organisation.slug}`)).flat();
    const [readFirst, readLast] = [order[0]!, order.at(-1)!];
    const [firstFinding, lastFinding] = await openFindings([readFirst, readLast]);
    expect(ids(order).sort()).toEqual(ids(entries).sort());
    const copy = new Map<string, ApiEntry>();
    let added: { id: string } | undefined;
    let turn = 0;
    const first = await sync(
      copy,
      `/api/v1/entries?organisation=${organisation.slug}&limit=2`,
      async () => {
        turn += 1;
        if (turn !== 1) return;
        // Between the first page and the second: the entry already read is decided, then the
        // one not read yet, then an entry is added. All are later than what the walk shows.
        await pause();
        await redact(firstFinding!, "le service");
        await pause();
        await redact(lastFinding!, "la cellule");
        await pause();
        [added] = await addEntries([{ organisation }]);
      },
    );
    expect(new Set(ids(first.pages.flat())).size).toBe(first.pages.flat().length);
    expect(copy.get(readFirst.id)?.screening).toBe("pending");
    const decidedAt = (
      await prisma.personalDataFinding.findUniqueOrThrow({ where: { id: firstFinding! } })
    ).resolvedAt!;
    expect(first.newest! < decidedAt.toISOString()).toBe(true);

    const next = await sync(
      copy,
      `/api/v1/entries?organisation=${organisation.slug}&limit=2&updatedSince=${first.newest}`,
    );
    expect(ids(next.pages.flat())).toEqual(
      expect.arrayContaining([readFirst.id, readLast.id, added!.id]),
    );
    expect(copy.get(readFirst.id)).toMatchObject({
      narrative: "Contact : le service pour la suite.",
      screening: "clear",
    });
    expect(copy.get(readLast.id)).toMatchObject({
      narrative: "Contact : la cellule pour la suite.",
      screening: "clear",
    });
    expect([...copy.keys()].sort()).toEqual([...ids(entries), added!.id].sort());
  });

  // PostgreSQL: a decision stamped by a transaction still open when a page is read shows once it
  // commits, and is at or after the newest updatedAt that page gave.
  it("a decision a transaction has not committed yet reaches the next sync", async () => {
    const organisation = await createOrganisation("POLICE_ZONE");
    const [entry] = await addEntries([{ organisation, narrative }]);
    const [findingId] = await openFindings([entry!]);
    const path = `/api/v1/entries?organisation=${organisation.slug}`;
    const writer = await transactionBegunNow();
    try {
      if (writer)
        await writer.query(
          `UPDATE "PersonalDataFinding" SET "status" = 'CONFIRMED',
             "resolvedAt" = now() AT TIME ZONE 'UTC' WHERE "id" = $1`,
          [findingId],
        );
      else await redact(findingId!);
      const [before] = data(await get(path));
      if (writer) {
        expect(before).toMatchObject({ id: entry!.id, screening: "pending" });
        await writer.query("COMMIT");
      }
      const [after] = data(await get(`${path}&updatedSince=${before!.updatedAt}`));
      expect(after).toMatchObject({ id: entry!.id, screening: "clear" });
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
      // No finding: it last changed when it was created.
      updatedAt: entry!.createdAt,
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
        "id,createdAt,year,plan,organisation,organisationOfficialId,organisationKind,channel,theme,measure,link,source,missions,narrativeLanguage,narrative,figures,screening,approvedAt,updatedAt",
      );
      expect(answer.text).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(answer.text).toContain(`"Deux, trois\nlignes"`);
    }
    const json = await get(`/api/v1/entries?organisation=${organisation.slug}`, {
      accept: "application/json",
    });
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("honours Accept's q-values, and answers 406 when it accepts neither JSON nor CSV", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    await addEntries([{ organisation }]);
    const path = `/api/v1/entries?organisation=${organisation.slug}`;
    const json = "application/json; charset=utf-8";
    const csv = "text/csv; charset=utf-8";
    const cases: [string | null, string | 406][] = [
      [null, json],
      ["*/*", json],
      ["application/*", json],
      ["application/json", json],
      ["text/csv", csv],
      ["TEXT/CSV; charset=utf-8", csv],
      ["text/*", csv],
      ["text/csv, */*", csv],
      ["text/csv, application/json", json],
      ["text/csv;q=0.9, application/json;q=0.8", csv],
      ["text/csv;q=0, */*", json],
      ["text/csv, application/json;q=0", csv],
      ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", json],
      ["text/csv;q=0", 406],
      ["application/xml", 406],
      ["text/html, application/xml;q=0.9", 406],
      ["*/*;q=0", 406],
      ["application/json;q=0, text/csv;q=0", 406],
    ];
    for (const [accept, expected] of cases) {
      const answer = await get(path, accept === null ? {} : { accept });
      const got =
        answer.status === 406 ? 406 : `${answer.status} ${answer.headers.get("content-type")}`;
      expect({ accept, got }).toEqual({
        accept,
        got: expected === 406 ? 406 : `200 ${expected}`,
      });
    }
    const refused = await get(path, { accept: "application/xml", "accept-language": "nl" });
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body).toEqual({
      type: "about:blank",
      title: "Formaat niet aanvaardbaar",
      status: 406,
      detail:
        "De Accept-header aanvaardt geen van de formaten van dit adres: application/json, text/csv.",
    });
    // format= is the client's explicit choice: it wins over Accept.
    expect((await get(`${path}&format=csv`, { accept: "text/csv;q=0" })).status).toBe(200);
    // The removals answer JSON or CSV the same way.
    const noCsv = { accept: "text/csv;q=0" };
    const removals = await callApi(removedLoader, "/api/v1/entries/removed", {
      token,
      headers: noCsv,
    });
    expect(removals.status).toBe(406);
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
      // Days the calendar has not, which `new Date` reads as another day.
      ["updatedSince=2024-02-31", "updatedSince"],
      ["updatedSince=2023-02-29T00:00:00Z", "updatedSince"],
      ["updatedSince=2024-04-31T00:00:00Z", "updatedSince"],
      ["updatedSince=2024-01-01T24:00:00Z", "updatedSince"],
      ["updatedSince=2024-01-01T10:60:00Z", "updatedSince"],
      ["updatedSince=2024-13-01", "updatedSince"],
      ["updatedSince=2024-01-01T10:00:00%2B24:00", "updatedSince"],
      // Instants the database cannot hold (a 500 once).
      ["updatedSince=9999-12-31T23:59:59-14:00", "updatedSince"],
      ["updatedSince=0000-01-01", "updatedSince"],
      ["updatedSince=1969-12-31T23:59:59Z", "updatedSince"],
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["limit=1e2", "limit"],
      ["cursor=%%%", "cursor"],
      ["cursor=" + Buffer.from('["x","y"]').toString("base64url"), "cursor"],
      ["cursor=" + Buffer.from("[1,2]").toString("base64url"), "cursor"],
      ["cursor=" + cursorOf("0000-01-01T00:00:00.000Z", "x"), "cursor"],
      ["cursor=" + cursorOf("2024-02-31T00:00:00.000Z", "x"), "cursor"],
      ["cursor=" + cursorOf("2024-01-01T24:00:00.000Z", "x"), "cursor"],
      ["cursor=" + cursorOf("2024-01-01T00:00:00.000Z", "x", "0000-01-01T00:00:00.000Z"), "cursor"],
      ["cursor=" + cursorOf("2024-01-01T00:00:00.000Z", "x", "2024-02-30T00:00:00.000Z"), "cursor"],
      ["cursor=" + cursorOf("2024-01-01T00:00:00.000Z", "x", "y", "z"), "cursor"],
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
    for (const query of [
      "since=9999-12-31T23:59:59-14:00",
      "since=2024-02-31",
      "since=2024-01-01T24:00:00Z",
      "cursor=" + cursorOf("0000-01-01T00:00:00.000Z", "x"),
      "cursor=" + cursorOf("2024-02-31T00:00:00.000Z", "x"),
      // An entries cursor (with its walk's instant) is not a removals cursor.
      "cursor=" + cursorOf("2024-01-01T00:00:00.000Z", "x", "2024-01-02T00:00:00.000Z"),
    ]) {
      const answer = await removed(`/api/v1/entries/removed?${query}`);
      expect({ query, status: answer.status, parameter: answer.body?.parameter }).toEqual({
        query,
        status: 400,
        parameter: query.split("=")[0],
      });
    }
    // Out of range says so, in the caller's language.
    const far = await callApi(
      entriesLoader,
      "/api/v1/entries?updatedSince=9999-12-31T23:59:59-14:00",
      {
        token,
        headers: { "accept-language": "fr" },
      },
    );
    expect(far.body?.detail).toBe(
      "« updatedSince » doit être un instant entre 1970 et la fin de l'an 9999 (en UTC).",
    );
  });

  it("every real instant from 1970 to 9999 is read, its offset applied", async () => {
    const organisation = await createOrganisation("COMMUNE");
    await addEntries([{ organisation }]);
    const path = `/api/v1/entries?organisation=${organisation.slug}`;
    for (const instant of [
      "1970-01-01",
      "1970-01-01T01:00:00+01:00",
      "2024-02-29",
      "2024-02-29T23:59:59.999999999Z",
      "9999-12-31T23:59:59Z",
      "9999-12-31T23:59:59+14:00",
    ]) {
      const answer = await get(`${path}&updatedSince=${encodeURIComponent(instant)}`);
      expect({ instant, status: answer.status }).toEqual({ instant, status: 200 });
    }
    for (const since of ["1970-01-01", "9999-12-31T23:59:59.999Z"])
      expect((await removed(`/api/v1/entries/removed?since=${since}`)).status).toBe(200);
    // Read as that instant: 01:00 at +01:00 is midnight UTC, so the entry (created since) shows.
    const offset = await get(
      `${path}&updatedSince=${encodeURIComponent("1970-01-01T01:00:00+01:00")}`,
    );
    expect(data(offset)).toHaveLength(1);
    const future = await get(
      `${path}&updatedSince=${encodeURIComponent("9999-12-31T23:59:59+14:00")}`,
    );
    expect(data(future)).toEqual([]);
  });
});
