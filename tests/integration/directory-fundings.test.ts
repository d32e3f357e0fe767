// Fundings kept by staff (directory/fundings.server.ts): measures of the active plan with their
// link and transversal missions; a stale edit is refused; a funding that a return refers to is
// never deleted. Then what staff entered drives generation: a partner, a contact and a funding
// made through the use cases get a return with the funded measures' blocks. PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createPartnerUser, createStaffUser } from "../fixtures/factories";
import { createCampaign, seedWorld } from "../fixtures/returns";
import type { CurrentUser } from "~/modules/auth/session.server";
import { generateReturns } from "~/modules/campaigns/generation.server";
import { addContact } from "~/modules/directory/contacts.server";
import { createFunding, deleteFunding, updateFunding } from "~/modules/directory/fundings.server";
import { createOrganisation } from "~/modules/directory/organisations.server";
import { organisationHistory } from "~/modules/directory/reads.server";
import {
  contactSchema,
  fundingSchema,
  fundingValuesFromForm,
  organisationSchema,
} from "~/modules/directory/schema";
import { prisma } from "~/utils/db.server";

const YEAR = 2024;
let admin: CurrentUser;
let reviewer: CurrentUser;

beforeAll(async () => {
  await seedWorld();
  admin = await asCurrent((await createStaffUser("ADMIN")).id);
  reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
}, 120_000);

async function newPartner(nameFr: string) {
  const result = await createOrganisation(
    admin,
    organisationSchema.parse({
      kind: "NON_PROFIT",
      nameFr,
      nameNl: `vzw ${nameFr}`,
      preferredLanguage: "fr",
    }),
  );
  if (result.outcome !== "created") throw new Error(result.outcome);
  return result.organisationId;
}

const funding = (over: Record<string, unknown> = {}) =>
  fundingSchema.parse({
    channel: "ASBL_CALL",
    startYear: String(YEAR),
    endYear: String(YEAR),
    title: "Médiation de quartier",
    amount: "45 000,00",
    measures: [
      { code: "2.1", link: "PRIMARY" },
      { code: "3.2", link: "SECONDARY" },
    ],
    missionCodes: ["MT2"],
    ...over,
  });

const versionOf = async (fundingId: string) =>
  (await prisma.funding.findUniqueOrThrow({ where: { id: fundingId } })).updatedAt.toISOString();

describe("the funding form", () => {
  it("reads measure selects and mission checkboxes into the schema's shape", () => {
    const form = new FormData();
    form.set("channel", "FSE");
    form.set("startYear", "2024");
    form.set("endYear", "2025");
    form.set("title", "Prévention");
    form.set("amount", "");
    form.set("measure:1.1", "PRIMARY");
    form.set("measure:1.2", "");
    form.set("measure:5.1", "SECONDARY");
    form.append("mission", "MT1");
    form.append("mission", "MT3");
    const parsed = fundingSchema.parse(fundingValuesFromForm(form));
    expect(parsed).toEqual({
      channel: "FSE",
      startYear: 2024,
      endYear: 2025,
      title: "Prévention",
      amount: null,
      measures: [
        { code: "1.1", link: "PRIMARY" },
        { code: "5.1", link: "SECONDARY" },
      ],
      missionCodes: ["MT1", "MT3"],
    });
  });

  it("refuses no measure, an end before the start and a bad amount, all at once", () => {
    const result = fundingSchema.safeParse({
      channel: "FSE",
      startYear: "2025",
      endYear: "2024",
      title: "Prévention",
      amount: "beaucoup",
      measures: [],
      missionCodes: [],
    });
    const messages = Object.fromEntries(
      result.error!.issues.map((issue) => [String(issue.path[0]), issue.message]),
    );
    expect(messages).toEqual({
      amount: "errors.amount",
      measures: "errors.measuresRequired",
      endYear: "errors.endYear",
    });
  });
});

