// The lifecycle policy of a return (app/modules/returns/status.ts), state by state, move by
// move, role by role. The expectations are written out here, not derived from the policy.
import { describe, expect, it } from "vitest";
import type { Role } from "~/modules/auth/permissions";
import {
  canReview,
  canSubmit,
  deadlineMarker,
  editRefusal,
  isEditable,
  isInProgress,
  isLate,
  isSubmitted,
  RETURN_EVENTS,
  reviewsReturns,
  RETURN_STATES,
  returnState,
  SENT_STATES,
  stateAfterPartnerEdit,
  transition,
  type CampaignState,
  type ReturnEvent,
  type ReturnState,
} from "~/modules/returns/status";

const ROLES: Role[] = ["PARTNER_MEMBER", "STAFF_REVIEWER", "STAFF_ADMIN"];
const CAMPAIGNS: CampaignState[] = ["DRAFT", "OPEN", "CLOSED"];

// Every allowed move: event, from, to.
const MOVES: [ReturnEvent, ReturnState, ReturnState][] = [
  ["start", "NOT_STARTED", "IN_PROGRESS"],
  ["submit", "NOT_STARTED", "SUBMITTED"],
  ["submit", "IN_PROGRESS", "SUBMITTED"],
  ["submit", "CHANGES_REQUESTED", "RESUBMITTED"],
  ["submit", "REOPENED", "RESUBMITTED"],
  ["requestChanges", "SUBMITTED", "CHANGES_REQUESTED"],
  ["requestChanges", "RESUBMITTED", "CHANGES_REQUESTED"],
  ["approve", "SUBMITTED", "APPROVED"],
  ["approve", "RESUBMITTED", "APPROVED"],
  ["reopen", "APPROVED", "REOPENED"],
];
const WHO: Record<ReturnEvent, Role[]> = {
  start: ["PARTNER_MEMBER"],
  submit: ["PARTNER_MEMBER"],
  requestChanges: ["STAFF_REVIEWER", "STAFF_ADMIN"],
  approve: ["STAFF_REVIEWER", "STAFF_ADMIN"],
  reopen: ["STAFF_ADMIN"],
};
// Moves that may still be made once the campaign no longer takes answers.
const ANY_CAMPAIGN: ReturnEvent[] = ["approve"];

function expected(from: ReturnState, event: ReturnEvent, role: Role, campaign: CampaignState) {
  if (!WHO[event].includes(role)) return { ok: false, refusal: "forbidden" };
  const move = MOVES.find(([e, f]) => e === event && f === from);
  if (!move) return { ok: false, refusal: "wrong-state" };
  if (campaign !== "OPEN" && !ANY_CAMPAIGN.includes(event)) return { ok: false, refusal: "closed" };
  return { ok: true, to: move[2] };
}

