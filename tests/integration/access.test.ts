import { beforeAll, describe, expect, it } from "vitest";
import {
  asCurrent,
  createOrganisation,
  createPartnerUser,
  createStaffUser,
} from "../fixtures/factories";
import type { CurrentUser } from "~/modules/auth/session.server";
import {
  findOrganisationForUser,
  listMyOrganisations,
  listPartners,
} from "~/modules/organisations/organisations.server";
import { prisma } from "~/utils/db.server";

describe("tenant scoping", () => {
  let orgA: { id: string };
  let orgB: { id: string };
  let partnerA: CurrentUser;
  let reviewer: CurrentUser;

  beforeAll(async () => {
    orgA = await createOrganisation("COMMUNE");
    orgB = await createOrganisation("POLICE_ZONE");
    partnerA = await asCurrent((await createPartnerUser([orgA.id])).id);
    reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
  });

  const cases = [
    { who: "partner A", own: true, expectFound: true },
    { who: "partner A", own: false, expectFound: false },
    { who: "reviewer", own: true, expectFound: true },
    { who: "reviewer", own: false, expectFound: true },
  ];

  it.each(cases)(
    "$who reading own=$own → found=$expectFound",
    async ({ who, own, expectFound }) => {
      const current = who === "reviewer" ? reviewer : partnerA;
      const target = own ? orgA : orgB;
      const found = await findOrganisationForUser(current, target.id);
      expect(Boolean(found)).toBe(expectFound);
    },
  );

  it("an unknown or tampered id is simply not found", async () => {
    expect(await findOrganisationForUser(reviewer, "does-not-exist")).toBeNull();
    expect(await findOrganisationForUser(partnerA, "' OR 1=1 --")).toBeNull();
  });

  it("a partner's home lists only its own organisations", async () => {
    const mine = await listMyOrganisations(partnerA);
    expect(mine.map((o) => o.id)).toEqual([orgA.id]);
  });

  it("staff filters partners by kind and search text", async () => {
    const zones = await listPartners({ kind: "POLICE_ZONE" });
    expect(zones.map((o) => o.id)).toContain(orgB.id);
    expect(zones.every((o) => o.kind === "POLICE_ZONE")).toBe(true);
    const org = await prisma.organisation.findUniqueOrThrow({ where: { id: orgA.id } });
    const search = await listPartners({ q: org.nameNl.toUpperCase() });
    expect(search.map((o) => o.id)).toEqual([orgA.id]);
  });
});
