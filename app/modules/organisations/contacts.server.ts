// Who hears about an organisation's return: its report contacts (main and backup; a member with
// no role for reports only signs in), each in the language they chose. Review emails (approval,
// reopening, changes requested) and extensions go to all of them, not only to whoever sent the
// return: that person may be away, and the return is the organisation's. (Reminders go to the
// main contacts first and escalate to the backup ones: reminders/facts.server.ts.)
import type { Language } from "~/modules/i18n/languages";
import type { Tx } from "~/utils/db.server";

export interface ReportContact {
  userId: string;
  email: string;
  displayName: string;
  language: Language;
}

/**
 * The organisation's active report contacts (Membership.reportRole MAIN or BACKUP: a member
 * with no role for reports only signs in), oldest membership first.
 */
export async function reportContactsOf(
  tx: Pick<Tx, "membership">,
  organisationId: string,
): Promise<ReportContact[]> {
  const memberships = await tx.membership.findMany({
    where: { organisationId, user: { active: true }, reportRole: { in: ["MAIN", "BACKUP"] } },
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
