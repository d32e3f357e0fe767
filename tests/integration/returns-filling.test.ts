import { beforeAll, describe, expect, it } from "vitest";
import {
  asCurrent,
  asCurrentByEmail,
  createPartnerUser,
  createStaffUser,
} from "../fixtures/factories";
import {
  createCampaign,
  createFundedPartner,
  returnState,
  sectionsOf,
  seedWorld,
  validAnswers,
} from "../fixtures/returns";
import { generateReturns } from "~/modules/campaigns/generation.server";
import type { Campaign } from "~/generated/prisma/client";
import { readDefinition, saveTemplateVersion } from "~/modules/questionnaires/templates.server";
import {
  addOtherContribution,
  removeOtherContribution,
  saveSection,
  type SaveOutcome,
} from "~/modules/returns/sections.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";

let campaign: Campaign;

beforeAll(async () => {
  await seedWorld();
  campaign = await createCampaign(2023);
  await generateReturns(campaign.id, null);
}, 120_000);

/** A fresh partner's return and its first funded-measure block (the "contribution" section). */
async function fundedBlock() {
  const world = await createFundedPartner(campaign.id);
  const sections = await sectionsOf(world.returnId);
  return { ...world, sections, block: sections.find((s) => s.kind === "FUNDED_MEASURE")! };
}

const save = (
  current: CurrentUser,
  target: { returnId: string; sectionId: string },
  baseVersion: number,
  answers: unknown,
  mode: "draft" | "complete" = "draft",
) => saveSection({ current, ...target, baseVersion, answers, mode, language: "fr" });

const sectionRow = (id: string) => prisma.returnSection.findUniqueOrThrow({ where: { id } });

