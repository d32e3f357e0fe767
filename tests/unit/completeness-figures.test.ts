// The completeness dashboard's arithmetic (app/modules/completeness/figures.ts): buckets,
// received / on time / approved, rates rounded half up to a tenth, shares summing to 100.0.
import { describe, expect, it } from "vitest";
import {
  bucketOf,
  figuresOf,
  formatPercent,
  groupedFigures,
  percentOf,
  sharesOf,
} from "~/modules/completeness/figures";

describe("bucketOf", () => {
  it.each([
    ["NOT_STARTED", null, "notStarted"],
    ["IN_PROGRESS", null, "inProgress"],
    // Reopened after approval: the partner is changing it again.
    ["REOPENED", "ON_TIME", "inProgress"],
    ["SUBMITTED", "ON_TIME", "submittedOnTime"],
    ["SUBMITTED", "LATE", "submittedLate"],
    ["RESUBMITTED", "LATE", "submittedLate"],
    ["RESUBMITTED", "ON_TIME", "submittedOnTime"],
    ["CHANGES_REQUESTED", "LATE", "changesRequested"],
    ["APPROVED", "LATE", "approved"],
  ] as const)("%s sent %s is %s", (status, timing, bucket) => {
    expect(bucketOf(status, timing)).toBe(bucket);
  });
});

describe("figuresOf", () => {
  it("puts every return in one bucket, and counts received, on time and approved", () => {
    const figures = figuresOf([
      { status: "NOT_STARTED", timing: null, count: 3 },
      { status: "IN_PROGRESS", timing: null, count: 2 },
      { status: "REOPENED", timing: "LATE", count: 1 },
      { status: "SUBMITTED", timing: "ON_TIME", count: 4 },
      { status: "SUBMITTED", timing: "LATE", count: 1 },
      { status: "RESUBMITTED", timing: "ON_TIME", count: 1 },
      { status: "CHANGES_REQUESTED", timing: "ON_TIME", count: 2 },
      { status: "APPROVED", timing: "ON_TIME", count: 5 },
      { status: "APPROVED", timing: "LATE", count: 1 },
    ]);
    expect(figures.expected).toBe(20);
    expect(figures.buckets).toEqual({
      notStarted: 3,
      inProgress: 3,
      submittedOnTime: 5,
      submittedLate: 1,
      changesRequested: 2,
      approved: 6,
    });
    expect(Object.values(figures.buckets).reduce((a, b) => a + b)).toBe(figures.expected);
    // Ever sent: everything but the 5 never sent (the reopened one was sent).
    expect(figures.received).toBe(15);
    expect(figures.receivedOnTime).toBe(12);
    expect(figures.receivedLate).toBe(3);
    expect(figures.approved).toBe(6);
    expect(figures.rates).toEqual({
      received: { count: 15, of: 20, percent: 75 },
      onTime: { count: 12, of: 20, percent: 60 },
      approved: { count: 6, of: 20, percent: 30 },
    });
    expect(figures.shares).toEqual({
      notStarted: 15,
      inProgress: 15,
      submittedOnTime: 25,
      submittedLate: 5,
      changesRequested: 10,
      approved: 30,
    });
  });

  it("counts a sent return without a recorded timing as received on time", () => {
    const figures = figuresOf([{ status: "SUBMITTED", timing: null, count: 1 }]);
    expect(figures.received).toBe(1);
    expect(figures.receivedOnTime).toBe(1);
    expect(figures.buckets.submittedOnTime).toBe(1);
  });

  it("has no rate and no share when nothing is expected", () => {
    const figures = figuresOf([]);
    expect(figures.expected).toBe(0);
    expect(figures.rates.received).toEqual({ count: 0, of: 0, percent: null });
    expect(figures.shares.approved).toBeNull();
  });
});

describe("percentOf", () => {
  it.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    // Half up, in integers: 1/8 is 12.5, 1/16 is 6.25 → 6.3, 1/40 is 2.5.
    [1, 8, 12.5],
    [1, 16, 6.3],
    [1, 40, 2.5],
    [1, 2000, 0.1],
    [1, 2001, 0],
    [7, 7, 100],
    [0, 5, 0],
  ])("%i of %i is %f %%", (count, of, percent) => {
    expect(percentOf(count, of)).toBe(percent);
  });

  it("is null when there is nothing to divide by", () => {
    expect(percentOf(0, 0)).toBeNull();
  });
});

describe("sharesOf", () => {
  it("adds up to exactly 100.0 where rounding one by one would not", () => {
    // Thirds: 33.3 three times is 99.9; the largest remainder gets the missing tenth.
    const thirds = sharesOf({ a: 1, b: 1, c: 1 });
    expect(Object.values(thirds).reduce((s, n) => s! + n!, 0)).toBeCloseTo(100, 10);
    expect(thirds).toEqual({ a: 33.4, b: 33.3, c: 33.3 });
    // Six buckets of a 7: rounded one by one they add to 100.1.
    const sevenths = sharesOf({ a: 1, b: 1, c: 1, d: 1, e: 1, f: 2 });
    expect(Object.values(sevenths).reduce((s, n) => s! + n!, 0)).toBeCloseTo(100, 10);
    expect(sevenths).toEqual({ a: 14.3, b: 14.3, c: 14.3, d: 14.3, e: 14.3, f: 28.5 });
    expect(sharesOf({ a: 0, b: 4 })).toEqual({ a: 0, b: 100 });
  });
});

describe("groupedFigures", () => {
  it("gives each group present its figures, in the given order", () => {
    const groups = groupedFigures(
      [
        { group: "LISA", status: "APPROVED", timing: "ON_TIME", count: 2 },
        { group: "FSE", status: "NOT_STARTED", timing: null, count: 1 },
        { group: "LISA", status: "NOT_STARTED", timing: null, count: 2 },
      ],
      ["FSE", "PBPP", "LISA"] as const,
    );
    expect(groups.map((g) => g.group)).toEqual(["FSE", "LISA"]);
    expect(groups[1]!.figures.rates.approved).toEqual({ count: 2, of: 4, percent: 50 });
  });
});

describe("formatPercent", () => {
  it("writes percentages as Belgian French and Dutch do, a dash for none", () => {
    expect(formatPercent(66.7, "fr")).toMatch(/^66,7\s%$/u);
    expect(formatPercent(66.7, "nl")).toBe("66,7%");
    expect(formatPercent(100, "fr")).toMatch(/^100,0\s%$/u);
    expect(formatPercent(null, "nl")).toBe("–");
  });
});
