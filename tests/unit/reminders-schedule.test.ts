// The reminder schedule of a whole campaign, simulated every quarter of an hour with a driven
// clock over the March 2024 summer-time change (31 March, 02:00 → 03:00 in Brussels): each
// message goes out once, at 09:00 Brussels on its day, whatever the UTC offset that day.
import { describe, expect, it } from "vitest";
import {
  dueMessages,
  isLateReturn,
  manualMessages,
  type DueMessage,
  type PastDispatch,
  type Recipient,
  type ScheduleCampaign,
  type ScheduleReturn,
} from "~/modules/reminders/schedule";
import { DEFAULT_REMINDER_RULES } from "~/modules/campaigns/reminder-rules.server";
import { atBrussels } from "~/modules/returns/deadlines";

const rules = DEFAULT_REMINDER_RULES.map((rule, i) => ({ id: `r${i}`, active: true, ...rule }));
const ruleId = (kind: string, days: number) =>
  rules.find((r) => r.kind === kind && r.days === days)!.id;

const campaign: ScheduleCampaign = {
  status: "OPEN",
  opensAt: atBrussels("2024-03-01", "00:00"),
  openedAt: atBrussels("2024-03-01", "10:30"),
  dueAt: atBrussels("2024-03-31", "23:59"),
  graceDays: null,
  rules,
};

const person = (email: string, language: "fr" | "nl" = "fr"): Recipient => ({
  userId: `u-${email}`,
  email,
  language,
});
const main = person("main@example.org");
const mainNl = person("hoofd@example.org", "nl");
const backup = person("backup@example.org");
const follower = person("follower@safe.brussels", "nl");
const reviewer = person("reviewer@safe.brussels");

function aReturn(overrides: Partial<ScheduleReturn> = {}): ScheduleReturn {
  return {
    id: "ret-1",
    status: "NOT_STARTED",
    extendedDueAt: null,
    changesRequestedAt: null,
    submittedAt: null,
    mainContacts: [main, mainNl],
    backupContacts: [backup],
    follower,
    assignee: null,
    ...overrides,
  };
}

interface Sent extends DueMessage {
  at: Date;
}

/** Runs the schedule every 15 minutes from `from` to `to`, remembering what it recorded. */
function simulate(
  ret: ScheduleReturn,
  from: Date,
  to: Date,
  options: {
    campaign?: ScheduleCampaign;
    change?: (now: Date, ret: ScheduleReturn) => void;
    past?: PastDispatch[];
  } = {},
) {
  const past: PastDispatch[] = options.past ?? [];
  const recorded: Sent[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += 15 * 60_000) {
    const now = new Date(t);
    options.change?.(now, ret);
    const messages = dueMessages(
      options.campaign ?? campaign,
      ret,
      past,
      { reviewers: [reviewer] },
      now,
    );
    for (const message of messages) {
      past.push(message);
      recorded.push({ ...message, at: now });
    }
  }
  return recorded;
}

const queued = (sent: Sent[]) => sent.filter((m) => m.status === "QUEUED");
/** "kind days@Brussels day time → recipient", one line per queued message. */
const lines = (sent: Sent[]) =>
  queued(sent).map(
    (m) =>
      `${m.kind}${m.escalate ? "+" : ""} ${m.at.toISOString().slice(0, 16)}Z ${m.recipient} ${m.language}`,
  );

