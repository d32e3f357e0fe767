// An extension gives one partner's return a later due date than its campaign's: lateness,
// the grace period and reminders then count from it (returns/status.ts, deadlines.ts). Only
// that organisation's report contacts are told, when it is granted and when it is withdrawn;
// the reason stays with staff (the return row keeps it, the audit row only the dates).
import { href } from "react-router";
import { recordReturnAudit } from "~/modules/audit/audit.server";
import { can } from "~/modules/auth/permissions";
import { formatDate } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import {
  acceptsUntil,
  atBrussels,
  brusselsDay,
  type BrusselsDay,
} from "~/modules/returns/deadlines";
import { emailReturnContacts, type ReturnEmailed } from "~/modules/returns/contacts-email.server";
import { lockReturnForEdit } from "~/modules/returns/lock.server";
import {
  dueDateOf,
  editRefusal,
  isHandedBack,
  isLate,
  isSubmitted,
} from "~/modules/returns/status";
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
      select: TOLD_ABOUT,
    });
    await recordReturnAudit(tx, {
      action: "return.extension-granted",
      actorUserId: actor.user.id,
      organisationId: annualReturn.organisationId,
      returnId: input.returnId,
      details: { dueDay: input.dueDay, previousDueDay: brusselsDay(before) },
    });
    // A new date is news; the same date granted twice is one email.
    const notified = await tellReportContacts(tx, annualReturn, {
      template: "extension-granted",
      returnId: input.returnId,
      day: input.dueDay,
      baseUrl: options.baseUrl ?? env.publicUrl,
      payload: (lang) => ({ dueDate: formatDate(dueAt, lang) }),
    });
    return { outcome: "granted" as const, dueAt, notified };
  });
}

export type WithdrawExtensionOutcome =
  | { outcome: "withdrawn"; notified: number }
  | { outcome: "no-extension" }
  | { outcome: "not-open" }
  | { outcome: "forbidden" }
  | { outcome: "not-found" };

/**
 * The campaign's date applies again (a mistake, or the partner no longer needs it). The
 * organisation's report contacts are told which date that is, and whether the return is now
 * late: they would otherwise keep counting on the later one.
 */
export async function withdrawExtension(
  returnId: string,
  actor: CampaignActor,
  campaignId?: string,
  options: { baseUrl?: string; now?: Date } = {},
): Promise<WithdrawExtensionOutcome> {
  if (!can(actor.roles, "campaigns:manage")) return { outcome: "forbidden" };
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const lock = await lockReturnForEdit(tx, returnId, now);
    if (!lock || !(await inCampaign(tx, returnId, campaignId)))
      return { outcome: "not-found" as const };
    if (lock.campaign.status !== "OPEN") return { outcome: "not-open" as const };
    const withdrawnDueAt = lock.annualReturn.extendedDueAt;
    if (!withdrawnDueAt) return { outcome: "no-extension" as const };
    const withdrawnDay = brusselsDay(withdrawnDueAt);
    const annualReturn = await tx.annualReturn.update({
      where: { id: returnId },
      data: { extendedDueAt: null, extensionReason: null, extensionGrantedById: null },
      select: TOLD_ABOUT,
    });
    await recordReturnAudit(tx, {
      action: "return.extension-withdrawn",
      actorUserId: actor.user.id,
      organisationId: annualReturn.organisationId,
      returnId,
      details: { dueDay: withdrawnDay },
    });
    const after = { ...lock.annualReturn, extendedDueAt: null };
    const dueAt = dueDateOf(after, lock.campaign);
    const standing = standingAfterWithdrawal(after, lock.campaign, now);
    // One email per extension withdrawn: the same date withdrawn again is not news.
    const notified = await tellReportContacts(tx, annualReturn, {
      template: "extension-withdrawn",
      returnId,
      day: withdrawnDay,
      baseUrl: options.baseUrl ?? env.publicUrl,
      payload: (lang) => ({
        dueDate: formatDate(dueAt, lang),
        ...(standing.until
          ? { standing: "lateUntil", acceptedUntil: formatDate(standing.until, lang) }
          : { standing: standing.standing }),
      }),
    });
    return { outcome: "withdrawn" as const, notified };
  });
}

/** What the emails about an extension name: the organisation and the campaign. */
const TOLD_ABOUT = {
  organisationId: true,
  organisation: { select: { nameFr: true, nameNl: true } },
  campaign: { select: { titleFr: true, titleNl: true } },
} as const;

/**
 * Queues the email about an extension for each of the organisation's report contacts, in their
 * language, once per return, day and contact; returns how many were told.
 */
function tellReportContacts(
  tx: Tx,
  annualReturn: ReturnEmailed,
  email: {
    template: "extension-granted" | "extension-withdrawn";
    returnId: string;
    /** The day the email is about (granted, or withdrawn): part of its dedupe key. */
    day: BrusselsDay;
    baseUrl: string;
    payload: (lang: Language) => Record<string, string>;
  },
) {
  return emailReturnContacts(tx, annualReturn, {
    template: email.template,
    dedupeKey: `${email.template}:${email.returnId}:${email.day}`,
    link: (lang) =>
      `${email.baseUrl}${href("/:lang/partner/returns/:returnId", { lang, returnId: email.returnId })}`,
    payload: email.payload,
  });
}

type Locked = NonNullable<Awaited<ReturnType<typeof lockReturnForEdit>>>;

/**
 * Where the return stands against the campaign's date once its extension is gone, in the
 * words of the lifecycle policy: sent, past the grace period, late (accepted until closing, or
 * until the grace period's last day), or still due.
 */
function standingAfterWithdrawal(
  annualReturn: Locked["annualReturn"],
  campaign: Locked["campaign"],
  now: Date,
): { standing: "due" | "sent" | "late" | "pastGrace"; until?: undefined } | { until: Date } {
  if (isSubmitted(annualReturn)) return { standing: "sent" };
  if (editRefusal(annualReturn, campaign, now) === "past-grace") return { standing: "pastGrace" };
  if (!isLate(annualReturn, campaign, now)) return { standing: "due" };
  // Handed back for changes, it is taken until closing whatever the grace period (status.ts).
  const until = isHandedBack(annualReturn) ? null : acceptsUntil(annualReturn, campaign);
  return until ? { until } : { standing: "late" };
}

async function inCampaign(tx: Tx, returnId: string, campaignId: string | undefined) {
  if (campaignId === undefined) return true;
  return (await tx.annualReturn.count({ where: { id: returnId, campaignId } })) === 1;
}
