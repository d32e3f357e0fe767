// A closed campaign's returns are read-only for partners: every write (save, upload, file
// removal, contributions, submission) is refused by the module functions themselves, and
// nothing in the database changes. Late returns (past due, campaign still open) are marked.
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
import { addAttachment, removeAttachment } from "~/modules/returns/attachments.server";
import {
  addOtherContribution,
  removeOtherContribution,
  saveSection,
} from "~/modules/returns/sections.server";
import { deadlineMarker, editRefusal, isEditable, isLate } from "~/modules/returns/status";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });

const setCampaignStatus = (status: "OPEN" | "CLOSED") =>
  prisma.campaign.update({ where: { id: world.campaign.id }, data: { status } });

/** Everything a partner's write could change: the return, its sections, files, audit rows. */
async function everything(returnId: string) {
  return {
    annualReturn: await returnState(returnId),
    attachments: await prisma.attachment.findMany({ where: { returnId }, orderBy: { id: "asc" } }),
    audit: await prisma.auditEvent.count(),
    outbox: await prisma.outboxEmail.count(),
    files: (await readdir(world.uploads)).sort(),
  };
}

describe("a return of a closed campaign", () => {
  it("refuses saves, uploads, removals, contributions and submission, and changes nothing", async () => {
    // While the campaign is open, the partner fills everything in, attaches a file and adds
    // a contribution: every kind of thing there is to change or remove later.
    await setCampaignStatus("OPEN");
    const { current, returnId } = await createFundedPartner(world.campaign.id);
    await fillReturn(current, returnId);
    const sections = await sectionsOf(returnId);
    const block = sections.find((s) => s.kind === "FUNDED_MEASURE")!;
    const attached = await addAttachment({
      current,
      returnId,
      sectionId: block.id,
      questionId: "documents",
      file: new File([new Uint8Array(samplePdf)], "rapport.pdf", { type: "application/pdf" }),
      maxFiles: 5,
    });
    expect(attached.outcome).toBe("added");
    const added = await addOtherContribution({ current, returnId, measureCode: "1.1" });
    expect(added.outcome).toBe("created");

    await setCampaignStatus("CLOSED");
    const before = await everything(returnId);
    const fresh = await prisma.returnSection.findUniqueOrThrow({ where: { id: block.id } });

    for (const mode of ["draft", "complete"] as const) {
      const saved = await saveSection({
        current,
        returnId,
        sectionId: block.id,
        baseVersion: fresh.version,
        answers: { ...validAnswers(block.definition.questions), actions: "Changé après clôture" },
        mode,
        language: "fr",
      });
      expect(saved).toEqual({ outcome: "closed" });
    }
    const upload = await addAttachment({
      current,
      returnId,
      sectionId: block.id,
      questionId: "documents",
      file: new File([new Uint8Array(samplePdf)], "autre.pdf", { type: "application/pdf" }),
      maxFiles: 5,
    });
    expect(upload).toEqual({ outcome: "closed" });
    if (attached.outcome !== "added") throw new Error("unreachable");
    const removal = await removeAttachment({
      current,
      returnId,
      sectionId: block.id,
      attachmentId: attached.attachment.id,
    });
    expect(removal).toEqual({ outcome: "closed" });
    expect(await addOtherContribution({ current, returnId, measureCode: "1.2" })).toEqual({
      outcome: "closed",
    });
    if (added.outcome !== "created") throw new Error("unreachable");
    expect(
      await removeOtherContribution({ current, returnId, sectionId: added.sectionId }),
    ).toEqual({ outcome: "closed" });
    expect(await everything(returnId)).toEqual(before);

    // The contribution added above is empty: complete it while reopened, then close again, so
    // the refusal of the submission is the campaign's, not an incomplete return's.
    await setCampaignStatus("OPEN");
    const contribution = (await sectionsOf(returnId)).find((s) => s.id === added.sectionId)!;
    await saveSection({
      current,
      returnId,
      sectionId: contribution.id,
      baseVersion: contribution.version,
      answers: validAnswers(contribution.definition.questions),
      mode: "complete",
      language: "fr",
    });
    await setCampaignStatus("CLOSED");
    const beforeSubmit = await everything(returnId);
    expect(beforeSubmit.annualReturn.sections.every((s) => s.status === "COMPLETED")).toBe(true);
    const submitted = await submitReturn({
      current,
      returnId,
      submissionKey: "closed-campaign-key-0001",
      language: "fr",
      baseUrl: "http://127.0.0.1",
    });
    expect(submitted).toEqual({ outcome: "closed" });
    expect(await everything(returnId)).toEqual(beforeSubmit);
  });
});

describe("the rule (status.ts)", () => {
  const due = new Date("2023-03-31T21:59:00Z");
  const before = new Date("2023-03-01T10:00:00Z");
  const after = new Date("2023-04-02T10:00:00Z");

  it("only returns of an open campaign, not yet sent, may be edited", () => {
    expect(
      isEditable({ status: "IN_PROGRESS" }, { status: "OPEN", dueAt: due, graceDays: null }),
    ).toBe(true);
    expect(
      editRefusal({ status: "NOT_STARTED" }, { status: "CLOSED", dueAt: due, graceDays: null }),
    ).toBe("closed");
    expect(
      editRefusal({ status: "NOT_STARTED" }, { status: "DRAFT", dueAt: due, graceDays: null }),
    ).toBe("closed");
    expect(
      editRefusal({ status: "SUBMITTED" }, { status: "OPEN", dueAt: due, graceDays: null }),
    ).toBe("submitted");
  });

  it("late: past due, not sent, campaign open; closed campaigns say closed instead", () => {
    expect(
      isLate({ status: "IN_PROGRESS" }, { status: "OPEN", dueAt: due, graceDays: null }, after),
    ).toBe(true);
    expect(
      isLate({ status: "IN_PROGRESS" }, { status: "OPEN", dueAt: due, graceDays: null }, before),
    ).toBe(false);
    expect(
      deadlineMarker(
        { status: "NOT_STARTED" },
        { status: "OPEN", dueAt: due, graceDays: null },
        after,
      ),
    ).toBe("late");
    expect(
      deadlineMarker(
        { status: "NOT_STARTED" },
        { status: "CLOSED", dueAt: due, graceDays: null },
        after,
      ),
    ).toBe("closed");
    expect(
      deadlineMarker(
        { status: "SUBMITTED" },
        { status: "OPEN", dueAt: due, graceDays: null },
        after,
      ),
    ).toBe(null);
    expect(
      deadlineMarker(
        { status: "IN_PROGRESS" },
        { status: "OPEN", dueAt: due, graceDays: null },
        before,
      ),
    ).toBe(null);
  });
});
