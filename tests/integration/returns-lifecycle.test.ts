// A return sent back for changes is the partner's again: saves work, and sending it again
// makes a resubmission with its own receipt. An approved return is locked: a save is a 409
// and nothing changes, until an administrator reopens it. Review moves are written here with
// the policy's transition(), as the review queue will.
import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { samplePdf } from "../fixtures/files/synthetic";
import {
  createFundedPartner,
  fillReturn,
  returnState,
  sectionsOf,
  validAnswers,
} from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import type { Role } from "~/modules/auth/permissions";
import { createSession, type CurrentUser } from "~/modules/auth/session.server";
import { sessionRequestCookie } from "../fixtures/sessions";
import { addAttachment } from "~/modules/returns/attachments.server";
import { addOtherContribution, saveSection } from "~/modules/returns/sections.server";
import { transition, type ReturnEvent } from "~/modules/returns/status";
import { submitReturn } from "~/modules/returns/submit.server";
import { submissionsOf } from "~/modules/returns/submissions.server";
import { action as sectionAction } from "~/routes/partner/return-section";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });

/** A reviewer's or administrator's move, as the policy allows it. */
async function review(returnId: string, event: ReturnEvent, role: Role) {
  const annualReturn = await prisma.annualReturn.findUniqueOrThrow({
    where: { id: returnId },
    include: { campaign: true },
  });
  const step = transition(annualReturn.status, event, role, annualReturn.campaign.status);
  if (!step.ok) throw new Error(`${event} refused: ${step.refusal}`);
  await prisma.annualReturn.update({ where: { id: returnId }, data: { status: step.to } });
  // Sent back here on every section: only sections sent back take the partner's saves
  // (review-send-back.test.ts sends back the sections a reviewer named).
  if (event === "requestChanges")
    await prisma.returnSection.updateMany({
      where: { returnId },
      data: { changesRequestedAt: new Date() },
    });
}

let submissions = 0;
function submit(current: CurrentUser, returnId: string) {
  submissions += 1;
  return submitReturn({
    current,
    returnId,
    submissionKey: `lifecycle-${returnId}-${submissions}`,
    language: "fr",
    baseUrl: "http://127.0.0.1:3000",
  });
}

/** A sent return, with every section completed. */
async function submittedReturn() {
  const partner = await createFundedPartner(world.campaign.id);
  await fillReturn(partner.current, partner.returnId);
  expect(await submit(partner.current, partner.returnId)).toEqual({
    outcome: "submitted",
    returnId: partner.returnId,
  });
  const block = (await sectionsOf(partner.returnId)).find((s) => s.kind === "FUNDED_MEASURE")!;
  return { ...partner, block };
}

/** The section page's own action, as the browser's autosave posts to it. */
async function postAutosave(input: {
  userId: string;
  returnId: string;
  sectionId: string;
  version: number;
  actions: string;
}) {
  const secret = await prisma.$transaction((tx) => createSession(tx, input.userId));
  const body = new FormData();
  body.set("_intent", "autosave");
  body.set("_version", String(input.version));
  body.set("actions", input.actions);
  const url = `http://127.0.0.1:3000/fr/partner/returns/${input.returnId}/sections/${input.sectionId}`;
  const request = new Request(url, {
    method: "POST",
    body,
    headers: { cookie: await sessionRequestCookie(secret), Accept: "application/json" },
  });
  const answer = (await sectionAction({
    request,
    params: { lang: "fr", returnId: input.returnId, sectionId: input.sectionId },
  } as Parameters<typeof sectionAction>[0])) as unknown as {
    data: { outcome: string };
    init: { status?: number } | null;
  };
  return { status: answer.init?.status ?? 200, outcome: answer.data.outcome };
}

/** Everything a partner's write could change. */
async function everything(returnId: string) {
  return {
    annualReturn: await returnState(returnId),
    attachments: await prisma.attachment.count({ where: { returnId } }),
    audit: await prisma.auditEvent.count(),
    outbox: await prisma.outboxEmail.count(),
    files: (await readdir(world.uploads)).sort(),
  };
}

const receipts = (returnId: string) =>
  prisma.outboxEmail.findMany({
    where: { purpose: "return-receipt", dedupeKey: { startsWith: `return-receipt:${returnId}:` } },
    orderBy: { createdAt: "asc" },
  });

