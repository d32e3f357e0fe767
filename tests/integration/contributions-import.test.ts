// The historical import of contributions against a real database (PGlite, and PostgreSQL with
// TEST_DB_ENGINE): a dry run lists every row problem (line, column, reason) and writes nothing;
// an import writes the entries with their provenance in one transaction and screens them;
// importing the same file twice adds nothing; a failure midway leaves nothing.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { seedWorld } from "../fixtures/returns";
import { dryRunContributions, importContributions } from "~/modules/contributions/import.server";
import {
  importJobState,
  startImportJob,
  waitForImportJob,
} from "~/modules/contributions/jobs.server";
import * as screening from "~/modules/screening/record.server";
import { prisma } from "~/utils/db.server";

const csv = (text: string) => new TextEncoder().encode(text);
const header = "year;organisation;channel;measure;link;narrative;language\n";

const errorsOf = (result: {
  errors: { line: number | null; column: string | null; key: string }[];
}) => result.errors.map((e) => [e.line, e.column, e.key]);

async function counts() {
  return {
    entries: await prisma.datasetEntry.count({ where: { source: "IMPORT" } }),
    imports: await prisma.contributionImport.count(),
    findings: await prisma.personalDataFinding.count(),
  };
}

describe("contributions import", () => {
  let admin: { id: string };

  beforeAll(async () => {
    await seedWorld();
    admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } });
  });

  it("a dry run reports every row problem with its line and column, and writes nothing", async () => {
    const before = await counts();
    const result = await dryRunContributions(
      csv(
        header +
          "2021;5339;FSE;5.1;primary;Patrouilles;fr\n" + // fine
          "2021;9999;FSE;5.1;;;\n" + // unknown organisation
          "2021;5339;FSE;99.9;;;\n" + // unknown measure code
          "2030;5339;FSE;5.1;;;\n" + // no plan covers 2030
          "21;5339;FSE;5.1;;;\n" + // bad year
          "2021;5339;BUS;5.1;;;\n" + // bad channel
          "2021;5339;FSE;5.1;;=1+2;\n" + // formula
          "2021;21004;FSE;5.1;;;\n" + // channel not for a commune
          "2021;5339;FSE;5.1;sideways;;de\n" + // bad link, bad language
          "2021;5339;FSE;5.1;primary;Patrouilles;fr\n", // repeats line 2
      ),
    );
    expect(result.applied).toBe(false);
    expect(errorsOf(result)).toEqual([
      [3, "organisation", "errors.unknownOrganisation"],
      [4, "measure", "errors.unknownMeasure"],
      [5, "year", "errors.noPlanForYear"],
      [6, "year", "errors.year"],
      [7, "channel", "errors.unknownChannel"],
      [8, "narrative", "imports:errors.formula"],
      [9, "channel", "errors.channelNotForKind"],
      [10, "link", "errors.unknownLink"],
      [10, "language", "errors.unknownLanguage"],
      [11, null, "errors.duplicateRow"],
    ]);
    expect(result.errors.at(-1)?.params).toEqual({ line: 2 });
    expect(await counts()).toEqual(before);
  });

  it("asks instead of guessing a figure written 1.234 or 1,234, in the file's column", async () => {
    const withFigure = "year;organisation;channel;measure;chiffre:Participants [personnes]\n";
    const result = await dryRunContributions(
      csv(
        withFigure + "2021;5339;FSE;5.1;1.234\n2021;5339;FSE;5.2;1 234\n2021;5339;FSE;5.3;1,234\n",
      ),
    );
    expect(errorsOf(result)).toEqual([
      [2, "chiffre:Participants [personnes]", "errors.figureAmbiguous"],
      [4, "chiffre:Participants [personnes]", "errors.figureAmbiguous"],
    ]);
    expect(result.errors.map((e) => e.params)).toEqual([{ value: "1.234" }, { value: "1,234" }]);
  });

  it("a measure that exists in another plan only is named as not in the plan of that year", async () => {
    const plan = await prisma.plan.create({
      data: {
        code: "PGSP-2025-2028-TEST",
        titleFr: "Plan test",
        titleNl: "Testplan",
        startYear: 2025,
        endYear: 2028,
        status: "DRAFT",
        themes: { create: { code: "T1", position: 1, titleFr: "T", titleNl: "T" } },
      },
      include: { themes: true },
    });
    await prisma.measure.create({
      data: {
        planId: plan.id,
        themeId: plan.themes[0]!.id,
        code: "42.1",
        position: 1,
        titleFr: "Mesure future",
        titleNl: "Toekomstige maatregel",
      },
    });
    const result = await dryRunContributions(csv(header + "2022;5339;FSE;42.1;;;\n"));
    expect(errorsOf(result)).toEqual([[2, "measure", "errors.measureNotInPlan"]]);
    expect(result.errors[0]?.params).toMatchObject({ value: "42.1", plan: "PGSP-2021-2024" });
  });

  it("refuses a file that is not UTF-8, naming its first bad line, and a missing column", async () => {
    const latin1 = Uint8Array.from([
      ...csv(header + "2021;5339;FSE;5.1;;ok;\n2021;5339;FSE;5.1;;caf"),
      0xe9,
      0x0a,
    ]);
    const bad = await dryRunContributions(latin1);
    expect(errorsOf(bad)).toEqual([[3, null, "imports:errors.encoding"]]);
    const missing = await dryRunContributions(csv("year;organisation;channel\n2021;5339;FSE\n"));
    expect(errorsOf(missing)).toEqual([[1, null, "errors.missingColumn"]]);
  });

  it("refuses a formula cell of a workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("contributions");
    sheet.addRow(["year", "organisation", "channel", "measure"]);
    sheet.addRow([2021, "5339", "FSE", { formula: '"5."&"1"' }]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await dryRunContributions(bytes);
    expect(errorsOf(result)).toEqual([[2, "measure", "imports:errors.formula"]]);
  });

  it("imports with provenance, screens the narratives, and a second import adds nothing", async () => {
    const file = csv(
      "annee;organisation;canal;mesure;lien;recit;langue;chiffre:Participants [personnes]\n" +
        "2021;Zone de police Midi;FSE;6.1;principale;Contrôles dans les stations.;fr;40\n" +
        "2022;21004;PBPP;4.10;;Contact : jan.peeters@example.org;fr;\n" +
        "2022;asbl-transit;ASBL_OTHER;3.1;autre;;;\n",
    );
    const dryRun = await dryRunContributions(file);
    expect(dryRun.errors).toEqual([]);
    expect([dryRun.rowCount, dryRun.newCount, dryRun.knownCount]).toEqual([3, 3, 0]);
    const before = await counts();
    const now = new Date("2026-12-01T08:00:00Z");
    const result = await importContributions(file, {
      fileName: "historique-2021-2022.csv",
      actorUserId: admin.id,
      now,
    });
    expect(result.errors).toEqual([]);
    expect([result.applied, result.newCount, result.knownCount]).toEqual([true, 3, 0]);
    expect(result.findingCount).toBe(1);

    const contributionImport = await prisma.contributionImport.findUniqueOrThrow({
      where: { id: result.importId! },
    });
    expect(contributionImport).toMatchObject({
      fileName: "historique-2021-2022.csv",
      fileSha256: result.sha256,
      rowCount: 3,
      createdCount: 3,
      importedById: admin.id,
      importedAt: now,
    });
    const entries = await prisma.datasetEntry.findMany({
      where: { importId: result.importId },
      orderBy: { importLine: "asc" },
      include: { organisation: { select: { slug: true } }, findings: true },
    });
    expect(
      entries.map((e) => [
        e.importLine,
        e.source,
        e.year,
        e.organisation.slug,
        e.organisationKind,
        e.channel,
        e.measureCode,
        e.link,
        e.narrativeLanguage,
        e.approvedById,
        e.approvedAt.toISOString(),
      ]),
    ).toEqual([
      [
        2,
        "IMPORT",
        2021,
        "zp-5341",
        "POLICE_ZONE",
        "FSE",
        "6.1",
        "PRIMARY",
        "fr",
        admin.id,
        now.toISOString(),
      ],
      [
        3,
        "IMPORT",
        2022,
        "commune-21004",
        "COMMUNE",
        "PBPP",
        "4.10",
        expect.any(String),
        "fr",
        admin.id,
        now.toISOString(),
      ],
      [
        4,
        "IMPORT",
        2022,
        "asbl-transit",
        "NON_PROFIT",
        "ASBL_OUTSIDE_CALL",
        "3.1",
        "OTHER",
        null,
        admin.id,
        now.toISOString(),
      ],
    ]);
    expect(entries[0]!.figures).toEqual([{ label: "Participants", value: 40, unit: "personnes" }]);
    expect(entries[1]!.findings.map((f) => [f.field, f.kind, f.status])).toEqual([
      ["narrative", "EMAIL", "OPEN"],
    ]);
    const measure = await prisma.measure.findFirstOrThrow({
      where: { code: "6.1", plan: { code: "PGSP-2021-2024" } },
    });
    expect(entries[0]).toMatchObject({
      measureId: measure.id,
      themeId: measure.themeId,
      planId: measure.planId,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "contributions.imported", targetId: result.importId! },
    });
    expect(audit.details).toMatchObject({ rows: 3, created: 3, findings: 1 });
    expect(await counts()).toEqual({
      entries: before.entries + 3,
      imports: before.imports + 1,
      findings: before.findings + 1,
    });

    // Again, and the same rows in another order: nothing is added, no import is recorded.
    const again = await importContributions(file, { fileName: "again.csv", actorUserId: admin.id });
    expect([again.applied, again.newCount, again.knownCount]).toEqual([true, 0, 3]);
    const reordered = csv(
      "annee;organisation;canal;mesure;lien;recit;langue;chiffre:Participants [personnes]\n" +
        "2022;asbl-transit;ASBL_OTHER;3.1;autre;;;\n" +
        "2021;5341;fse;6.1;primary;  Contrôles dans les  stations. ;fr;40\n",
    );
    const dry = await dryRunContributions(reordered);
    expect([dry.newCount, dry.knownCount]).toEqual([0, 2]);
    await importContributions(reordered, { fileName: "reordered.csv", actorUserId: admin.id });
    expect(await counts()).toEqual({
      entries: before.entries + 3,
      imports: before.imports + 1,
      findings: before.findings + 1,
    });
  });

  it("a failure midway (screening) leaves nothing written", async () => {
    const before = await counts();
    const spy = vi
      .spyOn(screening, "recordFindingsFor")
      .mockRejectedValueOnce(new Error("screening down"));
    await expect(
      importContributions(csv(header + "2022;5342;FSE;1.1;;Rondes à vélo.;fr\n"), {
        fileName: "fails.csv",
        actorUserId: admin.id,
      }),
    ).rejects.toThrow("screening down");
    spy.mockRestore();
    expect(await counts()).toEqual(before);
    expect(
      await prisma.auditEvent.count({
        where: { action: "contributions.imported", details: { path: ["rows"], equals: 1 } },
      }),
    ).toBe(0);
  });

  it("runs as a job whose state says how it ended", async () => {
    const id = await startImportJob(csv(header + "2022;5343;FSE;1.4;;Prévention du vol.;fr\n"), {
      fileName: "job.csv",
      actorUserId: admin.id,
    });
    expect((await importJobState(id))?.state).toMatch(/running|done/);
    const ended = await waitForImportJob(id);
    expect(ended?.state).toBe("done");
    expect(ended?.result?.newCount).toBe(1);
    const run = await prisma.jobRun.findUniqueOrThrow({
      where: { job_periodKey: { job: "contribution-import", periodKey: id } },
    });
    expect(run.finishedAt).not.toBeNull();
    expect(await importJobState("not-a-job")).toBeNull();
  });
});