describe("saving a section", () => {
  it("a draft keeps invalid input as typed and marks the section and return in progress", async () => {
    const { current, returnId, block } = await fundedBlock();
    const typed = {
      actions: "Trop court",
      peopleReached: "abc",
      staffFte: "12,555",
      figures: [{ label: "Agents formés", value: "douze", unit: "personnes" }],
      notAQuestion: "dropped",
    };
    const result = await save(current, { returnId, sectionId: block.id }, 0, typed);
    expect(result).toMatchObject({ outcome: "saved", version: 1, status: "IN_PROGRESS" });
    const row = await sectionRow(block.id);
    expect(row.answers).toMatchObject({
      actions: "Trop court",
      peopleReached: "abc",
      staffFte: "12,555",
      figures: [{ label: "Agents formés", value: "douze", unit: "personnes" }],
    });
    expect(row.answers).not.toHaveProperty("notAQuestion");
    expect(row).toMatchObject({ status: "IN_PROGRESS", version: 1, updatedById: current.user.id });
    expect(row.answersLanguage).toBe("fr");
    expect((await returnState(returnId)).status).toBe("IN_PROGRESS");
  });

  it("completing with errors: outcome invalid, i18n keys at precise paths, draft still saved", async () => {
    const { current, returnId, block, sections } = await fundedBlock();
    const typed = {
      ...validAnswers(block.definition.questions),
      status: "partly",
      statusReason: "",
      actions: "Trop court",
      peopleReached: "abc",
      startDate: "2023-02-30",
      figures: [
        { label: "Réunions", value: "12", unit: "" },
        { label: "Agents formés", value: "douze", unit: "personnes" },
        { label: "", value: "3", unit: "" },
      ],
      relatedMeasures: ["1.1", "99.9"],
    };
    const result = await save(current, { returnId, sectionId: block.id }, 0, typed, "complete");
    expect(result.outcome).toBe("invalid");
    const { errors, version } = result as Extract<SaveOutcome, { outcome: "invalid" }>;
    expect(version).toBe(1);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: ["statusReason"], message: "errors.required" },
        { path: ["actions"], message: "errors.minLength?min=20" },
        { path: ["startDate"], message: "errors.date" },
        { path: ["peopleReached"], message: "errors.integer" },
        { path: ["figures", 1, "value"], message: "errors.number" },
        { path: ["figures", 2, "label"], message: "errors.figureLabel" },
        { path: ["relatedMeasures"], message: "errors.measureInvalid" },
      ]),
    );
    expect(errors).toHaveLength(7);
    const row = await sectionRow(block.id);
    expect(row).toMatchObject({ status: "IN_PROGRESS", version: 1 });
    expect(row.answers).toMatchObject({
      peopleReached: "abc",
      statusReason: "",
      actions: "Trop court",
    });
    expect(
      await prisma.auditEvent.count({
        where: { action: "return.section-completed", targetId: returnId },
      }),
    ).toBe(0);

    // Repeatable group and conditional question of section A.
    const a = sections[0]!;
    const invalidA = await save(
      current,
      { returnId, sectionId: a.id },
      a.version,
      {
        organisationName: "X",
        contacts: [{ name: "", email: "x@example.org" }],
        detailsConfirmed: "no",
      },
      "complete",
    );
    expect(invalidA).toMatchObject({
      outcome: "invalid",
      errors: [
        { path: ["contacts", 0, "name"], message: "errors.required" },
        { path: ["corrections"], message: "errors.required" },
      ],
    });
  });

  it("completing valid answers marks the section COMPLETED, with an audit row", async () => {
    const { current, returnId, block } = await fundedBlock();
    const answers = validAnswers(block.definition.questions);
    const result = await save(current, { returnId, sectionId: block.id }, 0, answers, "complete");
    expect(result).toMatchObject({ outcome: "saved", version: 1, status: "COMPLETED" });
    const row = await sectionRow(block.id);
    expect(row.status).toBe("COMPLETED");
    expect(row.answers).toMatchObject({ staffFte: "12,5", peopleReached: "1 250" });
    expect(
      await prisma.auditEvent.count({
        where: {
          action: "return.section-completed",
          targetType: "AnnualReturn",
          targetId: returnId,
          actorUserId: current.user.id,
          details: { path: ["sectionId"], equals: block.id },
        },
      }),
    ).toBe(1);
  });

  it("concurrent edits: one is saved, the other gets a conflict with the first's answers", async () => {
    const { organisation, current: alice, returnId, block } = await fundedBlock();
    const bobUser = await createPartnerUser([organisation.id]);
    await prisma.user.update({ where: { id: bobUser.id }, data: { displayName: "Bob Collègue" } });
    const bob = await asCurrent(bobUser.id);
    const target = { returnId, sectionId: block.id };
    const mine = { actions: "Version d'Alice, écrite en premier onglet." };
    const theirs = { actions: "Version de Bob, écrite en même temps." };

    const [ra, rb] = await Promise.all([
      save(alice, target, 0, mine),
      save(bob, target, 0, theirs),
    ]);
    const outcomes = [ra.outcome, rb.outcome].sort();
    expect(outcomes).toEqual(["conflict", "saved"]);
    const aliceWon = ra.outcome === "saved";
    const [winner, winnerAnswers, loserAnswers, loserResult, loser] = aliceWon
      ? [alice, mine, theirs, rb, bob]
      : [bob, theirs, mine, ra, alice];

    const row = await sectionRow(block.id);
    expect(row.version).toBe(1);
    expect(row.answers).toMatchObject(winnerAnswers);
    expect(row.updatedById).toBe(winner.user.id);
    expect(loserResult).toMatchObject({
      outcome: "conflict",
      theirs: {
        answers: expect.objectContaining(winnerAnswers),
        version: 1,
        updatedBy: winner.user.displayName,
      },
    });

    // The loser reviews and saves again on top of the new version.
    const retry = await save(loser, target, 1, loserAnswers);
    expect(retry).toMatchObject({ outcome: "saved", version: 2 });
    expect((await sectionRow(block.id)).answers).toMatchObject(loserAnswers);
    // A save still based on version 0 is refused, nothing overwritten.
    expect((await save(winner, target, 0, winnerAnswers)).outcome).toBe("conflict");
    expect(await sectionRow(block.id)).toMatchObject({
      version: 2,
      answers: expect.objectContaining(loserAnswers),
    });
  });

  it("a partner of another organisation, or staff, cannot save: not-found, nothing changed", async () => {
    const { returnId, block } = await fundedBlock();
    const before = await returnState(returnId);
    const outsiders = [
      await asCurrentByEmail("demo.partenaire@example.org"),
      await asCurrent((await createStaffUser("REVIEWER")).id),
      await asCurrent((await createStaffUser("ADMIN")).id),
    ];
    for (const outsider of outsiders) {
      for (const mode of ["draft", "complete"] as const) {
        const result = await save(
          outsider,
          { returnId, sectionId: block.id },
          0,
          validAnswers(block.definition.questions),
          mode,
        );
        expect(result).toEqual({ outcome: "not-found" });
      }
      expect(
        await addOtherContribution({ current: outsider, returnId, measureCode: "3.1" }),
      ).toEqual({ outcome: "not-found" });
    }
    expect(await returnState(returnId)).toEqual(before);
  });
});

