// A partner's contacts kept by staff (directory/contacts.server.ts): a contact is a user found by
// lower-cased email (reused across organisations, name and language untouched), with a job title
// and a role for reports; staff accounts are refused; removing ends the membership but keeps the
// user; reviewers and partners change nothing; each change audited without personal data.
import { beforeAll, describe, expect, it } from "vitest";
import {
  asCurrent,
  createOrganisation,
  createPartnerUser,
  createStaffUser,
} from "../fixtures/factories";
import type { CurrentUser } from "~/modules/auth/session.server";
import { addContact, removeContact, updateContact } from "~/modules/directory/contacts.server";
import { organisationHistory } from "~/modules/directory/reads.server";
import { contactEditSchema, contactSchema } from "~/modules/directory/schema";
import { prisma } from "~/utils/db.server";

let admin: CurrentUser;
let reviewer: CurrentUser;

beforeAll(async () => {
  admin = await asCurrent((await createStaffUser("ADMIN")).id);
  reviewer = await asCurrent((await createStaffUser("REVIEWER")).id);
});

const contact = (over: Record<string, unknown> = {}) =>
  contactSchema.parse({
    email: "  Sam.Dupont@Quartier.example.org ",
    displayName: "Sam Dupont",
    preferredLanguage: "nl",
    jobTitle: "Coordinateur",
    reportRole: "MAIN",
    ...over,
  });

describe("contacts of an organisation", () => {
  it("adds a new user with a lower-cased email, then reuses it for a second organisation", async () => {
    const first = await createOrganisation();
    const second = await createOrganisation();
    const added = await addContact(admin, first.id, contact({ organisationAdmin: "on" }));
    expect(added).toMatchObject({ outcome: "added", newUser: true });
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "sam.dupont@quartier.example.org" },
      include: { memberships: true },
    });
    expect(user).toMatchObject({
      displayName: "Sam Dupont",
      preferredLanguage: "nl",
      staffRole: "NONE",
    });
    expect(user.memberships[0]).toMatchObject({
      organisationId: first.id,
      jobTitle: "Coordinateur",
      reportRole: "MAIN",
      organisationAdmin: true,
    });

    // The same person for another partner: the user is reused, their name and language kept.
    const again = await addContact(
      admin,
      second.id,
      contact({
        email: "SAM.DUPONT@quartier.example.org",
        displayName: "S. D.",
        preferredLanguage: "fr",
        reportRole: "BACKUP",
      }),
    );
    expect(again).toMatchObject({ outcome: "added", newUser: false, userId: user.id });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      displayName: "Sam Dupont",
      preferredLanguage: "nl",
    });
    // Twice for the same organisation: a field error, one membership.
    expect(await addContact(admin, first.id, contact())).toEqual({
      outcome: "invalid",
      errors: { email: "errors.alreadyMember" },
    });
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(2);

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "contact.added", organisationId: first.id },
    });
    expect(audit).toMatchObject({ actorUserId: admin.user.id, targetType: "Membership" });
    expect(JSON.stringify(audit.details)).not.toMatch(/sam|dupont|coordinateur/i);
  });

  it("refuses a staff account and bad input", async () => {
    const organisation = await createOrganisation();
    const staff = await createStaffUser("REVIEWER");
    expect(await addContact(admin, organisation.id, contact({ email: staff.email }))).toEqual({
      outcome: "invalid",
      errors: { email: "errors.staffAccount" },
    });
    const bad = contactSchema.safeParse({
      email: "pas-une-adresse",
      displayName: "",
      preferredLanguage: "fr",
      reportRole: "BOSS",
    });
    expect(
      Object.fromEntries(bad.error!.issues.map((i) => [String(i.path[0]), i.message])),
    ).toEqual({
      email: "errors.email",
      displayName: "errors.displayName",
      reportRole: "errors.reportRole",
    });
  });

  it("edits a contact's role and title; removes them, keeping the user; audited as history", async () => {
    const organisation = await createOrganisation();
    const added = await addContact(admin, organisation.id, contact({ email: "edit@example.org" }));
    if (added.outcome !== "added") throw new Error(added.outcome);
    const edit = contactEditSchema.parse({
      displayName: "Sam Dupont-Martin",
      jobTitle: "",
      reportRole: "BACKUP",
    });
    expect(await updateContact(admin, organisation.id, added.membershipId, edit)).toEqual({
      outcome: "updated",
      changed: ["displayName", "jobTitle", "reportRole"],
    });
    expect(
      await prisma.membership.findUniqueOrThrow({ where: { id: added.membershipId } }),
    ).toMatchObject({ jobTitle: null, reportRole: "BACKUP", organisationAdmin: false });

    // Reviewers read only; another organisation's id in the URL finds nothing.
    const other = await createOrganisation();
    expect(await updateContact(reviewer, organisation.id, added.membershipId, edit)).toEqual({
      outcome: "not-found",
    });
    expect(await removeContact(admin, other.id, added.membershipId)).toEqual({
      outcome: "not-found",
    });
    expect(await removeContact(reviewer, organisation.id, added.membershipId)).toEqual({
      outcome: "not-found",
    });
    expect(await prisma.membership.count({ where: { id: added.membershipId } })).toBe(1);

    expect(await removeContact(admin, organisation.id, added.membershipId)).toEqual({
      outcome: "removed",
    });
    expect(await prisma.membership.count({ where: { id: added.membershipId } })).toBe(0);
    expect(await prisma.user.count({ where: { id: added.userId } })).toBe(1);

    const history = await organisationHistory(organisation.id);
    expect(history.map((h) => [h.action, h.changed])).toEqual([
      ["contact.removed", []],
      ["contact.updated", ["displayName", "jobTitle", "reportRole"]],
      ["contact.added", []],
    ]);
  });

  it("a partner cannot add contacts through the staff use case", async () => {
    const organisation = await createOrganisation();
    const partner = await asCurrent((await createPartnerUser([organisation.id])).id);
    expect(await addContact(partner, organisation.id, contact({ email: "x@example.org" }))).toEqual(
      {
        outcome: "not-found",
      },
    );
    expect(await prisma.user.count({ where: { email: "x@example.org" } })).toBe(0);
  });
});
