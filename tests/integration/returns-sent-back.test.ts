// The partner's side of a return sent back for changes (returns/status.ts sectionEditRefusal):
// only the sections the reviewer sent back take saves and files; the others, and the list of
// contributions, stay as reviewed; a reopened return is editable throughout; sending it again
// clears the sections' "sent back" mark. The state is set directly here: sending back itself
// is tested in review-send-back.test.ts. On PGlite and on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../fixtures/files/synthetic";
import { createAttachmentsCampaign, createPartnerReturn } from "../fixtures/files/return-world";
import { createFundedPartner, fillReturn, returnState, sectionsOf } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import type { ReturnStatus } from "~/generated/prisma/enums";
import type { CurrentUser } from "~/modules/auth/session.server";
import { addAttachment, removeAttachment } from "~/modules/returns/attachments.server";
import {
  addOtherContribution,
  removeOtherContribution,
  saveSection,
} from "~/modules/returns/sections.server";
import { submitReturn } from "~/modules/returns/submit.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });
let attachmentsCampaignId: string;
beforeAll(async () => {
  attachmentsCampaignId = (await createAttachmentsCampaign()).id;
});

async function sendBack(returnId: string, sectionIds: string[], status: ReturnStatus) {
  await prisma.annualReturn.update({ where: { id: returnId }, data: { status } });
  await prisma.returnSection.updateMany({
    where: { id: { in: sectionIds } },
    data: { changesRequestedAt: new Date() },
  });
}

/** A return of two sections (A, B), B holding a file uploaded while it was being filled in. */
async function twoSectionReturn() {
  const { current, returnId, sectionId: a } = await createPartnerReturn(attachmentsCampaignId);
  const b = (
    await prisma.returnSection.create({
      data: {
        returnId,
        slotKey: "B",
        kind: "ORGANISATION",
        templateSection: "contribution",
        position: 2,
        origin: "TEMPLATE",
      },
    })
  ).id;
  const upload = (sectionId: string) =>
    addAttachment({
      current,
      returnId,
      sectionId,
      questionId: "documents",
      file: new File([new Uint8Array(samplePdf)], "rapport.pdf", { type: "application/pdf" }),
      maxFiles: 2,
    });
  const kept = await upload(b);
  if (kept.outcome !== "added") throw new Error(kept.outcome);
  const save = async (sectionId: string, remarks: string) => {
    const { version } = await prisma.returnSection.findUniqueOrThrow({ where: { id: sectionId } });
    return saveSection({
      current,
      returnId,
      sectionId,
      baseVersion: version,
      answers: { remarks },
      mode: "draft",
      language: "fr",
    });
  };
  return { current, returnId, a, b, upload, save, fileInB: kept.attachment.id };
}

describe("a return sent back for changes", () => {
  it("takes saves and files on the sections sent back only; the others are left as they were", async () => {
    const r = await twoSectionReturn();
    await sendBack(r.returnId, [r.a], "CHANGES_REQUESTED");
    const before = await returnState(r.returnId);
    const filesBefore = await prisma.attachment.findMany({ where: { returnId: r.returnId } });

    expect(await r.save(r.b, "Autre texte")).toEqual({ outcome: "not-sent-back" });
    expect(await r.upload(r.b)).toEqual({ outcome: "not-sent-back" });
    expect(
      await removeAttachment({
        current: r.current,
        returnId: r.returnId,
        sectionId: r.b,
        attachmentId: r.fileInB,
      }),
    ).toEqual({ outcome: "not-sent-back" });
    expect(await returnState(r.returnId)).toEqual(before);
    expect(await prisma.attachment.findMany({ where: { returnId: r.returnId } })).toEqual(
      filesBefore,
    );

    expect(await r.save(r.a, "Précisions demandées")).toMatchObject({ outcome: "saved" });
    expect(await r.upload(r.a)).toMatchObject({ outcome: "added" });
    expect(await prisma.returnSection.findUniqueOrThrow({ where: { id: r.a } })).toMatchObject({
      answers: { remarks: "Précisions demandées" },
    });
    // Still sent back: an edit does not move it on.
    expect(
      (await prisma.annualReturn.findUniqueOrThrow({ where: { id: r.returnId } })).status,
    ).toBe("CHANGES_REQUESTED");
  });

  it("keeps its list of contributions: none added, none removed", async () => {
    const partner = await createFundedPartner(world.campaign.id);
    const added = await addOtherContribution({
      current: partner.current,
      returnId: partner.returnId,
      measureCode: "3.1",
    });
    if (added.outcome !== "created") throw new Error(added.outcome);
    // The contribution itself is sent back: still, it is not removed.
    await sendBack(partner.returnId, [added.sectionId], "CHANGES_REQUESTED");
    const before = await returnState(partner.returnId);
    expect(
      await addOtherContribution({
        current: partner.current,
        returnId: partner.returnId,
        measureCode: "5.1",
      }),
    ).toEqual({ outcome: "sent-back" });
    expect(
      await removeOtherContribution({
        current: partner.current,
        returnId: partner.returnId,
        sectionId: added.sectionId,
      }),
    ).toEqual({ outcome: "sent-back" });
    expect(await returnState(partner.returnId)).toEqual(before);
  });

  it("a reopened return is editable throughout, whatever its sections' marks", async () => {
    const r = await twoSectionReturn();
    await sendBack(r.returnId, [], "REOPENED");
    expect(await r.save(r.b, "Corrigé")).toMatchObject({ outcome: "saved" });
    expect(await r.upload(r.b)).toMatchObject({ outcome: "added" });
  });

  it("sending it again clears the sections' marks, in the submission's transaction", async () => {
    const partner = await createFundedPartner(world.campaign.id);
    await fillReturn(partner.current, partner.returnId);
    const submit = (key: string) =>
      submitReturn({
        current: partner.current,
        returnId: partner.returnId,
        submissionKey: key,
        language: "fr",
        baseUrl: "http://127.0.0.1:3000",
      });
    expect((await submit(`first-${partner.returnId}`)).outcome).toBe("submitted");
    const [first] = await sectionsOf(partner.returnId);
    await sendBack(partner.returnId, [first!.id], "CHANGES_REQUESTED");
    expect((await submit(`again-${partner.returnId}`)).outcome).toBe("submitted");
    const after = await returnState(partner.returnId);
    expect(after.status).toBe("RESUBMITTED");
    expect(after.sections.filter((s) => s.changesRequestedAt !== null)).toEqual([]);
  });

  it("another organisation's partner is refused as before: not found", async () => {
    const r = await twoSectionReturn();
    await sendBack(r.returnId, [r.a], "CHANGES_REQUESTED");
    const other = await twoSectionReturn();
    const outsider: CurrentUser = other.current;
    const { version } = await prisma.returnSection.findUniqueOrThrow({ where: { id: r.a } });
    expect(
      await saveSection({
        current: outsider,
        returnId: r.returnId,
        sectionId: r.a,
        baseVersion: version,
        answers: { remarks: "x" },
        mode: "draft",
        language: "fr",
      }),
    ).toEqual({ outcome: "not-found" });
  });
});
