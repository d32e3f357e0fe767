// The report pages and downloads as staff reach them (routes/staff/report*): permission first
// (a partner gets the 404 of a page that does not exist, the signed-out go to log in), bad
// query values fall back to the defaults, the CSV and XLSX hold the table (numbers as numbers,
// FR/NL headings, small project counts hidden) and are named in the URL's language, the
// threshold form is the administrators' and audited. PGlite and PostgreSQL.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../fixtures/csv-reader";
import { addEntries, PLAN_CODE } from "../fixtures/dataset-entries";
import { createOrganisation, createPartnerUser, createStaffUser } from "../fixtures/factories";
import { writeSession } from "../fixtures/sessions";
import { seedReferenceData } from "../../prisma/seed/load";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { SMALL_COUNT_SETTING } from "~/modules/reports/settings.server";
import { loader as cellLoader } from "~/routes/staff/report-cell";
import { loader as tableLoader } from "~/routes/staff/report-table";
import { loader as csvLoader } from "~/routes/staff/report-table-csv";
import { loader as xlsxLoader } from "~/routes/staff/report-table-xlsx";
import { action as indexAction, loader as indexLoader } from "~/routes/staff/reports";
import { prisma } from "~/utils/db.server";

type Loader = (args: never) => unknown;

async function call(
  handler: Loader,
  userId: string | null,
  path: string,
  params: Record<string, string>,
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  if (userId) headers.set("cookie", `${sessionCookie.name}=${await writeSession(prisma, userId)}`);
  const request = new Request(`http://localhost${path}`, { ...init, headers });
  return handler({ request, params, context: {} } as never);
}

const thrownStatus = (error: unknown) =>
  error instanceof Response
    ? error.status
    : ((error as { init?: { status?: number } } | null)?.init?.status ?? error);

let reviewer: string;
let admin: string;
let partner: string;

beforeAll(async () => {
  await seedReferenceData(prisma);
  reviewer = (await createStaffUser("REVIEWER")).id;
  admin = (await createStaffUser("ADMIN")).id;
  const zone = await createOrganisation("POLICE_ZONE");
  const commune = await createOrganisation("COMMUNE");
  partner = (await createPartnerUser([commune.id])).id;
  await addEntries([
    { organisation: zone, channel: "FSE", year: 2061, measureCode: "1.1" },
    { organisation: zone, channel: "FSE", year: 2061, measureCode: "1.2" },
    { organisation: commune, channel: "PBPP", year: 2062, measureCode: "1.1" },
    { organisation: commune, channel: "LISA", year: 2062, measureCode: "2.1" },
  ]);
}, 120_000);

const tableParams = (lang: string, table: string) => ({ lang, table });

describe("the report pages", () => {
  it("shows a table for the plan and period asked, with drill-down links", async () => {
    const data = (await call(
      tableLoader as Loader,
      reviewer,
      `/fr/staff/reports/measures-by-channel?plan=${PLAN_CODE}&from=2061&to=2062`,
      tableParams("fr", "measures-by-channel"),
    )) as Awaited<ReturnType<typeof tableLoader>>;
    expect(data.table.period).toEqual({ from: 2061, to: 2062 });
    expect(data.table.rows[0]!.cells.zones).toMatchObject({ count: 2, drill: "1:zones" });
    expect(data.table.rows[0]!.cells.communes).toMatchObject({ count: 1 });
  });

  it("falls back to the defaults on bad query values, never a 500", async () => {
    const data = (await call(
      tableLoader as Loader,
      reviewer,
      `/nl/staff/reports/themes-summary?plan=%00bad&from=abc&to=99999&page=x`,
      tableParams("nl", "themes-summary"),
    )) as Awaited<ReturnType<typeof tableLoader>>;
    expect(data.table.planCode).toBe(PLAN_CODE);
    expect(data.table.period.from).toBe(data.table.period.to);
    const index = (await call(
      indexLoader as Loader,
      reviewer,
      "/fr/staff/reports?from=2062&to=2061&plan=NOPE",
      {
        lang: "fr",
      },
    )) as Awaited<ReturnType<typeof indexLoader>>;
    expect(index.shown).toMatchObject({ from: 2061, to: 2062, planCode: PLAN_CODE });
    // An unknown table or cell is a 404.
    expect(
      await call(
        tableLoader as Loader,
        reviewer,
        "/fr/staff/reports/nope",
        tableParams("fr", "nope"),
      ).catch(thrownStatus),
    ).toBe(404);
    expect(
      await call(
        cellLoader as Loader,
        reviewer,
        "/fr/staff/reports/measures-by-channel/cell?from=2061&to=2062&cell=99:zones",
        tableParams("fr", "measures-by-channel"),
      ).catch(thrownStatus),
    ).toBe(404);
  });

  it("lists the entries behind a cell", async () => {
    const data = (await call(
      cellLoader as Loader,
      reviewer,
      "/fr/staff/reports/measures-by-channel/cell?from=2061&to=2062&cell=1:communes",
      tableParams("fr", "measures-by-channel"),
    )) as Awaited<ReturnType<typeof cellLoader>>;
    expect(data.drill.total).toBe(1);
    expect(data.drill.entries[0]).toMatchObject({
      year: 2062,
      channel: "PBPP",
      measureCode: "1.1",
      source: "APPROVAL",
    });
    expect(data.figure).toMatch(/^1\/\d+$/);
  });

  it("is a 404 for a partner, and sends the signed-out to log in", async () => {
    for (const [handler, path] of [
      [indexLoader, "/fr/staff/reports"],
      [tableLoader, "/fr/staff/reports/measures-by-channel"],
      [cellLoader, "/fr/staff/reports/measures-by-channel/cell?cell=1:zones"],
      [csvLoader, "/fr/staff/reports/measures-by-channel.csv"],
      [xlsxLoader, "/fr/staff/reports/measures-by-channel.xlsx"],
    ] as const) {
      const params = tableParams("fr", "measures-by-channel");
      expect(await call(handler as Loader, partner, path, params).catch(thrownStatus), path).toBe(
        404,
      );
      const anonymous = await call(handler as Loader, null, path, params).catch((e: unknown) => e);
      expect((anonymous as Response).headers.get("Location"), path).toMatch(
        /^\/fr\/login\?redirectTo=/,
      );
    }
    expect(
      await prisma.auditEvent.count({
        where: { action: "reports.exported", actorUserId: partner },
      }),
    ).toBe(0);
  });
});

