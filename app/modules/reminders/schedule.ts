// Which reminders are due for one return at one moment: a pure function of the campaign, its
// rules, the return, its recipients, what was already dispatched and `now` (tests drive the
// clock). The runner (run.server.ts) loads the facts, calls it, and writes what it returns;
// the unique keys in the database make a second runner's identical answer a no-op.
//
// Rules fire at 09:00 Brussels on their day (the due day ± days, the day a return was sent back
// + days, the day it was sent + days) and stay due for CATCH_UP_DAYS more days, so a runner that
// was down catches up, but a stale reminder never bursts out weeks later (ADR 0019).
import type { CampaignStatus, ReminderKind, ReturnStatus } from "~/generated/prisma/enums";
import {
  addBrusselsDays as addDaysUncached,
  atBrussels as atBrusselsUncached,
  brusselsDay as brusselsDayUncached,
  effectiveDueAt,
  isPastGrace,
  type BrusselsDay,
} from "~/modules/returns/deadlines";
import { isSentBack, isSubmitted } from "~/modules/returns/status";

// Time-zone arithmetic is slow next to the rest (a run computes 10,000 returns' schedules),
// and a run asks the same few days again and again: remembered, within bounds.
function remembered<A extends unknown[], R>(fn: (...args: A) => R) {
  const cache = new Map<string, R>();
  return (...args: A): R => {
    const key = args.map((a) => (a instanceof Date ? a.getTime() : String(a))).join("|");
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size > 50_000) cache.clear();
      value = fn(...args);
      cache.set(key, value);
    }
    return value;
  };
}
const addBrusselsDays = remembered(addDaysUncached);
const atBrussels = remembered(atBrusselsUncached);
const brusselsDay = remembered(brusselsDayUncached);

/** Rules stay due this many days after their day (a runner that was down catches up). */
export const CATCH_UP_DAYS = 2;
/** After a "send now", rule reminders falling within this many days are skipped. */
export const RECENTLY_REMINDED_DAYS = 3;
/** The wall-clock time (Brussels) rules fire at on their day. */
export const FIRE_TIME = "09:00";

export interface ScheduleRule {
  id: string;
  kind: ReminderKind;
  days: number;
  escalate: boolean;
  active: boolean;
}

export interface ScheduleCampaign {
  status: CampaignStatus;
  opensAt: Date;
  openedAt: Date | null;
  dueAt: Date;
  graceDays: number | null;
  rules: readonly ScheduleRule[];
}

export interface Recipient {
  userId: string | null;
  /** Lower-case. */
  email: string;
  language: "fr" | "nl";
}

export interface ScheduleReturn {
  id: string;
  status: ReturnStatus;
  extendedDueAt: Date | null;
  changesRequestedAt: Date | null;
  /** Last sent (first submission or resubmission). */
  submittedAt: Date | null;
  /** When it was generated: a return generated after the opening is invited from then on. */
  createdAt?: Date | null;
  /** Membership.reportRole MAIN contacts, active users. */
  mainContacts: readonly Recipient[];
  /** Membership.reportRole BACKUP contacts, active users. */
  backupContacts: readonly Recipient[];
  /** The staff member following the organisation (told on escalation). */
  follower: Recipient | null;
  /** The reviewer who took the return. */
  assignee: Recipient | null;
}

/** A dispatch already recorded for this return (recent ones and invitations suffice). */
export interface PastDispatch {
  ruleKey: string;
  recipient: string;
  day: BrusselsDay;
  status: "QUEUED" | "SKIPPED";
}

export interface DueMessage {
  returnId: string;
  ruleId: string | null;
  ruleKey: string;
  kind: ReminderKind;
  escalate: boolean;
  /** Whom it is for: the partner's contacts, or staff (reviews waiting, escalation copies). */
  audience: "partner" | "staff";
  recipient: string;
  recipientUserId: string | null;
  language: "fr" | "nl";
  /** Brussels day it goes out (today). */
  day: BrusselsDay;
  /** The effective due day the message speaks of. */
  dueDay: BrusselsDay;
  status: "QUEUED" | "SKIPPED";
  skipReason: "same-day" | "recently-reminded" | null;
}

export interface ScheduleContext {
  /** Active REVIEWER/ADMIN staff: told about a review waiting when nobody follows the return. */
  reviewers: readonly Recipient[];
}

/** Open, and past its opening (a draft or closed campaign sends nothing). */
export function isOpenAt(campaign: ScheduleCampaign, now: Date) {
  return (
    campaign.status === "OPEN" && now.getTime() >= (campaign.openedAt ?? campaign.opensAt).getTime()
  );
}

/** Not sent and not sent back: the partner still has to send it (invitation, deadline reminders). */
export function awaitsFirstSending(status: ReturnStatus) {
  return !isSubmitted({ status }) && !isSentBack({ status });
}

/** Sent and waiting for a decision. */
function awaitsReview(status: ReturnStatus) {
  return isSubmitted({ status }) && status !== "APPROVED";
}

