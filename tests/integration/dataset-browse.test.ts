// Staff browse the central dataset (dataset/browse.server.ts, routes/staff/dataset.tsx): only
// current entries unless history is asked for, each filter narrows, counts per channel, keyset
// pages that neither repeat nor skip, and the page is staff's alone. PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { addEntries, seededPlan, type EntryInput } from "../fixtures/dataset-entries";
import { createOrganisation, createPartnerUser, createStaffUser } from "../fixtures/factories";
import { writeSession } from "../fixtures/sessions";
import { seedReferenceData } from "../../prisma/seed/load";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { browseDataset, datasetFilterOptions, decodeCursor } from "~/modules/dataset/browse.server";
import { datasetFiltersSchema, type DatasetFilters } from "~/modules/dataset/filters";
import { loader } from "~/routes/staff/dataset";
import { prisma } from "~/utils/db.server";

const noFilters = datasetFiltersSchema.parse({});
const filters = (query: Record<string, string>): DatasetFilters =>
  datasetFiltersSchema.parse(query);

/** Every page of the filters' entries, following `next` from the first page. */
async function allPages(f: DatasetFilters) {
  const pages = [];
  let after: string | undefined;
  for (;;) {
    const page = await browseDataset(f, { after }, "fr");
    pages.push(page);
    if (!page.next) return pages;
    after = page.next;
  }
}

const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id);

beforeAll(async () => {
  await seedReferenceData(prisma);
}, 120_000);

describe("browsing the dataset", () => {
  it("lists current entries only; history adds the superseded ones, marked", async () => {
    const organisation = await createOrganisation("COMMUNE");
    const [current, superseded] = await addEntries([
      { organisation, year: 2031 },
      { organisation, year: 2031, supersededAt: new Date("2024-01-02T08:00:00Z") },
    ]);
    const year = filters({ year: "2031" });
    const page = await browseDataset(year, {}, "fr");
    expect(ids(page.entries)).toEqual([current!.id]);
    expect(page.total).toBe(1);

    const history = await browseDataset(filters({ year: "2031", history: "1" }), {}, "fr");
    expect(ids(history.entries).sort()).toEqual([current!.id, superseded!.id].sort());
    expect(history.total).toBe(2);
    expect(history.entries.find((e) => e.id === superseded!.id)?.supersededAt).toEqual(
      new Date("2024-01-02T08:00:00Z"),
    );
  });

  it("each filter keeps exactly the entries that match it", async () => {
    const plan = await seededPlan();
    const zone = await createOrganisation("POLICE_ZONE");
    const asbl = await createOrganisation("NON_PROFIT");
    const base: EntryInput = { organisation: asbl, year: 2032, measureCode: "2.1" };
    const variants: EntryInput[] = [
      base,
      { ...base, organisation: zone, channel: "FSE" },
      { ...base, measureCode: "4.3", link: "SECONDARY" },
      { ...base, link: "OTHER", channel: "ASBL_OUTSIDE_CALL" },
      { ...base, year: 2033 },
    ];
    const [plain, ofZone, secondary, other, later] = await addEntries(variants);
    const measure = (code: string) => plan.measures.find((m) => m.code === code)!;
    const cases: [Record<string, string>, string[]][] = [
      [{ year: "2032" }, [plain!.id, ofZone!.id, secondary!.id, other!.id]],
      [{ year: "2033" }, [later!.id]],
      [{ year: "2032", kind: "POLICE_ZONE" }, [ofZone!.id]],
      [{ organisation: zone.id }, [ofZone!.id]],
      [{ year: "2032", channel: "ASBL_OUTSIDE_CALL" }, [other!.id]],
      [{ year: "2032", measure: measure("4.3").id }, [secondary!.id]],
      [{ year: "2032", theme: measure("4.3").themeId }, [secondary!.id]],
      [{ year: "2032", link: "SECONDARY" }, [secondary!.id]],
      [{ year: "2032", link: "OTHER" }, [other!.id]],
      [
        { organisation: asbl.id, year: "2032", link: "PRIMARY", measure: measure("2.1").id },
        [plain!.id],
      ],
    ];
    for (const [query, expected] of cases) {
      const page = await browseDataset(filters(query), {}, "fr");
      expect({ query, found: ids(page.entries).sort() }).toEqual({
        query,
        found: [...expected].sort(),
      });
      expect(page.total).toBe(expected.length);
    }
  });

  it("counts entries per channel under the other filters, whatever the channel filter", async () => {
    const organisation = await createOrganisation("LISA_ANTENNA");
    await addEntries([
      { organisation, year: 2034, channel: "LISA" },
      { organisation, year: 2034, channel: "LISA" },
      { organisation, year: 2034, channel: "REGIONAL" },
      { organisation, year: 2034, channel: "REGIONAL", supersededAt: new Date() },
    ]);
    const all = await browseDataset(filters({ year: "2034" }), {}, "fr");
    expect(all.counts).toEqual({ LISA: 2, REGIONAL: 1 });
    expect(all.total).toBe(3);
    const lisa = await browseDataset(filters({ year: "2034", channel: "LISA" }), {}, "fr");
    expect(lisa.counts).toEqual({ LISA: 2, REGIONAL: 1 });
    expect(lisa.total).toBe(2);
    expect(lisa.entries).toHaveLength(2);
  });

  it("shows names, titles and the narrative in its own language, cut short", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    const long = `${"Een lang verhaal over de wijk ".repeat(20)}einde`;
    await addEntries([
      {
        organisation,
        year: 2035,
        measureCode: "4.3",
        narrative: long,
        narrativeLanguage: "nl",
        figures: [{ label: "Bereikte personen", value: 1234.5, unit: "personen" }],
      },
    ]);
    const nl = await browseDataset(filters({ year: "2035" }), {}, "nl");
    const fr = await browseDataset(filters({ year: "2035" }), {}, "fr");
    const plan = await seededPlan();
    const measure = plan.measures.find((m) => m.code === "4.3")!;
    expect(nl.entries[0]).toMatchObject({
      organisationName: organisation.nameNl,
      measureCode: "4.3",
      measureTitle: measure.titleNl,
      narrativeLanguage: "nl",
      figures: [{ label: "Bereikte personen", value: 1234.5, unit: "personen" }],
    });
    expect(fr.entries[0]).toMatchObject({
      organisationName: organisation.nameFr,
      measureTitle: measure.titleFr,
    });
    const shown = nl.entries[0]!.narrative;
    expect(shown.length).toBeLessThanOrEqual(241);
    expect(shown.endsWith("…")).toBe(true);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
  });
});

