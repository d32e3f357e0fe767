// The screening's pages through their loaders and actions with real sessions: the review page
// warns before approval and lists the findings after it; the finding's forms refuse a missing
// reason or wording with what was typed kept (400), go back where they came from (same-site
// staff pages only) with the status, and answer 409 naming who resolved it first; the queue
// filters by status and kind; partners get 404. On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import { sectionsOf } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import {
  approvedReturnWithPersonalData,
  sentReturnWithPersonalData,
} from "../fixtures/screening-returns";
import { writeSession } from "../fixtures/sessions";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { decideSection } from "~/modules/review/decide.server";
import { loader as returnLoader } from "~/routes/staff/return";
import { loader as queueLoader } from "~/routes/staff/screening";
import { action, loader as findingLoader } from "~/routes/staff/screening-finding";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2023 });

const signedIn = async (userId: string) =>
  `${sessionCookie.name}=${await writeSession(prisma, userId)}`;

function args(cookie: string, path: string, params: Record<string, string>, form?: object) {
  const request = new Request(`http://localhost${path}`, {
    method: form ? "POST" : "GET",
    headers: {
      cookie,
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form ? new URLSearchParams(form as Record<string, string>).toString() : undefined,
  });
  return {
    request,
    params: { lang: "fr", ...params },
    url: new URL(request.url),
    context: {},
  } as never;
}

/** The action's answer: a redirect (thrown Response), data with a status, or a thrown 404. */
async function post(cookie: string, findingId: string, form: Record<string, string>) {
  const path = `/fr/staff/screening/${findingId}`;
  try {
    const answer = (await action(args(cookie, path, { findingId }, form))) as unknown as {
      data: Record<string, unknown>;
      init: { status: number };
    };
    return { status: answer.init.status, data: answer.data, location: null };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, data: null, location: thrown.headers.get("location") };
    const status = (thrown as { init?: { status?: number } }).init?.status;
    if (status) return { status, data: null, location: null };
    throw thrown;
  }
}

const returnPage = (cookie: string, returnId: string, query = "") =>
  returnLoader(args(cookie, `/fr/staff/returns/${returnId}${query}`, { returnId }));

describe("the review page's screening", () => {
  it("before approval, says how many possible personal data the accepted sections hold", async () => {
    const partner = await sentReturnWithPersonalData(world.campaign.id);
    const reviewer = await createStaffUser("REVIEWER");
    const cookie = await signedIn(reviewer.id);
    const current = await asCurrent(reviewer.id);
    const sections = await sectionsOf(partner.returnId);
    for (const section of sections) {
      await decideSection({
        current,
        returnId: partner.returnId,
        sectionId: section.id,
        decision: "ACCEPTED",
      });
    }
    const page = await returnPage(cookie, partner.returnId);
    expect(page.can.approve).toBe(true);
    const contributions = sections.filter(
      (s) => s.kind === "FUNDED_MEASURE" || s.kind === "OTHER_CONTRIBUTION",
    ).length;
    // A national number, an IBAN and an email in each narrative, a phone in each figure label.
    expect(page.possiblePersonalData).toBe(contributions * 4);
    expect(page.screening.entries).toEqual([]);

    // A contribution not retained does not count.
    const funded = sections.find((s) => s.kind === "FUNDED_MEASURE")!;
    await decideSection({
      current,
      returnId: partner.returnId,
      sectionId: funded.id,
      decision: "NOT_RETAINED",
      note: "Hors périmètre.",
    });
    expect((await returnPage(cookie, partner.returnId)).possiblePersonalData).toBe(
      (contributions - 1) * 4,
    );
  });

  it("after approval, lists each entry's findings; a resolution comes back with its status", async () => {
    const approved = await approvedReturnWithPersonalData(world.campaign.id);
    const cookie = await signedIn(approved.reviewer.user.id);
    const page = await returnPage(cookie, approved.returnId);
    expect(page.screening.canResolve).toBe(true);
    expect(page.screening.entries).toHaveLength(approved.entries.length);
    const first = page.screening.entries[0]!.findings[0]!;
    expect(first).toMatchObject({ status: "OPEN", kind: "NATIONAL_NUMBER" });

    const back = `/fr/staff/returns/${approved.returnId}#screening`;
    const done = await post(cookie, first.id, { action: "confirm", returnTo: back });
    expect(done).toMatchObject({ status: 302 });
    expect(done.location).toBe(
      `/fr/staff/returns/${approved.returnId}?screened=CONFIRMED#screening`,
    );
    const after = await returnPage(cookie, approved.returnId, "?screened=CONFIRMED");
    expect(after.screening.screened).toBe("CONFIRMED");
    expect(after.screening.entries[0]!.findings[0]).toMatchObject({
      status: "CONFIRMED",
      resolvedBy: approved.reviewer.user.displayName,
    });
  });
});