/** Main contacts, or the backup ones when the organisation names no main contact. */
export function reminderRecipients(ret: ScheduleReturn, escalate: boolean) {
  const partner = ret.mainContacts.length > 0 ? ret.mainContacts : ret.backupContacts;
  const list: { person: Recipient; audience: "partner" | "staff" }[] = partner.map((person) => ({
    person,
    audience: "partner",
  }));
  if (escalate) {
    for (const person of ret.backupContacts) list.push({ person, audience: "partner" });
    if (ret.follower) list.push({ person: ret.follower, audience: "staff" });
  }
  const seen = new Set<string>();
  return list.filter(({ person }) => !seen.has(person.email) && seen.add(person.email));
}

/** Staff told about a review waiting: its assignee, else the partner's follower, else reviewers. */
export function reviewWaitingRecipients(ret: ScheduleReturn, context: ScheduleContext) {
  if (ret.assignee) return [ret.assignee];
  if (ret.follower) return [ret.follower];
  return [...context.reviewers];
}

interface Candidate {
  rule: ScheduleRule;
  ruleKey: string;
  /** The day the rule is for (09:00 Brussels); later days win on a crowded day. */
  ruleDay: BrusselsDay;
  recipients: { person: Recipient; audience: "partner" | "staff" }[];
}

/** Is a rule for `ruleDay` due at `now` (its 09:00 passed, its catch-up window not)? */
export function isRuleDue(ruleDay: BrusselsDay, now: Date) {
  return (
    now.getTime() >= atBrussels(ruleDay, FIRE_TIME).getTime() &&
    brusselsDay(now) <= addBrusselsDays(ruleDay, CATCH_UP_DAYS)
  );
}

function candidatesOf(
  campaign: ScheduleCampaign,
  ret: ScheduleReturn,
  context: ScheduleContext,
  now: Date,
): Candidate[] {
  const dueDay = brusselsDay(effectiveDueAt(ret, campaign));
  const unsent = awaitsFirstSending(ret.status) && !isPastGrace(ret, campaign, now);
  const out: Candidate[] = [];
  for (const rule of campaign.rules) {
    if (!rule.active) continue;
    const partner = () => reminderRecipients(ret, rule.escalate);
    switch (rule.kind) {
      case "INVITATION": {
        if (!unsent) break;
        // From the opening (or `days` later, at 09:00), or from the moment a return generated
        // later exists, within the catch-up window like every rule: a runner that was down
        // catches up, but a campaign opened long ago never sends its invitations again.
        const opened = campaign.openedAt ?? campaign.opensAt;
        const from = [
          rule.days > 0
            ? atBrussels(addBrusselsDays(brusselsDay(opened), rule.days), FIRE_TIME)
            : opened,
          ret.createdAt ?? opened,
        ].reduce((a, b) => (a.getTime() >= b.getTime() ? a : b));
        const ruleDay = brusselsDay(from);
        if (now < from || brusselsDay(now) > addBrusselsDays(ruleDay, CATCH_UP_DAYS)) break;
        out.push({ rule, ruleKey: `rule:${rule.id}:invitation`, ruleDay, recipients: partner() });
        break;
      }
      case "BEFORE_DUE":
      case "DUE_DAY":
      case "AFTER_DUE": {
        if (!unsent) break;
        const offset =
          rule.kind === "BEFORE_DUE" ? -rule.days : rule.kind === "AFTER_DUE" ? rule.days : 0;
        const ruleDay = addBrusselsDays(dueDay, offset);
        if (!isRuleDue(ruleDay, now)) break;
        // Keyed by the effective due day: an extension starts a fresh schedule.
        out.push({ rule, ruleKey: `rule:${rule.id}:${dueDay}`, ruleDay, recipients: partner() });
        break;
      }
      case "CHANGES_UNTOUCHED": {
        if (ret.status !== "CHANGES_REQUESTED" || !ret.changesRequestedAt) break;
        const sentBackDay = brusselsDay(ret.changesRequestedAt);
        const ruleDay = addBrusselsDays(sentBackDay, rule.days);
        if (!isRuleDue(ruleDay, now)) break;
        out.push({
          rule,
          ruleKey: `rule:${rule.id}:${sentBackDay}`,
          ruleDay,
          recipients: partner(),
        });
        break;
      }
      case "REVIEW_WAITING": {
        if (!awaitsReview(ret.status) || !ret.submittedAt) break;
        const sentDay = brusselsDay(ret.submittedAt);
        const ruleDay = addBrusselsDays(sentDay, rule.days);
        if (!isRuleDue(ruleDay, now)) break;
        out.push({
          rule,
          ruleKey: `rule:${rule.id}:${sentDay}`,
          ruleDay,
          recipients: reviewWaitingRecipients(ret, context).map((person) => ({
            person,
            audience: "staff" as const,
          })),
        });
        break;
      }
    }
  }
  return out;
}

// On a crowded day the most recent rule wins (after a runner was down, the due-day message
// rather than yesterday's "3 days left"); an escalation wins over its plain twin; the
// invitation comes last (every reminder says what the invitation says).
function priority(candidate: Candidate) {
  const kindRank = candidate.rule.kind === "INVITATION" ? 0 : 1;
  return [kindRank, candidate.ruleDay, candidate.rule.escalate ? 1 : 0] as const;
}

