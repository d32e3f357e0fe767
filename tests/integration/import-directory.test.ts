// The directory import against a real database (PGlite, and PostgreSQL with TEST_DB_ENGINE):
// a dry run writes nothing; an import writes everything or nothing; importing twice changes
// nothing; bad rows are reported with their line and column; a workbook with a formula is
// refused; 10,000 rows import in one go; and a campaign then generates the imported
// organisation's return from the imported funding.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createCampaign, seedWorld } from "../fixtures/returns";
import { generateReturns } from "~/modules/campaigns/generation.server";
import { applyImport, dryRunImport } from "~/modules/directory/import/import.server";
import { prisma } from "~/utils/db.server";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, "../fixtures/import", name)));
const csv = (text: string) => new TextEncoder().encode(text);

async function counts() {
  return {
    organisations: await prisma.organisation.count(),
    users: await prisma.user.count(),
    memberships: await prisma.membership.count(),
    fundings: await prisma.funding.count(),
    fundingMeasures: await prisma.fundingMeasure.count(),
    missions: await prisma.fundingTransversalMission.count(),
    coverage: await prisma.policeZoneCommune.count(),
    audits: await prisma.auditEvent.count({ where: { action: "directory.imported" } }),
  };
}

const errorsOf = (result: {
  errors: { line: number | null; column: string | null; key: string }[];
}) => result.errors.map((e) => ({ line: e.line, column: e.column, key: e.key }));