describe("a return sent back for changes", () => {
  it("takes the partner's saves, stays with the partner, and goes back as a resubmission", async () => {
    const { current, user, returnId, block } = await submittedReturn();
    await review(returnId, "requestChanges", "STAFF_REVIEWER");

    const saved = await saveSection({
      current,
      returnId,
      sectionId: block.id,
      baseVersion: block.version,
      answers: {
        ...validAnswers(block.definition.questions),
        actions: "Corrigé à la demande du relecteur",
      },
      mode: "complete",
      language: "fr",
    });
    expect(saved).toMatchObject({ outcome: "saved", status: "COMPLETED" });
    const viaPage = await postAutosave({
      userId: user.id,
      returnId,
      sectionId: block.id,
      version: block.version + 1,
      actions: "Corrigé depuis la page",
    });
    expect(viaPage).toEqual({ status: 200, outcome: "saved" });
    const after = await returnState(returnId);
    // Saving does not "start" it again: it stays a return sent back for changes.
    expect(after.status).toBe("CHANGES_REQUESTED");
    expect(after.sections.find((s) => s.id === block.id)?.answers).toMatchObject({
      actions: "Corrigé depuis la page",
    });

    // The page sends the whole form: complete it again before sending.
    await saveSection({
      current,
      returnId,
      sectionId: block.id,
      baseVersion: block.version + 2,
      answers: { ...validAnswers(block.definition.questions), actions: "Corrigé, version finale" },
      mode: "complete",
      language: "fr",
    });
    expect(await submit(current, returnId)).toEqual({ outcome: "submitted", returnId });
    const resubmitted = await returnState(returnId);
    expect(resubmitted.status).toBe("RESUBMITTED");
    // A second submission holds the corrected text; the first still holds what was sent first.
    const [first, second, ...more] = await submissionsOf(prisma, returnId);
    expect(more).toHaveLength(0);
    expect(first).toMatchObject({ number: 1, submittedById: current.user.id, language: "fr" });
    expect(second).toMatchObject({ number: 2, submittedById: current.user.id, language: "fr" });
    expect(JSON.stringify(second!.snapshot)).toContain("Corrigé, version finale");
    expect(JSON.stringify(first!.snapshot)).not.toContain("Corrigé, version finale");
    expect(first!.submittedAt.getTime()).toBeLessThan(second!.submittedAt.getTime());
    // Its receipt is its own.
    expect(await receipts(returnId)).toHaveLength(2);
    const audits = await prisma.auditEvent.findMany({
      where: { action: "return.submitted", targetId: returnId },
      orderBy: { occurredAt: "asc" },
    });
    expect(audits.map((a) => (a.details as { status: string }).status)).toEqual([
      "SUBMITTED",
      "RESUBMITTED",
    ]);
    // Sent again: the partner's saves are refused as for any sent return.
    expect(await submit(current, returnId)).toEqual({ outcome: "already-submitted", returnId });
  });
});

describe("an approved return", () => {
  it("refuses every partner write with nothing changed, until an administrator reopens it", async () => {
    const { current, user, returnId, block } = await submittedReturn();
    await review(returnId, "approve", "STAFF_REVIEWER");
    const fresh = await prisma.returnSection.findUniqueOrThrow({ where: { id: block.id } });
    const before = await everything(returnId);

    const saved = await saveSection({
      current,
      returnId,
      sectionId: block.id,
      baseVersion: fresh.version,
      answers: { ...validAnswers(block.definition.questions), actions: "Changé après approbation" },
      mode: "draft",
      language: "fr",
    });
    expect(saved).toEqual({ outcome: "approved" });
    const viaPage = await postAutosave({
      userId: user.id,
      returnId,
      sectionId: block.id,
      version: fresh.version,
      actions: "Changé après approbation",
    });
    expect(viaPage).toEqual({ status: 409, outcome: "approved" });
    const upload = await addAttachment({
      current,
      returnId,
      sectionId: block.id,
      questionId: "documents",
      file: new File([new Uint8Array(samplePdf)], "rapport.pdf", { type: "application/pdf" }),
      maxFiles: 5,
    });
    expect(upload).toEqual({ outcome: "locked" });
    expect(await addOtherContribution({ current, returnId, measureCode: "1.1" })).toEqual({
      outcome: "locked",
    });
    expect(await submit(current, returnId)).toEqual({ outcome: "already-submitted", returnId });
    expect(await everything(returnId)).toEqual(before);

    // Only an administrator unlocks it; the partner's next save then works again.
    await expect(review(returnId, "reopen", "STAFF_REVIEWER")).rejects.toThrow(/forbidden/);
    await review(returnId, "reopen", "STAFF_ADMIN");
    const reopened = await saveSection({
      current,
      returnId,
      sectionId: block.id,
      baseVersion: fresh.version,
      answers: {
        ...validAnswers(block.definition.questions),
        actions: "Rouvert par l’administration et corrigé",
      },
      mode: "complete",
      language: "fr",
    });
    expect(reopened).toMatchObject({ outcome: "saved" });
    expect((await returnState(returnId)).status).toBe("REOPENED");
    expect(await submit(current, returnId)).toEqual({ outcome: "submitted", returnId });
    expect((await returnState(returnId)).status).toBe("RESUBMITTED");
  });
});
