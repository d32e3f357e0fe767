// A stale save is a conflict unless it carries exactly the answers already saved (the same
// text arriving twice: a page's last save on leaving racing the next page's first one). A
// conflict with one's own save elsewhere is flagged `byYou`, so the page never says "someone
// else" while naming the person themself; it is still never a silent overwrite.
import { beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createPartnerUser } from "../fixtures/factories";
import { createCampaign, createFundedPartner, sectionsOf, seedWorld } from "../fixtures/returns";
import type { Campaign } from "~/generated/prisma/client";
import type { CurrentUser } from "~/modules/auth/session.server";
import { saveSection } from "~/modules/returns/sections.server";
import { prisma } from "~/utils/db.server";

let campaign: Campaign;
beforeAll(async () => {
  await seedWorld();
  campaign = await createCampaign(2023);
}, 120_000);

const save = (
  current: CurrentUser,
  target: { returnId: string; sectionId: string },
  base: number,
  actions: string,
) =>
  saveSection({
    current,
    ...target,
    baseVersion: base,
    answers: { actions },
    mode: "draft",
    language: "fr",
  });

async function block() {
  const world = await createFundedPartner(campaign.id);
  const section = (await sectionsOf(world.returnId)).find((s) => s.kind === "FUNDED_MEASURE")!;
  return { ...world, target: { returnId: world.returnId, sectionId: section.id } };
}

describe("stale saves", () => {
  it("the same text arriving twice on an older base is saved, not a conflict", async () => {
    const { current, target } = await block();
    const text = "Texte complet tapé avant de changer de langue.";
    expect(await save(current, target, 0, text)).toMatchObject({ outcome: "saved", version: 1 });
    // The next page still believed version 0 and sends the same text again.
    expect(await save(current, target, 0, text)).toMatchObject({ outcome: "saved", version: 2 });
    const row = await prisma.returnSection.findUniqueOrThrow({ where: { id: target.sectionId } });
    expect(row.answers).toMatchObject({ actions: text });
  });

  it("one's own different save elsewhere is a conflict flagged as one's own, nothing overwritten", async () => {
    const { current, target } = await block();
    expect((await save(current, target, 0, "Onglet A")).outcome).toBe("saved");
    const stale = await save(current, target, 0, "Onglet B");
    expect(stale).toMatchObject({ outcome: "conflict", theirs: { version: 1, byYou: true } });
    const row = await prisma.returnSection.findUniqueOrThrow({ where: { id: target.sectionId } });
    expect(row.answers).toMatchObject({ actions: "Onglet A" });
  });

  it("someone else's save in between is a conflict naming them", async () => {
    const { current, target, organisation } = await block();
    const colleague = await asCurrent((await createPartnerUser([organisation.id], "fr")).id);
    expect((await save(current, target, 0, "Mon texte")).outcome).toBe("saved");
    expect((await save(colleague, target, 1, "Texte de la collègue")).outcome).toBe("saved");
    expect(await save(current, target, 1, "Mon texte, suite")).toMatchObject({
      outcome: "conflict",
      theirs: { version: 2, updatedBy: colleague.user.displayName, byYou: false },
    });
  });
});