describe("directory import", () => {
  let admin: { id: string };

  beforeAll(async () => {
    await seedWorld();
    admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } });
    // The fixture's zone 5339 is the seeded one, followed by the reviewer.
    const reviewer = await prisma.user.findUniqueOrThrow({
      where: { email: "reviewer@example.org" },
    });
    await prisma.organisation.update({
      where: { slug: "zp-5339" },
      data: { followedById: reviewer.id },
    });
  });

  it("a dry run lists what would change and writes nothing", async () => {
    const before = await counts();
    const result = await dryRunImport(fixture("organisations.csv"));
    expect(result.errors).toEqual([]);
    expect(result.applied).toBe(false);
    expect(result.rows.map((r) => [r.line, r.action, r.label])).toEqual([
      [2, "unchanged", "5339"],
      [3, "create", "0403.170.701"],
      [4, "create", "lisa-anderlecht-clemenceau"],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("imports organisations, contacts and fundings, and a second import changes nothing", async () => {
    const before = await counts();
    const organisations = await applyImport(fixture("organisations.csv"), {
      actorUserId: admin.id,
    });
    expect(organisations.errors).toEqual([]);
    expect(organisations.applied).toBe(true);
    const contacts = await applyImport(fixture("contacts.csv"), { actorUserId: admin.id });
    expect(contacts.errors).toEqual([]);
    expect(contacts.rows.map((r) => [r.line, r.action, r.changes])).toEqual([
      [2, "create", []],
      [3, "create", []],
      [4, "create", []],
      [5, "update", ["job_title"]],
    ]);
    const fundings = await applyImport(fixture("fundings.csv"), { actorUserId: admin.id });
    expect(fundings.errors).toEqual([]);
    expect(await counts()).toEqual({
      ...before,
      organisations: before.organisations + 2,
      users: before.users + 2,
      memberships: before.memberships + 3,
      fundings: before.fundings + 2,
      fundingMeasures: before.fundingMeasures + 3,
      missions: before.missions + 2,
      audits: before.audits + 3,
    });

    const asbl = await prisma.organisation.findUniqueOrThrow({
      where: { kind_officialId: { kind: "NON_PROFIT", officialId: "0403.170.701" } },
      include: {
        followedBy: true,
        memberships: { include: { user: true }, orderBy: { user: { email: "asc" } } },
        fundings: {
          include: {
            measures: { include: { measure: true } },
            transversalMissions: { include: { mission: true } },
          },
        },
      },
    });
    expect(asbl).toMatchObject({
      nameFr: "Prévention Été Quartiers",
      preferredLanguage: "nl",
      followedBy: { email: "reviewer@example.org" },
    });
    expect(
      asbl.memberships.map((m) => [
        m.user.email,
        m.user.displayName,
        m.reportRole,
        m.organisationAdmin,
        m.jobTitle,
      ]),
    ).toEqual([
      ["ines.martin@example.org", "Inès Martin", "MAIN", true, "Coordinatrice"],
      ["joris.wouters@example.org", "Joris Wouters", "BACKUP", false, null],
    ]);
    const [funding] = asbl.fundings;
    expect(funding).toMatchObject({
      channel: "ASBL_CALL",
      startYear: 2024,
      endYear: 2025,
      amountCents: 1_234_567,
    });
    expect(funding!.measures.map((m) => [m.measure.code, m.link]).sort()).toEqual([
      ["4.10", "PRIMARY"],
      ["5.1", "SECONDARY"],
    ]);
    expect(funding!.transversalMissions.map((m) => m.mission.code).sort()).toEqual(["MT1", "MT3"]);
    const antenna = await prisma.organisation.findUniqueOrThrow({
      where: { slug: "lisa-anderlecht-clemenceau" },
      include: { parentCommune: true },
    });
    expect(antenna.parentCommune?.officialId).toBe("21001");

    // Again: every row unchanged, nothing written but the import's own audit event.
    const again = await counts();
    for (const name of ["organisations.csv", "contacts.csv", "fundings.csv"]) {
      const result = await applyImport(fixture(name), { actorUserId: admin.id });
      expect(result.errors).toEqual([]);
      expect(result.rows.every((r) => r.action === "unchanged")).toBe(true);
    }
    expect(await counts()).toEqual({ ...again, audits: again.audits + 3 });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "directory.imported" },
      orderBy: { occurredAt: "desc" },
    });
    expect(event.actorUserId).toBe(admin.id);
    expect(event.details).toMatchObject({ funding: { create: 0, update: 0, unchanged: 2 } });
  });

  it("a file with one bad row among good ones changes nothing and names the row", async () => {
    const before = await counts();
    const file = csv(
      [
        "organisation;channel;start_year;end_year;title;amount;measures",
        "21004;PBPP;2024;2024;Plan local 2024 Ixelles;1000;1.1",
        "21004;PBPP;2024;2023;Plan local bis;1000;99.9|1.1:tertiary",
        "21009;XYZ;2024;2024;Plan local 2024;abc;1.1",
        "9999;PBPP;2024;2024;Plan;1000;1.1",
        "0403.170.702;PBPP;2024;2024;Plan;1000;1.1",
        "nobody-here;PBPP;2024;2024;Plan;1000;1.1",
        "21004;PBPP;2024;2024;Plan local 2024 Ixelles;2000;1.1",
      ].join("\n"),
    );
    const result = await applyImport(file, { actorUserId: admin.id });
    expect(result.applied).toBe(false);
    expect(errorsOf(result)).toEqual([
      { line: 3, column: "measures", key: "errors.measureList" },
      { line: 3, column: "end_year", key: "directory:errors.endYear" },
      { line: 4, column: "channel", key: "errors.unknownChannel" },
      { line: 4, column: "amount", key: "directory:errors.amount" },
      { line: 5, column: "organisation", key: "directory:errors.identifierNotBrussels" },
      { line: 6, column: "organisation", key: "directory:errors.identifierChecksum" },
      { line: 7, column: "organisation", key: "errors.unknownOrganisation" },
      { line: 8, column: "title", key: "errors.duplicateRow" },
    ]);
    expect(result.errors.at(-1)?.params).toEqual({ line: 2 });
    expect(await counts()).toEqual(before);
  });

  it("refuses unknown measures and missions, duplicate identifiers and unknown communes", async () => {
    const before = await counts();
    const fundings = await applyImport(
      csv(
        "organisation,channel,start_year,end_year,title,measures,missions\n" +
          "5339,FSE,2024,2024,FSE 2024,4.99|5.1:secondary|5.1,MT9\n",
      ),
      { actorUserId: admin.id },
    );
    expect(fundings.errors.map((e) => [e.line, e.column, e.key, e.params])).toEqual([
      [2, "measures", "errors.unknownMeasure", { code: "4.99" }],
      [2, "measures", "errors.duplicateMeasure", { code: "5.1" }],
      [2, "missions", "errors.unknownMission", { code: "MT9" }],
    ]);
    const organisations = await applyImport(
      csv(
        "kind,identifier,name_fr,name_nl,communes_covered\n" +
          "NON_PROFIT,0412345614,Une ASBL,Een vzw,\n" +
          "NON_PROFIT,0412.345.614,Une ASBL bis,Een vzw bis,\n" +
          "POLICE_ZONE,5341,Zone Midi,Zone Zuid,21001|21099\n" +
          "commune,21001,Anderlecht,Anderlecht,21002\n" +
          "unknown,1,x,y,\n",
      ),
      { actorUserId: admin.id },
    );
    expect(errorsOf(organisations)).toEqual([
      { line: 3, column: "identifier", key: "errors.duplicateRow" },
      { line: 4, column: "communes_covered", key: "directory:errors.identifierNotBrussels" },
      { line: 5, column: "communes_covered", key: "errors.communesOnlyForZones" },
      { line: 6, column: "kind", key: "errors.unknownKind" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("a contact of an organisation created by the same workbook; formula cells are refused", async () => {
    const before = await counts();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Organisaties").addRows([
      ["soort", "identificatie", "naam_fr", "naam_nl", "taal"],
      ["vzw", "0456.789.034", "Quartier Solidaire", "Solidaire Wijk", "nl"],
    ]);
    const contacts = workbook.addWorksheet("Contacts");
    contacts.addRows([
      ["organisation", "email", "name", "language"],
      ["0456.789.034", "lien@example.org", "Lien Claes", "nl"],
    ]);
    const fundings = workbook.addWorksheet("Financements");
    fundings.addRows([
      ["organisation", "canal", "année début", "année fin", "titre", "montant", "mesures"],
      ["0456.789.034", "ASBL_CALL", 2024, 2024, "Wijkwerking 2024", 1500.5, "2.1"],
    ]);
    const withFormula = structuredClone(await workbook.xlsx.writeBuffer());
    fundings.getCell("F2").value = { formula: "1000*2", result: 2000 } as ExcelJS.CellFormulaValue;
    fundings.addRow(["0456.789.034", "ASBL_CALL", 2024, 2024, '=HYPERLINK("x")', 1, "2.1"]);
    const refused = await applyImport(new Uint8Array(await workbook.xlsx.writeBuffer()), {
      actorUserId: admin.id,
    });
    expect(errorsOf(refused)).toEqual([
      { line: 2, column: "montant", key: "errors.formula" },
      { line: 3, column: "titre", key: "errors.formula" },
    ]);
    expect(await counts()).toEqual(before);

    const imported = await applyImport(new Uint8Array(withFormula), { actorUserId: admin.id });
    expect(imported.errors).toEqual([]);
    expect(imported.totals).toMatchObject({
      organisation: { create: 1 },
      contact: { create: 1 },
      funding: { create: 1 },
    });
    const funding = await prisma.funding.findFirstOrThrow({ where: { title: "Wijkwerking 2024" } });
    expect(funding.amountCents).toBe(150_050);
  });

  it("imports 10,000 funding rows in one go, then plans them all unchanged", async () => {
    const lines = ["organisation;channel;start_year;end_year;title;amount;measures;missions"];
    for (let i = 0; i < 10_000; i++)
      lines.push(`5339;PBPP;2023;2024;Projet ${i};${i},50;1.1|2.1:secondary;MT2`);
    const file = csv(lines.join("\n"));
    const before = await counts();
    let started = performance.now();
    const first = await applyImport(file, { actorUserId: admin.id });
    const applyMs = performance.now() - started;
    expect(first.errors).toEqual([]);
    expect(first.totals.funding.create).toBe(10_000);
    started = performance.now();
    const second = await applyImport(file, { actorUserId: admin.id });
    const againMs = performance.now() - started;
    expect(second.totals.funding.unchanged).toBe(10_000);
    expect(await counts()).toMatchObject({
      fundings: before.fundings + 10_000,
      fundingMeasures: before.fundingMeasures + 20_000,
      missions: before.missions + 10_000,
    });
    // Not asserted (shared machines): printed for docs/directory-import.md.
    console.info(`10k rows: import ${Math.round(applyMs)} ms, again ${Math.round(againMs)} ms`);
    // The same file with one bad row: none of the 10,000 is written.
    lines[5000] = lines[5000]!.replace("1.1|", "1.1|7.77|");
    const bad = await applyImport(csv(lines.join("\n").replaceAll("Projet", "Autre")), {
      actorUserId: admin.id,
    });
    expect(errorsOf(bad)).toEqual([
      { line: 5001, column: "measures", key: "errors.unknownMeasure" },
    ]);
    expect(await prisma.funding.count()).toBe(before.fundings + 10_000);
  }, 240_000);

  it("generates the next campaign's return of an organisation imported with its funding", async () => {
    const file = csv(
      "kind;identifier;name_fr;name_nl;language\n" +
        "NON_PROFIT;0555.000.148;Nouvelle ASBL 2025;Nieuwe vzw 2025;fr\n",
    );
    expect((await applyImport(file, { actorUserId: admin.id })).errors).toEqual([]);
    const funding = csv(
      "organisation;channel;start_year;end_year;title;measures\n" +
        "0555.000.148;ASBL_OUTSIDE_CALL;2025;2025;Prévention 2025;3.1|6.1:secondary\n",
    );
    expect((await applyImport(funding, { actorUserId: admin.id })).errors).toEqual([]);
    const campaign = await createCampaign(2025);
    await generateReturns(campaign.id, admin.id);
    const organisation = await prisma.organisation.findFirstOrThrow({
      where: { officialId: "0555.000.148" },
    });
    const annualReturn = await prisma.annualReturn.findUniqueOrThrow({
      where: {
        campaignId_organisationId: { campaignId: campaign.id, organisationId: organisation.id },
      },
      include: { sections: { include: { measure: true } } },
    });
    expect(
      annualReturn.sections
        .filter((s) => s.kind === "FUNDED_MEASURE")
        .map((s) => [s.measure?.code, s.measureLink]),
    ).toEqual([
      ["3.1", "PRIMARY"],
      ["6.1", "SECONDARY"],
    ]);
  });
});
