// A partner's own administrator invites and removes colleagues (directory/colleagues.server.ts):
// the membership and the invitation email (outbox, delivered to a real SMTP sink in the
// colleague's language, with the login page's address and no sign-in token) are one
// transaction; the last administrator cannot remove themself; another organisation's
// administrator, a plain member and staff get "not found" and nothing changes. Audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createOrganisation, createPartnerUser } from "../fixtures/factories";
import { startSmtpSink, type SmtpSink } from "../fixtures/smtp-sink";
import { createStaffUser } from "../fixtures/factories";
import {
  administersOrganisation,
  inviteColleague,
  listColleagues,
  removeColleague,
} from "~/modules/directory/colleagues.server";
import { colleagueSchema } from "~/modules/directory/schema";
import { smtpTransport } from "~/modules/mail/transport.server";
import { deliverDueEmails } from "~/modules/mail/worker.server";
import { prisma } from "~/utils/db.server";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

async function organisationWithAdmin() {
  const organisation = await createOrganisation();
  const user = await createPartnerUser([organisation.id]);
  await prisma.membership.updateMany({
    where: { userId: user.id, organisationId: organisation.id },
    data: { organisationAdmin: true },
  });
  return { organisation, admin: await asCurrent(user.id) };
}

const colleague = (email: string, over: Record<string, unknown> = {}) =>
  colleagueSchema.parse({
    email,
    displayName: "Noor Janssens",
    preferredLanguage: "nl",
    jobTitle: "Preventiewerker",
    reportRole: "BACKUP",
    ...over,
  });

describe("colleagues invited by a partner's administrator", () => {
  it("invites a colleague: membership, audit row and an email in their language without a token", async () => {
    const { organisation, admin } = await organisationWithAdmin();
    expect(await administersOrganisation(admin, organisation.id)).toBe(true);
    const result = await inviteColleague(admin, organisation.id, colleague("Noor@Example.org"));
    expect(result).toMatchObject({ outcome: "invited", newUser: true });
    if (result.outcome !== "invited") return;
    const membership = await prisma.membership.findUniqueOrThrow({
      where: { id: result.membershipId },
      include: { user: true },
    });
    expect(membership).toMatchObject({
      organisationId: organisation.id,
      reportRole: "BACKUP",
      organisationAdmin: false,
      user: { email: "noor@example.org", preferredLanguage: "nl" },
    });
    expect(
      await prisma.auditEvent.findFirstOrThrow({
        where: { action: "colleague.invited", targetId: result.membershipId },
      }),
    ).toMatchObject({ actorUserId: admin.user.id, organisationId: organisation.id });

    const transport = smtpTransport(sink.url);
    await deliverDueEmails(transport);
    transport.close();
    const mail = sink.messages.find(
      (m) => m.to && JSON.stringify(m.to).includes("noor@example.org"),
    );
    expect(mail?.subject).toContain(organisation.nameNl);
    expect(mail?.text).toContain("Beste Noor Janssens");
    expect(mail?.text).toContain("/nl/login");
    expect(mail?.text).not.toMatch(/token=/);

    const list = await listColleagues(admin, organisation.id);
    expect(list?.map((c) => c.user.email).sort()).toEqual(
      [admin.user.email, "noor@example.org"].sort(),
    );
    // Invited twice: a field error, no second email.
    expect(await inviteColleague(admin, organisation.id, colleague("noor@example.org"))).toEqual({
      outcome: "invalid",
      errors: { email: "errors.alreadyMember" },
    });
  });

  it("removes a colleague; the last administrator cannot remove themself", async () => {
    const { organisation, admin } = await organisationWithAdmin();
    const invited = await inviteColleague(admin, organisation.id, colleague("leaving@example.org"));
    if (invited.outcome !== "invited") throw new Error(invited.outcome);
    const own = await prisma.membership.findFirstOrThrow({
      where: { organisationId: organisation.id, userId: admin.user.id },
    });
    expect(await removeColleague(admin, organisation.id, own.id)).toEqual({
      outcome: "last-admin",
    });
    expect(await removeColleague(admin, organisation.id, invited.membershipId)).toEqual({
      outcome: "removed",
    });
    expect(await prisma.membership.count({ where: { organisationId: organisation.id } })).toBe(1);
    expect(await prisma.user.count({ where: { email: "leaving@example.org" } })).toBe(1);
    expect(
      await prisma.auditEvent.count({
        where: { action: "colleague.removed", targetId: invited.membershipId },
      }),
    ).toBe(1);

    // With a second administrator, one may leave.
    const second = await inviteColleague(admin, organisation.id, colleague("second@example.org"));
    if (second.outcome !== "invited") throw new Error(second.outcome);
    await prisma.membership.update({
      where: { id: second.membershipId },
      data: { organisationAdmin: true },
    });
    expect(await removeColleague(admin, organisation.id, own.id)).toEqual({ outcome: "removed" });
  });

  it("another organisation's administrator, a plain member and staff get not-found; nothing changes", async () => {
    const { organisation, admin } = await organisationWithAdmin();
    const target = await inviteColleague(admin, organisation.id, colleague("target@example.org"));
    if (target.outcome !== "invited") throw new Error(target.outcome);
    const other = await organisationWithAdmin();
    const member = await asCurrent((await createPartnerUser([organisation.id])).id);
    const staff = await asCurrent((await createStaffUser("ADMIN")).id);
    const before = await prisma.membership.count({ where: { organisationId: organisation.id } });
    const outbox = await prisma.outboxEmail.count();

    for (const intruder of [other.admin, member, staff]) {
      expect(await listColleagues(intruder, organisation.id)).toBeNull();
      expect(
        await inviteColleague(
          intruder,
          organisation.id,
          colleague(`x-${intruder.user.id}@example.org`),
        ),
      ).toEqual({ outcome: "not-found" });
      expect(await removeColleague(intruder, organisation.id, target.membershipId)).toEqual({
        outcome: "not-found",
      });
    }
    // The other administrator, naming a membership of this organisation under their own: not found.
    expect(await removeColleague(other.admin, other.organisation.id, target.membershipId)).toEqual({
      outcome: "not-found",
    });
    expect(await prisma.membership.count({ where: { organisationId: organisation.id } })).toBe(
      before,
    );
    expect(await prisma.outboxEmail.count()).toBe(outbox);
  });
});
