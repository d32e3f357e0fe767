// The staff review page of one return (routes/staff/return.tsx over review/review-page.server.ts):
// what its loader shows of a resubmitted return (answers as sent, what changed since the
// submission before, decisions carried over, threads), in a number of queries that does not grow
// with the sections; and how its action answers each form: done → redirect with a status
// message, refused → the field's message with what was typed, 409 when someone acted meanwhile,
// 404 for partners. On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import {
  createCampaign,
  createFundedPartner,
  fillReturn,
  sectionsOf,
  validAnswers,
} from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { writeSession } from "../fixtures/sessions";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { countQueries } from "../fixtures/sql-recorder";
import { decideSection } from "~/modules/review/decide.server";
import { postComment } from "~/modules/review/comments.server";
import { requestChanges } from "~/modules/review/send-back.server";
import { saveSection } from "~/modules/returns/sections.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { action, loader } from "~/routes/staff/return";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });

/** The `Cookie` header of a written session (second factor passed), for this process's app. */
const signedIn = async (userId: string) =>
  `${sessionCookie.name}=${await writeSession(prisma, userId)}`;

type Partner = Awaited<ReturnType<typeof createFundedPartner>>;

function submit(partner: Partner, n: number) {
  return submitReturn({
    current: partner.current,
    returnId: partner.returnId,
    submissionKey: `review-page-${partner.returnId}-${n}`,
    language: "fr",
    baseUrl: "http://127.0.0.1:3000",
  });
}

async function sentReturn() {
  const partner = await createFundedPartner(world.campaign.id);
  await fillReturn(partner.current, partner.returnId);
  expect((await submit(partner, 1)).outcome).toBe("submitted");
  return { ...partner, sections: await sectionsOf(partner.returnId) };
}

/** A reviewer with a signed-in session (second factor passed), and the cookie to send. */
async function signedInReviewer(role: "REVIEWER" | "ADMIN" = "REVIEWER") {
  const user = await createStaffUser(role);
  return {
    current: await asCurrent(user.id),
    cookie: await signedIn(user.id),
  };
}

