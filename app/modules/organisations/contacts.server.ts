// Who hears about an organisation's return: its contact persons (its members), each in the
// language they chose. Review emails (approval, reopening, changes requested) go to all of them,
// not only to whoever sent the return: that person may be away, and the return is the
// organisation's.
import type { Language } from "~/modules/i18n/languages";
import type { Tx } from "~/utils/db.server";

export interface ReportContact {
  userId: string;
  email: string;
  displayName: string;
  language: Language;
}

/** The organisation's active contact persons, oldest membership first. */
export async function reportContactsOf(
  tx: Pick<Tx, "membership">,
  organisationId: string,
): Promise<ReportContact[]> {
  const memberships = await tx.membership.findMany({
    where: { organisationId, user: { active: true } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      user: { select: { id: true, email: true, displayName: true, preferredLanguage: true } },
    },
  });
  return memberships.map(({ user }) => ({
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    language: user.preferredLanguage,
  }));
}