describe("pages", () => {
  it("walks 120 entries in pages of 50, newest year first then by measure, and back", async () => {
    const organisation = await createOrganisation("COMMUNE");
    const codes = ["1.1", "2.1", "4.3"];
    await addEntries(
      Array.from({ length: 120 }, (_, i) => ({
        organisation,
        year: 2040 + (i % 3),
        measureCode: codes[i % codes.length],
        channel: i % 2 ? ("PBPP" as const) : ("REGIONAL" as const),
      })),
    );
    const f = filters({ organisation: organisation.id });
    const pages = await allPages(f);
    expect(pages.map((p) => p.entries.length)).toEqual([50, 50, 20]);
    expect(pages.every((p) => p.total === 120)).toBe(true);
    const walked = pages.flatMap((p) => p.entries);
    expect(new Set(ids(walked)).size).toBe(120);
    // The index's order: newest year first, then channel and measure, then id.
    const inOrder = await prisma.datasetEntry.findMany({
      where: { organisationId: organisation.id },
      orderBy: [{ year: "desc" }, { channel: "desc" }, { measureId: "desc" }, { id: "desc" }],
      select: { id: true, year: true },
    });
    expect(ids(walked)).toEqual(ids(inOrder));
    expect(walked.map((e) => e.year).slice(0, 41)).toEqual(Array(40).fill(2042).concat(2041));
    expect(pages[0]!.previous).toBeNull();
    expect(pages[2]!.next).toBeNull();

    // Back from the last page: the second page again, then the first.
    const second = await browseDataset(f, { before: pages[2]!.previous! }, "fr");
    expect(ids(second.entries)).toEqual(ids(pages[1]!.entries));
    expect(second.next).not.toBeNull();
    const first = await browseDataset(f, { before: second.previous! }, "fr");
    expect(ids(first.entries)).toEqual(ids(pages[0]!.entries));
    expect(first.previous).toBeNull();
  });

  it("an entry approved while someone pages is neither repeated nor skipped by the pages after", async () => {
    const organisation = await createOrganisation("COMMUNE");
    await addEntries(Array.from({ length: 60 }, () => ({ organisation, year: 2045 })));
    const f = filters({ organisation: organisation.id });
    const first = await browseDataset(f, {}, "fr");
    // A newer year sorts before the first page: the next page must not shift by one.
    const [newer] = await addEntries([{ organisation, year: 2046 }]);
    const second = await browseDataset(f, { after: first.next! }, "fr");
    expect(second.entries).toHaveLength(10);
    const seen = [...ids(first.entries), ...ids(second.entries)];
    expect(new Set(seen).size).toBe(60);
    expect(seen).not.toContain(newer!.id);
  });

  it("a tampered or foreign cursor starts from the first page", async () => {
    expect(decodeCursor("not-base64-json")).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from('[2022,"FSE","m",5]').toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from('[2022,"NOPE","m","i"]').toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from('[2022,"FSE","m","i"]').toString("base64url"))).toEqual({
      year: 2022,
      channel: "FSE",
      measureId: "m",
      id: "i",
    });
    // A NUL would make PostgreSQL fail the query: such a cursor is no cursor.
    const nul = Buffer.from(JSON.stringify([2022, "FSE", "m\u0000", "i"])).toString("base64url");
    expect(decodeCursor(nul)).toBeNull();
    expect((await browseDataset(noFilters, { after: nul }, "fr")).previous).toBeNull();
    const page = await browseDataset(noFilters, { after: "%%%" }, "fr");
    const first = await browseDataset(noFilters, {}, "fr");
    expect(ids(page.entries)).toEqual(ids(first.entries));
  });
});

