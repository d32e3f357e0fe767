// The staff review queue (review/queue.server.ts): which returns it lists, in which order, under
// which filters, the counts per state, pages of 25, and filters read from the query string
// (bad values dropped). On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { createStaffUser } from "../fixtures/factories";
import { createCampaign, createFundedPartner, fillReturn, PLAN_CODE } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import type {
  FundingChannel,
  MeasureLink,
  OrganisationKind,
  ReturnStatus,
} from "~/generated/prisma/client";
import {
  parseQueueFilters,
  QUEUE_PAGE_SIZE,
  queueQuery,
  type QueueFilters,
} from "~/modules/review/queue-filters";
import { queueFilterChoices, reviewQueue } from "~/modules/review/queue.server";
import { addOtherContribution } from "~/modules/returns/sections.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

setUpReturnWorld({ year: 2022 });

const NOW = new Date("2040-06-30T10:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

let nextYear = 2041;
/** A campaign of its own per test: the year filter keeps each test to its returns. */
async function freshCampaign() {
  const campaign = await createCampaign(nextYear++);
  return prisma.campaign.update({
    where: { id: campaign.id },
    data: { dueAt: daysAgo(20) },
  });
}

const filters = (query: Record<string, string> = {}) =>
  parseQueueFilters(new URLSearchParams(query));

/**
 * A partner's return in `status`, sent `sendings` times (the last one `sentDaysAgo` days ago,
 * late when asked), written straight to the tables as the submit transaction leaves them.
 */
async function queued(
  campaignId: string,
  options: {
    status: ReturnStatus;
    sentDaysAgo?: number;
    late?: boolean;
    sendings?: number;
    kind?: OrganisationKind;
    channel?: FundingChannel;
    measures?: [string, MeasureLink][];
    assigneeId?: string;
    nameFr?: string;
  },
) {
  const partner = await createFundedPartner(campaignId, {
    kind: options.kind,
    language: "nl",
    funding: {
      channel: options.channel ?? "ASBL_CALL",
      ...(options.measures ? { measures: options.measures } : {}),
    },
  });
  const sent = options.status !== "IN_PROGRESS" && options.status !== "NOT_STARTED";
  const submittedAt = sent ? daysAgo(options.sentDaysAgo ?? 10) : null;
  await prisma.organisation.update({
    where: { id: partner.organisation.id },
    data: { ...(options.nameFr ? { nameFr: options.nameFr } : {}) },
  });
  await prisma.annualReturn.update({
    where: { id: partner.returnId },
    data: { status: options.status, submittedAt, assigneeId: options.assigneeId ?? null },
  });
  const sendings = sent ? (options.sendings ?? 1) : 0;
  for (let number = 1; number <= sendings; number++) {
    await prisma.submission.create({
      data: {
        returnId: partner.returnId,
        number,
        submittedAt: new Date(submittedAt!.getTime() - (sendings - number) * 86_400_000),
        // Only the latest sending says whether the return came late.
        late: number === sendings ? (options.late ?? false) : !(options.late ?? false),
        language: "nl",
        snapshot: { sections: [] },
      },
    });
  }
  return { ...partner, id: partner.returnId };
}

const viewer = (userId: string, lang: "fr" | "nl" = "fr") => ({ userId, lang });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("the review queue", () => {
  it("lists the returns waiting for a decision, oldest sending first, with counts for every state of the review flow", async () => {
    const campaign = await freshCampaign();
    const reviewer = await createStaffUser("REVIEWER");
    const old = await queued(campaign.id, { status: "SUBMITTED", sentDaysAgo: 30, late: true });
    const again = await queued(campaign.id, {
      status: "RESUBMITTED",
      sentDaysAgo: 12,
      sendings: 2,
      assigneeId: reviewer.id,
    });
    const fresh = await queued(campaign.id, { status: "SUBMITTED", sentDaysAgo: 2 });
    await queued(campaign.id, { status: "CHANGES_REQUESTED", sentDaysAgo: 40 });
    await queued(campaign.id, { status: "APPROVED", sentDaysAgo: 50 });
    await queued(campaign.id, { status: "REOPENED", sentDaysAgo: 60 });
    await queued(campaign.id, { status: "IN_PROGRESS" });

    const queue = await reviewQueue(
      filters({ year: String(campaign.year) }),
      viewer(reviewer.id, "nl"),
      NOW,
    );
    expect(ids(queue.rows)).toEqual([old.id, again.id, fresh.id]);
    expect(queue.counts).toEqual({
      SUBMITTED: 2,
      RESUBMITTED: 1,
      CHANGES_REQUESTED: 1,
      APPROVED: 1,
      REOPENED: 1,
    });
    expect(queue).toMatchObject({ total: 3, page: 1, pageCount: 1 });
    const [first, second] = queue.rows;
    expect(first).toMatchObject({
      status: "SUBMITTED",
      organisationName: old.organisation.nameNl,
      campaignYear: campaign.year,
      campaignTitle: campaign.titleNl,
      late: true,
      waitingDays: 30,
      assignee: null,
    });
    // The latest of two sendings decides: it was on time, the first was not.
    expect(second).toMatchObject({
      status: "RESUBMITTED",
      late: false,
      waitingDays: 12,
      assignee: { id: reviewer.id, name: reviewer.displayName },
    });

    // One state, or the whole review flow (oldest first), with the same counts.
    const approved = await reviewQueue(
      filters({ year: String(campaign.year), state: "APPROVED" }),
      viewer(reviewer.id),
      NOW,
    );
    expect(approved.rows.map((r) => r.status)).toEqual(["APPROVED"]);
    expect(approved.counts).toEqual(queue.counts);
    const all = await reviewQueue(
      filters({ year: String(campaign.year), state: "all" }),
      viewer(reviewer.id),
      NOW,
    );
    expect(all.rows.map((r) => r.status)).toEqual([
      "REOPENED",
      "APPROVED",
      "CHANGES_REQUESTED",
      "SUBMITTED",
      "RESUBMITTED",
      "SUBMITTED",
    ]);
  });

  it("shows a return sent through the real submission, late flag and all", async () => {
    const campaign = await createCampaign(nextYear++);
    const partner = await createFundedPartner(campaign.id);
    await fillReturn(partner.current, partner.returnId);
    // Past its due date, still open: the sending is late.
    await prisma.campaign.update({
      where: { id: campaign.id },
      data: { dueAt: new Date(Date.now() - 86_400_000) },
    });
    const sent = await submitReturn({
      current: partner.current,
      returnId: partner.returnId,
      submissionKey: `queue-${partner.returnId}`,
      language: "fr",
      baseUrl: "http://127.0.0.1:3000",
    });
    expect(sent.outcome).toBe("submitted");
    const reviewer = await createStaffUser("REVIEWER");
    const queue = await reviewQueue(filters({ year: String(campaign.year) }), viewer(reviewer.id));
    expect(queue.rows).toEqual([
      expect.objectContaining({
        id: partner.returnId,
        status: "SUBMITTED",
        organisationName: partner.organisation.nameFr,
        late: true,
        waitingDays: 0,
      }),
    ]);
  });

  it("filters by kind, channel, theme, measure, assignee and waiting time; counts follow every filter but the state", async () => {
    const campaign = await freshCampaign();
    const year = String(campaign.year);
    const [me, colleague] = [await createStaffUser("REVIEWER"), await createStaffUser("ADMIN")];
    const zone = await queued(campaign.id, {
      status: "SUBMITTED",
      kind: "POLICE_ZONE",
      channel: "FSE",
      measures: [["5.1", "PRIMARY"]],
      sentDaysAgo: 31,
      assigneeId: me.id,
    });
    const commune = await queued(campaign.id, {
      status: "SUBMITTED",
      kind: "COMMUNE",
      channel: "PBPP",
      measures: [["2.1", "PRIMARY"]],
      sentDaysAgo: 15,
      assigneeId: colleague.id,
    });
    const asbl = await queued(campaign.id, {
      status: "RESUBMITTED",
      kind: "NON_PROFIT",
      channel: "ASBL_CALL",
      measures: [["2.3", "PRIMARY"]],
      sentDaysAgo: 3,
    });
    const communeApproved = await queued(campaign.id, {
      status: "APPROVED",
      kind: "COMMUNE",
      channel: "PBPP",
      measures: [["5.1", "PRIMARY"]],
      sentDaysAgo: 60,
    });
    const plan = await prisma.plan.findUniqueOrThrow({
      where: { code: PLAN_CODE },
      include: { measures: true },
    });
    const measure = (code: string) => plan.measures.find((m) => m.code === code)!;

    const run = async (query: Record<string, string>, userId = me.id) =>
      reviewQueue(filters({ year, ...query }), viewer(userId), NOW);

    const communes = await run({ kind: "COMMUNE" });
    expect(ids(communes.rows)).toEqual([commune.id]);
    expect(communes.counts).toMatchObject({ SUBMITTED: 1, RESUBMITTED: 0, APPROVED: 1 });

    expect(ids((await run({ channel: "FSE" })).rows)).toEqual([zone.id]);
    expect(ids((await run({ channel: "ASBL_CALL" })).rows)).toEqual([asbl.id]);

    const measure51 = await run({ measure: measure("5.1").id, state: "all" });
    expect(ids(measure51.rows)).toEqual([communeApproved.id, zone.id]);
    expect(measure51.counts).toMatchObject({ SUBMITTED: 1, APPROVED: 1, RESUBMITTED: 0 });
    // A contribution the partner added on a measure outside its fundings counts too.
    const contributor = await queued(campaign.id, {
      status: "IN_PROGRESS",
      measures: [["2.1", "PRIMARY"]],
    });
    const added = await addOtherContribution({
      current: contributor.current,
      returnId: contributor.id,
      measureCode: "6.4",
    });
    expect(added.outcome).toBe("created");
    await prisma.annualReturn.update({
      where: { id: contributor.id },
      data: { status: "SUBMITTED", submittedAt: daysAgo(1) },
    });
    expect(ids((await run({ measure: measure("6.4").id })).rows)).toEqual([contributor.id]);
    expect((await run({ measure: measure("6.4").id })).counts.SUBMITTED).toBe(1);
    await prisma.annualReturn.update({
      where: { id: contributor.id },
      data: { status: "IN_PROGRESS", submittedAt: null },
    });
    // Theme 2 holds 2.1 and 2.3.
    expect(ids((await run({ theme: measure("2.1").themeId })).rows)).toEqual([commune.id, asbl.id]);

    expect(ids((await run({ assignee: "mine" })).rows)).toEqual([zone.id]);
    expect(ids((await run({ assignee: "mine" }, colleague.id)).rows)).toEqual([commune.id]);
    expect(ids((await run({ assignee: colleague.id })).rows)).toEqual([commune.id]);
    const nobody = await run({ assignee: "none" });
    expect(ids(nobody.rows)).toEqual([asbl.id]);
    expect(nobody.counts).toMatchObject({ SUBMITTED: 0, RESUBMITTED: 1, APPROVED: 1 });

    expect(ids((await run({ waiting: "14" })).rows)).toEqual([zone.id, commune.id]);
    expect(ids((await run({ waiting: "30" })).rows)).toEqual([zone.id]);
    expect(ids((await run({ waiting: "30", kind: "COMMUNE" })).rows)).toEqual([]);

    // A filter matching nothing: no rows, zero counts, one (empty) page.
    const none = await run({ measure: "no-such-measure" });
    expect(none).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1 });
  });

  it("sorts by due date across campaigns, then by oldest sending", async () => {
    const early = await freshCampaign();
    const late = await freshCampaign();
    await prisma.campaign.update({ where: { id: late.id }, data: { dueAt: daysAgo(5) } });
    await prisma.campaign.update({ where: { id: early.id }, data: { dueAt: daysAgo(50) } });
    // Given to one reviewer, so the test sees these three alone over two campaigns.
    const reviewer = await createStaffUser("REVIEWER");
    const assigneeId = reviewer.id;
    const a = await queued(late.id, { status: "SUBMITTED", sentDaysAgo: 40, assigneeId });
    const b = await queued(early.id, { status: "SUBMITTED", sentDaysAgo: 4, assigneeId });
    const c = await queued(early.id, { status: "SUBMITTED", sentDaysAgo: 9, assigneeId });
    const byDue = await reviewQueue(
      filters({ sort: "due", assignee: "mine" }),
      viewer(reviewer.id),
      NOW,
    );
    expect(ids(byDue.rows)).toEqual([c.id, b.id, a.id]);
    const byWaiting = await reviewQueue(filters({ assignee: "mine" }), viewer(reviewer.id), NOW);
    expect(ids(byWaiting.rows)).toEqual([a.id, c.id, b.id]);
  });

  it("pages 25 at a time without overlap, and a page past the end shows the last one", async () => {
    const campaign = await freshCampaign();
    const reviewer = await createStaffUser("REVIEWER");
    const sent: string[] = [];
    // Two with the same sending time: the id keeps their order stable across pages.
    for (let i = 0; i < QUEUE_PAGE_SIZE + 2; i++) {
      const r = await queued(campaign.id, {
        status: "SUBMITTED",
        sentDaysAgo: 100 - Math.min(i, 30),
      });
      sent.push(r.id);
    }
    const year = String(campaign.year);
    const first = await reviewQueue(filters({ year }), viewer(reviewer.id), NOW);
    const second = await reviewQueue(filters({ year, page: "2" }), viewer(reviewer.id), NOW);
    const beyond = await reviewQueue(filters({ year, page: "9" }), viewer(reviewer.id), NOW);
    expect(first.rows).toHaveLength(QUEUE_PAGE_SIZE);
    expect(second.rows).toHaveLength(2);
    expect(first).toMatchObject({ total: QUEUE_PAGE_SIZE + 2, page: 1, pageCount: 2 });
    expect(new Set([...ids(first.rows), ...ids(second.rows)])).toEqual(new Set(sent));
    expect(beyond.page).toBe(2);
    expect(ids(beyond.rows)).toEqual(ids(second.rows));
  });

  it("offers the campaign years, themes, measures and active reviewers as filter choices", async () => {
    const reviewer = await createStaffUser("REVIEWER");
    const gone = await createStaffUser("REVIEWER");
    await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    const choices = await queueFilterChoices("nl");
    expect(choices.years).toContain(2022);
    expect(choices.years).toEqual([...choices.years].sort((a, b) => b - a));
    const measure = await prisma.measure.findFirstOrThrow({ where: { code: "5.1" } });
    expect(choices.measures).toContainEqual({
      id: measure.id,
      code: "5.1",
      title: measure.titleNl,
    });
    expect(choices.themes.map((t) => t.id)).toContain(measure.themeId);
    expect(choices.reviewers).toContainEqual({ id: reviewer.id, name: reviewer.displayName });
    expect(choices.reviewers.map((r) => r.id)).not.toContain(gone.id);
  });
});

