// An extension gives one partner's return a later due date than its campaign's: lateness,
// the grace period and reminders then count from it (returns/status.ts, deadlines.ts). Only
// that organisation's report contacts are told; the reason stays with staff (the return row
// keeps it, the audit row only the dates).
import { href } from "react-router";
import { recordReturnAudit } from "~/modules/audit/audit.server";
import { can } from "~/modules/auth/permissions";
import { formatDate } from "~/modules/i18n/format";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { reportContactsOf } from "~/modules/organisations/contacts.server";
import { atBrussels, brusselsDay, type BrusselsDay } from "~/modules/returns/deadlines";
import { lockReturnForEdit } from "~/modules/returns/lock.server";
import { dueDateOf, isSubmitted } from "~/modules/returns/status";
import { env } from "~/utils/env.server";
import { prisma, type Tx } from "~/utils/db.server";
import type { CampaignActor } from "./lifecycle.server";

export type GrantExtensionOutcome =
  | { outcome: "granted"; dueAt: Date; notified: number }
  | { outcome: "reason-required" }
  /** Not after the campaign's own due date: that would be no extension. */
  | { outcome: "date-too-early" }
  | { outcome: "already-sent" }
  | { outcome: "not-open" }
  | { outcome: "forbidden" }
  | { outcome: "not-found" };

export async function grantExtension(
  /** With `campaignId` (a page's), the return must be one of that campaign's. */
  input: { returnId: string; dueDay: BrusselsDay; reason: string; campaignId?: string },
  actor: CampaignActor,
  options: { baseUrl?: string } = {},
): Promise<GrantExtensionOutcome> {
  if (!can(actor.roles, "campaigns:manage")) return { outcome: "forbidden" };
  const reason = input.reason.trim();
  if (reason.length === 0) return { outcome: "reason-required" };
  const dueAt = atBrussels(input.dueDay, "23:59");
  return prisma.$transaction(async (tx) => {
    // Under the return's lock: a submission cannot slip in between this check and the change.
    const lock = await lockReturnForEdit(tx, input.returnId);
    if (!lock || !(await inCampaign(tx, input.returnId, input.campaignId)))
      return { outcome: "not-found" as const };
    if (lock.campaign.status !== "OPEN") return { outcome: "not-open" as const };
    if (isSubmitted(lock.annualReturn)) return { outcome: "already-sent" as const };
    if (input.dueDay <= brusselsDay(lock.campaign.dueAt))
      return { outcome: "date-too-early" as const };
    const before = dueDateOf(lock.annualReturn, lock.campaign);
    const annualReturn = await tx.annualReturn.update({
      where: { id: input.returnId },
      data: { extendedDueAt: dueAt, extensionReason: reason, extensionGrantedById: actor.user.id },
      select: {
        organisationId: true,
        organisation: { select: { nameFr: true, nameNl: true } },
        campaign: { select: { titleFr: true, titleNl: true } },
      },
    });
    await recordReturnAudit(tx, {
      action: "return.extension-granted",
      actorUserId: actor.user.id,
      organisationId: annualReturn.organisationId,
      returnId: input.returnId,
      details: { dueDay: input.dueDay, previousDueDay: brusselsDay(before) },
    });
    const baseUrl = options.baseUrl ?? env.publicUrl;
    const contacts = await reportContactsOf(tx, annualReturn.organisationId);
    for (const contact of contacts) {
      const lang = contact.language;
      await enqueueEmail(tx, {
        purpose: "extension-granted",
        // A new date is news; the same date granted twice is one email.
        dedupeKey: `extension-granted:${input.returnId}:${input.dueDay}:${contact.email}`,
        template: "extension-granted",
        to: contact.email,
        language: lang,
        payload: {
          displayName: contact.displayName,
          organisationName:
            lang === "nl" ? annualReturn.organisation.nameNl : annualReturn.organisation.nameFr,
          campaignTitle:
            lang === "nl" ? annualReturn.campaign.titleNl : annualReturn.campaign.titleFr,
          dueDate: formatDate(dueAt, lang),
          link: `${baseUrl}${href("/:lang/partner/returns/:returnId", { lang, returnId: input.returnId })}`,
        },
      });
    }
    return { outcome: "granted" as const, dueAt, notified: contacts.length };
  });
}

export type WithdrawExtensionOutcome =
  | { outcome: "withdrawn" }
  | { outcome: "no-extension" }
  | { outcome: "not-open" }
  | { outcome: "forbidden" }
  | { outcome: "not-found" };

/** The campaign's date applies again (a mistake, or the partner no longer needs it). */
export async function withdrawExtension(
  returnId: string,
  actor: CampaignActor,
  campaignId?: string,
): Promise<WithdrawExtensionOutcome> {
  if (!can(actor.roles, "campaigns:manage")) return { outcome: "forbidden" };
  return prisma.$transaction(async (tx) => {
    const lock = await lockReturnForEdit(tx, returnId);
    if (!lock || !(await inCampaign(tx, returnId, campaignId)))
      return { outcome: "not-found" as const };
    if (lock.campaign.status !== "OPEN") return { outcome: "not-open" as const };
    if (!lock.annualReturn.extendedDueAt) return { outcome: "no-extension" as const };
    const annualReturn = await tx.annualReturn.update({
      where: { id: returnId },
      data: { extendedDueAt: null, extensionReason: null, extensionGrantedById: null },
      select: { organisationId: true },
    });
    await recordReturnAudit(tx, {
      action: "return.extension-withdrawn",
      actorUserId: actor.user.id,
      organisationId: annualReturn.organisationId,
      returnId,
      details: { dueDay: brusselsDay(lock.annualReturn.extendedDueAt) },
    });
    return { outcome: "withdrawn" as const };
  });
}

async function inCampaign(tx: Tx, returnId: string, campaignId: string | undefined) {
  if (campaignId === undefined) return true;
  return (await tx.annualReturn.count({ where: { id: returnId, campaignId } })) === 1;
}
