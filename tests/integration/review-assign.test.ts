// Who follows a return's review (review/assign.server.ts): a reviewer takes a return or gives it
// to another reviewer; partners and people who do not review cannot, and nobody is given a
// return who does not review. On PGlite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import { asCurrent, createStaffUser } from "../fixtures/factories";
import { createFundedPartner } from "../fixtures/returns";
import { setUpReturnWorld } from "../fixtures/return-world";
import { assignReturn } from "~/modules/review/assign.server";
import { prisma } from "~/utils/db.server";

const world = setUpReturnWorld({ year: 2022 });

async function sentReturn() {
  const partner = await createFundedPartner(world.campaign.id);
  await prisma.annualReturn.update({
    where: { id: partner.returnId },
    data: { status: "SUBMITTED", submittedAt: new Date() },
  });
  return partner;
}

const assigneeOf = async (returnId: string) =>
  (await prisma.annualReturn.findUniqueOrThrow({ where: { id: returnId } })).assigneeId;
const auditsOf = (returnId: string) =>
  prisma.auditEvent.findMany({
    where: { targetId: returnId, action: "return.assigned" },
    orderBy: { occurredAt: "asc" },
  });

describe("assigning a return", () => {
  it("a reviewer takes a return, gives it to an administrator, then to nobody; each change audited once", async () => {
    const { returnId, organisation } = await sentReturn();
    const reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
    const admin = await createStaffUser("ADMIN");

    expect(
      await assignReturn({ current: reviewer, returnId, assigneeId: reviewer.user.id }),
    ).toEqual({ outcome: "assigned", assigneeId: reviewer.user.id, changed: true });
    expect(await assigneeOf(returnId)).toBe(reviewer.user.id);
    // Taking it again (a double click) changes nothing and writes nothing.
    expect(
      await assignReturn({ current: reviewer, returnId, assigneeId: reviewer.user.id }),
    ).toEqual({ outcome: "assigned", assigneeId: reviewer.user.id, changed: false });

    expect(await assignReturn({ current: reviewer, returnId, assigneeId: admin.id })).toMatchObject(
      { outcome: "assigned", changed: true },
    );
    expect(await assigneeOf(returnId)).toBe(admin.id);
    expect(await assignReturn({ current: reviewer, returnId, assigneeId: null })).toMatchObject({
      outcome: "assigned",
      assigneeId: null,
    });
    expect(await assigneeOf(returnId)).toBeNull();

    const audits = await auditsOf(returnId);
    expect(audits.map((a) => a.details)).toEqual([
      { assigneeId: reviewer.user.id, previousAssigneeId: null },
      { assigneeId: admin.id, previousAssigneeId: reviewer.user.id },
      { assigneeId: null, previousAssigneeId: admin.id },
    ]);
    expect(audits.every((a) => a.actorUserId === reviewer.user.id)).toBe(true);
    expect(audits.every((a) => a.organisationId === organisation.id)).toBe(true);
  });

  it("a partner (even of the return's own organisation) cannot assign: not found, nothing changed", async () => {
    const { returnId, current: partner } = await sentReturn();
    const reviewer = await createStaffUser("REVIEWER");
    for (const assigneeId of [partner.user.id, reviewer.id, null]) {
      expect(await assignReturn({ current: partner, returnId, assigneeId })).toEqual({
        outcome: "not-found",
      });
    }
    expect(await assigneeOf(returnId)).toBeNull();
    expect(await auditsOf(returnId)).toEqual([]);
  });

  it("nobody is given a return who does not review: a partner, a staff account without a role, an inactive reviewer, an unknown id", async () => {
    const { returnId, user: partnerUser } = await sentReturn();
    const reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
    const noRole = await prisma.user.create({
      data: { email: `norole-${returnId}@example.org`, displayName: "No role", staffRole: "NONE" },
    });
    const inactive = await createStaffUser("REVIEWER");
    await prisma.user.update({ where: { id: inactive.id }, data: { active: false } });
    for (const assigneeId of [partnerUser.id, noRole.id, inactive.id, "no-such-user"]) {
      expect(await assignReturn({ current: reviewer, returnId, assigneeId })).toEqual({
        outcome: "not-a-reviewer",
      });
    }
    expect(await assigneeOf(returnId)).toBeNull();
    expect(await auditsOf(returnId)).toEqual([]);
  });

  it("an unknown return: not found", async () => {
    const reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
    expect(
      await assignReturn({ current: reviewer, returnId: "no-such-return", assigneeId: null }),
    ).toEqual({ outcome: "not-found" });
  });
});