describe("the queue's filters in the query string", () => {
  it("defaults to waiting returns, oldest sending first, page 1", () => {
    expect(filters()).toEqual<QueueFilters>({ state: "waiting", sort: "waiting", page: 1 });
  });

  it("drops bad values and keeps the good ones", () => {
    expect(
      filters({
        state: "DRAFT",
        year: "20x2",
        channel: "CASH",
        kind: "<script>",
        theme: "'; DROP TABLE",
        measure: "a".repeat(500),
        assignee: "mine\u0000",
        waiting: "8",
        sort: "random",
        page: "-3",
      }),
    ).toEqual({ state: "waiting", sort: "waiting", page: 1 });
    expect(
      filters({
        state: "CHANGES_REQUESTED",
        year: "2023",
        channel: "FSE",
        kind: "COMMUNE",
        assignee: "none",
        waiting: "14",
        sort: "due",
        page: "3",
      }),
    ).toEqual({
      state: "CHANGES_REQUESTED",
      year: 2023,
      channel: "FSE",
      kind: "COMMUNE",
      assignee: "none",
      waiting: 14,
      sort: "due",
      page: 3,
    });
  });

  it("writes back only what differs from the defaults", () => {
    const parsed = filters({ state: "all", channel: "LISA", page: "2" });
    expect(queueQuery(parsed)).toBe("?state=all&channel=LISA&page=2");
    expect(queueQuery(parsed, { page: 1 })).toBe("?state=all&channel=LISA");
    expect(queueQuery(filters())).toBe("");
  });
});