describe("a campaign's schedule over the summer-time change", () => {
  const start = atBrussels("2024-02-28", "00:00");
  const end = atBrussels("2024-04-30", "00:00");

  it("sends each message once, at 09:00 Brussels on its day (08:00Z in winter, 07:00Z in summer)", () => {
    const sent = simulate(aReturn(), start, end);
    expect(lines(sent)).toEqual([
      // The invitation as soon as the campaign opened (10:30), then the rules at 09:00.
      "INVITATION 2024-03-01T09:30Z main@example.org fr",
      "INVITATION 2024-03-01T09:30Z hoofd@example.org nl",
      "BEFORE_DUE 2024-03-17T08:00Z main@example.org fr",
      "BEFORE_DUE 2024-03-17T08:00Z hoofd@example.org nl",
      "BEFORE_DUE 2024-03-28T08:00Z main@example.org fr",
      "BEFORE_DUE 2024-03-28T08:00Z hoofd@example.org nl",
      // 31 March: summer time began at 02:00, so 09:00 Brussels is 07:00Z.
      "DUE_DAY 2024-03-31T07:00Z main@example.org fr",
      "DUE_DAY 2024-03-31T07:00Z hoofd@example.org nl",
      "AFTER_DUE 2024-04-07T07:00Z main@example.org fr",
      "AFTER_DUE 2024-04-07T07:00Z hoofd@example.org nl",
      // The later one escalates: backup contact and the staff member following the partner.
      "AFTER_DUE+ 2024-04-14T07:00Z main@example.org fr",
      "AFTER_DUE+ 2024-04-14T07:00Z hoofd@example.org nl",
      "AFTER_DUE+ 2024-04-14T07:00Z backup@example.org fr",
      "AFTER_DUE+ 2024-04-14T07:00Z follower@safe.brussels nl",
    ]);
    expect(sent.filter((m) => m.status === "SKIPPED")).toEqual([]);
    const escalation = queued(sent).filter((m) => m.escalate);
    expect(escalation.map((m) => m.audience)).toEqual(["partner", "partner", "partner", "staff"]);
    // Keyed by the due day: a second runner computing the same message writes the same key.
    expect(queued(sent).find((m) => m.kind === "DUE_DAY")!.ruleKey).toBe(
      `rule:${ruleId("DUE_DAY", 0)}:2024-03-31`,
    );
  });

  it("follows an extension granted on 29 March: nothing more before its new date's schedule", () => {
    const granted = atBrussels("2024-03-29", "10:00");
    const sent = simulate(aReturn({ mainContacts: [main] }), start, end, {
      change(now, ret) {
        if (now.getTime() === granted.getTime())
          ret.extendedDueAt = atBrussels("2024-04-15", "23:59");
      },
    });
    expect(lines(sent)).toEqual([
      "INVITATION 2024-03-01T09:30Z main@example.org fr",
      "BEFORE_DUE 2024-03-17T08:00Z main@example.org fr",
      "BEFORE_DUE 2024-03-28T08:00Z main@example.org fr",
      // New due day 15 April: 14 days before is 1 April, 3 days before is 12 April.
      "BEFORE_DUE 2024-04-01T07:00Z main@example.org fr",
      "BEFORE_DUE 2024-04-12T07:00Z main@example.org fr",
      "DUE_DAY 2024-04-15T07:00Z main@example.org fr",
      "AFTER_DUE 2024-04-22T07:00Z main@example.org fr",
      "AFTER_DUE+ 2024-04-29T07:00Z main@example.org fr",
      "AFTER_DUE+ 2024-04-29T07:00Z backup@example.org fr",
      "AFTER_DUE+ 2024-04-29T07:00Z follower@safe.brussels nl",
    ]);
    expect(queued(sent).find((m) => m.kind === "DUE_DAY")!.dueDay).toBe("2024-04-15");
  });

  it("sends nothing to a return once it is submitted, then tells staff when its review waits", () => {
    const submittedAt = atBrussels("2024-03-20", "15:00");
    const sent = simulate(aReturn({ mainContacts: [main] }), start, end, {
      change(now, ret) {
        if (now.getTime() === submittedAt.getTime()) {
          ret.status = "SUBMITTED";
          ret.submittedAt = submittedAt;
        }
      },
    });
    expect(lines(sent)).toEqual([
      "INVITATION 2024-03-01T09:30Z main@example.org fr",
      "BEFORE_DUE 2024-03-17T08:00Z main@example.org fr",
      // Waiting 14 days (to 3 April), nobody took it: the staff member following the partner.
      "REVIEW_WAITING 2024-04-03T07:00Z follower@safe.brussels nl",
    ]);
  });

  it("tells the reviewer who took a waiting return, not the others", () => {
    const ret = aReturn({
      status: "RESUBMITTED",
      submittedAt: atBrussels("2024-03-20", "15:00"),
      assignee: reviewer,
    });
    expect(lines(simulate(ret, start, end))).toEqual([
      "REVIEW_WAITING 2024-04-03T07:00Z reviewer@safe.brussels fr",
    ]);
    const unfollowed = aReturn({
      status: "SUBMITTED",
      submittedAt: atBrussels("2024-03-20", "15:00"),
      follower: null,
    });
    expect(lines(simulate(unfollowed, start, end))).toEqual([
      "REVIEW_WAITING 2024-04-03T07:00Z reviewer@safe.brussels fr",
    ]);
  });

  it("sends nothing to an approved return, nor in a draft or closed campaign", () => {
    expect(simulate(aReturn({ status: "APPROVED" }), start, end)).toEqual([]);
    expect(simulate(aReturn(), start, end, { campaign: { ...campaign, status: "DRAFT" } })).toEqual(
      [],
    );
    expect(
      simulate(aReturn(), start, end, { campaign: { ...campaign, status: "CLOSED" } }),
    ).toEqual([]);
  });

  it("reminds a return sent back and left untouched, after the rule's days", () => {
    const ret = aReturn({
      status: "CHANGES_REQUESTED",
      changesRequestedAt: atBrussels("2024-04-02", "16:00"),
      submittedAt: atBrussels("2024-03-20", "15:00"),
      mainContacts: [main],
    });
    expect(lines(simulate(ret, start, end))).toEqual([
      "CHANGES_UNTOUCHED 2024-04-12T07:00Z main@example.org fr",
    ]);
  });

  it("writes to the backup contacts when the organisation names no main contact", () => {
    const ret = aReturn({ mainContacts: [] });
    const invitation = lines(simulate(ret, start, atBrussels("2024-03-02", "00:00")));
    expect(invitation).toEqual(["INVITATION 2024-03-01T09:30Z backup@example.org fr"]);
  });

  it("catches up for two days after a runner was down, never later", () => {
    const ret = aReturn({ mainContacts: [main] });
    // Past the invitation (already recorded), the runner is down from 15 to 29 March.
    const past: PastDispatch[] = [
      {
        ruleKey: `rule:${ruleId("INVITATION", 0)}:invitation`,
        recipient: main.email,
        day: "2024-03-01",
        status: "QUEUED",
      },
    ];
    // Back on 29 March at 12:00: "3 days before" (28 March) is still due, "14 days" is stale.
    const sent = simulate(
      ret,
      atBrussels("2024-03-29", "12:00"),
      atBrussels("2024-03-30", "00:00"),
      { past },
    );
    expect(lines(sent)).toEqual(["BEFORE_DUE 2024-03-29T11:00Z main@example.org fr"]);
    // Down from 27 March to 1 April noon: the due-day message (31 March) goes out, "3 days
    // before" (28 March) is stale and never sent.
    const late = simulate(
      ret,
      atBrussels("2024-04-01", "12:00"),
      atBrussels("2024-04-02", "00:00"),
      {
        past: [past[0]!],
      },
    );
    expect(lines(late)).toEqual(["DUE_DAY 2024-04-01T10:00Z main@example.org fr"]);
  });

  it("sends one message a day: the most recent rule wins, the other is recorded as skipped", () => {
    const crowded = {
      ...campaign,
      rules: [
        ...rules,
        { id: "extra", kind: "BEFORE_DUE" as const, days: 0, escalate: false, active: true },
      ],
    };
    const sent = simulate(
      aReturn({ mainContacts: [main] }),
      atBrussels("2024-03-31", "00:00"),
      atBrussels("2024-04-01", "00:00"),
      {
        campaign: crowded,
        past: [
          {
            ruleKey: `rule:${ruleId("INVITATION", 0)}:invitation`,
            recipient: main.email,
            day: "2024-03-01",
            status: "QUEUED",
          },
        ],
      },
    );
    expect(sent.map((m) => `${m.kind} ${m.status} ${m.skipReason}`)).toEqual([
      "DUE_DAY QUEUED null",
      "BEFORE_DUE SKIPPED same-day",
    ]);
  });
});