describe("creating, editing and deleting fundings", () => {
  it("creates with measures and missions of the active plan; unknown codes are refused", async () => {
    const organisationId = await newPartner("ASBL Fonds");
    const result = await createFunding(admin, organisationId, funding());
    expect(result.outcome).toBe("created");
    if (result.outcome !== "created") return;
    const row = await prisma.funding.findUniqueOrThrow({
      where: { id: result.fundingId },
      include: {
        measures: { include: { measure: true } },
        transversalMissions: { include: { mission: true } },
      },
    });
    expect(row.amountCents).toBe(4_500_000);
    expect(row.measures.map((m) => [m.measure.code, m.link]).sort()).toEqual([
      ["2.1", "PRIMARY"],
      ["3.2", "SECONDARY"],
    ]);
    expect(row.transversalMissions.map((m) => m.mission.code)).toEqual(["MT2"]);

    expect(
      await createFunding(
        admin,
        organisationId,
        funding({ title: "Autre", measures: [{ code: "99.9", link: "PRIMARY" }] }),
      ),
    ).toEqual({ outcome: "invalid", errors: { measures: "errors.measures" } });
    expect(
      await createFunding(
        admin,
        organisationId,
        funding({ title: "Autre", missionCodes: ["MT99"] }),
      ),
    ).toEqual({ outcome: "invalid", errors: { missionCodes: "errors.missions" } });
    // Same channel, start year and title: the same funding.
    expect(await createFunding(admin, organisationId, funding())).toEqual({
      outcome: "invalid",
      errors: { title: "errors.fundingTaken" },
    });
    expect(await createFunding(reviewer, organisationId, funding({ title: "Relu" }))).toEqual({
      outcome: "not-found",
    });
    expect(await prisma.funding.count({ where: { organisationId } })).toBe(1);
  });

  it("edits measures with a version; a stale edit is refused and changes nothing", async () => {
    const organisationId = await newPartner("ASBL Versions");
    const created = await createFunding(admin, organisationId, funding());
    if (created.outcome !== "created") throw new Error(created.outcome);
    const fundingId = created.fundingId;
    const version = await versionOf(fundingId);

    const edit = funding({ measures: [{ code: "2.1", link: "SECONDARY" }], amount: "50000" });
    expect(await updateFunding(admin, organisationId, fundingId, { ...edit, version })).toEqual({
      outcome: "updated",
      changed: ["amountCents", "measures"],
    });
    const stale = await updateFunding(admin, organisationId, fundingId, {
      ...funding({ title: "Écrasé" }),
      version,
    });
    expect(stale.outcome).toBe("changed-meanwhile");
    const row = await prisma.funding.findUniqueOrThrow({
      where: { id: fundingId },
      include: { measures: { include: { measure: true } } },
    });
    expect(row.title).toBe("Médiation de quartier");
    expect(row.measures.map((m) => [m.measure.code, m.link])).toEqual([["2.1", "SECONDARY"]]);

    // Another organisation's id in the URL: not found.
    const other = await newPartner("ASBL Autre");
    expect(
      await updateFunding(admin, other, fundingId, {
        ...edit,
        version: await versionOf(fundingId),
      }),
    ).toEqual({ outcome: "not-found" });
    expect(await deleteFunding(admin, other, fundingId)).toEqual({ outcome: "not-found" });

    const history = await organisationHistory(organisationId);
    expect(history.map((h) => [h.action, h.changed])).toEqual([
      ["funding.updated", ["amountCents", "measures"]],
      ["funding.created", []],
      ["organisation.created", []],
    ]);
  });
});

describe("what staff entered drives generation", () => {
  it("a partner, contact and funding made here get a return with the funded blocks; then the funding cannot be deleted", async () => {
    const organisationId = await newPartner("ASBL Génération");
    const contact = await addContact(
      admin,
      organisationId,
      contactSchema.parse({
        email: "Coordination@Generation.example.org",
        displayName: "Camille Coordination",
        preferredLanguage: "fr",
        reportRole: "MAIN",
      }),
    );
    expect(contact.outcome).toBe("added");
    const created = await createFunding(admin, organisationId, funding());
    if (created.outcome !== "created") throw new Error(created.outcome);
    // A second funding, never used by a return: it can be deleted.
    const spare = await createFunding(
      admin,
      organisationId,
      funding({ startYear: "2030", endYear: "2030", title: "Plus tard" }),
    );
    if (spare.outcome !== "created") throw new Error(spare.outcome);

    const campaign = await createCampaign(YEAR);
    await generateReturns(campaign.id, admin.user.id);

    const ret = await prisma.annualReturn.findUniqueOrThrow({
      where: { campaignId_organisationId: { campaignId: campaign.id, organisationId } },
      include: { sections: { include: { measure: true, mission: true } } },
    });
    const funded = ret.sections
      .filter((s) => s.kind === "FUNDED_MEASURE")
      .map((s) => [s.fundingId, s.measure?.code, s.measureLink])
      .sort();
    expect(funded).toEqual([
      [created.fundingId, "2.1", "PRIMARY"],
      [created.fundingId, "3.2", "SECONDARY"],
    ]);
    expect(
      ret.sections.filter((s) => s.kind === "TRANSVERSAL_MISSION").map((s) => s.mission?.code),
    ).toEqual(["MT2"]);

    expect(await deleteFunding(admin, organisationId, created.fundingId)).toEqual({
      outcome: "in-use",
    });
    expect(await prisma.funding.count({ where: { id: created.fundingId } })).toBe(1);
    expect(await deleteFunding(reviewer, organisationId, spare.fundingId)).toEqual({
      outcome: "not-found",
    });
    expect(await deleteFunding(admin, organisationId, spare.fundingId)).toEqual({
      outcome: "deleted",
    });
    expect(await prisma.funding.count({ where: { id: spare.fundingId } })).toBe(0);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "funding.deleted", targetId: spare.fundingId },
    });
    expect(audit).toMatchObject({ actorUserId: admin.user.id, organisationId });
  }, 60_000);

  it("an archived partner gets no return in a new campaign", async () => {
    const organisationId = await newPartner("ASBL Partie");
    await createPartnerUser([organisationId]);
    await createFunding(admin, organisationId, funding({ startYear: "2025", endYear: "2025" }));
    await prisma.organisation.update({
      where: { id: organisationId },
      data: { archivedAt: new Date() },
    });
    const campaign = await createCampaign(2025);
    await generateReturns(campaign.id, admin.user.id);
    expect(
      await prisma.annualReturn.count({ where: { campaignId: campaign.id, organisationId } }),
    ).toBe(0);
  }, 60_000);
});
