// The report tables from entries written by the real approval (review/approve.server.ts): an
// accepted contribution counts, a block not retained does not, an unapproved return adds
// nothing; the campaign's completeness row (expected, received, approved, entries) and the
// drill-down of its entries. PGlite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import { createFundedPartner, fillReturn, sectionsOf } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { drillCell } from "~/modules/reports/drill.server";
import { loadReportTable } from "~/modules/reports/tables.server";
import { approveReturn } from "~/modules/review/approve.server";
import { decideSection } from "~/modules/review/decide.server";
import { addOtherContribution } from "~/modules/returns/sections.server";
import { submitReturn } from "~/modules/returns/submit.server";

const YEAR = 2074;
const world = setUpReturnWorld({ year: YEAR });
const baseUrl = "http://127.0.0.1:3000";
const period = { from: YEAR, to: YEAR };

describe("report tables from approved returns", () => {
  it("count accepted contributions of approved returns only, and show the campaign's progress", async () => {
    // Funded for 2.1 (primary) and 4.3 (secondary), with a contribution to 1.1 besides.
    const approved = await createFundedPartner(world.campaign.id);
    expect(
      (
        await addOtherContribution({
          current: approved.current,
          returnId: approved.returnId,
          measureCode: "1.1",
        })
      ).outcome,
    ).toBe("created");
    await fillReturn(approved.current, approved.returnId);
    const sent = await submitReturn({
      current: approved.current,
      returnId: approved.returnId,
      submissionKey: `reports-${approved.returnId}`,
      language: "fr",
      baseUrl,
    });
    expect(sent.outcome).toBe("submitted");
    // Another partner fills in its return and never sends it: nothing of it counts.
    const draft = await createFundedPartner(world.campaign.id, {
      funding: { channel: "ASBL_CALL", measures: [["5.1", "PRIMARY"]] },
    });
    await fillReturn(draft.current, draft.returnId);

    const reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
    for (const section of await sectionsOf(approved.returnId)) {
      const notRetained = section.measure?.code === "4.3";
      const done = await decideSection({
        current: reviewer,
        returnId: approved.returnId,
        sectionId: section.id,
        decision: notRetained ? "NOT_RETAINED" : "ACCEPTED",
        note: notRetained ? "Hors du périmètre de la mesure." : null,
      });
      expect(done.outcome).toBe("decided");
    }
    expect(
      await approveReturn({
        current: reviewer,
        returnId: approved.returnId,
        submissionNumber: 1,
        baseUrl,
      }),
    ).toMatchObject({ outcome: "approved", entries: 2 });

    const measures = await loadReportTable("measures-by-channel", period, "fr");
    const asblCall = (theme: string) => measures.rows.find((r) => r.key === theme)!.cells.asblCall;
    expect(asblCall("1")).toMatchObject({ count: 1 });
    expect(asblCall("2")).toMatchObject({ count: 1 });
    expect(asblCall("4")).toMatchObject({ count: 0 });
    expect(asblCall("5")).toMatchObject({ count: 0 });
    expect(measures.total!.cells.asblCall).toMatchObject({ count: 2 });
    const behind = await drillCell("measures-by-channel", period, "2:asblCall", 1, "fr");
    expect(behind?.entries).toEqual([
      expect.objectContaining({
        organisationId: approved.organisation.id,
        measureCode: "2.1",
        link: "PRIMARY",
        source: "APPROVAL",
        returnId: approved.returnId,
      }),
    ]);

    const calls = await loadReportTable("asbl-call-themes", period, "fr");
    expect(calls.rows.find((r) => r.key === "2")!.cells[String(YEAR)]).toMatchObject({ value: 1 });
    expect(calls.rows.find((r) => r.key === "5")!.cells[String(YEAR)]).toMatchObject({ value: 0 });

    const progress = await loadReportTable("campaign-progress", period, "nl");
    expect(progress.rows).toHaveLength(1);
    const row = progress.rows[0]!;
    expect(row).toMatchObject({ key: String(YEAR), label: `GVPP-jaarverslag ${YEAR}` });
    const figures = Object.fromEntries(
      Object.entries(row.cells).map(([key, cell]) => [key, cell.value]),
    );
    expect(figures).toEqual({
      expected: 2,
      received: 1,
      onTime: 1,
      late: 0,
      waiting: 0,
      changesRequested: 0,
      approved: 1,
      entries: 2,
    });
    expect(row.cells.entries!.drill).toBe(`${YEAR}:entries`);
    const entries = await drillCell("campaign-progress", period, `${YEAR}:entries`, 1, "fr");
    expect(entries?.entries.map((e) => e.measureCode).sort()).toEqual(["1.1", "2.1"]);
    expect(await drillCell("campaign-progress", period, `${YEAR}:approved`, 1, "fr")).toBeNull();
  });
});
