// The completeness dashboard of a campaign (completeness/completeness.server.ts, csv.server.ts,
// routes/staff/campaign-completeness*.ts): a hand-built campaign with a return in every state,
// exact counts and rates overall, per channel (an organisation with two channels counts under
// both) and per kind; on time against the extension when there is one; the late list with its
// contacts and last reminder; the CSV (Excel-ready, neutralised, audited); staff only.
// Dates are relative to the real clock, so the routes (which read the time) see the same world.
// PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../fixtures/csv-reader";
import { createPartnerUser, createStaffUser } from "../fixtures/factories";
import { writeSession } from "../fixtures/sessions";
import { PLAN_CODE } from "../fixtures/returns";
import { seedReferenceData } from "../../prisma/seed/load";
import { seedDefaultTemplate } from "../../prisma/seed/returns";
import type {
  FundingChannel,
  OrganisationKind,
  ReminderKind,
  ReturnStatus,
} from "~/generated/prisma/enums";
import { sessionCookie } from "~/modules/auth/cookies.server";
import {
  completenessFigures,
  findCompletenessCampaign,
  lateReturns,
  type CompletenessCampaign,
} from "~/modules/completeness/completeness.server";
import { lateCsvFileName } from "~/modules/completeness/csv.server";
import { addBrusselsDays, atBrussels, brusselsDay } from "~/modules/returns/deadlines";
import { loader as pageLoader } from "~/routes/staff/campaign-completeness";
import { loader as csvLoader } from "~/routes/staff/campaign-completeness-csv";
import { prisma } from "~/utils/db.server";

const now = new Date();
const today = brusselsDay(now);
// The campaign's due day was 10 days ago (23:59 Brussels).
const dueDay = addBrusselsDays(today, -10);
const day = (offset: number, time = "10:00") => atBrussels(addBrusselsDays(dueDay, offset), time);
const dueAt = day(0, "23:59");
const YEAR = 2040;

let campaign: CompletenessCampaign;
const ids: Record<string, string> = {};
let templateId: string;
let sequence = 0;

interface ReturnSpec {
  key: string;
  name: string;
  kind: OrganisationKind;
  /** Channels of fundings running in the campaign's year (one funding each). */
  channels: FundingChannel[];
  status: ReturnStatus;
  /** When each submission was sent, first to last. */
  submissions?: Date[];
  extendedDueAt?: Date;
  sections?: { completed: number; total: number };
}

async function buildReturn(spec: ReturnSpec) {
  const organisation = await prisma.organisation.create({
    data: {
      slug: `completeness-${spec.key}-${++sequence}`,
      kind: spec.kind,
      nameFr: spec.name,
      nameNl: `${spec.name} (nl)`,
    },
  });
  for (const [index, channel] of spec.channels.entries()) {
    await prisma.funding.create({
      data: {
        organisationId: organisation.id,
        channel,
        startYear: YEAR - 1,
        endYear: YEAR + 1,
        title: `Subvention ${spec.key} ${index}`,
      },
    });
  }
  const submissions = spec.submissions ?? [];
  const annualReturn = await prisma.annualReturn.create({
    data: {
      campaignId: campaign.id,
      organisationId: organisation.id,
      templateId,
      status: spec.status,
      submittedAt: submissions.at(-1) ?? null,
      ...(spec.extendedDueAt
        ? { extendedDueAt: spec.extendedDueAt, extensionReason: "Inondation des bureaux" }
        : {}),
    },
  });
  for (const [index, submittedAt] of submissions.entries()) {
    await prisma.submission.create({
      data: {
        returnId: annualReturn.id,
        number: index + 1,
        submittedAt,
        late: submittedAt > dueAt,
        language: "fr",
        snapshot: {},
      },
    });
  }
  const sections = spec.sections ?? { completed: 0, total: 2 };
  for (let i = 0; i < sections.total; i++) {
    await prisma.returnSection.create({
      data: {
        returnId: annualReturn.id,
        slotKey: `S${i}`,
        kind: "ORGANISATION",
        templateSection: "A",
        position: i,
        origin: "TEMPLATE",
        status: i < sections.completed ? "COMPLETED" : "IN_PROGRESS",
      },
    });
  }
  ids[spec.key] = annualReturn.id;
  ids[`${spec.key}:organisation`] = organisation.id;
  return { organisation, annualReturn };
}

