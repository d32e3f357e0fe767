// Staff keep the partner directory (directory/organisations.server.ts): administrators create,
// edit and archive organisations; reviewers and partners cannot. Identifiers are checked and
// stored in one form, references must name what they claim, a concurrent edit is refused with
// the new version, and each change leaves an audit row naming the changed fields, shown as the
// organisation's history. On PGlite and on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createPartnerUser, createStaffUser } from "../fixtures/factories";
import type { CurrentUser } from "~/modules/auth/session.server";
import {
  createOrganisation,
  setOrganisationArchived,
  updateOrganisation,
} from "~/modules/directory/organisations.server";
import { organisationHistory } from "~/modules/directory/reads.server";
import { organisationEditSchema, organisationSchema } from "~/modules/directory/schema";
import { seedReferenceData } from "../../prisma/seed/load";
import { prisma } from "~/utils/db.server";

let admin: CurrentUser;
let reviewer: CurrentUser;
let communes: Record<string, string>;

beforeAll(async () => {
  await seedReferenceData(prisma);
  admin = await asCurrent((await createStaffUser("ADMIN")).id);
  reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
  const rows = await prisma.organisation.findMany({ where: { kind: "COMMUNE" } });
  communes = Object.fromEntries(rows.map((c) => [c.officialId!, c.id]));
}, 60_000);

const asbl = (over: Record<string, unknown> = {}) =>
  organisationSchema.parse({
    kind: "NON_PROFIT",
    officialId: "BE 0403.170.701",
    nameFr: "ASBL Quartiers sûrs",
    nameNl: "vzw Veilige Wijken",
    preferredLanguage: "fr",
    ...over,
  });

const editOf = async (organisationId: string, over: Record<string, unknown>) => {
  const row = await prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    include: { coveredCommunes: true },
  });
  return organisationEditSchema.parse({
    kind: row.kind,
    officialId: row.officialId ?? "",
    nameFr: row.nameFr,
    nameNl: row.nameNl,
    preferredLanguage: row.preferredLanguage,
    followedById: row.followedById ?? "",
    parentCommuneId: row.parentCommuneId ?? "",
    coveredCommuneIds: row.coveredCommunes.map((c) => c.communeId),
    version: row.updatedAt.toISOString(),
    ...over,
  });
};

describe("creating an organisation", () => {
  it("an administrator creates a non-profit: identifier normalised, slug readable, audited", async () => {
    const result = await createOrganisation(admin, asbl({ followedById: reviewer.user.id }));
    expect(result.outcome).toBe("created");
    if (result.outcome !== "created") return;
    const row = await prisma.organisation.findUniqueOrThrow({
      where: { id: result.organisationId },
    });
    expect(row).toMatchObject({
      kind: "NON_PROFIT",
      officialId: "0403.170.701",
      slug: "asbl-0403-170-701",
      followedById: reviewer.user.id,
      archivedAt: null,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { targetId: row.id, action: "organisation.created" },
    });
    expect(audit).toMatchObject({ actorUserId: admin.user.id, organisationId: row.id });
    // Ids and codes only: no name in the trail.
    expect(JSON.stringify(audit.details)).not.toContain("Quartiers");
  });

  it("the same identifier for the same kind is refused as a field error", async () => {
    const result = await createOrganisation(
      admin,
      asbl({ officialId: "0403170701", nameFr: "Autre" }),
    );
    expect(result).toEqual({
      outcome: "invalid",
      errors: { officialId: "errors.identifierTaken" },
    });
  });

  it("a police zone covers Brussels communes; the ids must be communes", async () => {
    const input = organisationSchema.parse({
      kind: "POLICE_ZONE",
      officialId: "ZP 5344",
      nameFr: "Zone de test",
      nameNl: "Testzone",
      preferredLanguage: "nl",
      coveredCommuneIds: [communes["21002"], communes["21017"]],
    });
    // Zone 5344 exists in the reference data: the number is taken.
    expect(await createOrganisation(admin, input)).toEqual({
      outcome: "invalid",
      errors: { officialId: "errors.identifierTaken" },
    });
    await prisma.organisation.delete({ where: { slug: "zp-5344" } });
    const zone = await createOrganisation(admin, input);
    expect(zone.outcome).toBe("created");
    if (zone.outcome !== "created") return;
    const covered = await prisma.policeZoneCommune.findMany({
      where: { zoneId: zone.organisationId },
    });
    expect(covered.map((c) => c.communeId).sort()).toEqual(
      [communes["21002"], communes["21017"]].sort(),
    );

    const zoneAsCommune = await createOrganisation(admin, {
      ...input,
      officialId: null,
      kind: "POLICE_ZONE",
      coveredCommuneIds: [zone.organisationId],
    });
    expect(zoneAsCommune).toEqual({
      outcome: "invalid",
      errors: { coveredCommuneIds: "errors.communes" },
    });
  });

  it("a LISA antenna names its commune; a follower must be staff", async () => {
    const partner = await createPartnerUser([]);
    const result = await createOrganisation(
      admin,
      organisationSchema.parse({
        kind: "LISA_ANTENNA",
        officialId: "ignored for an antenna",
        nameFr: "Antenne LISA Test",
        nameNl: "LISA-antenne Test",
        preferredLanguage: "fr",
        parentCommuneId: communes["21001"],
        followedById: partner.id,
      }),
    );
    expect(result).toEqual({ outcome: "invalid", errors: { followedById: "errors.follower" } });
  });

  it("reviewers and partners cannot create: nothing is written", async () => {
    const before = await prisma.organisation.count();
    const partner = await asCurrent((await createPartnerUser([communes["21001"]!])).id);
    expect(await createOrganisation(reviewer, asbl({ officialId: "" }))).toEqual({
      outcome: "not-found",
    });
    expect(await createOrganisation(partner, asbl({ officialId: "" }))).toEqual({
      outcome: "not-found",
    });
    expect(await prisma.organisation.count()).toBe(before);
  });
});

