// Freezing a report edition (editions/freeze.server.ts through the page's action) against a real
// database, PGlite and PostgreSQL: the tables as published in FR and NL and one row per current
// entry of the plan and period, as published (stable codes, personal data masked); audited;
// administrators only. Then another return is approved, an entry imported and a return reopened:
// the edition is unchanged, and its differences list the entries added and removed and the
// cells that changed; a reviewer's decision on personal data masked at the freeze lists its entry
// as published otherwise. The database refuses any change to an edition.
import { describe, expect, it } from "vitest";
import {
  approvedReturn,
  cookieOf,
  currentEntryIds,
  importRows,
  PLAN_CODE,
  settled,
  setUpEditionsWorld,
  statusOf,
} from "../fixtures/editions-world";
import { asCurrent } from "../fixtures/factories";
import { editionDifferences } from "~/modules/editions/differences.server";
import { findEdition } from "~/modules/editions/editions.server";
import { freezeEdition } from "~/modules/editions/freeze.server";
import { readPublishedEntry } from "~/modules/editions/published";
import { publishedTableOptions } from "~/modules/reports/settings.server";
import { REPORT_TABLE_NAMES } from "~/modules/reports/table-model";
import { loadReportTable } from "~/modules/reports/tables.server";
import { reopenReturn } from "~/modules/review/reopen.server";
import { MASK } from "~/modules/screening/publish";
import { resolveFinding } from "~/modules/screening/resolve.server";
import { action } from "~/routes/staff/report-editions";
import { prisma } from "~/utils/db.server";

const w = setUpEditionsWorld();