async function contact(
  organisationKey: string,
  input: {
    name: string;
    email: string;
    language: "fr" | "nl";
    role: "MAIN" | "BACKUP" | "NONE";
    active?: boolean;
  },
) {
  await prisma.user.create({
    data: {
      email: input.email,
      displayName: input.name,
      preferredLanguage: input.language,
      active: input.active ?? true,
      memberships: {
        create: { organisationId: ids[`${organisationKey}:organisation`]!, reportRole: input.role },
      },
    },
  });
}

async function dispatch(returnKey: string, at: Date, kind: ReminderKind, queued = true) {
  await prisma.reminderDispatch.create({
    data: {
      campaignId: campaign.id,
      returnId: ids[returnKey]!,
      ruleKey: `test:${kind}:${at.toISOString()}`,
      kind,
      recipient: "zoe.main@example.org",
      day: brusselsDay(at),
      status: queued ? "QUEUED" : "SKIPPED",
      skipReason: queued ? null : "already-today",
      createdAt: at,
    },
  });
}

const NEUTRALISED_NAME = '=HYPERLINK("http://evil.example";"clic")';

beforeAll(async () => {
  await seedReferenceData(prisma);
  templateId = (await seedDefaultTemplate()).id;
  const plan = await prisma.plan.findUniqueOrThrow({ where: { code: PLAN_CODE } });
  const created = await prisma.campaign.create({
    data: {
      planId: plan.id,
      year: YEAR,
      templateId,
      titleFr: `Rapport annuel ${YEAR}`,
      titleNl: `Jaarverslag ${YEAR}`,
      opensAt: day(-70),
      dueAt,
      graceDays: 7,
      status: "OPEN",
    },
  });
  campaign = (await findCompletenessCampaign(created.id))!;

  // A: not started, late 10 days, past the 7 grace days; two fundings of one channel.
  await buildReturn({
    key: "A",
    name: "Alpha asbl",
    kind: "NON_PROFIT",
    channels: ["ASBL_CALL", "ASBL_CALL"],
    status: "NOT_STARTED",
    sections: { completed: 1, total: 3 },
  });
  // B: two channels, in progress, with an extension 20 days after the due date: not late.
  await buildReturn({
    key: "B",
    name: "Bravo commune",
    kind: "COMMUNE",
    channels: ["PBPP", "LISA"],
    status: "IN_PROGRESS",
    extendedDueAt: day(20, "23:59"),
  });
  // A funding of B that ended before the campaign's year: not a channel of this return.
  await prisma.funding.create({
    data: {
      organisationId: ids["B:organisation"]!,
      channel: "FSE",
      startYear: YEAR - 3,
      endYear: YEAR - 1,
      title: "Ancienne subvention",
    },
  });
  // C: sent at the very minute of the due date: on time.
  await buildReturn({
    key: "C",
    name: "Charlie zone",
    kind: "POLICE_ZONE",
    channels: ["FSE"],
    status: "SUBMITTED",
    submissions: [dueAt],
  });
  // D: sent one minute after it: late.
  await buildReturn({
    key: "D",
    name: "Delta asbl",
    kind: "NON_PROFIT",
    channels: ["ASBL_CALL"],
    status: "SUBMITTED",
    submissions: [new Date(dueAt.getTime() + 60_000)],
  });
  // E: sent 3 days after the campaign's due date, within its 5-day extension: on time.
  await buildReturn({
    key: "E",
    name: "Echo asbl",
    kind: "NON_PROFIT",
    channels: ["ASBL_CALL"],
    status: "SUBMITTED",
    submissions: [day(3)],
    extendedDueAt: day(5, "23:59"),
  });
  // F: sent on time, then sent back.
  await buildReturn({
    key: "F",
    name: "Foxtrot asbl",
    kind: "NON_PROFIT",
    channels: ["ASBL_OUTSIDE_CALL"],
    status: "CHANGES_REQUESTED",
    submissions: [day(-6)],
  });
  // G: first sent on time, sent again late, approved: on time (the first sending counts).
  await buildReturn({
    key: "G",
    name: "Golf organisme",
    kind: "REGIONAL_BODY",
    channels: ["REGIONAL"],
    status: "APPROVED",
    submissions: [day(-1), day(4)],
  });
  // H: approved then reopened, not sent again: received, in progress, and late again.
  await buildReturn({
    key: "H",
    name: "Hotel antenne",
    kind: "LISA_ANTENNA",
    channels: ["LISA"],
    status: "REOPENED",
    submissions: [day(-30)],
    sections: { completed: 2, total: 2 },
  });
  // I: first sent late, sent back, sent again.
  await buildReturn({
    key: "I",
    name: "India asbl",
    kind: "NON_PROFIT",
    channels: ["ASBL_CALL"],
    status: "RESUBMITTED",
    submissions: [day(1), day(3)],
  });
  // J: no funding this year, an extension that ran out 5 days ago; a name a spreadsheet
  // would run.
  await buildReturn({
    key: "J",
    name: NEUTRALISED_NAME,
    kind: "NON_PROFIT",
    channels: [],
    status: "NOT_STARTED",
    extendedDueAt: day(5, "23:59"),
  });

  await contact("A", {
    name: "Zoé Main",
    email: "zoe.main@example.org",
    language: "fr",
    role: "MAIN",
  });
  await contact("A", {
    name: "Bart Backup",
    email: "bart@example.org",
    language: "nl",
    role: "BACKUP",
  });
  await contact("A", {
    name: "Anne Aucun",
    email: "anne@example.org",
    language: "fr",
    role: "NONE",
  });
  await contact("A", {
    name: "Ancien Main",
    email: "ancien@example.org",
    language: "fr",
    role: "MAIN",
    active: false,
  });
  await contact("J", {
    name: "+Bob Formule",
    email: "bob@example.org",
    language: "fr",
    role: "MAIN",
  });

  await dispatch("A", day(-60, "09:00"), "INVITATION");
  await dispatch("A", day(2, "09:00"), "AFTER_DUE");
  // Skipped, later: not a reminder sent.
  await dispatch("A", day(5, "09:00"), "AFTER_DUE", false);
  // Another campaign's return has nothing to do with this one.
  const other = await prisma.campaign.create({
    data: {
      planId: plan.id,
      year: YEAR + 1,
      templateId,
      titleFr: "Autre",
      titleNl: "Andere",
      opensAt: day(-70),
      dueAt: day(-40),
      status: "OPEN",
    },
  });
  await prisma.annualReturn.create({
    data: { campaignId: other.id, organisationId: ids["A:organisation"]!, templateId },
  });
}, 120_000);