describe("return lifecycle policy", () => {
  it("knows exactly the seven states and five events", () => {
    expect(RETURN_STATES).toEqual([
      "NOT_STARTED",
      "IN_PROGRESS",
      "SUBMITTED",
      "CHANGES_REQUESTED",
      "RESUBMITTED",
      "APPROVED",
      "REOPENED",
    ]);
    expect(RETURN_EVENTS).toEqual(["start", "submit", "requestChanges", "approve", "reopen"]);
  });

  const cases = RETURN_STATES.flatMap((from) =>
    RETURN_EVENTS.flatMap((event) =>
      ROLES.flatMap((role) => CAMPAIGNS.map((campaign) => ({ from, event, role, campaign }))),
    ),
  );
  it.each(cases)("$event from $from by $role, campaign $campaign", (c) => {
    expect(transition(c.from, c.event, c.role, c.campaign)).toEqual(
      expected(c.from, c.event, c.role, c.campaign),
    );
  });

  it("allows a move when any of the person's roles may make it", () => {
    expect(
      transition("SUBMITTED", "approve", ["PARTNER_MEMBER", "STAFF_REVIEWER"], "OPEN"),
    ).toEqual({ ok: true, to: "APPROVED" });
    expect(transition("APPROVED", "reopen", ["STAFF_REVIEWER"], "OPEN")).toEqual({
      ok: false,
      refusal: "forbidden",
    });
    expect(transition("APPROVED", "reopen", [], "OPEN")).toEqual({
      ok: false,
      refusal: "forbidden",
    });
  });

  // What each state means for the partner, with the campaign open.
  const facts: [ReturnState, { edit: string | null; sent: boolean; inProgress: boolean }][] = [
    ["NOT_STARTED", { edit: null, sent: false, inProgress: false }],
    ["IN_PROGRESS", { edit: null, sent: false, inProgress: true }],
    ["SUBMITTED", { edit: "submitted", sent: true, inProgress: false }],
    ["CHANGES_REQUESTED", { edit: null, sent: false, inProgress: true }],
    ["RESUBMITTED", { edit: "submitted", sent: true, inProgress: false }],
    ["APPROVED", { edit: "approved", sent: true, inProgress: false }],
    ["REOPENED", { edit: null, sent: false, inProgress: true }],
  ];
  it.each(facts)("%s: editable, sent, in progress", (status, fact) => {
    const open = { status: "OPEN" as const, dueAt: new Date("2099-01-01"), graceDays: null };
    expect(editRefusal({ status }, open)).toBe(fact.edit);
    expect(isEditable({ status }, open)).toBe(fact.edit === null);
    expect(isSubmitted({ status })).toBe(fact.sent);
    expect(isInProgress({ status })).toBe(fact.inProgress);
    expect(SENT_STATES.includes(status)).toBe(fact.sent);
    // A closed or draft campaign takes no answers, whatever the state; a sent return says so first.
    for (const campaign of ["CLOSED", "DRAFT"] as const) {
      expect(
        editRefusal(
          { status },
          { status: campaign, dueAt: new Date("2099-01-01"), graceDays: null },
        ),
      ).toBe(fact.edit ?? "closed");
    }
  });

  it("starts a return on the partner's first write only", () => {
    expect(RETURN_STATES.map((s) => [s, stateAfterPartnerEdit(s)])).toEqual([
      ["NOT_STARTED", "IN_PROGRESS"],
      ["IN_PROGRESS", null],
      ["SUBMITTED", null],
      ["CHANGES_REQUESTED", null],
      ["RESUBMITTED", null],
      ["APPROVED", null],
      ["REOPENED", null],
    ]);
  });

  it("says who may submit and review, and when", () => {
    const open = { status: "OPEN" as const, dueAt: new Date("2099-01-01"), graceDays: null };
    const closed = { status: "CLOSED" as const, dueAt: new Date("2099-01-01"), graceDays: null };
    expect(RETURN_STATES.filter((status) => canSubmit({ status }, open))).toEqual([
      "NOT_STARTED",
      "IN_PROGRESS",
      "CHANGES_REQUESTED",
      "REOPENED",
    ]);
    expect(RETURN_STATES.filter((status) => canSubmit({ status }, closed))).toEqual([]);
    for (const campaign of [open, closed]) {
      expect(
        RETURN_STATES.filter((status) => canReview({ status }, campaign, "STAFF_REVIEWER")),
      ).toEqual(["SUBMITTED", "RESUBMITTED"]);
      expect(
        RETURN_STATES.filter((status) => canReview({ status }, campaign, "PARTNER_MEMBER")),
      ).toEqual([]);
    }
    // Who reviews at all: reviewers and administrators, whatever else they are.
    expect(reviewsReturns("STAFF_REVIEWER")).toBe(true);
    expect(reviewsReturns(["PARTNER_MEMBER", "STAFF_ADMIN"])).toBe(true);
    expect(reviewsReturns("PARTNER_MEMBER")).toBe(false);
    expect(reviewsReturns([])).toBe(false);
  });

  it("marks late and closed returns only while the partner has them", () => {
    const dueAt = new Date("2026-03-31T21:59:59Z");
    const after = new Date("2026-04-02T00:00:00Z");
    const marks = (campaign: CampaignState) =>
      RETURN_STATES.map((status) =>
        deadlineMarker({ status }, { status: campaign, dueAt, graceDays: null }, after),
      );
    expect(marks("OPEN")).toEqual(["late", "late", null, "late", null, null, "late"]);
    expect(marks("CLOSED")).toEqual(["closed", "closed", null, "closed", null, null, "closed"]);
    expect(isLate({ status: "REOPENED" }, { status: "OPEN", dueAt, graceDays: null }, after)).toBe(
      true,
    );
    expect(isLate({ status: "REOPENED" }, { status: "OPEN", dueAt, graceDays: null }, dueAt)).toBe(
      false,
    );
  });

  it("reads a status from raw SQL and refuses an unknown one", () => {
    expect(returnState("REOPENED")).toBe("REOPENED");
    expect(() => returnState("DELETED")).toThrow(/Unknown return status/);
    expect(() => returnState("constructor")).toThrow(/Unknown return status/);
  });
});