describe("downloads", () => {
  it("CSV: BOM, ';', FR headings, numbers; audited", async () => {
    const response = (await call(
      csvLoader as Loader,
      reviewer,
      "/fr/staff/reports/measures-by-channel.csv?from=2061&to=2062",
      tableParams("fr", "measures-by-channel"),
    )) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="rapport-mesures-par-canal-2061-2062.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The byte-order mark Excel reads the file as UTF-8 by.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const rows = readCsv(text.slice(1));
    expect(rows[0]!.slice(0, 3)).toEqual([
      "Thématiques du plan",
      "Mesures de la thématique",
      "Zones de police",
    ]);
    expect(rows[1]![0]).toMatch(/^Thématique 1 : /);
    expect(rows[1]!.slice(2, 4)).toEqual(["2", "1"]);
    expect(rows.at(-1)![0]).toBe("Total");
    expect(
      await prisma.auditEvent.count({
        where: {
          action: "reports.exported",
          actorUserId: reviewer,
          targetId: "measures-by-channel",
        },
      }),
    ).toBe(1);
  });

  it("XLSX: one sheet named in Dutch, title, NL headings, figures as numbers", async () => {
    const response = (await call(
      xlsxLoader as Loader,
      reviewer,
      "/nl/staff/reports/measures-by-channel.xlsx?from=2061&to=2062",
      tableParams("nl", "measures-by-channel"),
    )) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/spreadsheetml/);
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="rapport-maatregelen-per-kanaal-2061-2062.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Maatregelen per kanaal"]);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell("A1").value)).toMatch(/^Aantal maatregelen per thema/);
    expect(sheet.getCell("C2").value).toBe("Politiezones");
    expect(String(sheet.getCell("A3").value)).toMatch(/^Thema 1: /);
    expect(sheet.getCell("C3").value).toBe(2);
    expect(sheet.getCell("D3").value).toBe(1);
    expect(typeof sheet.getCell("B3").value).toBe("number");
  });
});

describe("small-count threshold", () => {
  const post = (userId: string, value: string) =>
    call(
      indexAction as Loader,
      userId,
      "/fr/staff/reports",
      { lang: "fr" },
      {
        method: "POST",
        body: new URLSearchParams({ threshold: value }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      },
    );

  it("is set by an administrator (audited), refused to a reviewer, a bad value changes nothing", async () => {
    expect(await post(reviewer, "5").catch(thrownStatus)).toBe(404);
    const bad = (await post(admin, "abc")) as {
      init: { status: number };
      data: { error: boolean };
    };
    expect(bad.init.status).toBe(400);
    expect(await prisma.setting.findUnique({ where: { key: SMALL_COUNT_SETTING } })).toBeNull();

    const saved = (await post(admin, "2").catch((e: unknown) => e)) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/fr/staff/reports?saved=threshold");
    expect(
      (await prisma.setting.findUniqueOrThrow({ where: { key: SMALL_COUNT_SETTING } })).value,
    ).toBe(2);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "reports.threshold-changed", actorUserId: admin },
    });
    expect(audit.details).toEqual({ from: 0, to: 2 });

    // Published files hide project counts under it; the page shows the real ones.
    const commune = await createOrganisation("COMMUNE");
    await addEntries([{ organisation: commune, channel: "PBPP", year: 2063, measureCode: "7.1" }]);
    const csv = await (
      (await call(
        csvLoader as Loader,
        reviewer,
        "/fr/staff/reports/communes-measures.csv?from=2063&to=2063",
        tableParams("fr", "communes-measures"),
      )) as Response
    ).text();
    expect(readCsv(csv.slice(1))[1]).toEqual([
      expect.stringMatching(/^7\.1 /),
      "< 2",
      "0",
      "0",
      "< 2",
    ]);
    const page = (await call(
      tableLoader as Loader,
      reviewer,
      "/fr/staff/reports/communes-measures?from=2063&to=2063",
      tableParams("fr", "communes-measures"),
    )) as Awaited<ReturnType<typeof tableLoader>>;
    expect(page.threshold).toBe(2);
    expect(page.table.rows[0]!.cells.primary).toMatchObject({ display: "1", value: 1 });
    await post(admin, "0").catch((e: unknown) => e);
  });
});
