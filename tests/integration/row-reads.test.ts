// The two reads every page makes go through the driver, not Prisma's client
// (utils/db/rows.server.ts). They must give back what Prisma would: the same strings, numbers,
// parsed JSON and instants, in whatever time zone the server runs. Prisma's DateTime columns are
// timestamps without time zone holding UTC, which both drivers would read as local time.
import { afterEach, describe, expect, it } from "vitest";
import { findSessionWithUser } from "~/modules/auth/session-lookup.server";
import { createSession } from "~/modules/auth/session.server";
import { hashSecret } from "~/modules/auth/tokens.server";
import { findSectionPage } from "~/modules/returns/section-page.server";
import { utcTimestamp } from "~/utils/db/rows.server";
import { prisma } from "~/utils/db.server";
import { setUpReturnWorld } from "../fixtures/return-world";
import { createFundedPartner, sectionsOf } from "../fixtures/returns";

const world = setUpReturnWorld({ year: 2023, generate: true });
const zoneBefore = process.env.TZ;

afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe("rows read through the driver", () => {
  it("reads a timestamp as UTC", () => {
    expect(utcTimestamp("2024-03-15 10:00:00.123").toISOString()).toBe("2024-03-15T10:00:00.123Z");
    expect(utcTimestamp("2024-03-15 10:00:00").toISOString()).toBe("2024-03-15T10:00:00.000Z");
  });

  // Far from UTC, on both sides of it: a local reading would move every instant by hours.
  for (const zone of ["Pacific/Auckland", "America/Los_Angeles"]) {
    it(`the session lookup equals Prisma's reading of the same rows (server in ${zone})`, async () => {
      const partner = await createFundedPartner(world.campaign.id);
      const secret = await prisma.$transaction((tx) => createSession(tx, partner.user.id));
      process.env.TZ = zone;
      const found = await findSessionWithUser(hashSecret(secret));
      const session = await prisma.session.findUniqueOrThrow({
        where: { id: hashSecret(secret) },
        include: { user: { include: { memberships: true } } },
      });
      expect(found).toMatchObject({
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
        createdAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
        secondFactorAt: session.secondFactorAt,
        user: {
          email: session.user.email,
          displayName: session.user.displayName,
          preferredLanguage: session.user.preferredLanguage,
          active: true,
          createdAt: session.user.createdAt,
          updatedAt: session.user.updatedAt,
          memberships: session.user.memberships.map((m) => ({
            organisationId: m.organisationId,
            jobTitle: m.jobTitle,
          })),
        },
      });
      // The instants themselves, not only equal objects: written and read back unchanged.
      expect(found!.expiresAt.getTime() - found!.createdAt.getTime()).toBe(
        session.expiresAt.getTime() - session.createdAt.getTime(),
      );
    });

    it(`the section page's read equals Prisma's (server in ${zone})`, async () => {
      const partner = await createFundedPartner(world.campaign.id);
      const block = (await sectionsOf(partner.returnId)).find((s) => s.kind === "FUNDED_MEASURE")!;
      await prisma.returnSection.update({
        where: { id: block.id },
        data: { answers: { activities: "Permanences <b>& ateliers</b>", people: 1250 } },
      });
      process.env.TZ = zone;
      const page = await findSectionPage(partner.current, partner.returnId, block.id);
      const section = await prisma.returnSection.findUniqueOrThrow({
        where: { id: block.id },
        include: { annualReturn: { include: { campaign: true } }, measure: true },
      });
      expect(page!.section).toMatchObject({
        id: section.id,
        version: section.version,
        updatedAt: section.updatedAt,
        answers: { activities: "Permanences <b>& ateliers</b>", people: 1250 },
        measure: { code: section.measure!.code, titleFr: section.measure!.titleFr },
        attachments: [],
      });
      expect(page!.annualReturn.campaign.dueAt).toEqual(section.annualReturn.campaign.dueAt);
      expect(page!.annualReturn.submittedAt).toBeNull();
    });
  }
});