function args(cookie: string, returnId: string, init?: { form?: Record<string, string> }) {
  const path = `/fr/staff/returns/${returnId}`;
  const request = new Request(`http://localhost${path}`, {
    method: init?.form ? "POST" : "GET",
    headers: {
      cookie,
      ...(init?.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: init?.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  return {
    request,
    params: { lang: "fr", returnId },
    url: new URL(request.url),
    context: {},
  } as never;
}

const getPage = (cookie: string, returnId: string) => loader(args(cookie, returnId));

/** The action's answer: a redirect (thrown Response), data with a status, or a thrown 404. */
async function post(cookie: string, returnId: string, form: Record<string, string>) {
  try {
    const answer = (await action(args(cookie, returnId, { form }))) as unknown as {
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

/** Changes the first text answer of a section sent back and keeps the rest as it was. */
async function changeText(partner: Partner, sectionId: string, text: string) {
  const [section] = (await sectionsOf(partner.returnId)).filter((s) => s.id === sectionId);
  const answers = validAnswers(section!.definition.questions);
  // A text every answer shows (some are asked only after a given choice).
  const question = section!.definition.questions.find(
    (q) => q.kind === "longText" && !q.visibleWhen,
  );
  const saved = await saveSection({
    current: partner.current,
    returnId: partner.returnId,
    sectionId,
    baseVersion: section!.version,
    answers: { ...answers, [question!.id]: text },
    mode: "complete",
    language: "fr",
  });
  expect(saved).toMatchObject({ outcome: "saved", status: "COMPLETED" });
  return question!.id;
}

describe("the review page's loader", () => {
  it("shows a resubmission: answers as sent, the words changed, unchanged sections' decisions carried over, threads", async () => {
    const sent = await sentReturn();
    const { current } = await signedInReviewer();
    const block = sent.sections.find(
      (s) =>
        s.kind === "FUNDED_MEASURE" && s.definition.questions.some((q) => q.kind === "longText"),
    )!;
    for (const section of sent.sections) {
      const decided = await decideSection({
        current,
        returnId: sent.returnId,
        sectionId: section.id,
        decision: section.id === block.id ? "CHANGES_NEEDED" : "ACCEPTED",
        note: section.id === block.id ? "Combien de jeunes ?" : null,
      });
      expect(decided.outcome).toBe("decided");
    }
    expect(
      await postComment({
        current,
        returnId: sent.returnId,
        sectionId: block.id,
        body: "Voir la note.",
        language: "fr",
      }),
    ).toMatchObject({ outcome: "posted" });
    expect(
      (await requestChanges({ current, returnId: sent.returnId, submissionNumber: 1 })).outcome,
    ).toBe("sent-back");
    const questionId = await changeText(
      sent,
      block.id,
      "Actions menées avec 40 jeunes du quartier pendant toute l'année.",
    );
    expect((await submit(sent, 2)).outcome).toBe("submitted");

    const { cookie } = await signedInReviewer();
    const page = await getPage(cookie, sent.returnId);
    expect(page.submission).toMatchObject({ number: 2, previousNumber: 1 });
    expect(page.draft).toBeNull();
    expect(page.can).toMatchObject({ decide: true, comment: true, approve: false });
    const changed = page.sections.find((s) => s.id === block.id)!;
    expect(changed.decision).toBeNull();
    expect(changed.seenSeq).toBeNull();
    expect(changed.change).toMatchObject({ status: "changed" });
    const textChange = changed.change!.changes.find((c) => c.questionId === questionId);
    expect(textChange).toMatchObject({ kind: "text" });
    expect(textChange && "parts" in textChange ? textChange.parts : []).toEqual([
      { op: "same", text: "Actions menées avec " },
      { op: "removed", text: "les partenaires" },
      { op: "added", text: "40 jeunes" },
      { op: "same", text: " du quartier pendant toute l'année." },
    ]);
    // The answers as sent, as the answer summary reads them.
    expect(changed.answers[questionId]).toBe(
      "Actions menées avec 40 jeunes du quartier pendant toute l'année.",
    );
    expect(changed.comments).toEqual([
      expect.objectContaining({ body: "Voir la note.", side: "STAFF", submissionNumber: 1 }),
    ]);
    for (const other of page.sections.filter((s) => s.id !== block.id)) {
      expect(other.change).toMatchObject({ status: "unchanged" });
      expect(other.decision).toMatchObject({
        decision: "ACCEPTED",
        carriedForward: true,
        decidedBy: current.user.displayName,
      });
      expect(other.seenSeq).toEqual(expect.any(Number));
    }
    expect(page.standing).toMatchObject({ undecided: [block.id], canApprove: false });
  });

  it("reads the same number of queries whatever the number of sections (no query per section)", async () => {
    const small = await sentReturn();
    const big = await createFundedPartner(world.campaign.id, {
      funding: {
        channel: "ASBL_CALL",
        measures: [
          ["2.1", "PRIMARY"],
          ["4.3", "SECONDARY"],
          ["1.1", "SECONDARY"],
          ["5.1", "SECONDARY"],
        ],
      },
    });
    await fillReturn(big.current, big.returnId);
    expect((await submit(big, 1)).outcome).toBe("submitted");
    const bigSections = await sectionsOf(big.returnId);
    expect(bigSections.length).toBeGreaterThan(small.sections.length);
    const { cookie } = await signedInReviewer();
    // Warm: the template's definition and the plan's measures are kept per process.
    await getPage(cookie, small.returnId);
    await getPage(cookie, big.returnId);
    const a = await countQueries(() => getPage(cookie, small.returnId));
    const b = await countQueries(() => getPage(cookie, big.returnId));
    expect(b.queries).toBe(a.queries);
    expect(a.queries).toBeLessThanOrEqual(28);
  });

  it("once the campaign is closed, says why a section needing changes cannot be sent back", async () => {
    const campaign = await createCampaign(2021);
    const partner = await createFundedPartner(campaign.id);
    await fillReturn(partner.current, partner.returnId);
    expect((await submit(partner, 1)).outcome).toBe("submitted");
    const { current, cookie } = await signedInReviewer("ADMIN");
    const [first] = await sectionsOf(partner.returnId);
    await decideSection({
      current,
      returnId: partner.returnId,
      sectionId: first!.id,
      decision: "CHANGES_NEEDED",
      note: "Chiffres manquants.",
    });
    expect((await getPage(cookie, partner.returnId)).closedFor.sendBack).toBe(false);
    await prisma.campaign.update({ where: { id: campaign.id }, data: { status: "CLOSED" } });
    const page = await getPage(cookie, partner.returnId);
    expect(page.can).toMatchObject({ decide: true, sendBack: false });
    expect(page.closedFor).toEqual({ sendBack: true, reopen: false });
  });

  it("a return never sent shows its answers as they stand, with nothing to decide", async () => {
    const partner = await createFundedPartner(world.campaign.id);
    const { cookie } = await signedInReviewer();
    const page = await getPage(cookie, partner.returnId);
    expect(page.submission).toBeNull();
    expect(page.sections).toEqual([]);
    expect(page.draft?.length).toBeGreaterThan(0);
    expect(page.can).toMatchObject({ decide: false, comment: false, sendBack: false });
  });
});

describe("the review page's forms", () => {
  it("a decision: refused with its field's message and what was typed; recorded → redirect to the section", async () => {
    const sent = await sentReturn();
    const { cookie } = await signedInReviewer();
    const sectionId = sent.sections[0]!.id;
    const missingNote = await post(cookie, sent.returnId, {
      intent: "decide",
      sectionId,
      decision: "CHANGES_NEEDED",
      note: "   ",
      seenSeq: "",
    });
    expect(missingNote).toMatchObject({
      status: 400,
      data: {
        intent: "decide",
        sectionId,
        errors: { [`note-${sectionId}`]: "reviewReturn.errors.noteRequired" },
        values: { decision: "CHANGES_NEEDED", note: "   " },
      },
    });
    const noDecision = await post(cookie, sent.returnId, {
      intent: "decide",
      sectionId,
      note: "Gardé",
      seenSeq: "",
    });
    expect(noDecision).toMatchObject({
      status: 400,
      data: {
        errors: { [`decision-${sectionId}`]: "reviewReturn.errors.decisionRequired" },
        values: { note: "Gardé" },
      },
    });
    expect(await prisma.sectionDecision.count({ where: { returnId: sent.returnId } })).toBe(0);

    const done = await post(cookie, sent.returnId, {
      intent: "decide",
      sectionId,
      decision: "ACCEPTED",
      note: "",
      seenSeq: "",
    });
    expect(done.status).toBe(302);
    expect(done.location).toBe(
      `/fr/staff/returns/${sent.returnId}?done=decided&section=${sectionId}#section-${sectionId}`,
    );
    const page = await getPage(cookie, sent.returnId);
    expect(page.sections[0]!.decision).toMatchObject({ decision: "ACCEPTED" });
  });

  it("two reviewers deciding from the same view: the second gets a 409, its text kept, nothing recorded", async () => {
    const sent = await sentReturn();
    const [alice, bob] = [await signedInReviewer(), await signedInReviewer()];
    const sectionId = sent.sections[0]!.id;
    const seen = (await getPage(bob.cookie, sent.returnId)).sections[0]!.seenSeq;
    expect(seen).toBeNull();
    const form = (note: string, decision: string) => ({
      intent: "decide",
      sectionId,
      decision,
      note,
      seenSeq: "",
    });
    expect((await post(alice.cookie, sent.returnId, form("", "ACCEPTED"))).status).toBe(302);
    const late = await post(
      bob.cookie,
      sent.returnId,
      form("Il manque les chiffres.", "CHANGES_NEEDED"),
    );
    expect(late).toMatchObject({
      status: 409,
      data: {
        errors: { [`decision-${sectionId}`]: "reviewReturn.errors.conflict" },
        values: { decision: "CHANGES_NEEDED", note: "Il manque les chiffres." },
      },
    });
    const decisions = await prisma.sectionDecision.findMany({ where: { returnId: sent.returnId } });
    expect(decisions.map((d) => d.decision)).toEqual(["ACCEPTED"]);
  });

  it("comments, sending back, approval and taking the return go through their use cases", async () => {
    const sent = await sentReturn();
    const { cookie, current } = await signedInReviewer();
    const empty = await post(cookie, sent.returnId, { intent: "comment", body: "  " });
    expect(empty).toMatchObject({
      status: 400,
      data: { errors: { "comment-general": "reviewReturn.errors.commentRequired" } },
    });
    const commented = await post(cookie, sent.returnId, {
      intent: "comment",
      body: "Merci pour ce rapport complet.",
    });
    expect(commented.location).toBe(
      `/fr/staff/returns/${sent.returnId}?done=commented#thread-general`,
    );
    // Nothing needs changes yet: sending back is refused, the page told why.
    expect(
      await post(cookie, sent.returnId, { intent: "send-back", submissionNumber: "1" }),
    ).toMatchObject({
      status: 409,
      data: { errors: { "moves-title": "reviewReturn.errors.notReadySendBack" } },
    });
    // A submission number that is not the latest one: someone sent it again meanwhile.
    expect(
      await post(cookie, sent.returnId, { intent: "approve", submissionNumber: "7" }),
    ).toMatchObject({
      status: 409,
      data: { errors: { "moves-title": "reviewReturn.errors.newerSubmission" } },
    });
    for (const section of sent.sections)
      await decideSection({
        current,
        returnId: sent.returnId,
        sectionId: section.id,
        decision: "ACCEPTED",
      });
    expect(
      await post(cookie, sent.returnId, { intent: "assign", assigneeId: current.user.id }),
    ).toMatchObject({
      status: 302,
    });
    const approved = await post(cookie, sent.returnId, {
      intent: "approve",
      submissionNumber: "1",
    });
    expect(approved.location).toBe(`/fr/staff/returns/${sent.returnId}?done=approved`);
    const page = await getPage(cookie, sent.returnId);
    expect(page.header.status).toBe("APPROVED");
    expect(page.assignee?.id).toBe(current.user.id);
    expect(page.generalComments).toHaveLength(1);
    expect(page.can).toMatchObject({ decide: false, approve: false, reopen: false });
    // A reviewer may not reopen (administrators only): nothing is revealed, nothing changes.
    expect(
      (await post(cookie, sent.returnId, { intent: "reopen", reason: "Erreur de chiffres." }))
        .status,
    ).toBe(404);
    const admin = await signedInReviewer("ADMIN");
    const adminPage = await getPage(admin.cookie, sent.returnId);
    expect(adminPage.can.reopen).toBe(true);
    expect(adminPage.closedFor).toEqual({ sendBack: false, reopen: false });
    expect(await post(admin.cookie, sent.returnId, { intent: "reopen", reason: "" })).toMatchObject(
      {
        status: 400,
        data: { errors: { reason: "reviewReturn.errors.reasonRequired" } },
      },
    );
  });

  it("partners get a 404 and change nothing; a form the page does not make is a 400", async () => {
    const sent = await sentReturn();
    const partnerCookie = await signedIn(sent.user.id);
    const form = {
      intent: "decide",
      sectionId: sent.sections[0]!.id,
      decision: "ACCEPTED",
      note: "",
      seenSeq: "",
    };
    expect((await post(partnerCookie, sent.returnId, form)).status).toBe(404);
    await expect(getPage(partnerCookie, sent.returnId)).rejects.toMatchObject({
      init: { status: 404 },
    });
    expect(await prisma.sectionDecision.count({ where: { returnId: sent.returnId } })).toBe(0);
    const { cookie } = await signedInReviewer();
    expect((await post(cookie, sent.returnId, { intent: "publish" })).status).toBe(400);
    expect((await post(cookie, sent.returnId, { ...form, seenSeq: "abc" })).status).toBe(400);
    expect((await post(cookie, "no-such-return", form)).status).toBe(404);
  });
});
