// Campaign dates in Europe/Brussels (returns/deadlines.ts) and what the lifecycle policy
// (returns/status.ts) makes of them: the due date that applies to a return, the end of the
// grace period across the summer-time changes, and the Brussels day of instants near midnight.
import { describe, expect, it } from "vitest";
import {
  acceptsUntil,
  addBrusselsDays,
  atBrussels,
  brusselsDay,
  effectiveDueAt,
  isPastDue,
  isPastGrace,
} from "~/modules/returns/deadlines";
import { deadlineMarker, editRefusal, isLate } from "~/modules/returns/status";

const at = (iso: string) => new Date(iso);

describe("the due date that applies to a return", () => {
  const campaign = { dueAt: at("2026-03-31T21:59:00Z"), graceDays: null };

  it("is its extension's when it has one, else the campaign's", () => {
    expect(effectiveDueAt({ extendedDueAt: null }, campaign)).toEqual(campaign.dueAt);
    const extended = atBrussels("2026-04-15", "23:59");
    expect(effectiveDueAt({ extendedDueAt: extended }, campaign)).toEqual(extended);
  });

  it("never moves earlier: a campaign date moved past an extension wins", () => {
    const extended = atBrussels("2026-04-15", "23:59");
    const later = { dueAt: atBrussels("2026-04-30", "23:59"), graceDays: null };
    expect(effectiveDueAt({ extendedDueAt: extended }, later)).toEqual(later.dueAt);
  });

  it("makes a return late only after it", () => {
    const extendedDueAt = atBrussels("2026-04-15", "23:59");
    const april10 = at("2026-04-10T10:00:00Z");
    expect(isPastDue({ extendedDueAt: null }, campaign, april10)).toBe(true);
    expect(isPastDue({ extendedDueAt }, campaign, april10)).toBe(false);
    const policyCampaign = { status: "OPEN" as const, ...campaign };
    expect(isLate({ status: "IN_PROGRESS" }, policyCampaign, april10)).toBe(true);
    expect(isLate({ status: "IN_PROGRESS", extendedDueAt }, policyCampaign, april10)).toBe(false);
    expect(
      isLate({ status: "IN_PROGRESS", extendedDueAt }, policyCampaign, at("2026-04-16T08:00:00Z")),
    ).toBe(true);
  });
});

describe("the grace period", () => {
  it("ends at 23:59 Brussels n days after the due day, across the last Sunday of March", () => {
    // Due Friday 27 March 2026 (winter time, UTC+1); summer time starts Sunday 29 March.
    const campaign = { dueAt: atBrussels("2026-03-27", "23:59"), graceDays: 3 };
    expect(campaign.dueAt.toISOString()).toBe("2026-03-27T22:59:00.000Z");
    const until = acceptsUntil({ extendedDueAt: null }, campaign)!;
    // Monday 30 March, 23:59 summer time (UTC+2).
    expect(until.toISOString()).toBe("2026-03-30T21:59:00.000Z");
    expect(isPastGrace({ extendedDueAt: null }, campaign, at("2026-03-30T21:58:00Z"))).toBe(false);
    expect(isPastGrace({ extendedDueAt: null }, campaign, at("2026-03-30T22:00:00Z"))).toBe(true);
  });

  it("ends at 23:59 Brussels across the last Sunday of October", () => {
    // Due Friday 23 October 2026 (summer time); winter time starts Sunday 25 October.
    const campaign = { dueAt: atBrussels("2026-10-23", "23:59"), graceDays: 3 };
    expect(campaign.dueAt.toISOString()).toBe("2026-10-23T21:59:00.000Z");
    expect(acceptsUntil({ extendedDueAt: null }, campaign)!.toISOString()).toBe(
      "2026-10-26T22:59:00.000Z",
    );
    // Counted from the extension when there is one.
    const extendedDueAt = atBrussels("2026-10-24", "23:59");
    expect(acceptsUntil({ extendedDueAt }, campaign)!.toISOString()).toBe(
      "2026-10-27T22:59:00.000Z",
    );
  });

  it("none (null): accepted until the campaign closes; zero: until the due date", () => {
    const dueAt = atBrussels("2026-03-31", "23:59");
    const muchLater = at("2027-01-01T00:00:00Z");
    expect(acceptsUntil({ extendedDueAt: null }, { dueAt, graceDays: null })).toBeNull();
    expect(isPastGrace({ extendedDueAt: null }, { dueAt, graceDays: null }, muchLater)).toBe(false);
    expect(acceptsUntil({ extendedDueAt: null }, { dueAt, graceDays: 0 })).toEqual(dueAt);
    expect(
      isPastGrace({ extendedDueAt: null }, { dueAt, graceDays: 0 }, at("2026-03-31T22:00:00Z")),
    ).toBe(true);
  });

  it("past it, a never-sent return is read-only; one handed back by a reviewer is not", () => {
    const campaign = { status: "OPEN" as const, dueAt: atBrussels("2026-03-31", "23:59") };
    const withGrace = { ...campaign, graceDays: 5 };
    const inGrace = at("2026-04-03T10:00:00Z");
    const afterGrace = at("2026-04-06T10:00:00Z");
    expect(editRefusal({ status: "IN_PROGRESS" }, withGrace, inGrace)).toBeNull();
    expect(deadlineMarker({ status: "IN_PROGRESS" }, withGrace, inGrace)).toBe("late");
    expect(editRefusal({ status: "IN_PROGRESS" }, withGrace, afterGrace)).toBe("past-grace");
    expect(editRefusal({ status: "NOT_STARTED" }, withGrace, afterGrace)).toBe("past-grace");
    expect(deadlineMarker({ status: "NOT_STARTED" }, withGrace, afterGrace)).toBe("past-grace");
    expect(isLate({ status: "IN_PROGRESS" }, withGrace, afterGrace)).toBe(false);
    expect(editRefusal({ status: "CHANGES_REQUESTED" }, withGrace, afterGrace)).toBeNull();
    expect(editRefusal({ status: "REOPENED" }, withGrace, afterGrace)).toBeNull();
    // An extension moves the grace period with it.
    const extendedDueAt = atBrussels("2026-04-10", "23:59");
    expect(editRefusal({ status: "IN_PROGRESS", extendedDueAt }, withGrace, afterGrace)).toBeNull();
    // Without a grace period, only closing ends it; closed says so first.
    const noGrace = { ...campaign, graceDays: null };
    expect(editRefusal({ status: "IN_PROGRESS" }, noGrace, at("2026-12-01T00:00:00Z"))).toBeNull();
    expect(
      editRefusal({ status: "IN_PROGRESS" }, { ...withGrace, status: "CLOSED" }, afterGrace),
    ).toBe("closed");
  });
});

describe("Brussels days", () => {
  it("of instants near midnight UTC, winter and summer", () => {
    expect(brusselsDay(at("2026-01-15T22:59:59Z"))).toBe("2026-01-15");
    expect(brusselsDay(at("2026-01-15T23:00:00Z"))).toBe("2026-01-16");
    expect(brusselsDay(at("2026-07-15T21:59:59Z"))).toBe("2026-07-15");
    expect(brusselsDay(at("2026-07-15T22:00:00Z"))).toBe("2026-07-16");
    expect(brusselsDay(at("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });

  it("added across the changes keep the wall-clock time", () => {
    expect(addBrusselsDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addBrusselsDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addBrusselsDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(atBrussels("2026-03-28", "09:00").toISOString()).toBe("2026-03-28T08:00:00.000Z");
    expect(atBrussels("2026-03-30", "09:00").toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });
});
