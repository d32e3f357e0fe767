import { href } from "react-router";
import type { Language } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";

/** Where a user lands after login when no page was asked for. */
export async function landingPath(userId: string, lang: Language) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { staffRole: true, _count: { select: { memberships: true } } },
  });
  if (user.staffRole !== "NONE") return href("/:lang/staff/partners", { lang });
  if (user._count.memberships > 0) return href("/:lang/partner", { lang });
  return href("/:lang", { lang });
}