describe("the schema's identifier rules", () => {
  it("reports every field error at once, translated keys", () => {
    const result = organisationSchema.safeParse({
      kind: "COMMUNE",
      officialId: "31001",
      nameFr: "",
      nameNl: "Gemeente",
      preferredLanguage: "de",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(
      result.error!.issues.map((issue) => [String(issue.path[0]), issue.message]),
    );
    expect(messages).toEqual({
      nameFr: "errors.name",
      preferredLanguage: "errors.language",
      officialId: "errors.identifierNotBrussels",
    });
  });

  it("a zone without a number and an antenna without a commune are refused", () => {
    const zone = organisationSchema.safeParse({
      kind: "POLICE_ZONE",
      officialId: "",
      nameFr: "Zone",
      nameNl: "Zone",
      preferredLanguage: "fr",
    });
    expect(zone.error?.issues.map((i) => i.message)).toEqual(["errors.identifierRequired"]);
    const antenna = organisationSchema.safeParse({
      kind: "LISA_ANTENNA",
      nameFr: "Antenne",
      nameNl: "Antenne",
      preferredLanguage: "fr",
    });
    expect(antenna.error?.issues.map((i) => i.message)).toEqual(["errors.parentCommune"]);
  });
});

describe("editing an organisation", () => {
  it("saves the changed fields, audits their names, and refuses a stale version", async () => {
    const created = await createOrganisation(
      admin,
      asbl({ officialId: "", nameFr: "ASBL Édition" }),
    );
    if (created.outcome !== "created") throw new Error(created.outcome);
    const id = created.organisationId;
    const first = await editOf(id, { nameNl: "vzw Bewerking", preferredLanguage: "nl" });
    const stale = await editOf(id, { nameFr: "ASBL Écrasement" });

    expect(await updateOrganisation(admin, id, first)).toEqual({
      outcome: "updated",
      changed: ["nameNl", "preferredLanguage"],
    });
    // The second form was read before the first save: refused, nothing written.
    const conflict = await updateOrganisation(admin, id, stale);
    expect(conflict.outcome).toBe("changed-meanwhile");
    const row = await prisma.organisation.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ nameFr: "ASBL Édition", nameNl: "vzw Bewerking" });
    if (conflict.outcome === "changed-meanwhile")
      expect(conflict.version).toBe(row.updatedAt.toISOString());
    // Sent again with the new version, it saves.
    expect(
      await updateOrganisation(admin, id, {
        ...stale,
        nameNl: "vzw Bewerking",
        preferredLanguage: "nl",
        version: row.updatedAt.toISOString(),
      }),
    ).toEqual({ outcome: "updated", changed: ["nameFr"] });

    // Saving unchanged values writes nothing.
    const auditsBefore = await prisma.auditEvent.count({ where: { organisationId: id } });
    expect(await updateOrganisation(admin, id, await editOf(id, {}))).toEqual({
      outcome: "updated",
      changed: [],
    });
    expect(await prisma.auditEvent.count({ where: { organisationId: id } })).toBe(auditsBefore);

    expect(await updateOrganisation(reviewer, id, await editOf(id, { nameFr: "Non" }))).toEqual({
      outcome: "not-found",
    });
  });

  it("a zone's communes are replaced; another zone's identifier is refused", async () => {
    const zone = await prisma.organisation.findUniqueOrThrow({ where: { slug: "zp-5339" } });
    const input = await editOf(zone.id, { coveredCommuneIds: [communes["21004"]] });
    expect(await updateOrganisation(admin, zone.id, input)).toEqual({
      outcome: "updated",
      changed: ["coveredCommuneIds"],
    });
    const covered = await prisma.policeZoneCommune.findMany({ where: { zoneId: zone.id } });
    expect(covered.map((c) => c.communeId)).toEqual([communes["21004"]]);

    const taken = await updateOrganisation(
      admin,
      zone.id,
      await editOf(zone.id, { officialId: "5340" }),
    );
    expect(taken).toEqual({ outcome: "invalid", errors: { officialId: "errors.identifierTaken" } });
  });

  it("archiving and unarchiving are audited once each; the history shows them newest first", async () => {
    const created = await createOrganisation(
      admin,
      asbl({ officialId: "", nameFr: "ASBL Archive" }),
    );
    if (created.outcome !== "created") throw new Error(created.outcome);
    const id = created.organisationId;
    expect(await setOrganisationArchived(admin, id, true)).toEqual({
      outcome: "archived",
      changed: true,
    });
    expect(await setOrganisationArchived(admin, id, true)).toEqual({
      outcome: "archived",
      changed: false,
    });
    expect(
      (await prisma.organisation.findUniqueOrThrow({ where: { id } })).archivedAt,
    ).not.toBeNull();
    await updateOrganisation(admin, id, await editOf(id, { nameNl: "vzw Archief" }));
    expect(await setOrganisationArchived(admin, id, false)).toEqual({
      outcome: "unarchived",
      changed: true,
    });
    expect(await setOrganisationArchived(reviewer, id, true)).toEqual({ outcome: "not-found" });

    const history = await organisationHistory(id);
    expect(history.map((h) => h.action)).toEqual([
      "organisation.unarchived",
      "organisation.updated",
      "organisation.archived",
      "organisation.created",
    ]);
    expect(history[1]).toMatchObject({ actorName: "Test Staff", changed: ["nameNl"] });
  });
});
