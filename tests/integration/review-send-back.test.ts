// A reviewer sends a return back for changes (review/send-back.server.ts): who may, from which
// state, about which submission; what it writes (state, the sections sent back, audit, one email
// per contact in that contact's language); and the partner's side afterwards: only the sections
// sent back are editable, the return is sent again, and unchanged sections keep their decision.
// On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createPartnerUser, createStaffUser } from "../fixtures/factories";
import { createFundedPartner, fillReturn, sectionsOf, validAnswers } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import type { Language } from "~/modules/i18n/languages";
import { renderEmail } from "~/modules/mail/templates.server";
import { decideSection } from "~/modules/review/decide.server";
import { reviewStateOf } from "~/modules/review/review-state.server";
import { requestChanges } from "~/modules/review/send-back.server";
import { saveSection } from "~/modules/returns/sections.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });

const reviewer = async () => asCurrent((await createStaffUser("REVIEWER")).id);

/** A funded partner's return, filled in and sent once, with a second contact in the other language. */
async function submittedReturn(language: Language = "fr") {
  const partner = await createFundedPartner(world.campaign.id, { language });
  const colleague = await createPartnerUser(
    [partner.organisation.id],
    language === "fr" ? "nl" : "fr",
  );
  await fillReturn(partner.current, partner.returnId);
  const sent = await submit(partner, 1);
  expect(sent.outcome).toBe("submitted");
  return { ...partner, colleague, sections: await sectionsOf(partner.returnId) };
}

function submit(
  partner: { current: Awaited<ReturnType<typeof asCurrent>>; returnId: string },
  n: number,
) {
  return submitReturn({
    current: partner.current,
    returnId: partner.returnId,
    submissionKey: `send-back-${partner.returnId}-${n}`,
    language: "fr",
    baseUrl: "http://127.0.0.1:3000",
  });
}

/** Decides every section: the first needs changes (with `note`), the others are accepted. */
async function decideAll(
  returnId: string,
  sectionIds: string[],
  note = "Merci de préciser le public touché.",
) {
  const current = await reviewer();
  for (const [index, sectionId] of sectionIds.entries()) {
    const decided = await decideSection({
      current,
      returnId,
      sectionId,
      decision: index === 0 ? "CHANGES_NEEDED" : "ACCEPTED",
      note: index === 0 ? note : null,
    });
    expect(decided.outcome).toBe("decided");
  }
  return current;
}

/** Everything sending back writes, to check that a refusal wrote none of it. */
async function written(returnId: string) {
  const annualReturn = await prisma.annualReturn.findUniqueOrThrow({
    where: { id: returnId },
    include: { sections: { orderBy: { position: "asc" } } },
  });
  return {
    status: annualReturn.status,
    changesRequestedAt: annualReturn.changesRequestedAt,
    sentBack: annualReturn.sections.filter((s) => s.changesRequestedAt).map((s) => s.id),
    audits: await prisma.auditEvent.count({
      where: { targetId: returnId, action: "return.changes-requested" },
    }),
    emails: await prisma.outboxEmail.count({
      where: { purpose: "changes-requested", dedupeKey: { contains: returnId } },
    }),
  };
}