async function freezeThroughPage(userId: string, fields: Record<string, string>) {
  const request = new Request("http://localhost/fr/staff/reports/editions", {
    method: "POST",
    headers: {
      cookie: await cookieOf(userId),
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
  return settled(() => action({ request, params: { lang: "fr" }, context: {} } as never));
}

async function editionRows(editionId: string) {
  const edition = await prisma.reportEdition.findUniqueOrThrow({ where: { id: editionId } });
  const entries = await prisma.reportEditionEntry.findMany({
    where: { editionId },
    orderBy: { entryId: "asc" },
  });
  return { edition, entries };
}

let editionId: string;
let frozenIds: string[];

describe("freezing an edition", () => {
  it("keeps the tables as published in FR and NL and every current entry of the period as published", async () => {
    frozenIds = await currentEntryIds(2021, 2022);
    expect(frozenIds.length).toBeGreaterThanOrEqual(4);
    const answered = await freezeThroughPage(w.admin.id, {
      title: "  Rapport 2021-2022  ",
      planCode: PLAN_CODE,
      fromYear: "2021",
      toYear: "2022",
    });
    expect(answered.ok).toBe(false);
    const location = (answered as { error: Response }).error.headers.get("Location")!;
    expect(location).toMatch(/^\/fr\/staff\/reports\/editions\/[a-z0-9]+\?frozen=1$/);
    editionId = location.split("/").at(-1)!.split("?")[0]!;

    const { edition, entries } = await editionRows(editionId);
    expect(edition).toMatchObject({
      title: "Rapport 2021-2022",
      fromYear: 2021,
      toYear: 2022,
      entryCount: frozenIds.length,
      frozenById: w.admin.id,
    });
    expect(entries.map((e) => e.entryId)).toEqual(frozenIds);

    // The tables are the reports module's, as published now, in both languages.
    const found = (await findEdition(editionId))!;
    const options = await publishedTableOptions();
    expect(found.tables.fr.map((t) => t.name)).toEqual([...REPORT_TABLE_NAMES]);
    expect(found.tables.nl.map((t) => t.name)).toEqual([...REPORT_TABLE_NAMES]);
    for (const lang of ["fr", "nl"] as const) {
      const now = await loadReportTable(
        "measures-by-channel",
        { planCode: PLAN_CODE, from: 2021, to: 2022 },
        lang,
        options,
      );
      expect(found.tables[lang][0]).toEqual(JSON.parse(JSON.stringify(now)));
    }
    expect(found.tables.nl[0]!.title).not.toBe(found.tables.fr[0]!.title);

    // Each entry by stable codes, its text as published: the email address masked.
    const published = entries.map((e) => readPublishedEntry(e.published));
    const withEmail = published.find((p) => p.narrative.startsWith("Inscriptions"))!;
    expect(withEmail).toMatchObject({
      year: 2021,
      planCode: PLAN_CODE,
      themeCode: "1",
      measureCode: "1.1",
      organisation: { identifier: "5339", kind: "POLICE_ZONE" },
      channel: "FSE",
      link: "PRIMARY",
      source: "IMPORT",
      screening: "pending",
    });
    expect(withEmail.narrative).toBe(`Inscriptions : ${MASK} (édition de test)`);
    expect(withEmail.organisation.nameFr).not.toBe(withEmail.organisation.nameNl);
    const approved = published.filter((p) => p.source === "APPROVAL");
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.every((p) => p.channel === "ASBL_CALL" || p.source === "APPROVAL")).toBe(true);

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "report-edition.frozen", targetId: editionId },
    });
    expect(audit).toMatchObject({ actorUserId: w.admin.id, targetType: "ReportEdition" });
    expect(audit.details).toEqual({
      planCode: PLAN_CODE,
      fromYear: 2021,
      toYear: 2022,
      entryCount: frozenIds.length,
    });
  });

  it("writes the same edition in small batches", async () => {
    const frozen = await freezeEdition(
      { title: "Par lots", planCode: PLAN_CODE, fromYear: 2021, toYear: 2022 },
      w.admin.id,
      { batchSize: 2 },
    );
    expect(frozen).toMatchObject({ outcome: "frozen", entryCount: frozenIds.length });
    const { entries } = await editionRows((frozen as { editionId: string }).editionId);
    const original = await editionRows(editionId);
    expect(entries.map((e) => [e.entryId, e.published])).toEqual(
      original.entries.map((e) => [e.entryId, e.published]),
    );
  });

  it("refuses a reviewer (404, audited denial) and bad input (translated keys, nothing written)", async () => {
    const count = await prisma.reportEdition.count();
    const denied = await freezeThroughPage(w.reviewer.id, {
      title: "Rapport",
      planCode: PLAN_CODE,
      fromYear: "2021",
      toYear: "2022",
    });
    expect(denied.ok).toBe(false);
    expect(statusOf((denied as { error: unknown }).error)).toBe(404);
    expect(
      await prisma.auditEvent.count({
        where: { action: "access.denied", actorUserId: w.reviewer.id },
      }),
    ).toBe(1);

    const bad = await freezeThroughPage(w.admin.id, {
      title: " ",
      planCode: "NO-SUCH-PLAN",
      fromYear: "2023",
      toYear: "22",
    });
    expect(bad.ok).toBe(true);
    const answer = (bad as { value: { data: unknown; init: { status: number } } }).value;
    expect(answer.init.status).toBe(400);
    expect(answer.data).toMatchObject({
      errors: { title: "errors.title", toYear: "errors.toYear" },
      values: { title: " ", fromYear: "2023" },
    });
    const backwards = await freezeThroughPage(w.admin.id, {
      title: "Rapport",
      planCode: PLAN_CODE,
      fromYear: "2023",
      toYear: "2022",
    });
    expect((backwards as { value: { data: unknown } }).value.data).toMatchObject({
      errors: { toYear: "errors.period" },
    });
    const unknownPlan = await freezeThroughPage(w.admin.id, {
      title: "Rapport",
      planCode: "NO-SUCH-PLAN",
      fromYear: "2021",
      toYear: "2022",
    });
    expect((unknownPlan as { value: { data: unknown } }).value.data).toMatchObject({
      errors: { planCode: "errors.plan" },
    });
    const nul = await freezeThroughPage(w.admin.id, {
      title: "Rapport",
      planCode: "PGSP\u00002021",
      fromYear: "2021",
      toYear: "2022",
    });
    expect((nul as { value: { data: unknown } }).value.data).toMatchObject({
      errors: { planCode: "errors.plan" },
    });
    // Outside the plan's years (2021-2024, its entries within): refused, the years named.
    const plan = await prisma.plan.findUniqueOrThrow({ where: { code: PLAN_CODE } });
    for (const [fromYear, toYear, field] of [
      ["2000", "2100", "fromYear"],
      [String(plan.startYear), String(plan.endYear + 1), "toYear"],
    ] as const) {
      const outside = await freezeThroughPage(w.admin.id, {
        title: "Rapport",
        planCode: PLAN_CODE,
        fromYear,
        toYear,
      });
      expect((outside as { value: { init: { status: number } } }).value.init.status).toBe(400);
      expect((outside as { value: { data: unknown } }).value.data).toMatchObject({
        errors: { [field]: "errors.outsidePlan" },
        years: { from: plan.startYear, to: plan.endYear },
      });
    }
    expect(await prisma.reportEdition.count()).toBe(count);
  });
});

