// The partner's pages of a return sent back for changes, through their loaders and actions: the
// task list marks the sections sent back (the others as reviewed) and offers no new
// contribution; a section sent back shows the reviewer's comment and its thread with a reply
// form; another section is read-only and refuses a save (409); replies and messages about the
// whole return are posted, empty ones refused with the text kept. On PGlite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import { sessionRequestCookie } from "../fixtures/sessions";
import { createFundedPartner, fillReturn, sectionsOf } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { createSession } from "~/modules/auth/session.server";
import { decideSection } from "~/modules/review/decide.server";
import { requestChanges } from "~/modules/review/send-back.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { loader as checkLoader } from "~/routes/partner/return-check";
import { action as sectionAction, loader as sectionLoader } from "~/routes/partner/return-section";
import {
  action as taskListAction,
  loader as taskListLoader,
} from "~/routes/partner/return-task-list";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });
const ORIGIN = "http://127.0.0.1:3000";

async function sentBackReturn() {
  const partner = await createFundedPartner(world.campaign.id);
  await fillReturn(partner.current, partner.returnId);
  const sent = await submitReturn({
    current: partner.current,
    returnId: partner.returnId,
    submissionKey: `pages-${partner.returnId}`,
    language: "fr",
    baseUrl: ORIGIN,
  });
  expect(sent.outcome).toBe("submitted");
  const sections = await sectionsOf(partner.returnId);
  const reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
  for (const [index, section] of sections.entries()) {
    await decideSection({
      current: reviewer,
      returnId: partner.returnId,
      sectionId: section.id,
      decision: index === 0 ? "CHANGES_NEEDED" : index === 1 ? "NOT_RETAINED" : "ACCEPTED",
      note: index === 0 ? "Précisez le nombre de participants." : index === 1 ? "Hors plan." : null,
    });
  }
  expect(
    (await requestChanges({ current: reviewer, returnId: partner.returnId, submissionNumber: 1 }))
      .outcome,
  ).toBe("sent-back");
  const secret = await prisma.$transaction((tx) => createSession(tx, partner.current.user.id));
  const cookie = await sessionRequestCookie(secret);
  return { ...partner, sections, cookie };
}

type Sent = Awaited<ReturnType<typeof sentBackReturn>>;

function request(r: Sent, path: string, form?: Record<string, string>) {
  return new Request(`${ORIGIN}/fr/partner/returns/${r.returnId}${path}`, {
    method: form ? "POST" : "GET",
    body: form ? new URLSearchParams(form) : undefined,
    headers: { cookie: r.cookie, origin: ORIGIN },
  });
}

/** A thrown redirect or data() answer, or a returned one, as { status, location, body }. */
async function outcome(run: () => Promise<unknown>) {
  const answer: unknown = await run().catch((thrown: unknown) => thrown);
  if (answer instanceof Response)
    return { status: answer.status, location: answer.headers.get("location"), body: null };
  const wrapped = answer as { type?: string; data?: unknown; init?: { status?: number } };
  if (wrapped?.type === "DataWithResponseInit")
    return { status: wrapped.init?.status ?? 200, location: null, body: wrapped.data };
  return { status: 200, location: null, body: answer };
}