describe("the figures", () => {
  it("puts each return in one bucket and counts received, on time and approved exactly", async () => {
    const { overall } = await completenessFigures(campaign);
    expect(overall.expected).toBe(10);
    expect(overall.buckets).toEqual({
      notStarted: 2, // A, J
      inProgress: 2, // B, H (reopened)
      submittedOnTime: 2, // C (at the minute), E (extension)
      submittedLate: 2, // D, I
      changesRequested: 1, // F
      approved: 1, // G
    });
    expect(overall.received).toBe(7);
    expect(overall.receivedOnTime).toBe(5); // C, E, F, G, H
    expect(overall.receivedLate).toBe(2); // D, I
    expect(overall.rates).toEqual({
      received: { count: 7, of: 10, percent: 70 },
      onTime: { count: 5, of: 10, percent: 50 },
      approved: { count: 1, of: 10, percent: 10 },
    });
  });

  it("counts a return under each channel running in the year, once, and under its kind", async () => {
    const { byChannel, byKind } = await completenessFigures(campaign);
    const channels = Object.fromEntries(
      byChannel.map(({ group, figures }) => [
        group,
        [figures.expected, figures.received, figures.receivedOnTime, figures.approved],
      ]),
    );
    expect(channels).toEqual({
      FSE: [1, 1, 1, 0], // C (B's FSE funding ended before the year)
      PBPP: [1, 0, 0, 0], // B
      LISA: [2, 1, 1, 0], // B, H
      REGIONAL: [1, 1, 1, 1], // G
      ASBL_CALL: [4, 3, 1, 0], // A (two fundings, counted once), D, E, I
      ASBL_OUTSIDE_CALL: [1, 1, 1, 0], // F
      NONE: [1, 0, 0, 0], // J
    });
    // In the order of the channels, "none" last.
    expect(byChannel.map((g) => g.group)).toEqual([
      "FSE",
      "PBPP",
      "LISA",
      "REGIONAL",
      "ASBL_CALL",
      "ASBL_OUTSIDE_CALL",
      "NONE",
    ]);
    const asbl = byChannel.find((g) => g.group === "ASBL_CALL")!.figures;
    expect(asbl.rates.received.percent).toBe(75);
    expect(asbl.rates.onTime.percent).toBe(25);

    const kinds = Object.fromEntries(byKind.map(({ group, figures }) => [group, figures]));
    expect(Object.keys(kinds)).toEqual([
      "POLICE_ZONE",
      "COMMUNE",
      "LISA_ANTENNA",
      "REGIONAL_BODY",
      "NON_PROFIT",
    ]);
    expect(kinds.NON_PROFIT!.expected).toBe(6);
    expect(kinds.NON_PROFIT!.rates.received).toEqual({ count: 4, of: 6, percent: 66.7 });
    expect(kinds.NON_PROFIT!.rates.onTime).toEqual({ count: 2, of: 6, percent: 33.3 });
    expect(kinds.REGIONAL_BODY!.rates.approved.percent).toBe(100);
    expect(kinds.COMMUNE!.rates.received.percent).toBe(0);
  });
});

