// A save based on an older version is a conflict only when someone ELSE saved in between:
// one person's own saves racing each other (a language switch or a link followed while an
// autosave was on its way) are never reported to them as "someone else changed this".
import { beforeAll, describe, expect, it } from "vitest";
import { createPartnerUser } from "../fixtures/factories";
import {
  asCurrent,
  createCampaign,
  createFundedPartner,
  sectionsOf,
  seedWorld,
} from "../fixtures/returns";
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

describe("own saves are not conflicts", () => {
  it("the same person's save on an older base wins and gets the next version", async () => {
    const { current, returnId } = await createFundedPartner(campaign.id);
    const block = (await sectionsOf(returnId)).find((s) => s.kind === "FUNDED_MEASURE")!;
    const target = { returnId, sectionId: block.id };
    expect(await save(current, target, 0, "Premier jet")).toMatchObject({
      outcome: "saved",
      version: 1,
    });
    // The page still believed version 0 (its autosave had not come back when it left).
    expect(
      await save(current, target, 0, "Texte complet tapé avant de changer de langue"),
    ).toMatchObject({
      outcome: "saved",
      version: 2,
    });
    const row = await prisma.returnSection.findUniqueOrThrow({ where: { id: block.id } });
    expect(row.version).toBe(2);
    expect(row.answers).toMatchObject({ actions: "Texte complet tapé avant de changer de langue" });
  });

  it("someone else's save in between is still a conflict, naming them", async () => {
    const { current, returnId, organisation } = await createFundedPartner(campaign.id);
    const colleague = await asCurrent((await createPartnerUser([organisation.id], "fr")).id);
    const block = (await sectionsOf(returnId)).find((s) => s.kind === "FUNDED_MEASURE")!;
    const target = { returnId, sectionId: block.id };
    expect((await save(current, target, 0, "Mon texte")).outcome).toBe("saved");
    expect((await save(colleague, target, 1, "Texte de la collègue")).outcome).toBe("saved");
    const stale = await save(current, target, 1, "Mon texte, suite");
    expect(stale).toMatchObject({
      outcome: "conflict",
      theirs: { version: 2, updatedBy: colleague.user.displayName },
    });
    const row = await prisma.returnSection.findUniqueOrThrow({ where: { id: block.id } });
    expect(row.answers).toMatchObject({ actions: "Texte de la collègue" });
  });
});