describe("send now", () => {
  const ret = () => aReturn({ mainContacts: [main] });

  it("sends today to the main contacts and restarts the countdown: rules in the next 3 days are skipped", () => {
    // Sent by hand on 26 March: "3 days before" (28 March) is skipped, the due day is not.
    const now = atBrussels("2024-03-26", "14:00");
    const manual = manualMessages(campaign, ret(), [], now);
    expect(manual.map((m) => [m.ruleKey, m.kind, m.recipient, m.status])).toEqual([
      ["manual:2024-03-26", "BEFORE_DUE", main.email, "QUEUED"],
    ]);
    const past: PastDispatch[] = [
      ...manual,
      {
        ruleKey: `rule:${ruleId("INVITATION", 0)}:invitation`,
        recipient: main.email,
        day: "2024-03-01",
        status: "QUEUED",
      },
    ];
    const sent = simulate(ret(), now, atBrussels("2024-04-01", "00:00"), { past });
    expect(sent.map((m) => `${m.kind} ${m.day} ${m.status} ${m.skipReason}`)).toEqual([
      "BEFORE_DUE 2024-03-28 SKIPPED recently-reminded",
      "DUE_DAY 2024-03-31 QUEUED null",
    ]);
  });

  it("never sends twice on the same day, and says the kind that fits where the return stands", () => {
    const dueDay = atBrussels("2024-03-31", "10:00");
    const past: PastDispatch[] = [
      { ruleKey: "rule:x:2024-03-31", recipient: main.email, day: "2024-03-31", status: "QUEUED" },
    ];
    const manual = manualMessages(campaign, ret(), past, dueDay);
    expect(manual.map((m) => [m.kind, m.status, m.skipReason])).toEqual([
      ["DUE_DAY", "SKIPPED", "same-day"],
    ]);
    const late = manualMessages(campaign, ret(), [], atBrussels("2024-04-02", "10:00"));
    expect(late.map((m) => m.kind)).toEqual(["AFTER_DUE"]);
    expect(manualMessages(campaign, aReturn({ status: "SUBMITTED" }), [], dueDay)).toEqual([]);
  });

  it("counts as late only returns still to send past their own due date", () => {
    const april2 = atBrussels("2024-04-02", "10:00");
    expect(isLateReturn(campaign, ret(), april2)).toBe(true);
    expect(isLateReturn(campaign, aReturn({ status: "SUBMITTED" }), april2)).toBe(false);
    const extended = aReturn({ extendedDueAt: atBrussels("2024-04-15", "23:59") });
    expect(isLateReturn(campaign, extended, april2)).toBe(false);
  });
});