describe("sending a return back for changes", () => {
  it("marks the sections that need changes, audits without the comments, and emails each contact once in their language", async () => {
    const sent = await submittedReturn("nl");
    const ids = sent.sections.map((s) => s.id);
    const current = await decideAll(sent.returnId, ids, "Hoeveel jongeren werden bereikt?");

    const outcome = await requestChanges({
      current,
      returnId: sent.returnId,
      submissionNumber: 1,
    });
    expect(outcome).toEqual({ outcome: "sent-back", sectionIds: [ids[0]] });
    const after = await written(sent.returnId);
    expect(after).toMatchObject({
      status: "CHANGES_REQUESTED",
      changesRequestedAt: expect.any(Date),
      sentBack: [ids[0]],
      audits: 1,
      emails: 2,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { targetId: sent.returnId, action: "return.changes-requested" },
    });
    expect(audit.actorUserId).toBe(current.user.id);
    expect(audit.details).toMatchObject({ submission: 1, sectionIds: [ids[0]] });
    expect(JSON.stringify(audit.details)).not.toContain("jongeren");

    // One email per contact, each in that contact's own language, naming the section and the
    // reviewer's comment as written.
    const emails = await prisma.outboxEmail.findMany({
      where: { purpose: "changes-requested", dedupeKey: { contains: sent.returnId } },
      orderBy: { toEmail: "asc" },
    });
    const byRecipient = Object.fromEntries(emails.map((e) => [e.toEmail, e]));
    expect(byRecipient[sent.user.email]?.language).toBe("nl");
    expect(byRecipient[sent.colleague.email]?.language).toBe("fr");
    const nl = await renderEmail("changes-requested", "nl", byRecipient[sent.user.email]!.payload);
    expect(nl.subject).toContain("wijzigingen gevraagd");
    expect(nl.text).toContain("Hoeveel jongeren werden bereikt?");
    expect(nl.text).toContain(`/nl/partner/returns/${sent.returnId}`);
    const fr = await renderEmail(
      "changes-requested",
      "fr",
      byRecipient[sent.colleague.email]!.payload,
    );
    expect(fr.subject).toContain("modifications demandées");
    expect(fr.text).toContain("Hoeveel jongeren werden bereikt?");
    expect(fr.text).toContain(`/fr/partner/returns/${sent.returnId}`);

    // Asked again (a double click): it is no longer waiting for review; nothing more is written.
    expect(await requestChanges({ current, returnId: sent.returnId, submissionNumber: 1 })).toEqual(
      { outcome: "not-under-review" },
    );
    expect(await written(sent.returnId)).toEqual(after);
  });

  it("the partner changes the sections sent back only, sends it again, and unchanged sections keep their decision", async () => {
    const sent = await submittedReturn();
    const [first, second, ...rest] = sent.sections;
    const current = await decideAll(
      sent.returnId,
      sent.sections.map((s) => s.id),
    );
    expect(
      (await requestChanges({ current, returnId: sent.returnId, submissionNumber: 1 })).outcome,
    ).toBe("sent-back");

    const save = async (section: typeof first, text: string) => {
      const stored = await prisma.returnSection.findUniqueOrThrow({ where: { id: section!.id } });
      const answers = validAnswers(section!.definition.questions);
      const longText = section!.definition.questions.find(
        (q) => q.kind === "longText" || q.kind === "shortText",
      );
      return saveSection({
        current: sent.current,
        returnId: sent.returnId,
        sectionId: section!.id,
        baseVersion: stored.version,
        answers: longText ? { ...answers, [longText.id]: text } : answers,
        mode: "complete",
        language: "fr",
      });
    };
    expect(await save(second, "Une autre réponse")).toEqual({ outcome: "not-sent-back" });
    expect(
      await save(first, "Nous avons touché 120 jeunes du quartier cette année."),
    ).toMatchObject({
      outcome: "saved",
      status: "COMPLETED",
    });
    expect((await submit(sent, 2)).outcome).toBe("submitted");

    const annualReturn = await prisma.annualReturn.findUniqueOrThrow({
      where: { id: sent.returnId },
      include: { sections: true },
    });
    expect(annualReturn.status).toBe("RESUBMITTED");
    expect(annualReturn.sections.filter((s) => s.changesRequestedAt)).toEqual([]);
    const review = await reviewStateOf(prisma, sent.returnId);
    expect(review.latest?.number).toBe(2);
    // The changed section waits for a new decision; the others keep theirs.
    expect(review.effective.has(first!.id)).toBe(false);
    for (const section of [second!, ...rest]) {
      expect(review.effective.get(section.id)).toMatchObject({
        decision: "ACCEPTED",
        carriedForward: true,
      });
    }
    expect(review.standing.undecided).toEqual([first!.id]);
  });

  it("refuses partners, wrong states, stale submissions and returns with nothing to change, writing nothing", async () => {
    const sent = await submittedReturn();
    const ids = sent.sections.map((s) => s.id);
    const current = await reviewer();
    const before = await written(sent.returnId);
    const ask = (as = current, submissionNumber = 1, returnId = sent.returnId) =>
      requestChanges({ current: as, returnId, submissionNumber });

    // Nothing decided yet, then everything accepted: nothing to send back for.
    expect(await ask()).toEqual({ outcome: "not-ready" });
    for (const sectionId of ids)
      await decideSection({ current, returnId: sent.returnId, sectionId, decision: "ACCEPTED" });
    expect(await ask()).toEqual({ outcome: "not-ready" });
    await decideSection({
      current,
      returnId: sent.returnId,
      sectionId: ids[0]!,
      decision: "CHANGES_NEEDED",
      note: "Chiffres manquants.",
    });
    // The partner who sent it, and a partner of another organisation: nothing to see here.
    const other = await createFundedPartner(world.campaign.id);
    expect(await ask(sent.current)).toEqual({ outcome: "not-found" });
    expect(await ask(other.current)).toEqual({ outcome: "not-found" });
    // The reviewer looked at another submission than the latest.
    expect(await ask(current, 2)).toEqual({ outcome: "conflict" });
    expect(await ask(current, 1, "no-such-return")).toEqual({ outcome: "not-found" });
    // The campaign no longer takes answers: the partner could not change anything.
    await prisma.campaign.update({ where: { id: world.campaign.id }, data: { status: "CLOSED" } });
    try {
      expect(await ask()).toEqual({ outcome: "closed" });
    } finally {
      await prisma.campaign.update({ where: { id: world.campaign.id }, data: { status: "OPEN" } });
    }
    expect(await written(sent.returnId)).toEqual(before);

    // Never sent: not under review.
    await fillReturn(other.current, other.returnId);
    expect(await ask(current, 1, other.returnId)).toEqual({ outcome: "not-under-review" });
    expect((await written(other.returnId)).status).toBe("IN_PROGRESS");

    // An administrator may send back too.
    const admin = await asCurrent((await createStaffUser("ADMIN")).id);
    expect(await ask(admin)).toMatchObject({ outcome: "sent-back" });
  });

  it("two reviewers sending back at once: one does it, one email per contact", async () => {
    const sent = await submittedReturn();
    await decideAll(
      sent.returnId,
      sent.sections.map((s) => s.id),
    );
    const [alice, bob] = [await reviewer(), await reviewer()];
    const outcomes = await Promise.all(
      [alice, bob].map((current) =>
        requestChanges({ current, returnId: sent.returnId, submissionNumber: 1 }),
      ),
    );
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["not-under-review", "sent-back"]);
    expect(await written(sent.returnId)).toMatchObject({ audits: 1, emails: 2 });
  });
});