function byPriorityDesc(a: Candidate, b: Candidate) {
  const [pa, pb] = [priority(a), priority(b)];
  for (let i = 0; i < pa.length; i++) {
    if (pa[i]! < pb[i]!) return 1;
    if (pa[i]! > pb[i]!) return -1;
  }
  return 0;
}

/**
 * The messages due for one return at `now`, each QUEUED (to send) or SKIPPED (recorded so it
 * is never considered again). Empty when the campaign is not open. Rules already recorded for
 * a recipient (any status) are left out.
 */
export function dueMessages(
  campaign: ScheduleCampaign,
  ret: ScheduleReturn,
  past: readonly PastDispatch[],
  context: ScheduleContext,
  now: Date,
): DueMessage[] {
  if (!isOpenAt(campaign, now)) return [];
  const today = brusselsDay(now);
  const dueDay = brusselsDay(effectiveDueAt(ret, campaign));
  const recorded = new Set(past.map((d) => `${d.ruleKey}\u0000${d.recipient}`));
  const queuedToday = new Set(
    past.filter((d) => d.status === "QUEUED" && d.day === today).map((d) => d.recipient),
  );
  const manualDays = past
    .filter((d) => d.status === "QUEUED" && d.ruleKey.startsWith("manual:"))
    .map((d) => d.day);

  const out: DueMessage[] = [];
  for (const candidate of candidatesOf(campaign, ret, context, now).sort(byPriorityDesc)) {
    const { rule } = candidate;
    // "Send now" restarts the countdown: the rule reminders just after it are not sent.
    const recentlyReminded =
      rule.kind !== "REVIEW_WAITING" &&
      rule.kind !== "INVITATION" &&
      manualDays.some(
        (day) =>
          day <= candidate.ruleDay &&
          addBrusselsDays(day, RECENTLY_REMINDED_DAYS) >= candidate.ruleDay,
      );
    for (const { person, audience } of candidate.recipients) {
      if (recorded.has(`${candidate.ruleKey}\u0000${person.email}`)) continue;
      const skipReason = recentlyReminded
        ? "recently-reminded"
        : queuedToday.has(person.email)
          ? "same-day"
          : null;
      if (!skipReason) queuedToday.add(person.email);
      out.push({
        returnId: ret.id,
        ruleId: rule.id,
        ruleKey: candidate.ruleKey,
        kind: rule.kind,
        escalate: rule.escalate,
        audience,
        recipient: person.email,
        recipientUserId: person.userId,
        language: person.language,
        day: today,
        dueDay,
        status: skipReason ? "SKIPPED" : "QUEUED",
        skipReason,
      });
    }
  }
  return out;
}

/**
 * The messages of a "send now" to one return: its partner contacts (main, else backup), today,
 * unless one of them already got a message today. Only returns still to send or sent back.
 */
export function manualMessages(
  campaign: ScheduleCampaign,
  ret: ScheduleReturn,
  past: readonly PastDispatch[],
  now: Date,
): DueMessage[] {
  if (!isOpenAt(campaign, now)) return [];
  const kind = manualKind(campaign, ret, now);
  if (!kind) return [];
  const today = brusselsDay(now);
  const dueDay = brusselsDay(effectiveDueAt(ret, campaign));
  const ruleKey = `manual:${today}`;
  const queuedToday = new Set(
    past.filter((d) => d.status === "QUEUED" && d.day === today).map((d) => d.recipient),
  );
  return reminderRecipients(ret, false).map(({ person, audience }) => {
    const sameDay = queuedToday.has(person.email);
    return {
      returnId: ret.id,
      ruleId: null,
      ruleKey,
      kind,
      escalate: false,
      audience,
      recipient: person.email,
      recipientUserId: person.userId,
      language: person.language,
      day: today,
      dueDay,
      status: sameDay ? "SKIPPED" : "QUEUED",
      skipReason: sameDay ? "same-day" : null,
    };
  });
}

/** The kind of message a "send now" sends, from where the return stands; null: nothing to send. */
export function manualKind(
  campaign: ScheduleCampaign,
  ret: ScheduleReturn,
  now: Date,
): ReminderKind | null {
  if (ret.status === "CHANGES_REQUESTED") return "CHANGES_UNTOUCHED";
  if (!awaitsFirstSending(ret.status) || isPastGrace(ret, campaign, now)) return null;
  const today = brusselsDay(now);
  const dueDay = brusselsDay(effectiveDueAt(ret, campaign));
  if (today > dueDay) return "AFTER_DUE";
  if (today === dueDay) return "DUE_DAY";
  return "BEFORE_DUE";
}

/** Late: still to send and past its effective due date ("send now to all late partners"). */
export function isLateReturn(campaign: ScheduleCampaign, ret: ScheduleReturn, now: Date) {
  return (
    isOpenAt(campaign, now) &&
    awaitsFirstSending(ret.status) &&
    now.getTime() > effectiveDueAt(ret, campaign).getTime() &&
    !isPastGrace(ret, campaign, now)
  );
}