describe("the invitation's window", () => {
  const invitations = (sent: Sent[]) => lines(sent).filter((l) => l.startsWith("INVITATION"));

  it("is not sent again by a runner started long after the opening (a demo or a restored copy)", () => {
    const months = simulate(
      aReturn({ createdAt: atBrussels("2024-03-01", "10:30") }),
      atBrussels("2024-06-01", "00:00"),
      atBrussels("2024-06-03", "00:00"),
    );
    expect(invitations(months)).toEqual([]);
  });

  it("is caught up by a runner down for a day after the opening", () => {
    const sent = simulate(
      aReturn({ createdAt: atBrussels("2024-03-01", "10:30") }),
      atBrussels("2024-03-02", "12:00"),
      atBrussels("2024-03-06", "00:00"),
    );
    expect(invitations(sent)).toEqual([
      "INVITATION 2024-03-02T11:00Z main@example.org fr",
      "INVITATION 2024-03-02T11:00Z hoofd@example.org nl",
    ]);
  });

  it("goes to a return generated weeks after the opening as soon as it exists", () => {
    const sent = simulate(
      aReturn({ createdAt: atBrussels("2024-03-20", "15:10") }),
      atBrussels("2024-03-20", "00:00"),
      atBrussels("2024-03-21", "00:00"),
    );
    expect(invitations(sent)).toEqual([
      "INVITATION 2024-03-20T14:15Z main@example.org fr",
      "INVITATION 2024-03-20T14:15Z hoofd@example.org nl",
    ]);
  });
});