describe("the partner's pages of a return sent back for changes", () => {
  it("the task list marks the sections sent back and the others as reviewed, with no new contribution", async () => {
    const r = await sentBackReturn();
    const page = await taskListLoader({
      request: request(r, ""),
      params: { lang: "fr", returnId: r.returnId },
    } as never);
    const [first, second, third] = r.sections;
    expect(page.review?.sentBack).toBe(true);
    expect(page.review?.marks[first!.id]).toBe("changesRequested");
    expect(page.review?.marks[second!.id]).toBe("notRetained");
    expect(page.review?.marks[third!.id]).toBe("accepted");
    expect(page.canAddContribution).toBe(false);
  });

  it("a section sent back shows the reviewer's comment and a reply form; another is read-only and refuses a save", async () => {
    const r = await sentBackReturn();
    const [first, second] = r.sections;
    const params = (sectionId: string) => ({ lang: "fr", returnId: r.returnId, sectionId });
    const open = await sectionLoader({
      request: request(r, `/sections/${first!.id}`),
      params: params(first!.id),
    } as never);
    expect(open.notSentBack).toBe(false);
    expect(open.review).toMatchObject({
      note: "Précisez le nombre de participants.",
      decision: "CHANGES_NEEDED",
      comments: [],
      canReply: true,
    });
    const readOnly = await sectionLoader({
      request: request(r, `/sections/${second!.id}`),
      params: params(second!.id),
    } as never);
    expect(readOnly.notSentBack).toBe(true);
    expect(readOnly.review).toMatchObject({ note: null, decision: "NOT_RETAINED" });

    // A save of the read-only section (a forged or stale post): 409, nothing saved.
    const before = await prisma.returnSection.findUniqueOrThrow({ where: { id: second!.id } });
    const refused = await outcome(() =>
      sectionAction({
        request: request(r, `/sections/${second!.id}`, {
          _intent: "draft",
          _version: String(before.version),
        }),
        params: params(second!.id),
      } as never),
    );
    expect(refused).toMatchObject({ status: 409, body: { outcome: "not-sent-back" } });
    expect(await prisma.returnSection.findUniqueOrThrow({ where: { id: second!.id } })).toEqual(
      before,
    );
  });

  it("replies on a section and messages on the return are posted; an empty one is refused with the page's text kept", async () => {
    const r = await sentBackReturn();
    const first = r.sections[0]!;
    const params = { lang: "fr", returnId: r.returnId, sectionId: first.id };
    const empty = await outcome(() =>
      sectionAction({
        request: request(r, `/sections/${first.id}`, { _intent: "comment", comment: "   " }),
        params,
      } as never),
    );
    expect(empty).toMatchObject({
      status: 400,
      body: { outcome: "comment-invalid", commentError: "body-required", comment: "   " },
    });
    const reply = await outcome(() =>
      sectionAction({
        request: request(r, `/sections/${first.id}`, {
          _intent: "comment",
          comment: "Nous avons eu 120 participants.",
        }),
        params,
      } as never),
    );
    expect(reply.status).toBe(302);
    expect(reply.location).toBe(`/fr/partner/returns/${r.returnId}/sections/${first.id}#comments`);

    const general = await outcome(() =>
      taskListAction({
        request: request(r, "", { _intent: "comment", comment: "Merci, c'est corrigé." }),
        params: { lang: "fr", returnId: r.returnId },
      } as never),
    );
    expect(general).toMatchObject({
      status: 302,
      location: `/fr/partner/returns/${r.returnId}#comments`,
    });
    const comments = await prisma.reviewComment.findMany({
      where: { returnId: r.returnId },
      orderBy: { seq: "asc" },
    });
    expect(comments.map((c) => [c.sectionId, c.side, c.body])).toEqual([
      [first.id, "PARTNER", "Nous avons eu 120 participants."],
      [null, "PARTNER", "Merci, c'est corrigé."],
    ]);
    const page = await sectionLoader({
      request: request(r, `/sections/${first.id}`),
      params,
    } as never);
    expect(page.review?.comments).toEqual([
      expect.objectContaining({ body: "Nous avons eu 120 participants.", language: "fr" }),
    ]);
  });
});

describe("check your answers of a return sent back", () => {
  it("offers to change only the sections sent back", async () => {
    const r = await sentBackReturn();
    const page = await checkLoader({
      request: request(r, "/check"),
      params: { lang: "fr", returnId: r.returnId },
      context: {},
    } as unknown as Parameters<typeof checkLoader>[0]);
    expect(page.changeable).toEqual([r.sections[0]!.id]);
  });
});