describe("a finding's forms", () => {
  it("refuse a missing reason or wording with what was typed kept, nothing written", async () => {
    const approved = await approvedReturnWithPersonalData(world.campaign.id);
    const cookie = await signedIn(approved.reviewer.user.id);
    const finding = await prisma.personalDataFinding.findFirstOrThrow({
      where: { entryId: approved.entries[0]!.id },
    });
    const override = await post(cookie, finding.id, {
      action: "override",
      reason: "  ",
      returnTo: "/fr/staff/screening",
    });
    expect(override).toMatchObject({
      status: 400,
      data: {
        errors: { [`reason-${finding.id}`]: "errors.reasonRequired" },
        values: { reason: "  " },
      },
    });
    const redact = await post(cookie, finding.id, {
      action: "redact",
      replacement: "é".repeat(201),
      returnTo: "/fr/staff/screening",
    });
    expect(redact).toMatchObject({
      status: 400,
      data: {
        errors: { [`replacement-${finding.id}`]: "errors.replacementTooLong" },
        values: { replacement: "é".repeat(201) },
      },
    });
    // A reason pasted far over its limit (17,000 accented characters, ~100 kB once encoded)
    // still gets the page's own answer, with the text kept: not a refusal of the whole body.
    const long = "é".repeat(17_000);
    const tooLong = await post(cookie, finding.id, {
      action: "override",
      reason: long,
      returnTo: "/fr/staff/screening",
    });
    expect(tooLong).toMatchObject({
      status: 400,
      data: { errors: { [`reason-${finding.id}`]: "errors.reasonTooLong" } },
    });
    expect((tooLong.data as { values: { reason: string } } | null)!.values.reason).toBe(long);
    expect(
      (await prisma.personalDataFinding.findUniqueOrThrow({ where: { id: finding.id } })).status,
    ).toBe("OPEN");
    // An unknown action is no form of this page.
    expect(await post(cookie, finding.id, { action: "delete" })).toMatchObject({ status: 400 });
  });

  it("go back to the queue when asked to go elsewhere, and answer 409 the second time", async () => {
    const approved = await approvedReturnWithPersonalData(world.campaign.id);
    const cookie = await signedIn(approved.reviewer.user.id);
    const admin = await signedIn((await createStaffUser("ADMIN")).id);
    const finding = await prisma.personalDataFinding.findFirstOrThrow({
      where: { entryId: approved.entries[0]!.id, kind: "EMAIL" },
    });
    const first = await post(cookie, finding.id, {
      action: "redact",
      replacement: "l'adresse du coordinateur",
      returnTo: "https://evil.example/steal",
    });
    expect(first.location).toBe("/fr/staff/screening?screened=REDACTED");
    const second = await post(admin, finding.id, {
      action: "override",
      reason: "Adresse générique.",
      returnTo: "/fr/staff/screening?kind=EMAIL",
    });
    expect(second).toMatchObject({
      status: 409,
      data: {
        returnTo: "/fr/staff/screening?kind=EMAIL",
        conflict: { status: "REDACTED", resolvedBy: approved.reviewer.user.displayName },
      },
    });
    expect(
      await prisma.personalDataFinding.findUniqueOrThrow({ where: { id: finding.id } }),
    ).toMatchObject({ status: "REDACTED", replacement: "l'adresse du coordinateur", reason: null });
  });

  it("are not for partners: 404, nothing written", async () => {
    const approved = await approvedReturnWithPersonalData(world.campaign.id);
    const partnerCookie = await signedIn(approved.user.id);
    const finding = await prisma.personalDataFinding.findFirstOrThrow({
      where: { entryId: approved.entries[0]!.id },
    });
    expect(await post(partnerCookie, finding.id, { action: "confirm" })).toMatchObject({
      status: 404,
    });
    await expect(
      findingLoader(
        args(partnerCookie, `/fr/staff/screening/${finding.id}`, { findingId: finding.id }),
      ),
    ).rejects.toMatchObject({ init: { status: 404 } });
    await expect(queueLoader(args(partnerCookie, "/fr/staff/screening", {}))).rejects.toMatchObject(
      { init: { status: 404 } },
    );
    expect(
      (await prisma.personalDataFinding.findUniqueOrThrow({ where: { id: finding.id } })).status,
    ).toBe("OPEN");
  });
});

describe("the screening queue", () => {
  it("shows open findings by default, filters by kind and status, with counts", async () => {
    const approved = await approvedReturnWithPersonalData(world.campaign.id);
    const cookie = await signedIn(approved.reviewer.user.id);
    const open = await queueLoader(args(cookie, "/fr/staff/screening?kind=IBAN", {}));
    expect(open.filters).toMatchObject({ status: "OPEN", kind: "IBAN", page: 1 });
    expect(open.queue.rows.length).toBeGreaterThan(0);
    expect(open.queue.rows.every((r) => r.kind === "IBAN" && r.status === "OPEN")).toBe(true);
    const mine = open.queue.rows.find((r) => r.entry.returnId === approved.returnId)!;
    expect(mine.entry.organisationName).toBe(approved.organisation.nameFr);
    expect(mine.excerpt.match).toMatch(/^BE\d\d /);

    await post(cookie, mine.id, {
      action: "override",
      reason: "Compte public.",
      returnTo: "/fr/staff/screening",
    });
    const overridden = await queueLoader(
      args(cookie, "/fr/staff/screening?status=OVERRIDDEN&kind=IBAN&page=99", {}),
    );
    expect(overridden.queue.page).toBe(overridden.queue.pageCount);
    expect(overridden.queue.counts.OVERRIDDEN).toBeGreaterThanOrEqual(1);
    const all = await queueLoader(args(cookie, "/fr/staff/screening?status=all&kind=nonsense", {}));
    expect(all.filters).toMatchObject({ status: "all", kind: undefined });
    expect(all.queue.total).toBe(
      Object.values(all.queue.counts).reduce((sum, count) => sum + count, 0),
    );
  });
});