describe("other contributions (C)", () => {
  it("adds a C block once; a second call says it exists; an unknown measure is refused", async () => {
    const { current, returnId } = await fundedBlock();
    const first = await addOtherContribution({ current, returnId, measureCode: "3.1" });
    expect(first.outcome).toBe("created");
    const second = await addOtherContribution({ current, returnId, measureCode: "3.1" });
    expect(second).toEqual({
      outcome: "exists",
      sectionId: (first as { sectionId: string }).sectionId,
    });
    const measure = await prisma.measure.findFirstOrThrow({ where: { code: "3.1" } });
    const blocks = (await sectionsOf(returnId)).filter((s) => s.kind === "OTHER_CONTRIBUTION");
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      slotKey: `C:${measure.id}`,
      origin: "PARTNER",
      templateSection: "otherContribution",
      measureId: measure.id,
    });
    const before = await returnState(returnId);
    expect(await addOtherContribution({ current, returnId, measureCode: "99.9" })).toEqual({
      outcome: "invalid-measure",
    });
    expect(await returnState(returnId)).toEqual(before);
  });

  it("removes a C block but refuses a funded block", async () => {
    const { current, returnId, block } = await fundedBlock();
    const added = await addOtherContribution({ current, returnId, measureCode: "8.2" });
    const sectionId = (added as { sectionId: string }).sectionId;
    expect(await removeOtherContribution({ current, returnId, sectionId: block.id })).toEqual({
      outcome: "not-found",
    });
    expect(await prisma.returnSection.count({ where: { id: block.id } })).toBe(1);
    expect(await removeOtherContribution({ current, returnId, sectionId })).toMatchObject({
      outcome: "removed",
    });
    expect(await prisma.returnSection.count({ where: { id: sectionId } })).toBe(0);
  });

  it("C blocks keep distinct positions after one is removed", async () => {
    const { current, returnId } = await fundedBlock();
    const add = async (measureCode: string) =>
      ((await addOtherContribution({ current, returnId, measureCode })) as { sectionId: string })
        .sectionId;
    const first = await add("3.1");
    await add("3.2");
    await removeOtherContribution({ current, returnId, sectionId: first });
    await add("3.3");
    const blocks = (await sectionsOf(returnId)).filter((s) => s.kind === "OTHER_CONTRIBUTION");
    expect(blocks.map((s) => s.measure?.code).sort()).toEqual(["3.2", "3.3"]);
    // Sections are ordered by position alone: a tie makes the order of pages arbitrary.
    expect(new Set(blocks.map((s) => s.position)).size).toBe(2);
  });
});

describe("template versions", () => {
  it("a new version does not change how the running campaign's returns are checked", async () => {
    const { current, returnId, block } = await fundedBlock();
    const v1 = await prisma.questionnaireTemplate.findUniqueOrThrow({
      where: { id: campaign.templateId },
    });
    // Definitions read back are shared and frozen: a new version starts from a copy.
    const definition = structuredClone(readDefinition(v1));
    const contribution = definition.sections.find((s) => s.id === "contribution")!;
    contribution.questions = [
      ...contribution.questions.filter((q) => q.id !== "actions"),
      { id: "budget", kind: "integer", required: true, label: { fr: "Budget", nl: "Budget" } },
    ];
    const { template: v2, created } = await prisma.$transaction((tx) =>
      saveTemplateVersion(tx, definition, { publish: true }),
    );
    expect(created).toBe(true);
    expect(v2.version).toBe(v1.version + 1);
    expect(
      (await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).templateId,
    ).toBe(v1.id);

    const target = { returnId, sectionId: block.id };
    // Answers shaped for v2 (no "actions", a "budget") fail v1's rules; v2's question is dropped.
    const v2Shaped: Record<string, unknown> = {
      ...validAnswers(contribution.questions),
      budget: "5000",
    };
    delete v2Shaped.actions;
    const invalid = await save(current, target, 0, v2Shaped, "complete");
    expect(invalid).toMatchObject({
      outcome: "invalid",
      errors: [{ path: ["actions"], message: "errors.required" }],
    });
    expect((await sectionRow(block.id)).answers).not.toHaveProperty("budget");

    // v1-valid answers complete the section.
    const answers = validAnswers(block.definition.questions);
    expect(await save(current, target, 1, answers, "complete")).toMatchObject({
      outcome: "saved",
      status: "COMPLETED",
    });
    expect((await sectionRow(block.id)).answers).toMatchObject({ actions: answers.actions });
    // New blocks of the running campaign still follow v1.
    const later = await createFundedPartner(campaign.id);
    const laterBlock = (await sectionsOf(later.returnId)).find((s) => s.kind === "FUNDED_MEASURE")!;
    expect(laterBlock.definition.questions.map((q) => q.id)).toContain("actions");
    expect(
      await save(
        later.current,
        { returnId: later.returnId, sectionId: laterBlock.id },
        0,
        answers,
        "complete",
      ),
    ).toMatchObject({ outcome: "saved", status: "COMPLETED" });
  });
});