describe("the page", () => {
  const get = async (userId: string | null, query = "") => {
    const headers: Record<string, string> = {};
    if (userId) headers.cookie = `${sessionCookie.name}=${await writeSession(prisma, userId)}`;
    const request = new Request(`http://localhost/nl/staff/dataset${query}`, { headers });
    return loader({ request, params: { lang: "nl" }, context: {} } as never);
  };
  const status = (error: unknown) =>
    error instanceof Response
      ? error.status
      : ((error as { init?: { status?: number } } | null)?.init?.status ?? error);

  let organisation: Awaited<ReturnType<typeof createOrganisation>>;
  beforeAll(async () => {
    organisation = await createOrganisation("REGIONAL_BODY");
    await addEntries([{ organisation, year: 2050, channel: "REGIONAL" }]);
  });

  it("is staff's: reviewers and administrators read it, in the page's language", async () => {
    for (const role of ["REVIEWER", "ADMIN"] as const) {
      const staff = await createStaffUser(role);
      const data = await get(staff.id, `?organisation=${organisation.id}&year=2050&junk=1`);
      expect(data.filters).toMatchObject({ organisation: organisation.id, year: 2050 });
      expect(data.page.entries.map((e) => e.organisationName)).toEqual([organisation.nameNl]);
      expect(data.options.organisations).toContainEqual({
        id: organisation.id,
        name: organisation.nameNl,
      });
    }
  });

  it("shows the latest year with current entries unless another year, or all, is chosen", async () => {
    const staff = await createStaffUser("REVIEWER");
    const latest = await prisma.datasetEntry.aggregate({
      where: { supersededAt: null },
      _max: { year: true },
    });
    const data = await get(staff.id);
    expect(data.filters.year).toBe(latest._max.year);
    expect(data.page.entries.every((e) => e.year === latest._max.year)).toBe(true);
    const all = await get(staff.id, "?year=all");
    expect(all.filters.year).toBe("all");
    expect(all.page.total).toBe(await prisma.datasetEntry.count({ where: { supersededAt: null } }));
  });

  it("offers every organisation, theme and measure, a partner added or renamed at once", async () => {
    const before = await datasetFilterOptions("nl");
    const plan = await seededPlan();
    expect(before.themes.flatMap((t) => t.measures)).toHaveLength(plan.measures.length);
    expect(before.themes).toHaveLength(plan.themes.length);
    const added = await createOrganisation("COMMUNE");
    const after = await datasetFilterOptions("nl");
    expect(after.organisations).toContainEqual({ id: added.id, name: added.nameNl });
    await prisma.organisation.update({ where: { id: added.id }, data: { nameNl: "Aaa eerst" } });
    const renamed = await datasetFilterOptions("nl");
    expect(renamed.organisations.filter((o) => o.id === added.id)).toEqual([
      { id: added.id, name: "Aaa eerst" },
    ]);
  });

  it("offers the years current entries hold, not only the campaigns' (an import's older years)", async () => {
    const organisation = await createOrganisation("NON_PROFIT");
    await addEntries([
      { organisation, year: 2017 },
      { organisation, year: 2016, supersededAt: new Date("2024-01-02T08:00:00Z") },
    ]);
    expect(await prisma.campaign.count({ where: { year: { in: [2016, 2017] } } })).toBe(0);
    await createOrganisation("COMMUNE"); // the lists are read again when the directory changes
    const { years } = await datasetFilterOptions("fr");
    expect(years).toContain(2017);
    expect(years).not.toContain(2016);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(new Set(years).size).toBe(years.length);
  });

  it("is a 404 for a partner and sends the signed-out to log in", async () => {
    const partner = await createPartnerUser([organisation.id]);
    expect(await get(partner.id).catch(status)).toBe(404);
    const anonymous = await get(null).catch((e: unknown) => e);
    expect(anonymous).toBeInstanceOf(Response);
    expect((anonymous as Response).headers.get("Location")).toMatch(/^\/nl\/login\?redirectTo=/);
  });
});
