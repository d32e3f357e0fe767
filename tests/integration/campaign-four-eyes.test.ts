// The campaign page's four-eyes setting (routes/staff/campaign.tsx over campaigns.server.ts
// setFourEyes): an administrator ticks or unticks it, it is audited when it changes, a reviewer
// cannot change it, and posting nothing else never generates returns by mistake.
import { describe, expect, it } from "vitest";
import { createStaffUser } from "../fixtures/factories";
import { createCampaign, seedWorld } from "../fixtures/returns";
import { sessionCookie } from "~/modules/auth/cookies.server";
import { writeSession } from "../fixtures/sessions";
import { action } from "~/routes/staff/campaign";
import { prisma } from "~/utils/db.server";

async function post(
  role: "ADMIN" | "REVIEWER",
  campaignId: string,
  fields: Record<string, string>,
) {
  const user = await createStaffUser(role);
  const cookie = `${sessionCookie.name}=${await writeSession(prisma, user.id)}`;
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const request = new Request(`http://127.0.0.1:3000/fr/staff/campaigns/${campaignId}`, {
    method: "POST",
    body,
    headers: { cookie, origin: "http://127.0.0.1:3000" },
  });
  const answer: unknown = await action({
    request,
    params: { lang: "fr", campaignId },
    context: {},
  } as never).catch((thrown: unknown) => thrown);
  return { answer: answer as Response, user };
}

const audits = (campaignId: string) =>
  prisma.auditEvent.findMany({
    where: { targetId: campaignId, action: "campaign.four-eyes-changed" },
    orderBy: { occurredAt: "asc" },
  });

describe("four eyes on a campaign", () => {
  it("an administrator turns it on and off; each change is audited, saving it unchanged is not", async () => {
    await seedWorld();
    const campaign = await createCampaign(2023);
    const fourEyes = async () =>
      (await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).fourEyes;
    expect(await fourEyes()).toBe(false);

    const on = await post("ADMIN", campaign.id, { intent: "four-eyes", fourEyes: "on" });
    expect(on.answer.status).toBe(302);
    expect(on.answer.headers.get("location")).toBe(
      `/fr/staff/campaigns/${campaign.id}?saved=four-eyes#four-eyes`,
    );
    expect(await fourEyes()).toBe(true);
    // Saved again as it is: nothing to audit.
    await post("ADMIN", campaign.id, { intent: "four-eyes", fourEyes: "on" });
    // An unticked box sends nothing: off.
    const off = await post("ADMIN", campaign.id, { intent: "four-eyes" });
    expect(off.answer.status).toBe(302);
    expect(await fourEyes()).toBe(false);

    const rows = await audits(campaign.id);
    expect(rows.map((r) => [r.actorUserId, r.details])).toEqual([
      [on.user.id, { fourEyes: true }],
      [off.user.id, { fourEyes: false }],
    ]);
    // The setting alone never generates returns.
    expect(await prisma.annualReturn.count({ where: { campaignId: campaign.id } })).toBe(0);
  });

  it("a reviewer cannot change it", async () => {
    const campaign = await prisma.campaign.findFirstOrThrow({ where: { year: 2023 } });
    const before = campaign.fourEyes;
    const { answer } = await post("REVIEWER", campaign.id, { intent: "four-eyes", fourEyes: "on" });
    // Refused as any missing permission: not found, and the denial audited.
    expect(answer).toMatchObject({ init: { status: 404 } });
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).fourEyes).toBe(
      before,
    );
    expect(await audits(campaign.id)).toHaveLength(2);
  });
});