describe("after the freeze", () => {
  it("keeps the edition as it was and lists what changed: entries added and removed, cells", async () => {
    const before = await editionRows(editionId);
    // Another return approved (2022), a new contribution imported (2022, theme 6 by a police
    // zone: a cell of "Tableau 1" goes from 0/9 to 1/9), the first return reopened.
    const otherReturn = await approvedReturn(w.world, [["3.1", "PRIMARY"]]);
    await importRows(["2022;5340;FSE;6.1;primary;Prévention après le gel;fr"], w.admin.id);
    const removedIds = (
      await prisma.datasetEntry.findMany({ where: { returnId: w.returnId }, select: { id: true } })
    )
      .map((e) => e.id)
      .sort();
    const reopened = await reopenReturn({
      current: await asCurrent(w.admin.id),
      returnId: w.returnId,
      reason: "Chiffres à corriger.",
      baseUrl: "http://127.0.0.1:3000",
    });
    expect(reopened.outcome).toBe("reopened");

    expect(await editionRows(editionId)).toEqual(before);

    const now = await currentEntryIds(2021, 2022);
    const addedIds = now.filter((id) => !frozenIds.includes(id));
    expect(addedIds.length).toBeGreaterThanOrEqual(2);
    const edition = (await findEdition(editionId))!;
    const differences = await editionDifferences(edition, "fr", { limit: 100 });
    expect(differences.added.count).toBe(addedIds.length);
    expect(differences.added.rows.map((r) => r.entryId).sort()).toEqual(addedIds);
    expect(differences.added.rows.find((r) => r.measureCode === "3.1")?.returnId).toBe(otherReturn);
    expect(differences.removed.count).toBe(removedIds.length);
    expect(differences.removed.rows.map((r) => r.entryId).sort()).toEqual(removedIds);
    expect(differences.removed.rows[0]!.returnId).toBe(w.returnId);

    const tableOne = differences.tables.find((t) => t.name === "measures-by-channel")!;
    expect(tableOne.changes).toContainEqual(
      expect.objectContaining({ rowKey: "6", columnKey: "zones", frozen: "0/9", current: "1/9" }),
    );
    expect(differences.changedTables).toBeGreaterThan(0);

    // The page's language: the same differences, Dutch labels.
    const nl = await editionDifferences(edition, "nl", { limit: 1 });
    expect(nl.added.count).toBe(addedIds.length);
    expect(nl.added.rows).toHaveLength(1);
    expect(nl.tables[0]!.title).toBe(edition.tables.nl[0]!.title);
  });

  it("a fresh edition of the same period has no difference", async () => {
    const frozen = await freezeEdition(
      { title: "Rapport corrigé", planCode: PLAN_CODE, fromYear: 2021, toYear: 2022 },
      w.admin.id,
    );
    const edition = (await findEdition((frozen as { editionId: string }).editionId))!;
    const differences = await editionDifferences(edition, "fr");
    expect(differences.changedTables).toBe(0);
    expect(differences.added.count).toBe(0);
    expect(differences.removed.count).toBe(0);
  });
});

describe("a decision on personal data after the freeze", () => {
  it("lists the entry as published otherwise; the edition keeps it masked", async () => {
    const edition = (await findEdition(editionId))!;
    expect((await editionDifferences(edition, "fr")).republished.count).toBe(0);
    const finding = await prisma.personalDataFinding.findFirstOrThrow({
      where: { status: "OPEN", entry: { narrative: { startsWith: "Inscriptions" } } },
    });
    expect(frozenIds).toContain(finding.entryId);
    const before = await editionRows(editionId);

    const resolved = await resolveFinding({
      current: await asCurrent(w.admin.id),
      findingId: finding.id,
      resolution: { action: "override", reason: "Adresse générique du service." },
    });
    expect(resolved.outcome).toBe("resolved");

    const differences = await editionDifferences(edition, "nl");
    expect(differences.republished.count).toBe(1);
    expect(differences.republished.rows).toEqual([
      expect.objectContaining({ entryId: finding.entryId, returnId: null, year: 2021 }),
    ]);
    const decidedAt = (await prisma.personalDataFinding.findUniqueOrThrow({
      where: { id: finding.id },
    }))!.resolvedAt!;
    expect(differences.republished.rows[0]!.at).toEqual(decidedAt);
    // The edition is unchanged: it still publishes the address masked.
    expect(await editionRows(editionId)).toEqual(before);
    const frozen = before.entries.find((e) => e.entryId === finding.entryId)!;
    expect(readPublishedEntry(frozen.published).narrative).toContain(MASK);

    // An edition frozen after the decision publishes it as decided: no difference.
    const fresh = await freezeEdition(
      { title: "Après décision", planCode: PLAN_CODE, fromYear: 2021, toYear: 2022 },
      w.admin.id,
    );
    const freshEdition = (await findEdition((fresh as { editionId: string }).editionId))!;
    expect((await editionDifferences(freshEdition, "fr")).republished.count).toBe(0);
  });
});

describe("the database", () => {
  it("refuses to change or remove an edition or its entries", async () => {
    const entry = await prisma.reportEditionEntry.findFirstOrThrow({ where: { editionId } });
    const refused = /frozen/i;
    await expect(
      prisma.reportEdition.update({ where: { id: editionId }, data: { title: "Autre" } }),
    ).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`UPDATE "ReportEdition" SET "entryCount" = 0 WHERE "id" = ${editionId}`,
    ).rejects.toThrow(refused);
    await expect(prisma.reportEdition.delete({ where: { id: editionId } })).rejects.toThrow(
      refused,
    );
    await expect(
      prisma.reportEditionEntry.update({
        where: { editionId_entryId: { editionId, entryId: entry.entryId } },
        data: { published: {} },
      }),
    ).rejects.toThrow(refused);
    await expect(
      prisma.$executeRaw`DELETE FROM "ReportEditionEntry" WHERE "editionId" = ${editionId}`,
    ).rejects.toThrow(refused);
    expect(await prisma.reportEditionEntry.count({ where: { editionId } })).toBe(frozenIds.length);
    expect(
      await prisma.reportEditionEntry.findUniqueOrThrow({
        where: { editionId_entryId: { editionId, entryId: entry.entryId } },
      }),
    ).toEqual(entry);
  });
});