describe("the late list", () => {
  it("lists the returns still to send past their due date, most overdue first", async () => {
    const late = await lateReturns(campaign, now, "fr");
    expect(late.total).toBe(3);
    // B's extension runs; C to I were sent (H was reopened: to send again).
    expect(late.rows.map((r) => r.returnId)).toEqual([ids.A, ids.H, ids.J]);
    const [a, h, j] = late.rows;
    expect(a).toMatchObject({
      organisationName: "Alpha asbl",
      kind: "NON_PROFIT",
      status: "NOT_STARTED",
      dueAt,
      extended: false,
      daysLate: 10,
      pastGrace: true,
      sectionsCompleted: 1,
      sectionsTotal: 3,
      lastReminder: { at: day(2, "09:00"), kind: "AFTER_DUE" },
    });
    // Main contacts, then backups; active accounts with a report role only.
    expect(a!.contacts).toEqual([
      { name: "Zoé Main", email: "zoe.main@example.org", language: "fr", role: "MAIN" },
      { name: "Bart Backup", email: "bart@example.org", language: "nl", role: "BACKUP" },
    ]);
    expect(h).toMatchObject({ status: "REOPENED", sectionsCompleted: 2, lastReminder: null });
    expect(j).toMatchObject({
      organisationName: NEUTRALISED_NAME,
      dueAt: day(5, "23:59"),
      extended: true,
      daysLate: 5,
      pastGrace: false,
    });
    // In the page's language.
    const nl = await lateReturns(campaign, now, "nl");
    expect(nl.rows[0]!.organisationName).toBe("Alpha asbl (nl)");
  });

  it("gives a page of rows with the total", async () => {
    const page = await lateReturns(campaign, now, "fr", { limit: 2 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.returnId)).toEqual([ids.A, ids.H]);
  });

  it("is empty before the due date", async () => {
    const before = await lateReturns(campaign, day(0, "12:00"), "fr");
    expect(before).toEqual({ total: 0, rows: [] });
  });
});

async function request(
  loader: typeof pageLoader | typeof csvLoader,
  userId: string | null,
  lang: "fr" | "nl",
  campaignId = campaign.id,
) {
  const headers: Record<string, string> = {};
  if (userId) headers.cookie = `${sessionCookie.name}=${await writeSession(prisma, userId)}`;
  const suffix = loader === csvLoader ? "completeness.csv" : "completeness";
  const url = `http://localhost/${lang}/staff/campaigns/${campaignId}/${suffix}`;
  return loader({
    request: new Request(url, { headers }),
    params: { lang, campaignId },
    context: {},
  } as never);
}

const thrownStatus = (error: unknown) =>
  error instanceof Response
    ? error.status
    : ((error as { init?: { status?: number } } | null)?.init?.status ?? error);

describe("the page and the CSV", () => {
  it("show the figures to reviewers and administrators, who may both send reminders", async () => {
    const reviewer = await createStaffUser("REVIEWER");
    const admin = await createStaffUser("ADMIN");
    const asReviewer = (await request(pageLoader, reviewer.id, "fr")) as Awaited<
      ReturnType<typeof pageLoader>
    >;
    expect(asReviewer.figures.overall.expected).toBe(10);
    expect(asReviewer.late.total).toBe(3);
    // As the reminders page's "send now" allows (campaign-reminders.tsx: return:read-any).
    expect(asReviewer.canSend).toBe(true);
    const asAdmin = (await request(pageLoader, admin.id, "nl")) as Awaited<
      ReturnType<typeof pageLoader>
    >;
    expect(asAdmin.canSend).toBe(true);
    expect(asAdmin.campaign.title).toBe(`Jaarverslag ${YEAR}`);
  });

  it("is an Excel-ready file of the late partners: BOM, ';', headers in the page's language", async () => {
    const reviewer = await createStaffUser("REVIEWER");
    const response = (await request(csvLoader, reviewer.id, "fr")) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${lateCsvFileName("fr", YEAR, now)}"`,
    );
    expect(lateCsvFileName("nl", 2023, new Date("2026-12-31T23:30:00Z"))).toBe(
      "partners-te-laat-2023-2027-01-01.csv",
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(new TextDecoder().decode(bytes.slice(3)));
    const [header, ...body] = rows;
    expect(header).toEqual([
      "Organisation",
      "Type d'organisation",
      "Échéance",
      "Échéance prolongée",
      "Jours de retard",
      "État",
      "Sections terminées",
      "Sections au total",
      "Contacts principaux",
      "Contacts suppléants",
      "Dernier rappel",
      "Type du dernier rappel",
      "Identifiant du rapport",
    ]);
    expect(body).toHaveLength(3);
    expect(body[0]).toEqual([
      "Alpha asbl",
      "ASBL",
      dueDay,
      "non",
      "10",
      "Pas commencé",
      "1",
      "3",
      "Zoé Main <zoe.main@example.org> (FR)",
      "Bart Backup <bart@example.org> (NL)",
      expect.stringMatching(new RegExp(`^${addBrusselsDays(dueDay, 2)} 09:00$`)),
      "rappel après l'échéance",
      ids.A,
    ]);
    // Cells a spreadsheet would run start with an apostrophe, the text kept whole.
    expect(body[2]![0]).toBe(`'${NEUTRALISED_NAME}`);
    expect(body[2]![3]).toBe("oui");
    expect(body[2]![8]).toBe("'+Bob Formule <bob@example.org> (FR)");

    const nl = readCsv(await ((await request(csvLoader, reviewer.id, "nl")) as Response).text());
    expect(nl[0]![0]).toBe("Organisatie");
    expect(nl[1]![0]).toBe("Alpha asbl (nl)");
    expect(nl[1]![5]).toBe("Niet begonnen");

    const audits = await prisma.auditEvent.findMany({
      where: { action: "completeness.late-exported", actorUserId: reviewer.id },
      orderBy: { occurredAt: "asc" },
    });
    // Who, which campaign, how many rows: never names or addresses.
    expect(audits.map((a) => [a.targetType, a.targetId, a.details])).toEqual([
      ["Campaign", campaign.id, { rows: 3, language: "fr" }],
      ["Campaign", campaign.id, { rows: 3, language: "nl" }],
    ]);
  });

  it("are a 404 for partners (even of a listed organisation) and for an unknown campaign", async () => {
    const partner = await createPartnerUser([ids["A:organisation"]!]);
    expect(await request(pageLoader, partner.id, "fr").catch(thrownStatus)).toBe(404);
    expect(await request(csvLoader, partner.id, "fr").catch(thrownStatus)).toBe(404);
    expect(
      await prisma.auditEvent.count({
        where: { action: "completeness.late-exported", actorUserId: partner.id },
      }),
    ).toBe(0);
    const reviewer = await createStaffUser("REVIEWER");
    expect(await request(pageLoader, reviewer.id, "fr", "nope").catch(thrownStatus)).toBe(404);
    expect(await request(csvLoader, reviewer.id, "fr", "nope").catch(thrownStatus)).toBe(404);
    const anonymous = await request(pageLoader, null, "fr").catch((e: unknown) => e);
    expect((anonymous as Response).headers.get("Location")).toMatch(/^\/fr\/login\?redirectTo=/);
  });
});
